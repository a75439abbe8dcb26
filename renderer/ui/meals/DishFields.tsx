import { useTranslation } from 'react-i18next';
import type { DishDraft } from '../../../shared/rules/meals';
import { DIETS } from '../../../shared/schemas/members';
import { CheckGroup } from '../kit/Choices';
import { enterAddsRow } from '../kit/entryKeys';
import { LabelledInput } from '../../../shared/ui/LabelledInput';

/**
 * One dish of the menu being edited: its name, its allergens as typed, the diets it suits. Enter
 * in it goes on to the next dish, or adds one after the last (`onAdd`); it never saves the menu.
 */
export function DishFields({
  number,
  draft,
  onChange,
  onRemove,
  onAdd,
  focusName = false,
}: {
  /** The dish's place on the menu, from 1: it names the group ("菜名 2"). */
  number: number;
  draft: DishDraft;
  onChange(draft: DishDraft): void;
  onRemove(): void;
  onAdd(): void;
  /** A dish just added: the cursor starts in its name. */
  focusName?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      className="dish-edit"
      aria-label={`${t('meals.dishName')} ${number}`}
      onKeyDown={enterAddsRow(onAdd)}
    >
      <LabelledInput
        label={t('meals.dishName')}
        autoFocus={focusName}
        value={draft.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
      />
      <LabelledInput
        label={t('meals.allergens')}
        value={draft.allergens}
        onChange={(e) => onChange({ ...draft, allergens: e.target.value })}
      />
      <span className="suits">
        {t('meals.suits')}
        <CheckGroup
          options={DIETS}
          chosen={draft.suits}
          onChange={(suits) => onChange({ ...draft, suits })}
          label={(diet) => t(`diet.${diet}`)}
        />
      </span>
      <button type="button" onClick={onRemove}>
        {t('meals.removeDish')}
      </button>
    </fieldset>
  );
}
