import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SCOPES_FOR } from '../../../shared/rules/consent';
import { useProblemAt, type FormValues } from './registerForm';
import { CheckBox } from '../../../shared/ui/LabelledInput';
import { TextField } from './TextField';

/**
 * The consents signed at registration, one box per purpose (PIPL: each purpose is asked
 * separately), and who signed: the person, or for a child their guardian. What a purpose covers
 * is refused on its own field until its box is ticked (shared/rules/consent.ts).
 */
export function ConsentFields() {
  const { t } = useTranslation();
  const { register, watch } = useFormContext<FormValues>();
  const problemAt = useProblemAt();
  const kind = watch('kind');
  const childData = problemAt('consentScopes.childData');
  return (
    <fieldset className="field consents" aria-describedby="consent-help">
      <legend>{t('register.consent')}</legend>
      <p className="help" id="consent-help">
        {t(kind === 'child' ? 'register.consentHelpChild' : 'register.consentHelpElder')}
      </p>
      {SCOPES_FOR[kind].map((scope) => (
        <CheckBox
          key={scope}
          label={t(`consentScope.${scope}`)}
          value={scope}
          aria-invalid={scope === 'childData' && childData ? true : undefined}
          {...register('consentScopes')}
        />
      ))}
      {childData && (
        <span className="field-error" role="alert">
          {childData}
        </span>
      )}
      <TextField
        path="consentBy"
        label={t(kind === 'child' ? 'register.consentByGuardian' : 'register.consentBy')}
        inline
      />
      <TextField
        path="consentRelation"
        label={t('register.consentRelation')}
        placeholder={t(
          kind === 'child' ? 'register.consentRelationHintChild' : 'register.consentRelationHint',
        )}
        inline
      />
    </fieldset>
  );
}
