import { combineLatest, map, type Observable } from 'rxjs';
import type { AttendanceDoc, StaffDoc } from '../../shared/schemas';
import { openVisits$ } from './attendance';
import type { Desk } from './desk';
import { visibleTo, type VisibleMember } from './people';
import { plain } from './plain';

/** One person in the building now: their open visit and who they are. */
export interface PresentRow {
  visit: AttendanceDoc;
  name: string;
  kind: 'elder' | 'child' | 'staff' | 'visitor';
  member?: VisibleMember;
  staff?: StaffDoc;
}

export interface Presence {
  elders: PresentRow[];
  children: PresentRow[];
  staff: PresentRow[];
  visitors: PresentRow[];
}

/** The groups in the order the in-building list and the roll call show them. */
export const PRESENT_GROUPS = ['children', 'elders', 'staff', 'visitors'] as const;

/** How many are in the building, in all and by group (the words of `checkIn.inBuildingCount`). */
export function presentCounts(present: Presence) {
  const counts = {
    elders: present.elders.length,
    children: present.children.length,
    staff: present.staff.length,
    visitors: present.visitors.length,
  };
  return { total: counts.elders + counts.children + counts.staff + counts.visitors, ...counts };
}

/** Everyone checked in and not out, grouped as the roll call lists them, earliest arrival first. */
function groupPresent(
  openVisits: readonly AttendanceDoc[],
  members: ReadonlyMap<string, VisibleMember>,
  staff: ReadonlyMap<string, StaffDoc>,
): Presence {
  const rows: Presence = { elders: [], children: [], staff: [], visitors: [] };
  for (const visit of openVisits) {
    if (visit.personKind === 'visitor' && visit.visitor)
      rows.visitors.push({ visit, name: visit.visitor.name, kind: 'visitor' });
    else if (visit.personKind === 'staff') {
      const s = staff.get(visit.memberId);
      if (s) rows.staff.push({ visit, name: s.name, kind: 'staff', staff: s });
    } else {
      const m = members.get(visit.memberId);
      if (!m) continue;
      (m.kind === 'elder' ? rows.elders : rows.children).push({
        visit,
        name: m.name,
        kind: m.kind,
        member: m,
      });
    }
  }
  for (const list of Object.values(rows) as PresentRow[][])
    list.sort((a, b) => a.visit.checkInAt.localeCompare(b.visit.checkInAt));
  return rows;
}

/**
 * Who is in the building now, as it changes. Everyone with an open visit is listed whatever
 * their status: someone recorded as having left (or a staff member made inactive) while inside
 * must still be on the roll call and be checked out. Members come as `visibleTo` the desk's
 * staff member.
 */
export function presence$(desk: Desk): Observable<Presence> {
  return combineLatest([
    openVisits$(desk),
    desk.db.members.find().$.pipe(map((docs) => plain(docs))),
    desk.db.staff.find().$.pipe(map((docs) => plain(docs))),
  ]).pipe(
    map(([open, members, staff]) => {
      const byId = new Map(members.map((m) => [m.id, m]));
      const inside = new Map<string, VisibleMember>();
      for (const visit of open) {
        const member = byId.get(visit.memberId);
        if (member) inside.set(member.id, visibleTo(desk, member));
      }
      return groupPresent(open, inside, new Map(staff.map((s) => [s.id, s])));
    }),
  );
}
