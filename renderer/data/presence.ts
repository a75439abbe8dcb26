import type { AttendanceDoc, MemberDoc, StaffDoc } from '../../shared/schemas';

/** One person in the building now: their open visit and who they are. */
export interface PresentRow {
  visit: AttendanceDoc;
  name: string;
  kind: 'elder' | 'child' | 'staff' | 'visitor';
  member?: MemberDoc;
  staff?: StaffDoc;
}

export interface Presence {
  elders: PresentRow[];
  children: PresentRow[];
  staff: PresentRow[];
  visitors: PresentRow[];
}

/** Everyone checked in and not out, grouped as the roll call lists them, earliest arrival first. */
export function groupPresent(
  openVisits: readonly AttendanceDoc[],
  members: ReadonlyMap<string, MemberDoc>,
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
