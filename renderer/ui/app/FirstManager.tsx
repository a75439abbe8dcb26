import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { checkManagerSecret } from '../../../shared/validation/secrets';
import { MOST_CENTRE_NAME_CHARS, nameCentre } from '../../data/desk';
import { addStaff, login } from '../../data/staff';
import { InputField } from '../kit/Field';
import { PinField } from '../kit/PinInput';
import { useDesk } from './DeskContext';

/**
 * The first start: the centre's name (printed on member cards until enrolment gives the
 * district's), then the manager's name and a manager's password (which makes the manager's
 * signing key, renderer/data/staff.ts), and the manager is logged in.
 */
export function FirstManager({ onLoggedIn }: { onLoggedIn(staff: StaffDoc): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [centre, setCentre] = useState('');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{
    field: 'centre' | 'name' | 'pin' | 'again';
    text: string;
  } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!centre.trim()) return setProblem({ field: 'centre', text: t('problem.required') });
    if ([...centre.trim()].length > MOST_CENTRE_NAME_CHARS)
      return setProblem({
        field: 'centre',
        text: t('lock.centreNameTooLong', { max: MOST_CENTRE_NAME_CHARS }),
      });
    if (!name.trim()) return setProblem({ field: 'name', text: t('problem.required') });
    const pinProblem = checkManagerSecret(pin);
    if (pinProblem) return setProblem({ field: 'pin', text: t(`problem.${pinProblem}`) });
    if (pin !== again) return setProblem({ field: 'again', text: t('problem.pinMismatch') });
    const manager = await addStaff(desk, { name, role: 'manager', pin });
    const result = await login(desk, manager.id, pin);
    if (result.kind !== 'ok') return;
    await nameCentre(desk, centre);
    onLoggedIn(result.staff);
  }

  const errorOf = (field: 'centre' | 'name' | 'pin' | 'again') =>
    problem?.field === field ? problem.text : null;
  return (
    <form className="lock setup" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('lock.setupTitle')}</h2>
      <p className="hint">{t('lock.setupHelp')}</p>
      <InputField
        id="centre-name"
        label={t('lock.centreName')}
        hint={t('lock.centreNameHint')}
        error={errorOf('centre')}
        value={centre}
        onChange={(e) => setCentre(e.target.value)}
      />
      <InputField
        id="manager-name"
        label={t('lock.managerName')}
        error={errorOf('name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <PinField
        id="manager-pin"
        label={t('lock.managerPassword')}
        password
        error={errorOf('pin')}
        value={pin}
        onChange={setPin}
      />
      <PinField
        id="manager-pin-again"
        label={t('lock.pinAgain')}
        password
        error={errorOf('again')}
        value={again}
        onChange={setAgain}
      />
      <button type="submit" className="primary big">
        {t('lock.setupSave')}
      </button>
    </form>
  );
}
