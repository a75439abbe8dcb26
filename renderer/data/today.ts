import { addDays, format } from 'date-fns';
import { combineLatest, map, type Observable } from 'rxjs';
import { can } from '../../shared/roles';
import { findOutbreaks, illnessCases, type OutbreakAlert } from '../../shared/rules/outbreak';
import { certificateWarnings } from '../../shared/rules/people';
import type { CentreRules } from '../../shared/rules/settings';
import type {
  AbsenceDoc,
  AttendanceDoc,
  HealthDoc,
  MemberDoc,
  StaffDoc,
} from '../../shared/schemas';
import { localDay } from '../../shared/time';
import type { Desk } from './desk';
import { groupPresent, type Presence } from './presence';

/** The home screen's picture of today, all derived from the day's documents. */
export interface Today {
  day: string;
  present: Presence;
  /** Visits begun today (people who came, including those gone home). */
  cameToday: number;
  /** Children registered and active who have neither come nor been reported absent. */
  childrenNotIn: MemberDoc[];
  /** Whether the time children are expected by has passed. */
  pastExpectedTime: boolean;
  outbreaks: OutbreakAlert[];
  names: Map<string, string>;
  /** Certificates expiring soon or expired (managers only; empty for others). */
  certificates: number;
}

const docs = <T>(list: { toJSON(): unknown }[]) => list.map((d) => d.toJSON() as T);

export function today$(desk: Desk, rules: CentreRules, now: Date): Observable<Today> {
  const day = localDay(now);
  const since = localDay(addDays(now, -(rules.outbreak.windowDays - 1)));
  const role = desk.session?.staff.role;
  return combineLatest([
    desk.db.members.find().$.pipe(map((l) => docs<MemberDoc>(l))),
    desk.db.staff.find({ selector: { active: true } }).$.pipe(map((l) => docs<StaffDoc>(l))),
    desk.db.attendance
      .find({ selector: { status: 'in' } })
      .$.pipe(map((l) => docs<AttendanceDoc>(l))),
    desk.db.attendance.find({ selector: { day } }).$.pipe(map((l) => docs<AttendanceDoc>(l))),
    desk.db.absences
      .find({ selector: { day: { $gte: since } } })
      .$.pipe(map((l) => docs<AbsenceDoc>(l))),
    desk.db.health
      .find({ selector: { day: { $gte: since } } })
      .$.pipe(map((l) => docs<HealthDoc>(l))),
  ]).pipe(
    map(([members, staff, open, visits, absences, checks]) => {
      const active = members.filter((m) => (m.status ?? 'active') === 'active');
      const children = active.filter((m) => m.kind === 'child');
      const came = new Set(visits.filter((v) => !v.cancelled).map((v) => v.memberId));
      const reported = new Set(absences.filter((a) => a.day === day).map((a) => a.memberId));
      const mayHealth = can(role, 'viewHealth');
      return {
        day,
        present: groupPresent(
          open,
          new Map(members.map((m) => [m.id, m])),
          new Map(staff.map((s) => [s.id, s])),
        ),
        cameToday: visits.filter((v) => !v.cancelled).length,
        childrenNotIn: children.filter((c) => !came.has(c.id) && !reported.has(c.id)),
        pastExpectedTime: format(now, 'HH:mm') >= rules.childrenExpectedBy,
        outbreaks: mayHealth
          ? findOutbreaks(illnessCases(children, absences, checks, since, day), rules.outbreak, day)
          : [],
        names: new Map(members.map((m) => [m.id, m.name])),
        certificates: can(role, 'manageStaff')
          ? certificateWarnings(staff, day, rules.certificateWarnDays).length
          : 0,
      };
    }),
  );
}
