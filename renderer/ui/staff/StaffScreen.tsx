import { useTranslation } from 'react-i18next';
import { staff$ } from '../../data/people';
import { useDeskRead } from '../kit/hooks';
import { Table } from '../kit/Table';
import { AddStaffForm } from './AddStaffForm';
import { StaffWarnings } from './StaffWarnings';

/** The manager's staff list: roles, classes, certificates and their expiry, and adding staff. */
export function StaffScreen() {
  const { t } = useTranslation();
  const staff = useDeskRead(staff$, [], 'all');
  return (
    <div className="staff-screen">
      <section aria-labelledby="staff-title">
        <h2 id="staff-title">{t('staff.title')}</h2>
        <StaffWarnings staff={staff} />
        <Table
          columns={[t('staff.name'), t('staff.role'), t('staff.class'), t('staff.certificates')]}
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
            </tr>
          ))}
        </Table>
      </section>
      <AddStaffForm />
    </div>
  );
}
