import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { map } from 'rxjs';
import type { StaffDoc } from '../../../shared/schemas';
import { loadRules } from '../../data/rules';
import { addStaff, checkPin, login } from '../../data/staff';
import { useDesk } from './DeskContext';
import { useObservable } from '../kit/hooks';
import { SettingsScreen } from '../admin/SettingsScreen';

/**
 * Who is at the desk. The first start sets up the centre's manager; after that each person picks
 * their name (or scans their staff card) and types their PIN. The desk locks itself when idle.
 */
export function LockScreen({ onLoggedIn }: { onLoggedIn(staff: StaffDoc): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const staff$ = useMemo(
    () =>
      desk.db.staff
        .find({ selector: { active: true } })
        .$.pipe(
          map((docs) =>
            docs.map((d) => d.toMutableJSON()).sort((a, b) => a.pinyin.localeCompare(b.pinyin)),
          ),
        ),
    [desk],
  );
  const staff = useObservable<StaffDoc[] | null>(staff$, null);
  if (!staff) return null;
  return staff.length === 0 ? (
    <>
      <FirstManager onLoggedIn={onLoggedIn} />
      <details className="lock another-desk">
        <summary>{t('lock.anotherDesk')}</summary>
        <SettingsScreen />
      </details>
    </>
  ) : (
    <PinLogin staff={staff} onLoggedIn={onLoggedIn} />
  );
}

function PinLogin({ staff, onLoggedIn }: { staff: StaffDoc[]; onLoggedIn(staff: StaffDoc): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [who, setWho] = useState<StaffDoc | null>(staff.length === 1 ? staff[0]! : null);
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
    else if (result.kind === 'wrongPin')
      setMessage(t('lock.wrongPin', { count: result.triesLeft }));
    else if (result.kind === 'locked')
      setMessage(t('lock.locked', { time: format(new Date(result.until), 'HH:mm') }));
    else setMessage(t('lock.unknown'));
    pinInput.current?.focus();
  }

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
          <input
            id="pin"
            ref={pinInput}
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={8}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
            aria-describedby={message ? 'pin-message' : undefined}
          />
          <button type="submit" className="primary big" disabled={busy || pin.length < 4}>
            {t('lock.login')}
          </button>
        </form>
      )}
      {message && (
        <p id="pin-message" className="notice error" role="alert">
          {message}
        </p>
      )}
    </section>
  );
}

function FirstManager({ onLoggedIn }: { onLoggedIn(staff: StaffDoc): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setProblem({ field: 'name', text: t('problem.required') });
    const pinProblem = checkPin(pin);
    if (pinProblem) return setProblem({ field: 'pin', text: t(`problem.${pinProblem}`) });
    if (pin !== again) return setProblem({ field: 'again', text: t('problem.pinMismatch') });
    const manager = await addStaff(desk, { name, role: 'manager', pin });
    const result = await login(desk, manager.id, pin);
    if (result.kind === 'ok') onLoggedIn(result.staff);
  }

  const err = (field: string) =>
    problem?.field === field ? (
      <span className="field-error" role="alert" id={`${field}-error`}>
        {problem.text}
      </span>
    ) : null;

  return (
    <form className="lock setup" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('lock.setupTitle')}</h2>
      <p className="hint">{t('lock.setupHelp')}</p>
      <div className="field">
        <label htmlFor="manager-name">{t('lock.managerName')}</label>
        <input
          id="manager-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={problem?.field === 'name'}
        />
        {err('name')}
      </div>
      <div className="field">
        <label htmlFor="manager-pin">{t('lock.newPin')}</label>
        <input
          id="manager-pin"
          type="password"
          inputMode="numeric"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          aria-invalid={problem?.field === 'pin'}
        />
        {err('pin')}
      </div>
      <div className="field">
        <label htmlFor="manager-pin-again">{t('lock.pinAgain')}</label>
        <input
          id="manager-pin-again"
          type="password"
          inputMode="numeric"
          maxLength={8}
          value={again}
          onChange={(e) => setAgain(e.target.value.replace(/\D/g, ''))}
          aria-invalid={problem?.field === 'again'}
        />
        {err('again')}
      </div>
      <button type="submit" className="primary big">
        {t('lock.setupSave')}
      </button>
    </form>
  );
}
