import { useTranslation } from 'react-i18next';
import type { ActivityAttendance } from '../../../shared/rules/schedule';

/** A big 到/未到 pair per person on the session's list (walk-ins tagged); a second tap corrects. */
export function AttendanceMarks({
  listed,
  enrolled,
  latest,
  nameOf,
  onMark,
}: {
  /** The enrolled, then the walk-ins. */
  listed: string[];
  enrolled: string[];
  latest: ReadonlyMap<string, ActivityAttendance>;
  nameOf(memberId: string): string;
  onMark(memberId: string, present: boolean): void;
}) {
  const { t } = useTranslation();
  if (listed.length === 0) return <p className="empty">{t('schedule.nobodyEnrolled')}</p>;
  return (
    <ul className="marks" aria-label={t('schedule.marksList')}>
      {listed.map((id) => {
        const name = nameOf(id);
        const present = latest.get(id)?.present;
        return (
          <li key={id} className="mark-row">
            <span className="name">{name}</span>
            {!enrolled.includes(id) && <span className="tag">{t('schedule.walkIn')}</span>}
            <div className="toggles" role="group" aria-label={name}>
              {([true, false] as const).map((mark) => (
                <button
                  key={String(mark)}
                  type="button"
                  className={
                    present === mark ? `toggle on ${mark ? 'present' : 'absent'}` : 'toggle'
                  }
                  aria-pressed={present === mark}
                  onClick={() => onMark(id, mark)}
                >
                  {t(mark ? 'schedule.present' : 'schedule.absent')}
                </button>
              ))}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
