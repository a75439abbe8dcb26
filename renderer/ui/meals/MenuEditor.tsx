import { useTranslation } from 'react-i18next';
import { emptyDishDraft, type DishDraft } from '../../../shared/rules/meals';
import { DishFields } from './DishFields';
import { Actions } from '../kit/Actions';

/** The meal's menu being edited: a group of fields per dish, a dish more, save or cancel. */
export function MenuEditor({
  drafts,
  onChange,
  onSave,
  onCancel,
}: {
  drafts: DishDraft[];
  onChange(drafts: DishDraft[]): void;
  onSave(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <form
      aria-label={t('meals.editMenu')}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <p className="hint">{t('meals.allergensHint')}</p>
      {drafts.map((d, i) => (
        <DishFields
          key={i}
          number={i + 1}
          draft={d}
          onChange={(draft) => onChange(drafts.map((x, j) => (j === i ? draft : x)))}
          onRemove={() => onChange(drafts.filter((_, j) => j !== i))}
        />
      ))}
      <Actions main={t('meals.saveMenu')} onCancel={onCancel}>
        <button type="button" onClick={() => onChange([...drafts, emptyDishDraft()])}>
          {t('meals.addDish')}
        </button>
      </Actions>
    </form>
  );
}
