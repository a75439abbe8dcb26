import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FormValues } from './registerForm';
import { TextField } from './TextField';
import { CheckBox } from '../../../shared/ui/LabelledInput';

/** The consent signed at registration: that it was given, by whom, their relation. */
export function ConsentFields() {
  const { t } = useTranslation();
  const { register, watch } = useFormContext<FormValues>();
  const kind = watch('kind');
  const given = watch('consentGiven');
  return (
    <fieldset className="field">
      <legend>{t('register.consent')}</legend>
      <CheckBox
        label={t(kind === 'child' ? 'register.consentChild' : 'register.consentElder')}
        {...register('consentGiven')}
      />
      {given && (
        <>
          <TextField path="consentBy" label={t('register.consentBy')} inline />
          <TextField
            path="consentRelation"
            label={t('register.consentRelation')}
            placeholder={t('register.consentRelationHint')}
            inline
          />
        </>
      )}
    </fieldset>
  );
}
