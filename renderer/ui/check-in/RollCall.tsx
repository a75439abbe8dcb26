import { useTranslation } from 'react-i18next';
import { localDateTime, localTime } from '../../../shared/time';
import { PRESENT_GROUPS, presentCounts, type Presence } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { PrintSheet } from '../kit/PrintSheet';
import { Table } from '../kit/Table';
import { PersonName } from '../kit/PersonName';

/**
 * The evacuation roll call: everyone in the building now, by group, with tick boxes, printed on
 * paper. Shown on screen as a sheet with Print and Close; only the sheet prints.
 */
export function RollCall({ present, onClose }: { present: Presence; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const now = new Date();
  const { total } = presentCounts(present);
  return (
    <PrintSheet
      titleId="roll-call-title"
      title={t('rollCall.title')}
      facts={[desk.settings.centreName, localDateTime(now), t('rollCall.total', { count: total })]}
      className="roll-call"
      onClose={onClose}
    >
      {PRESENT_GROUPS.map((group) =>
        present[group].length === 0 ? null : (
          <section key={group}>
            <h2>
              {t(`checkIn.group.${group}`)} ({present[group].length})
            </h2>
            <Table
              columns={[
                t('rollCall.no'),
                t('rollCall.name'),
                t('rollCall.detail'),
                t('rollCall.since'),
                t('rollCall.safe'),
              ]}
            >
              {present[group].map((row, i) => (
                <tr key={row.visit.id}>
                  <td>{i + 1}</td>
                  <td className="name">
                    <PersonName person={{ id: row.visit.memberId, name: row.name }} />
                  </td>
                  <td>
                    {row.member?.childClass
                      ? t(`childClass.${row.member.childClass}`)
                      : row.staff
                        ? t(`role.${row.staff.role}`)
                        : (row.visit.visitor?.purpose ?? '')}
                  </td>
                  <td>{localTime(row.visit.checkInAt)}</td>
                  <td className="tick">☐</td>
                </tr>
              ))}
            </Table>
          </section>
        ),
      )}
    </PrintSheet>
  );
}
