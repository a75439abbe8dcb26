import { addDays } from 'date-fns';
import { startWith, switchMap, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import {
  isRelatedCollection,
  memberOf,
  membersInAuditEntry,
  RELATED_COLLECTIONS,
} from '../../shared/rules/erasure';
import type { AuditLogDoc, CollectionName, MemberDoc } from '../../shared/schemas';
import type { AuditAction } from '../../shared/schemas/auditLog';
import type { Desk } from './desk';
import { plain, plainDoc } from './plain';

/** Appends an audit entry: who (the staff member at the desk), what, to which record. */
export async function audit(
  desk: Desk,
  entry: {
    action: AuditAction;
    subjectCollection: CollectionName;
    subjectId: string;
    fields?: string[];
    reason?: string;
    staffId?: string;
    /** Values kept with the entry (a correction's before and after): sealed at rest. */
    data?: Record<string, unknown>;
  },
  at = new Date(),
): Promise<AuditLogDoc> {
  const staffId = entry.staffId ?? desk.session?.staff.id;
  const doc: AuditLogDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    at: at.toISOString(),
    action: entry.action,
    subjectCollection: entry.subjectCollection,
    subjectId: entry.subjectId,
    ...(staffId ? { staffId } : {}),
    ...(entry.fields ? { fields: entry.fields } : {}),
    ...(entry.reason ? { reason: entry.reason } : {}),
    ...(entry.data ? { data: entry.data } : {}),
  };
  await desk.db.auditLog.insert(doc);
  return doc;
}

/** What the manager narrows the log to; empty means everything. Days are the desk's local days. */
export interface AuditFilter {
  memberId?: string | null;
  staffId?: string | null;
  /** First day, yyyy-MM-dd, included. */
  from?: string | null;
  /** Last day, yyyy-MM-dd, included. */
  to?: string | null;
}

/** Whom an entry is about, as the log names them. */
export type AuditWhom =
  | { kind: 'member'; id: string; name: string; erased: boolean }
  | { kind: 'staff'; name: string }
  | { kind: 'visitor'; name: string }
  /** A list with children in it opened (`list`: which, e.g. `child`, `all`), a day's sheet taken, the log exported. */
  | { kind: 'list'; list: string }
  | { kind: 'sheet'; day: string }
  | { kind: 'log' };

/**
 * One entry as an inspector reads it: who did what to whom and when, people by name (an erased
 * person never by the old one); the screen puts the action and fields into words.
 */
export interface AuditLine {
  id: string;
  /** When it happened (ISO), the order of the log. */
  at: string;
  action: AuditAction;
  /** The staff member who acted; null when the desk itself did (a sync conflict). */
  who: string | null;
  whom: AuditWhom | null;
  fields: string[];
  reason: string;
  /** A correction's fields before and after (`person.correct`); empty otherwise. */
  changes: AuditChange[];
}

/** One field's value before and after a correction, as its audit entry keeps it. */
export interface AuditChange {
  field: string;
  before: unknown;
  after: unknown;
}

function changesOf(e: AuditLogDoc): AuditChange[] {
  const changes = (e.data as { changes?: unknown } | undefined)?.changes;
  if (e.action !== 'person.correct' || !Array.isArray(changes)) return [];
  return changes.filter(
    (c): c is AuditChange => !!c && typeof c === 'object' && typeof c.field === 'string',
  );
}

/** When an entry happened: its own time; a conflict copy (which has none) when it was made. */
const happened = (e: AuditLogDoc) => e.at ?? e.createdAt;

/** The ids an entry about this person can have as its subject: the person and their records. */
async function subjectIdsOf(desk: Desk, memberId: string): Promise<string[]> {
  const ids = [memberId];
  for (const name of RELATED_COLLECTIONS) {
    if (!(name in desk.db.collections)) continue;
    const docs = await desk.db.collections[name].find({ selector: { memberId } }).exec();
    for (const doc of docs) {
      const data = doc.toMutableJSON() as Record<string, unknown>;
      if (memberOf(name, data) === memberId) ids.push(String(data.id));
    }
  }
  return ids;
}

/** The matching entries, newest first by when they happened (not by when a copy last changed). */
async function matching(desk: Desk, filter: AuditFilter): Promise<AuditLogDoc[]> {
  const selector: Record<string, unknown> = {};
  if (filter.staffId) selector.staffId = filter.staffId;
  if (filter.memberId) selector.subjectId = { $in: await subjectIdsOf(desk, filter.memberId) };
  // Whole local days, as ISO instants: `at` is stored as toISOString(), so strings compare.
  const from = filter.from ? new Date(`${filter.from}T00:00:00`).toISOString() : null;
  const to = filter.to ? addDays(new Date(`${filter.to}T00:00:00`), 1).toISOString() : null;
  return plain(await desk.db.auditLog.find({ selector }).exec())
    .filter((e) => (!from || happened(e) >= from) && (!to || happened(e) < to))
    .sort(
      (a, b) => happened(b).localeCompare(happened(a)) || b.updatedAt.localeCompare(a.updatedAt),
    );
}

type Whom = { member: MemberDoc } | { staff: string } | { visitor: string } | null;

/** Whom each entry is about, read from its subject (a person, or a record about one). */
async function whomOf(desk: Desk, entries: AuditLogDoc[]): Promise<Map<string, Whom>> {
  const bySubject = new Map<string, Map<string, Record<string, unknown>>>();
  for (const name of new Set(entries.map((e) => e.subjectCollection))) {
    if (!(name in desk.db.collections) || name === 'auditLog') continue;
    const ids = entries.filter((e) => e.subjectCollection === name).map((e) => e.subjectId);
    const found = await desk.db.collections[name as CollectionName].findByIds(ids).exec();
    bySubject.set(
      name,
      new Map([...found].map(([id, doc]) => [id, doc.toMutableJSON() as Record<string, unknown>])),
    );
  }
  const memberIds = new Map<string, string>();
  const out = new Map<string, Whom>();
  for (const e of entries) {
    const subject = bySubject.get(e.subjectCollection)?.get(e.subjectId);
    if (e.subjectCollection === 'staff') {
      out.set(e.id, { staff: e.subjectId });
      continue;
    }
    if (subject?.personKind === 'staff') {
      out.set(e.id, { staff: String(subject.memberId) });
      continue;
    }
    if (subject?.personKind === 'visitor') {
      const visitor = subject.visitor as { name?: string } | undefined;
      out.set(e.id, { visitor: visitor?.name ?? '' });
      continue;
    }
    // A record's person; a view of someone's health records names the person as its subject.
    const member =
      (subject ? memberOf(e.subjectCollection, subject) : null) ??
      membersInAuditEntry(e)[0] ??
      (isRelatedCollection(e.subjectCollection) ? e.subjectId : null);
    if (member) memberIds.set(e.id, member);
  }
  const members = await desk.db.members.findByIds([...new Set(memberIds.values())]).exec();
  for (const [entryId, memberId] of memberIds) {
    const doc = members.get(memberId);
    if (doc) out.set(entryId, { member: plainDoc(doc) });
  }
  return out;
}

/** The entries with staff and people by name. */
async function named(desk: Desk, entries: AuditLogDoc[]): Promise<AuditLine[]> {
  const staff = new Map(plain(await desk.db.staff.find().exec()).map((s) => [s.id, s.name]));
  const whom = await whomOf(desk, entries);
  const staffName = (id: string) => staff.get(id) ?? id;
  const about = (e: AuditLogDoc): AuditWhom | null => {
    // A people list is logged as `people:<which>`.
    if (e.action === 'list.view')
      return { kind: 'list', list: e.subjectId.replace(/^people:/, '') };
    if (e.action === 'sheet.export') return { kind: 'sheet', day: e.subjectId };
    if (e.action === 'audit.export') return { kind: 'log' };
    const w = whom.get(e.id);
    if (!w) return null;
    if ('staff' in w) return { kind: 'staff', name: staffName(w.staff) };
    if ('visitor' in w) return { kind: 'visitor', name: w.visitor };
    const erased = w.member.status === 'erased';
    // The shell's name is already a placeholder; the screen says "erased" in its own language.
    return { kind: 'member', id: w.member.id, name: erased ? '' : w.member.name, erased };
  };
  return entries.map((e) => ({
    id: e.id,
    at: happened(e),
    action: e.action,
    who: e.staffId ? staffName(e.staffId) : null,
    whom: about(e),
    fields: e.action === 'list.view' ? [] : (e.fields ?? []),
    reason: e.reason ?? '',
    changes: changesOf(e),
  }));
}

/**
 * The newest `limit` entries matching `filter`, in words, as the log changes; `more` when there
 * are older ones the screen does not show.
 */
export function auditLines$(
  desk: Desk,
  filter: AuditFilter,
  limit: number,
): Observable<{ lines: AuditLine[]; more: boolean }> {
  return desk.db.auditLog.$.pipe(
    startWith(null),
    switchMap(async () => {
      const entries = await matching(desk, filter);
      return { lines: await named(desk, entries.slice(0, limit)), more: entries.length > limit };
    }),
  );
}

/**
 * Every entry matching `filter` (the whole log when it is empty), newest first as on the screen,
 * for the manager to take away; that it was taken is itself recorded (after the reading, so the
 * copy ends with what was there when it was asked for).
 */
export async function exportAuditLog(
  desk: Desk,
  filter: AuditFilter,
  at = new Date(),
): Promise<AuditLine[]> {
  const lines = await named(desk, await matching(desk, filter));
  await audit(
    desk,
    { action: 'audit.export', subjectCollection: 'auditLog', subjectId: 'all' },
    at,
  );
  return lines;
}
