import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { localTime } from '../../../shared/time';
import { PRESENT_GROUPS, presentCounts, type Presence } from '../../data/presence';
import { useDesk } from '../app/DeskContext';
import { PrintSheet } from '../kit/PrintSheet';

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
      className="roll-call"
      printLabel={t('rollCall.printNow')}
      onClose={onClose}
    >
      <h1 id="roll-call-title">{t('rollCall.title')}</h1>
      <p>
        {[
          desk.settings.centreName,
          format(now, 'yyyy-MM-dd HH:mm'),
          t('rollCall.total', { count: total }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {PRESENT_GROUPS.map((group) =>
        present[group].length === 0 ? null : (
          <section key={group}>
            <h2>
              {t(`checkIn.group.${group}`)} ({present[group].length})
            </h2>
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('rollCall.no')}</th>
                  <th>{t('rollCall.name')}</th>
                  <th>{t('rollCall.detail')}</th>
                  <th>{t('rollCall.since')}</th>
                  <th>{t('rollCall.safe')}</th>
                </tr>
              </thead>
              <tbody>
                {present[group].map((row, i) => (
                  <tr key={row.visit.id}>
                    <td>{i + 1}</td>
                    <td className="name">{row.name}</td>
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
              </tbody>
            </table>
          </section>
        ),
      )}
    </PrintSheet>
  );
}
