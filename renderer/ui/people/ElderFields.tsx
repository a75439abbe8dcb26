import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ABILITY_LEVELS, ELDER_CATEGORIES } from '../../../shared/schemas/members';
import { enterEndsItem } from '../kit/entryKeys';
import { Options, SelectField } from '../kit/Field';
import { Choices } from './Choices';
import type { FormValues } from './registerForm';
import { TextField } from './TextField';

/** What only an elder's registration asks: subsidy categories, ability level, conditions. */
export function ElderFields() {
  const { t } = useTranslation();
  const { register } = useFormContext<FormValues>();
  return (
    <>
      <Choices
        legend={t('register.categories')}
        path="categories"
        options={ELDER_CATEGORIES}
        label={(c) => t(`category.${c}`)}
      />
      <SelectField
        id="abilityLevel"
        label={t('register.abilityLevel')}
        {...register('abilityLevel')}
      >
        <Options options={ABILITY_LEVELS} label={(a) => t(`ability.${a}`)} none="—" />
      </SelectField>
      <TextField
        path="chronicConditions"
        label={t('register.chronicConditions')}
        onKeyDown={enterEndsItem}
      />
    </>
  );
}
