import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDoc } from '../../../shared/schemas';
import { CHILD_CLASSES } from '../../../shared/schemas/members';
import { CERTIFICATE_KINDS, STAFF_ROLES, type StaffRole } from '../../../shared/schemas/staff';
import { readDay } from '../../../shared/rules/dates';
import { checkStaffSecret } from '../../../shared/validation/secrets';
import { setPinHere, StaffChangeRefused, updateStaff, type StaffChange } from '../../data/staff';
import { codeText } from '../../i18n/keys';
import { useDesk } from '../app/DeskContext';
import { dayInput } from '../kit/dayInput';
import { saveErrorText } from '../kit/errors';
import { FieldError, InputField, Options, SelectField } from '../kit/Field';
import { NoticeLine, type Notice } from '../kit/Notice';
import { PinField } from '../kit/PinInput';
import { TitledForm } from '../kit/TitledForm';

type CertKind = (typeof CERTIFICATE_KINDS)[number];
type Problem = {
  field: 'name' | 'phone' | 'secret' | 'screened' | 'certExpires' | 'form';
  text: string;
} | null;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The manager changes a staff member's record (signed by the manager, synced to every desk):
 * name, role, phone, card, class, a background screening or a certificate recorded later, a new
 * PIN for a forgotten one (on this desk; a manager: a new password, good on every desk), and
 * deactivation when someone leaves (they can then log in on no desk of the centre; their name
 * stays in every record) or reactivation.
 */
export function EditStaffForm({ person, onClose }: { person: StaffDoc; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [name, setName] = useState(person.name);
  const [role, setRole] = useState<StaffRole>(person.role);
  const [phone, setPhone] = useState(person.phone ?? '');
  const [cardNo, setCardNo] = useState(person.cardNo ?? '');
  const [childClass, setChildClass] = useState<string>(person.childClass ?? '');
  const [screenedOn, setScreenedOn] = useState(person.screeningCheckedOn ?? '');
  const [certKind, setCertKind] = useState<CertKind | ''>('');
  const [certExpires, setCertExpires] = useState('');
  const [secret, setSecret] = useState('');
  const [problem, setProblem] = useState<Problem>(null);
  const [saved, setSaved] = useState<Notice>(null);
  const errorOf = (field: NonNullable<Problem>['field']) =>
    problem?.field === field ? problem.text : null;
  const isSelf = desk.session?.staff.id === person.id;

  function refused(e: unknown): string {
    return e instanceof StaffChangeRefused
      ? codeText(t, 'problem', e.problem)
      : saveErrorText(t, e);
  }

  async function write(change: StaffChange, done: string) {
    setSaved(null);
    try {
      await updateStaff(desk, person.id, change);
      setProblem(null);
      setSaved({ tone: 'ok', text: done });
      return true;
    } catch (e) {
      setProblem({ field: 'form', text: refused(e) });
      return false;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setProblem({ field: 'name', text: t('problem.required') });
    if (phone.trim() && !/^1\d{10}$/.test(phone.trim()))
      return setProblem({ field: 'phone', text: t('problem.phone') });
    const screened = screenedOn.trim() ? readDay(screenedOn) : '';
    if (screened === null || (screened && !DAY.test(screened)))
      return setProblem({ field: 'screened', text: t('problem.dateFormat') });
    if (certKind && !DAY.test(readDay(certExpires) ?? ''))
      return setProblem({ field: 'certExpires', text: t('problem.dateFormat') });
    // Someone made a manager needs a password of their own.
    const becomesManager = role === 'manager' && person.role !== 'manager';
    if (becomesManager) {
      const secretProblem = checkStaffSecret('manager', secret);
      if (secretProblem)
        return setProblem({ field: 'secret', text: t(`problem.${secretProblem}`) });
    }
    const certificates = certKind
      ? [
          ...(person.certificates ?? []).filter((c) => c.kind !== certKind),
          { kind: certKind, expiresOn: readDay(certExpires)! },
        ]
      : undefined;
    const ok = await write(
      {
        name: name.trim(),
        role,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        ...(cardNo.trim() ? { cardNo: cardNo.trim() } : {}),
        ...(childClass ? { childClass: childClass as StaffDoc['childClass'] } : {}),
        ...(screened ? { screeningCheckedOn: screened } : {}),
        ...(certificates ? { certificates } : {}),
        ...(becomesManager ? { managerSecret: secret } : {}),
      },
      t('staff.changed', { name: name.trim() }),
    );
    if (ok) {
      setCertKind('');
      setCertExpires('');
      setSecret('');
    }
  }

  async function resetSecret() {
    const secretProblem = checkStaffSecret(person.role, secret);
    if (secretProblem) return setProblem({ field: 'secret', text: t(`problem.${secretProblem}`) });
    const isManager = person.role === 'manager';
    setSaved(null);
    try {
      // A PIN stays on this desk (and unlocks a locked one); a manager's password works on every desk.
      if (isManager) await updateStaff(desk, person.id, { managerSecret: secret });
      else await setPinHere(desk, person.id, secret);
      setProblem(null);
      setSecret('');
      setSaved({
        tone: 'ok',
        text: t(isManager ? 'staff.passwordReset' : 'staff.pinReset', { name: person.name }),
      });
    } catch (e) {
      setProblem({ field: 'form', text: refused(e) });
    }
  }

  async function setActive(active: boolean) {
    if (!active && !window.confirm(t('staff.deactivateConfirm', { name: person.name }))) return;
    await write(
      { active },
      t(active ? 'staff.reactivated' : 'staff.deactivated', { name: person.name }),
    );
  }

  return (
    <TitledForm
      titleId="edit-staff"
      title={t('staff.editTitle', { name: person.name })}
      heading="h3"
      className="panel edit-staff"
      onSubmit={submit}
    >
      {!person.active && <p className="notice warn">{t('staff.inactiveNote')}</p>}
      <div className="columns">
        <div>
          <InputField
            id="edit-staff-name"
            label={t('staff.name')}
            error={errorOf('name')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <SelectField
            id="edit-staff-role"
            label={t('staff.role')}
            value={role}
            disabled={isSelf}
            onChange={(e) => setRole(e.target.value as StaffRole)}
          >
            <Options options={STAFF_ROLES} label={(r) => t(`role.${r}`)} />
          </SelectField>
          <InputField
            id="edit-staff-phone"
            label={t('staff.phone')}
            error={errorOf('phone')}
            inputMode="tel"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <InputField
            id="edit-staff-card"
            label={t('staff.cardNo')}
            value={cardNo}
            onChange={(e) => setCardNo(e.target.value)}
          />
          <SelectField
            id="edit-staff-class"
            label={t('staff.class')}
            value={childClass}
            onChange={(e) => setChildClass(e.target.value)}
          >
            <Options options={CHILD_CLASSES} label={(c) => t(`childClass.${c}`)} none="—" />
          </SelectField>
        </div>
        <div>
          <InputField
            id="edit-staff-screened"
            label={t('staff.screenedOn')}
            error={errorOf('screened')}
            autoFocus
            {...dayInput(screenedOn, setScreenedOn, t('register.datePlaceholder'))}
          />
          <SelectField
            id="edit-staff-cert"
            label={t('staff.addCertificate')}
            value={certKind}
            onChange={(e) => setCertKind(e.target.value as CertKind | '')}
          >
            <Options options={CERTIFICATE_KINDS} label={(c) => t(`cert.${c}`)} none="—" />
          </SelectField>
          <InputField
            id="edit-staff-cert-expires"
            label={t('staff.expiresOn')}
            error={errorOf('certExpires')}
            {...dayInput(certExpires, setCertExpires, t('register.datePlaceholder'))}
          />
          <PinField
            id="edit-staff-secret"
            label={t(
              role === 'manager' || person.role === 'manager'
                ? 'staff.newPassword'
                : 'staff.newPin',
            )}
            password={role === 'manager' || person.role === 'manager'}
            error={errorOf('secret')}
            value={secret}
            onChange={setSecret}
          />
          {!isSelf && person.active && (
            <button type="button" onClick={() => void resetSecret()}>
              {t(person.role === 'manager' ? 'staff.resetPassword' : 'staff.resetPin')}
            </button>
          )}
        </div>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('staff.saveChanges')}
        </button>
        {!isSelf &&
          (person.active ? (
            <button type="button" className="warn-button" onClick={() => void setActive(false)}>
              {t('staff.deactivate')}
            </button>
          ) : (
            <button type="button" onClick={() => void setActive(true)}>
              {t('staff.reactivate')}
            </button>
          ))}
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <FieldError error={problem?.field === 'form' && problem.text} />
      <NoticeLine notice={saved} />
    </TitledForm>
  );
}
