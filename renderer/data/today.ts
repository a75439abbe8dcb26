import { addDays, format } from 'date-fns';
import { combineLatest, map, of, type Observable } from 'rxjs';
import { healthFlags, type FollowUp, type HealthFlag } from '../../shared/rules/alerts';
import { can } from '../../shared/roles';
import { arrivedIds } from '../../shared/rules/absences';
import { findOutbreaks, illnessCases, type OutbreakAlert } from '../../shared/rules/outbreak';
import { certificateWarnings } from '../../shared/rules/people';
import type { CentreRules } from '../../shared/rules/settings';
import type { AttendanceDoc } from '../../shared/schemas';
import { localDay } from '../../shared/time';
import { absences$ } from './absences';
import { visitsOn$ } from './attendance';
import { followUps$ } from './care';
import type { Desk } from './desk';
import { healthChecks$ } from './health';
import { peopleInCare$, staff$, type VisibleMember } from './people';
import { presence$, type Presence } from './presence';

/** The home screen's picture of today, all derived from the day's documents. */
export interface Today {
  day: string;
  present: Presence;
  /**
   * Visits begun today (including those gone home): the centre's members, and apart from them
   * staff signing in for work and visitors.
   */
  cameToday: { members: number; staff: number; visitors: number };
  /** Children in care who have neither come nor been reported absent. */
  childrenNotIn: VisibleMember[];
  /** Whether the time children are expected by has passed. */
  pastExpectedTime: boolean;
  outbreaks: OutbreakAlert[];
  names: Map<string, string>;
  /** Certificates expiring soon or expired (managers only; empty for others). */
  certificates: number;
  /**
   * Children flagged by today's checks (a fever, a symptom, something abnormal; admitted as
   * normal only with the health worker's reason), for the health roles (the manager among them),
   * on every desk once the checks have synced; empty for other roles.
   */
  healthFlags: HealthFlag[];
  /** Blood pressure or sugar readings out of range to follow up (health roles; else empty). */
  followUps: FollowUp[];
}

function cameByKind(visits: readonly AttendanceDoc[]): Today['cameToday'] {
  const counts = { members: 0, staff: 0, visitors: 0 };
  for (const v of visits) {
    if (v.cancelled) continue;
    if (v.personKind === 'staff') counts.staff++;
    else if (v.personKind === 'visitor') counts.visitors++;
    else counts.members++;
  }
  return counts;
}

export function today$(desk: Desk, rules: CentreRules, now: Date): Observable<Today> {
  const day = localDay(now);
  const since = localDay(addDays(now, -(rules.outbreak.windowDays - 1)));
  const role = desk.session?.staff.role;
  return combineLatest([
    presence$(desk),
    peopleInCare$(desk, 'child'),
    staff$(desk, 'active'),
    visitsOn$(desk, day),
    absences$(desk, since),
    healthChecks$(desk, since, day),
    can(role, 'viewHealth') && desk.db.collections.care ? followUps$(desk, now) : of([]),
  ]).pipe(
    map(([present, children, staff, visits, absences, checks, follow]) => {
      const came = arrivedIds(visits);
      const reported = new Set(absences.filter((a) => a.day === day).map((a) => a.memberId));
      return {
        day,
        present,
        cameToday: cameByKind(visits),
        childrenNotIn: children.filter((c) => !came.has(c.id) && !reported.has(c.id)),
        pastExpectedTime: format(now, 'HH:mm') >= rules.childrenExpectedBy,
        outbreaks: can(role, 'viewHealth')
          ? findOutbreaks(illnessCases(children, absences, checks, since, day), rules.outbreak, day)
          : [],
        // The outbreak cases are children in care, so their names are all here.
        names: new Map(children.map((m) => [m.id, m.name])),
        certificates: can(role, 'manageStaff')
          ? certificateWarnings(staff, day, rules.certificateWarnDays).length
          : 0,
        healthFlags: can(role, 'viewHealth')
          ? [
              ...healthFlags(
                checks.filter((c) => c.day === day),
                rules.feverFrom,
              ).values(),
            ].sort((a, b) => a.at.localeCompare(b.at))
          : [],
        followUps: follow,
      };
    }),
  );
}
