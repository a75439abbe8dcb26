import { useState } from 'react';
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
  // Once a dish is added (by the button or by Enter), the cursor goes to the new dish's name.
  const [added, setAdded] = useState(false);
  const addDish = () => {
    onChange([...drafts, emptyDishDraft()]);
    setAdded(true);
  };
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
          onAdd={addDish}
          focusName={added && i === drafts.length - 1}
        />
      ))}
      <Actions main={t('meals.saveMenu')} onCancel={onCancel}>
        <button type="button" onClick={addDish}>
          {t('meals.addDish')}
        </button>
      </Actions>
    </form>
  );
}
