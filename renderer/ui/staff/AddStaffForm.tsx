import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { CHILD_CLASSES } from '../../../shared/schemas/members';
import { CERTIFICATE_KINDS, STAFF_ROLES, type StaffRole } from '../../../shared/schemas/staff';
import { checkStaffSecret } from '../../../shared/validation/secrets';
import { addStaff } from '../../data/staff';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { FieldError, InputField, Options, SelectField } from '../kit/Field';
import { NoticeLine, type Notice } from '../kit/Notice';
import { PinField } from '../kit/PinInput';
import { TitledForm } from '../kit/TitledForm';
import { dayInput } from '../kit/dayInput';

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
    <TitledForm
      titleId="add-staff"
      title={t('staff.add')}
      heading="h3"
      className="panel"
      onSubmit={submit}
    >
      <InputField
        id="staff-name"
        label={t('staff.name')}
        error={errorOf('name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        id="staff-role"
        label={t('staff.role')}
        value={role}
        onChange={(e) => setRole(e.target.value as StaffRole)}
      >
        <Options options={STAFF_ROLES} label={(r) => t(`role.${r}`)} />
      </SelectField>
      <SelectField
        id="staff-class"
        label={t('staff.class')}
        value={childClass}
        onChange={(e) => setChildClass(e.target.value)}
      >
        <Options options={CHILD_CLASSES} label={(c) => t(`childClass.${c}`)} none="—" />
      </SelectField>
      <PinField
        id="staff-pin"
        label={t(role === 'manager' ? 'staff.password' : 'staff.pin')}
        password={role === 'manager'}
        error={errorOf('pin')}
        value={pin}
        onChange={setPin}
      />
      <SelectField
        id="staff-cert"
        label={t('staff.certificate')}
        value={certKind}
        onChange={(e) => setCertKind(e.target.value as CertKind | '')}
      >
        <Options options={CERTIFICATE_KINDS} label={(c) => t(`cert.${c}`)} none="—" />
      </SelectField>
      <InputField
        id="staff-cert-expires"
        label={t('staff.expiresOn')}
        error={errorOf('certExpires')}
        {...dayInput(certExpires, setCertExpires, t('register.datePlaceholder'))}
      />
      <InputField
        id="staff-screened"
        label={t('staff.screenedOn')}
        {...dayInput(screenedOn, setScreenedOn, t('register.datePlaceholder'))}
      />
      <button type="submit" className="primary big">
        {t('staff.save')}
      </button>
      <FieldError error={problem?.field === 'form' && problem.text} />
      <NoticeLine notice={saved} />
    </TitledForm>
  );
}
