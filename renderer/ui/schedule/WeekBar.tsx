import { useTranslation } from 'react-i18next';
import { mondayOfWeekAfter } from '../../../shared/rules/schedule';

/** The timetable's bar: the week shown and the way to the weeks around it, print, plan. */
export function WeekBar({
  weekOf,
  today,
  weekLabel,
  setWeekOf,
  onPrint,
  onPlan,
}: {
  weekOf: string;
  today: string;
  weekLabel: string;
  setWeekOf(day: string): void;
  onPrint(): void;
  /** Absent for those who may not plan. */
  onPlan: (() => void) | null;
}) {
  const { t } = useTranslation();
  return (
    <div className="schedule-bar">
      <h2>{t('schedule.title')}</h2>
      <button type="button" onClick={() => setWeekOf(mondayOfWeekAfter(weekOf, -1))}>
        {t('schedule.prevWeek')}
      </button>
      <span className="week-label">{weekLabel}</span>
      <button type="button" onClick={() => setWeekOf(mondayOfWeekAfter(weekOf, 1))}>
        {t('schedule.nextWeek')}
      </button>
      {weekOf !== today && (
        <button type="button" onClick={() => setWeekOf(today)}>
          {t('schedule.thisWeek')}
        </button>
      )}
      <span className="spacer" />
      <button type="button" onClick={onPrint}>
        {t('schedule.print')}
      </button>
      {onPlan && (
        <button type="button" className="primary" onClick={onPlan}>
          {t('schedule.plan')}
        </button>
      )}
    </div>
  );
}
