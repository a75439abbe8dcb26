import { useTranslation } from 'react-i18next';
import { weekdayOf, type ActivitySession } from '../../../shared/rules/schedule';
import { useDesk } from '../app/DeskContext';
import { PrintSheet } from '../kit/PrintSheet';
import { Table } from '../kit/Table';

/** The week's timetable on paper for the notice board: large type, one column per day, landscape. */
export function TimetableSheet({
  days,
  sessions,
  staffName,
  onClose,
}: {
  days: string[];
  sessions: ActivitySession[];
  staffName(id: string): string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  return (
    <PrintSheet
      titleId="timetable-title"
      title={[desk.settings.centreName, t('schedule.printTitle')].filter(Boolean).join(' · ')}
      facts={[t('schedule.weekOf', { from: days[0], to: days[6] })]}
      className="timetable-sheet"
      onClose={onClose}
    >
      <Table
        className="timetable"
        columns={days.map((day) => (
          <>
            {t(`schedule.weekday.${weekdayOf(day)}`)}
            <br />
            {day.slice(5)}
          </>
        ))}
      >
        <tr>
          {days.map((day) => (
            <td key={day}>
              {sessions
                .filter((s) => s.date === day)
                .map((s) => (
                  <div key={s.planId} className="printed-session">
                    <div className="when">
                      {s.start}–{s.end}
                    </div>
                    <div className="what">{s.title}</div>
                    <div>{s.room}</div>
                    <div>{staffName(s.leaderId)}</div>
                  </div>
                ))}
            </td>
          ))}
        </tr>
      </Table>
    </PrintSheet>
  );
}
