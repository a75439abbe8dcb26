import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { CHILD_CLASSES } from '../../../shared/schemas/members';
import { CERTIFICATE_KINDS, STAFF_ROLES, type StaffRole } from '../../../shared/schemas/staff';
import { checkStaffSecret } from '../../../shared/validation/secrets';
import { addStaff } from '../../data/staff';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { Field, fieldAria } from '../kit/Field';
import { NoticeLine, type Notice } from '../kit/Notice';
import { PinInput } from '../kit/PinInput';

type CertKind = (typeof CERTIFICATE_KINDS)[number];
type Problem = { field: 'name' | 'pin' | 'certExpires' | 'form'; text: string } | null;

/**
 * Adds a member of staff: name, role, the class they look after, one certificate, and their PIN on
 * this desk (a manager: the manager's password, good on every desk).
 */
export function AddStaffForm() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('reception');
  const [childClass, setChildClass] = useState('');
  const [pin, setPin] = useState('');
  const [certKind, setCertKind] = useState<CertKind | ''>('');
  const [certExpires, setCertExpires] = useState('');
  const [screenedOn, setScreenedOn] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [saved, setSaved] = useState<Notice>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (!name.trim()) return setProblem({ field: 'name', text: t('problem.required') });
    const pinProblem = checkStaffSecret(role, pin);
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
      setSaved({ tone: 'ok', text: t('staff.saved', { name: doc.name }) });
      setName('');
      setPin('');
      setCertKind('');
      setCertExpires('');
    } catch (e) {
      setProblem({ field: 'form', text: saveErrorText(t, e) });
    }
  }

  const errorOf = (field: NonNullable<Problem>['field']) =>
    problem?.field === field ? problem.text : null;

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-staff">
      <h3 id="add-staff">{t('staff.add')}</h3>
      <Field id="staff-name" label={t('staff.name')} error={errorOf('name')}>
        <input
          id="staff-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          {...fieldAria('staff-name', errorOf('name'))}
        />
      </Field>
      <Field id="staff-role" label={t('staff.role')}>
        <select id="staff-role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          {STAFF_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field id="staff-class" label={t('staff.class')}>
        <select id="staff-class" value={childClass} onChange={(e) => setChildClass(e.target.value)}>
          <option value="">—</option>
          {CHILD_CLASSES.map((c) => (
            <option key={c} value={c}>
              {t(`childClass.${c}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id="staff-pin"
        label={t(role === 'manager' ? 'staff.password' : 'staff.pin')}
        error={errorOf('pin')}
      >
        <PinInput
          id="staff-pin"
          password={role === 'manager'}
          value={pin}
          onChange={setPin}
          {...fieldAria('staff-pin', errorOf('pin'))}
        />
      </Field>
      <Field id="staff-cert" label={t('staff.certificate')}>
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
      </Field>
      <Field id="staff-cert-expires" label={t('staff.expiresOn')} error={errorOf('certExpires')}>
        <input
          id="staff-cert-expires"
          type="date"
          value={certExpires}
          onChange={(e) => setCertExpires(e.target.value)}
          {...fieldAria('staff-cert-expires', errorOf('certExpires'))}
        />
      </Field>
      <Field id="staff-screened" label={t('staff.screenedOn')}>
        <input
          id="staff-screened"
          type="date"
          value={screenedOn}
          onChange={(e) => setScreenedOn(e.target.value)}
        />
      </Field>
      <button type="submit" className="primary big">
        {t('staff.save')}
      </button>
      {problem?.field === 'form' && (
        <span className="field-error" role="alert">
          {problem.text}
        </span>
      )}
      <NoticeLine notice={saved} />
    </form>
  );
}
