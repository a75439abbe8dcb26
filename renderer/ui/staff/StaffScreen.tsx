import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staff$ } from '../../data/people';
import { canLogInHere } from '../../data/staff';
import { useDesk } from '../app/DeskContext';
import { useDeskRead } from '../kit/hooks';
import { Table } from '../kit/Table';
import { AddStaffForm } from './AddStaffForm';
import { EditStaffForm } from './EditStaffForm';
import { RefusedStaffRecords } from './RefusedStaffRecords';
import { SetPinHereForm } from './SetPinHereForm';
import { StaffWarnings } from './StaffWarnings';

/**
 * The manager's staff list: roles, classes, certificates and their expiry, who can log in on this
 * desk; adding staff, and setting a person's PIN on this desk.
 */
export function StaffScreen() {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const staff = useDeskRead(staff$, [], 'all');
  const [pinsSet, setPinsSet] = useState(0);
  const [here, setHere] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const person = staff.find((s) => s.id === editing) ?? null;
  useEffect(() => {
    let current = true;
    void canLogInHere(desk, staff).then((ids) => current && setHere(ids));
    return () => {
      current = false;
    };
  }, [desk, staff, pinsSet]);
  const edit = (id: string) => {
    setEditing(id);
    setPinsSet((n) => n + 1);
  };
  return (
    <div className="staff-screen">
      <section aria-labelledby="staff-title">
        <h2 id="staff-title">{t('staff.title')}</h2>
        <RefusedStaffRecords />
        <StaffWarnings staff={staff} onRecordScreening={edit} />
        <Table
          columns={[
            t('staff.name'),
            t('staff.role'),
            t('staff.class'),
            t('staff.certificates'),
            t('staff.loginHere'),
            '',
          ]}
        >
          {staff.map((s) => (
            <tr key={s.id}>
              <td>
                {s.name}
                {!s.active && (
                  <>
                    {' '}
                    <span className="badge warn">{t('staff.inactive')}</span>
                  </>
                )}
              </td>
              <td>{t(`role.${s.role}`)}</td>
              <td>{s.childClass ? t(`childClass.${s.childClass}`) : '—'}</td>
              <td>
                {(s.certificates ?? [])
                  .map((c) => `${t(`cert.${c.kind}`)} ${t('staff.until', { date: c.expiresOn })}`)
                  .join('；') || '—'}
              </td>
              <td>{t(here.has(s.id) ? 'staff.loginHereYes' : 'staff.loginHereNo')}</td>
              <td>
                <button
                  type="button"
                  aria-label={t('staff.editOf', { name: s.name })}
                  onClick={() => edit(s.id)}
                >
                  {t('staff.edit')}
                </button>
              </td>
            </tr>
          ))}
        </Table>
      </section>
      {person && (
        <EditStaffForm
          key={`${person.id}-${pinsSet}`}
          person={person}
          onClose={() => setEditing(null)}
        />
      )}
      <AddStaffForm />
      <SetPinHereForm staff={staff} onSet={() => setPinsSet((n) => n + 1)} />
    </div>
  );
}
