import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { map } from 'rxjs';
import { certificateWarnings, screeningDue } from '../../../shared/rules/people';
import type { StaffDoc } from '../../../shared/schemas';
import { CHILD_CLASSES } from '../../../shared/schemas/members';
import { CERTIFICATE_KINDS, STAFF_ROLES, type StaffRole } from '../../../shared/schemas/staff';
import { localDay } from '../../../shared/time';
import { addStaff, checkPin } from '../../data/staff';
import { useDesk } from '../app/DeskContext';
import { useObservable, useRules } from '../kit/hooks';
import { saveErrorText } from '../kit/errors';

type CertKind = (typeof CERTIFICATE_KINDS)[number];

/** The manager's staff list: roles, classes, certificates and their expiry, and adding staff. */
export function StaffScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const staff$ = useMemo(
    () =>
      desk.db.staff
        .find()
        .$.pipe(
          map((docs) =>
            docs.map((d) => d.toMutableJSON()).sort((a, b) => a.pinyin.localeCompare(b.pinyin)),
          ),
        ),
    [desk],
  );
  const staff = useObservable<StaffDoc[]>(staff$, []);
  const today = localDay(new Date());
  const { certificateWarnDays } = useRules();
  const warnings = certificateWarnings(staff, today, certificateWarnDays);
  const screening = screeningDue(staff, today);

  return (
    <div className="staff-screen">
      <section aria-labelledby="staff-title">
        <h2 id="staff-title">{t('staff.title')}</h2>
        {warnings.length > 0 && (
          <div className="notice warn" role="status">
            <strong>{t('staff.certWarnings')}</strong>
            <ul>
              {warnings.map((w) => (
                <li key={`${w.staffId}-${w.kind}`}>
                  {w.state === 'expired'
                    ? t('staff.certExpired', {
                        name: w.name,
                        cert: t(`cert.${w.kind}`),
                        date: w.expiresOn,
                      })
                    : t('staff.certExpiring', {
                        name: w.name,
                        cert: t(`cert.${w.kind}`),
                        date: w.expiresOn,
                        count: w.daysLeft,
                      })}
                </li>
              ))}
            </ul>
          </div>
        )}
        {screening.length > 0 && (
          <div className="notice warn" role="status">
            <strong>{t('staff.screeningDue')}</strong>
            <ul>
              {screening.map((x) => (
                <li key={x.staffId}>
                  {x.lastOn
                    ? t('staff.screeningOld', { name: x.name, date: x.lastOn })
                    : t('staff.screeningNever', { name: x.name })}
                </li>
              ))}
            </ul>
          </div>
        )}
        <table className="grid">
          <thead>
            <tr>
              <th>{t('staff.name')}</th>
              <th>{t('staff.role')}</th>
              <th>{t('staff.class')}</th>
              <th>{t('staff.certificates')}</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{t(`role.${s.role}`)}</td>
                <td>{s.childClass ? t(`childClass.${s.childClass}`) : '—'}</td>
                <td>
                  {(s.certificates ?? [])
                    .map((c) => `${t(`cert.${c.kind}`)} ${t('staff.until', { date: c.expiresOn })}`)
                    .join('；') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <AddStaffForm />
    </div>
  );
}

function AddStaffForm() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('reception');
  const [childClass, setChildClass] = useState('');
  const [pin, setPin] = useState('');
  const [certKind, setCertKind] = useState<CertKind | ''>('');
  const [certExpires, setCertExpires] = useState('');
  const [screenedOn, setScreenedOn] = useState('');
  const [problem, setProblem] = useState<{ field: string; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (!name.trim()) return setProblem({ field: 'name', text: t('problem.required') });
    const pinProblem = checkPin(pin);
    if (pinProblem) return setProblem({ field: 'pin', text: t(`problem.${pinProblem}`) });
    if (certKind && !/^\d{4}-\d{2}-\d{2}$/.test(certExpires))
      return setProblem({ field: 'certExpires', text: t('problem.dateFormat') });
    setProblem(null);
    try {
      const doc = await addStaff(desk, {
        name,
        role,
        pin,
        ...(childClass ? { childClass: childClass as StaffDoc['childClass'] } : {}),
        ...(certKind ? { certificates: [{ kind: certKind, expiresOn: certExpires }] } : {}),
        ...(screenedOn ? { screeningCheckedOn: screenedOn } : {}),
      });
      setSaved(t('staff.saved', { name: doc.name }));
      setName('');
      setPin('');
      setCertKind('');
      setCertExpires('');
    } catch (e) {
      setProblem({ field: 'form', text: saveErrorText(t, e) });
    }
  }

  const err = (field: string) =>
    problem?.field === field ? (
      <span className="field-error" role="alert">
        {problem.text}
      </span>
    ) : null;

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-staff">
      <h3 id="add-staff">{t('staff.add')}</h3>
      <div className="field">
        <label htmlFor="staff-name">{t('staff.name')}</label>
        <input id="staff-name" value={name} onChange={(e) => setName(e.target.value)} />
        {err('name')}
      </div>
      <div className="field">
        <label htmlFor="staff-role">{t('staff.role')}</label>
        <select id="staff-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="staff-class">{t('staff.class')}</label>
        <select id="staff-class" value={childClass} onChange={(e) => setChildClass(e.target.value)}>
          <option value="">—</option>
          {CHILD_CLASSES.map((c) => (
            <option key={c} value={c}>
              {t(`childClass.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="staff-pin">{t('staff.pin')}</label>
        <input
          id="staff-pin"
          type="password"
          inputMode="numeric"
          maxLength={8}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
        />
        {err('pin')}
      </div>
      <div className="field">
        <label htmlFor="staff-cert">{t('staff.certificate')}</label>
        <select
          id="staff-cert"
          value={certKind}
          onChange={(e) => setCertKind(e.target.value as CertKind | '')}
        >
          <option value="">—</option>
          {CERTIFICATE_KINDS.map((c) => (
            <option key={c} value={c}>
              {t(`cert.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="staff-cert-expires">{t('staff.expiresOn')}</label>
        <input
          id="staff-cert-expires"
          type="date"
          value={certExpires}
          onChange={(e) => setCertExpires(e.target.value)}
        />
        {err('certExpires')}
      </div>
      <div className="field">
        <label htmlFor="staff-screened">{t('staff.screenedOn')}</label>
        <input
          id="staff-screened"
          type="date"
          value={screenedOn}
          onChange={(e) => setScreenedOn(e.target.value)}
        />
      </div>
      <button type="submit" className="primary big">
        {t('staff.save')}
      </button>
      {err('form')}
      {saved && (
        <p className="notice ok" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
