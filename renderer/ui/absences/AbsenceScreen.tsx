import { useTranslation } from 'react-i18next';
import { addDays } from 'date-fns';
import { can } from '../../../shared/roles';
import { arrivedIds, illnessFollowUps } from '../../../shared/rules/absences';
import { findOutbreaks, illnessCases } from '../../../shared/rules/outbreak';
import { localDay, localTime } from '../../../shared/time';
import { absences$ } from '../../data/absences';
import { visitsOn$ } from '../../data/attendance';
import { healthChecks$ } from '../../data/health';
import { peopleInCare$ } from '../../data/people';
import { useDesk } from '../app/DeskContext';
import { useDeskRead, useRules } from '../kit/hooks';
import { AbsentRow } from './AbsentRow';
import { FollowUpRow } from './FollowUpRow';
import { OutbreakAlerts } from './OutbreakAlerts';

/**
 * Children expected but not in by the set time, with a reason for each; illness absences
 * followed up until the child is back; the outbreak rule's alerts for the manager.
 */
export function AbsenceScreen({ now = new Date() }: { now?: Date }) {
  const { t } = useTranslation();
  const { desk } = useDesk();
  const rules = useRules();
  const today = localDay(now);
  const windowStart = localDay(addDays(now, -(rules.outbreak.windowDays - 1)));

  const children = useDeskRead(peopleInCare$, [], 'child');
  const visits = useDeskRead(visitsOn$, [], today);
  const absences = useDeskRead(absences$, []);
  const checks = useDeskRead(healthChecks$, [], windowStart, today);

  const came = arrivedIds(visits);
  const absentToday = new Map(absences.filter((a) => a.day === today).map((a) => [a.memberId, a]));
  const late = localTime(now) >= rules.childrenExpectedBy;
  const notIn = children.filter((c) => !came.has(c.id));
  const names = new Map(children.map((c) => [c.id, c.name]));
  const followUps = illnessFollowUps(absences);
  const alerts = can(desk.session?.staff.role, 'viewHealth')
    ? findOutbreaks(
        illnessCases(children, absences, checks, windowStart, today),
        rules.outbreak,
        today,
      )
    : [];

  return (
    <div className="absences">
      <OutbreakAlerts alerts={alerts} names={names} />
      <section aria-labelledby="expected-title">
        <h2 id="expected-title">
          {t('absence.expectedTitle', { time: rules.childrenExpectedBy })}
        </h2>
        {!late && <p className="hint">{t('absence.notYet', { time: rules.childrenExpectedBy })}</p>}
        {notIn.length === 0 ? (
          <p className="empty">{t('absence.allIn')}</p>
        ) : (
          <ul className="absent-list">
            {notIn.map((child) => (
              <AbsentRow
                key={child.id}
                child={child}
                day={today}
                recorded={absentToday.get(child.id)}
              />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="followup-title">
        <h2 id="followup-title">{t('absence.followUpTitle')}</h2>
        {followUps.length === 0 ? (
          <p className="empty">{t('absence.noFollowUps')}</p>
        ) : (
          <ul className="followups">
            {followUps.map((a) => (
              <FollowUpRow key={a.id} absence={a} name={names.get(a.memberId)} today={today} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
