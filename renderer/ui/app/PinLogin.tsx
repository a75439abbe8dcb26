import { format } from 'date-fns';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { loadRules } from '../../data/rules';
import { login } from '../../data/staff';
import { PinInput } from '../kit/PinInput';
import { ChoosePassword } from './ChoosePassword';
import { useDesk } from './DeskContext';
import { NoticeLine } from '../kit/Notice';

/**
 * Each person picks their name and types their PIN (a manager: the manager's password); too many
 * wrong tries lock it a while. A PIN works only on the desk where a manager set it.
 */
export function PinLogin({
  staff,
  onLoggedIn,
}: {
  staff: StaffDoc[];
  onLoggedIn(staff: StaffDoc): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [who, setWho] = useState<StaffDoc | null>(staff.length === 1 ? staff[0]! : null);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [choosing, setChoosing] = useState<{ staff: StaffDoc; pin: string } | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (who) pinInput.current?.focus();
  }, [who]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!who || busy) return;
    setBusy(true);
    const result = await login(desk, who.id, pin, await loadRules(desk));
    setBusy(false);
    setPin('');
    if (result.kind === 'ok') onLoggedIn(result.staff);
    else if (result.kind === 'choosePassword') setChoosing({ staff: result.staff, pin });
    else if (result.kind === 'noPinHere') setMessage(t('lock.noPinHere'));
    else if (result.kind === 'wrongPin')
      setMessage(t('lock.wrongPin', { count: result.triesLeft }));
    else if (result.kind === 'locked')
      setMessage(t('lock.locked', { time: format(new Date(result.until), 'HH:mm') }));
    else setMessage(t('lock.unknown'));
    pinInput.current?.focus();
  }

  if (choosing) return <ChoosePassword {...choosing} onLoggedIn={onLoggedIn} />;
  return (
    <section className="lock" aria-labelledby="lock-title">
      <h2 id="lock-title">{t('lock.title')}</h2>
      <p className="hint">{t('lock.pickName')}</p>
      <ul className="staff-pick" aria-label={t('lock.staffList')}>
        {staff.map((s) => (
          <li key={s.id}>
            <button
              type="button"
              className={who?.id === s.id ? 'pick selected' : 'pick'}
              aria-pressed={who?.id === s.id}
              onClick={() => {
                setWho(s);
                setMessage(null);
              }}
            >
              <span className="name">{s.name}</span>
              <span className="meta">{t(`role.${s.role}`)}</span>
            </button>
          </li>
        ))}
      </ul>
      {who && (
        <form onSubmit={(e) => void submit(e)} className="pin-form">
          <label htmlFor="pin">{t('lock.pinFor', { name: who.name })}</label>
          <PinInput
            id="pin"
            ref={pinInput}
            password={who.role === 'manager'}
            value={pin}
            onChange={setPin}
            aria-describedby={message ? 'pin-message' : undefined}
          />
          <button type="submit" className="primary big" disabled={busy || pin.length < 4}>
            {t('lock.login')}
          </button>
        </form>
      )}
      <NoticeLine id="pin-message" tone="error" text={message} />
    </section>
  );
}
