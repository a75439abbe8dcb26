import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { weekdayOf, type ActivitySession } from '../../../shared/rules/schedule';
import { cancelSession } from '../../data/activities';
import { useDesk } from '../app/DeskContext';
import { saveErrorText } from '../kit/errors';
import { SessionCard } from './SessionCard';
import { NoticeLine } from '../kit/Notice';

/** The week, Monday to Sunday, today marked: each day's sessions as cards. */
export function WeekView({
  days,
  today,
  weekLabel,
  sessions,
  staffName,
  onLog,
  onEdit,
}: {
  days: string[];
  today: string;
  weekLabel: string;
  sessions: ActivitySession[];
  staffName(id: string): string;
  onLog(session: ActivitySession): void;
  /** Absent for those who may not plan. */
  onEdit: ((session: ActivitySession) => void) | null;
}) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const [failure, setFailure] = useState<string | null>(null);
  // One cancel form open at a time: `planId/date` of its session.
  const [cancelling, setCancelling] = useState<string | null>(null);
  const keyOf = (s: ActivitySession) => `${s.planId}/${s.date}`;

  async function cancel(s: ActivitySession, reason: string): Promise<boolean> {
    setFailure(null);
    try {
      await cancelSession(desk, s.planId, s.date, reason);
      setCancelling(null);
      return true;
    } catch (e) {
      setFailure(saveErrorText(t, e));
      return false;
    }
  }

  return (
    <>
      <NoticeLine tone="error" text={failure} />
      <div className="week" role="list" aria-label={weekLabel}>
        {days.map((day) => {
          const ofDay = sessions.filter((s) => s.date === day);
          return (
            <section
              key={day}
              role="listitem"
              className={day === today ? 'day today' : 'day'}
              aria-label={`${t(`schedule.weekday.${weekdayOf(day)}`)} ${day}`}
              aria-current={day === today ? 'date' : undefined}
            >
              <h3>
                {t(`schedule.weekday.${weekdayOf(day)}`)}{' '}
                <span className="date">{day.slice(5)}</span>
                {day === today && <span className="today-tag">{t('schedule.today')}</span>}
              </h3>
              {ofDay.length === 0 && <p className="empty">{t('schedule.none')}</p>}
              {ofDay.map((s) => (
                <SessionCard
                  key={s.planId}
                  session={s}
                  staffName={staffName}
                  cancelling={cancelling === keyOf(s)}
                  onLog={() => onLog(s)}
                  onEdit={onEdit && (() => onEdit(s))}
                  onCancelling={(open) => setCancelling(open ? keyOf(s) : null)}
                  onCancel={(reason) => cancel(s, reason)}
                />
              ))}
            </section>
          );
        })}
      </div>
    </>
  );
}
