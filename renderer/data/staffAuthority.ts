import { map, type Observable } from 'rxjs';
import { judgeStaffChanges, type StaffVersion } from '../../shared/staffAuthority';
import type { WireDoc } from '../../shared/sync/protocol';
import type { Desk } from './desk';

/**
 * The desk's check of the staff records the district sends (shared/staffAuthority.ts): a record
 * comes in only when a manager this desk knows signed it. The district checks the same on every
 * push; this check is what keeps a desk's staff, roles and managers' keys its own even if the
 * district's copy were changed behind its back.
 */

/** A staff record from the district that this desk did not take, and why. */
export interface RefusedStaffRecord {
  id: string;
  updatedAt: string;
  /** Who the record says signed it, if anyone. */
  by: string | null;
  reason: string;
  /** When the desk refused it. */
  at: string;
}

const REFUSED_ID = 'staff-refused';
/** The newest refusals kept (the same record refused again replaces its entry). */
const KEEP = 50;

/**
 * The records of a pull that this desk takes. The others are left out, so the desk keeps what it
 * had, and listed (`refusedStaffRecords$`). A desk with no staff yet takes the district's records
 * as one set, each signed by a manager of the set; after that, only records signed by a manager
 * it already holds (or one signed in the same pull), and a manager's first key only for a manager
 * it held from before keys existed. A version older than the one held is left out quietly: this
 * desk's newer edit is on its way up.
 */
export async function acceptStaffFromDistrict(desk: Desk, docs: WireDoc[]): Promise<WireDoc[]> {
  if (docs.length === 0) return docs;
  const held = await desk.db.staff.find().exec();
  const known = new Map<string, StaffVersion>(
    held.map((d) => [d.primary, { ...d.toMutableJSON(), _deleted: false }]),
  );
  const judged = await judgeStaffChanges(docs, known, known.size === 0 ? 'set' : 'legacy');
  const refused = judged.refused.filter((r) => !r.stale);
  if (refused.length > 0) {
    const byId = new Map(docs.map((d) => [d.id, d]));
    const at = new Date(desk.now()).toISOString();
    const entries: RefusedStaffRecord[] = refused.map((r) => {
      const doc = byId.get(r.id)!;
      const grant = doc.grant as { by?: unknown } | undefined;
      return {
        id: r.id,
        updatedAt: String(doc.updatedAt),
        by: typeof grant?.by === 'string' ? grant.by : null,
        reason: r.reason,
        at,
      };
    });
    const before = (await desk.db.getLocal<{ records: RefusedStaffRecord[] }>(REFUSED_ID))?.toJSON()
      .data.records;
    const again = new Set(entries.map((e) => `${e.id}@${e.updatedAt}`));
    const kept = (before ?? []).filter((e) => !again.has(`${e.id}@${e.updatedAt}`));
    await desk.db.upsertLocal(REFUSED_ID, { records: [...entries, ...kept].slice(0, KEEP) });
  }
  return judged.accepted as WireDoc[];
}

/** The staff records from the district this desk refused, newest first. */
export function refusedStaffRecords$(desk: Desk): Observable<RefusedStaffRecord[]> {
  return desk.db
    .getLocal$<{ records: RefusedStaffRecord[] }>(REFUSED_ID)
    .pipe(map((doc) => [...(doc?.toJSON().data.records ?? [])]));
}
