import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ABILITY_LEVELS, ELDER_CATEGORIES } from '../../../shared/schemas/members';
import { Field } from '../kit/Field';
import type { FormValues } from './registerForm';
import { TextField } from './TextField';

/** What only an elder's registration asks: subsidy categories, ability level, conditions. */
export function ElderFields() {
  const { t } = useTranslation();
  const { register } = useFormContext<FormValues>();
  return (
    <>
      <fieldset className="field">
        <legend>{t('register.categories')}</legend>
        {ELDER_CATEGORIES.map((c) => (
          <label className="check" key={c}>
            <input type="checkbox" value={c} {...register('categories')} /> {t(`category.${c}`)}
          </label>
        ))}
      </fieldset>
      <Field id="abilityLevel" label={t('register.abilityLevel')}>
        <select id="abilityLevel" {...register('abilityLevel')}>
          <option value="">—</option>
          {ABILITY_LEVELS.map((a) => (
            <option key={a} value={a}>
              {t(`ability.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <TextField path="chronicConditions" label={t('register.chronicConditions')} />
    </>
  );
}
