import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DIETS } from '../../../shared/schemas/members';
import { checkIdCard } from '../../../shared/validation/idcard';
import { useProblemAt, type FormValues } from './registerForm';
import { TextField } from './TextField';

/** Who the person is, the same for elders and children: name, ID, gender, birth, phone, diet. */
export function PersonFields() {
  const { t } = useTranslation();
  const { register, getValues, setValue } = useFormContext<FormValues>();
  const problemAt = useProblemAt();
  const genderProblem = problemAt('gender');

  /** Typing a valid ID number fills in what it already says. */
  function fillFromIdNumber() {
    const id = checkIdCard(getValues('idNumber'));
    if (!id.ok) return;
    if (!getValues('birthDate')) setValue('birthDate', id.birthDate);
    if (!getValues('gender')) setValue('gender', id.gender);
  }

  return (
    <div>
      <TextField path="name" label={t('register.name')} autoFocus />
      <TextField
        path="idNumber"
        label={t('register.idNumber')}
        hint={t('register.idFills')}
        inputMode="text"
        maxLength={18}
        onBlur={fillFromIdNumber}
      />
      <fieldset className="field" aria-invalid={!!genderProblem}>
        <legend>{t('register.gender')}</legend>
        <label className="choice">
          <input type="radio" value="M" {...register('gender')} /> {t('gender.M')}
        </label>
        <label className="choice">
          <input type="radio" value="F" {...register('gender')} /> {t('gender.F')}
        </label>
        {genderProblem && (
          <span className="field-error" role="alert">
            {genderProblem}
          </span>
        )}
      </fieldset>
      <TextField path="birthDate" label={t('register.birthDate')} type="date" />
      <TextField path="phone" label={t('register.phone')} type="tel" inputMode="tel" />
      <TextField
        path="allergies"
        label={t('register.allergies')}
        placeholder={t('register.allergiesHint')}
      />
      <fieldset className="field">
        <legend>{t('register.diets')}</legend>
        {DIETS.map((d) => (
          <label className="check" key={d}>
            <input type="checkbox" value={d} {...register('diets')} /> {t(`diet.${d}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
