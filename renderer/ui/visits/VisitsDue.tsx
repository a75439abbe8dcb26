import { useTranslation } from 'react-i18next';
import { localDay } from '../../../shared/time';
import type { VisibleMember } from '../../data/people';
import { visitDuties$, type DueElder } from '../../data/visits';
import { useDeskRead } from '../kit/hooks';
import { PersonName, useNameOf } from '../kit/PersonName';

/**
 * Overdue and due-this-week visits, with names: for the home screen and the top of the visit
 * screen. With `onRecord`, each name has a button to record the visit.
 */
export function VisitsDue({
  now = new Date(),
  onRecord,
}: {
  now?: Date;
  onRecord?: (member: VisibleMember) => void;
}) {
  const { t } = useTranslation();
  const nameOf = useNameOf();
  const today = localDay(now);
  const duties = useDeskRead(visitDuties$, null, today);
  if (!duties) return null;

  const row = (d: DueElder, overdue: boolean) => (
    <li key={d.memberId} className={`due-row risk-${d.risk}`}>
      <span className="name">
        <PersonName person={d.member} />
      </span>
      <span className={`badge risk ${d.risk}`}>{t(`visits.risk_${d.risk}`)}</span>
      <span className="meta">
        {overdue
          ? d.dueOn
            ? t('visits.daysOverdue', { count: d.daysOverdue ?? 0, day: d.dueOn })
            : t('visits.neverVisited')
          : t('visits.dueOn', { day: d.dueOn })}
        {' · '}
        {t(`visits.reason_${d.reason}`)}
      </span>
      {onRecord && (
        <button
          type="button"
          className="primary"
          aria-label={t('visits.recordFor', { name: nameOf(d.member) })}
          onClick={() => onRecord(d.member)}
        >
          {t('visits.record')}
        </button>
      )}
    </li>
  );

  return (
    <section className="visits-due" aria-labelledby="visits-due-title">
      <h2 id="visits-due-title" className="sr-only">
        {t('visits.dueTitle')}
      </h2>
      {(
        [
          ['overdue', 'overdue', 'overdueCount', 'overdue-count', 'noneOverdue', duties.overdue],
          [
            'this-week',
            'dueThisWeek',
            'dueThisWeekCount',
            'week-count',
            'noneThisWeek',
            duties.dueThisWeek,
          ],
        ] as const
      ).map(([box, title, count, testId, none, list]) => (
        <div key={box} className={`due-box ${box}`} role="region" aria-label={t(`visits.${title}`)}>
          <h3>
            {t(`visits.${title}`)}
            <span className="due-count" data-testid={testId}>
              {t(`visits.${count}`, { count: list.length })}
            </span>
          </h3>
          {list.length === 0 ? (
            <p className="empty">{t(`visits.${none}`)}</p>
          ) : (
            <ul className="due-list">{list.map((d) => row(d, box === 'overdue'))}</ul>
          )}
        </div>
      ))}
    </section>
  );
}
