import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import { useDesk } from '../app/DeskContext';
import type { Row } from './CheckInScreen';
import { PrintSheet } from '../kit/PrintSheet';

type Present = Record<'elders' | 'children' | 'staff' | 'visitors', Row[]>;

/**
 * The evacuation roll call: everyone in the building now, by group, with tick boxes, printed on
 * paper. Shown on screen as a sheet with Print and Close; only the sheet prints.
 */
export function RollCall({ present, onClose }: { present: Present; onClose(): void }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const now = new Date();
  const total = Object.values(present).reduce((n, l) => n + l.length, 0);
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
      {(['children', 'elders', 'staff', 'visitors'] as const).map((group) =>
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
                    <td>{format(new Date(row.visit.checkInAt), 'HH:mm')}</td>
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
