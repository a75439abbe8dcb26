import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { staff$ } from '../../data/people';
import { canLogInHere } from '../../data/staff';
import { useDesk } from '../app/DeskContext';
import { useDeskRead } from '../kit/hooks';
import { Table } from '../kit/Table';
import { AddStaffForm } from './AddStaffForm';
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
  useEffect(() => {
    let current = true;
    void canLogInHere(desk, staff).then((ids) => current && setHere(ids));
    return () => {
      current = false;
    };
  }, [desk, staff, pinsSet]);
  return (
    <div className="staff-screen">
      <section aria-labelledby="staff-title">
        <h2 id="staff-title">{t('staff.title')}</h2>
        <RefusedStaffRecords />
        <StaffWarnings staff={staff} />
        <Table
          columns={[
            t('staff.name'),
            t('staff.role'),
            t('staff.class'),
            t('staff.certificates'),
            t('staff.loginHere'),
          ]}
        >
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
              <td>{t(here.has(s.id) ? 'staff.loginHereYes' : 'staff.loginHereNo')}</td>
            </tr>
          ))}
        </Table>
      </section>
      <AddStaffForm />
      <SetPinHereForm staff={staff} onSet={() => setPinsSet((n) => n + 1)} />
    </div>
  );
}
