import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { checkManagerSecret } from '../../../shared/validation/secrets';
import { loadRules } from '../../data/rules';
import { setFirstPassword, StaffChangeRefused } from '../../data/staff';
import { Field, fieldAria } from '../kit/Field';
import { PinInput } from '../kit/PinInput';
import { useDesk } from './DeskContext';

/**
 * A manager from before managers' passwords, whose PIN was just right: chooses the password that
 * from now on logs them in on every desk of the centre and signs staff changes.
 */
export function ChoosePassword({
  staff,
  pin,
  onLoggedIn,
}: {
  staff: StaffDoc;
  pin: string;
  onLoggedIn(staff: StaffDoc): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{ field: 'password' | 'again'; text: string } | null>(
    null,
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const secretProblem = checkManagerSecret(password);
    if (secretProblem)
      return setProblem({ field: 'password', text: t(`problem.${secretProblem}`) });
    if (password !== again) return setProblem({ field: 'again', text: t('problem.pinMismatch') });
    try {
      const result = await setFirstPassword(desk, staff.id, pin, password, await loadRules(desk));
      if (result.kind === 'ok') onLoggedIn(result.staff);
      else setProblem({ field: 'password', text: t('lock.unknown') });
    } catch (e) {
      if (!(e instanceof StaffChangeRefused)) throw e;
      setProblem({
        field: 'password',
        text: t(e.problem === 'askManager' ? 'problem.askManager' : 'problem.managerSecretFormat'),
      });
    }
  }

  const errorOf = (field: 'password' | 'again') => (problem?.field === field ? problem.text : null);
  return (
    <form className="lock setup" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('lock.choosePasswordTitle')}</h2>
      <p className="hint">{t('lock.choosePasswordHelp')}</p>
      <Field id="new-password" label={t('lock.managerPassword')} error={errorOf('password')}>
        <PinInput
          id="new-password"
          password
          value={password}
          onChange={setPassword}
          {...fieldAria('new-password', errorOf('password'))}
        />
      </Field>
      <Field id="new-password-again" label={t('lock.pinAgain')} error={errorOf('again')}>
        <PinInput
          id="new-password-again"
          password
          value={again}
          onChange={setAgain}
          {...fieldAria('new-password-again', errorOf('again'))}
        />
      </Field>
      <button type="submit" className="primary big">
        {t('lock.choosePasswordSave')}
      </button>
    </form>
  );
}
