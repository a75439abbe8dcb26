/**
 * What is left of a person after erasure (PIPL art. 47; docs/DOMAIN.md "People", docs/DESIGN.md
 * "Erasure"), one definition for the desk and the district:
 *
 * - the person's own record becomes an anonymous shell: elder or child, gender and year of birth,
 *   so the district's counts by kind and age band stay right; name, ID number, phones, contacts,
 *   guardians, health, card number and notes go;
 * - every record about them (visits to the centre, health checks, measurements and incidents,
 *   absences, the visit list and visits, meals, activity marks, consents) keeps what is counted —
 *   the day, the kind, who of the staff recorded it — and loses what it said about the person:
 *   values, free text, the adults who picked a child up, the guardian who consented. It keeps its
 *   `memberId`, which now leads only to the shell: the id is a random number made on the desk and
 *   printed nowhere, so it says nothing about who the person was, and the district's reports
 *   (which join visits to the person's kind and count people by it) keep their counts;
 * - every copy of a lost sync conflict about them in the audit log is scrubbed the same way, and
 *   the free-text reasons of audit entries about them are replaced; the audit entries themselves
 *   (who viewed, changed or erased what, when) stay, as the law keeps logs.
 *
 * Each function keeps a whitelist, so a field added to a schema later is dropped by default, and
 * each is idempotent: scrubbing a scrubbed document changes nothing.
 */
import type { CollectionName } from '../schemas';

/** The name an erased person's shell carries, and the text that replaces a scrubbed free text. */
export const ERASED_NAME = '（已删除）';

/** The fields every synced document has, kept on a scrubbed one. */
const BASE = ['id', 'centreId', 'createdAt', 'updatedAt', 'updatedBy', '_deleted'] as const;

/** What a person's own record keeps (plus the year of birth and the erased marks). */
const MEMBER_KEPT = [...BASE, 'kind', 'gender'] as const;

/**
 * The collections whose documents are about one person (`memberId`), and what each keeps: the
 * fields the centre's and the district's counts read, nothing the person said or was told.
 */
const RELATED_KEPT = {
  attendance: [
    'memberId',
    'personKind',
    'day',
    'status',
    'checkInAt',
    'checkOutAt',
    'checkInBy',
    'checkOutBy',
    'closedAtClosing',
    'cancelled',
    'corrections',
    'fromPaper',
  ],
  visits: [
    'kind',
    'memberId',
    'risk',
    'listedOn',
    'offListOn',
    'riskHistory',
    'visitKind',
    'at',
    'visitedBy',
    'reached',
    'nextDueOn',
  ],
  care: ['kind', 'memberId', 'day', 'at', 'by', 'incidentKind', 'closedAt', 'closedBy'],
  health: ['kind', 'memberId', 'day', 'at', 'by', 'fromPaper'],
  absences: ['memberId', 'day', 'reason', 'returnedOn', 'recordedBy'],
  consents: [
    'memberId',
    'givenBy',
    'relation',
    'scopes',
    'givenOn',
    'expiresOn',
    'withdrawnOn',
    'recordedBy',
  ],
  meals: [
    'kind',
    'day',
    'mealType',
    'memberId',
    'mode',
    'cancelled',
    'servedAt',
    'servedBy',
    'subsidyCategory',
    'deliveredAt',
    'deliveryRecordedBy',
    'fromPaper',
  ],
  activities: ['kind', 'planId', 'date', 'memberId', 'present', 'recordedAt', 'recordedBy'],
  // Ability assessments (GB/T 42195-2022): the level and the dates are counted; the answers are
  // not. Children's checks, doses and 体弱儿 records: the kind, the day, a check's month.
  healthRecords: [
    'kind',
    'memberId',
    'assessedOn',
    'assessorId',
    'reason',
    'corrects',
    'total',
    'level',
    'dueOn',
    'day',
    'at',
    'by',
    'checkMonth',
    'closedAt',
    'closedBy',
  ],
} as const satisfies Partial<Record<CollectionName, readonly string[]>>;

export type RelatedCollection = keyof typeof RELATED_KEPT;
export const RELATED_COLLECTIONS = Object.keys(RELATED_KEPT) as RelatedCollection[];

export function isRelatedCollection(name: unknown): name is RelatedCollection {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(RELATED_KEPT, name);
}

type Doc = Record<string, unknown>;

function pick(doc: Doc, keys: readonly string[]): Doc {
  const out: Doc = {};
  for (const key of keys) if (doc[key] !== undefined) out[key] = doc[key];
  return out;
}

/** A member record as an erased shell: see the file's comment. Works on any version of it. */
export function erasedMember<T extends Doc>(doc: T): T {
  const birthDate = typeof doc.birthDate === 'string' ? doc.birthDate : '';
  const year = /^\d{4}/.test(birthDate) ? birthDate.slice(0, 4) : '1900';
  return {
    ...pick(doc, MEMBER_KEPT),
    // The year of birth stays for age-band counts; the rest of the date goes.
    birthDate: `${year}-01-01`,
    name: ERASED_NAME,
    pinyin: '',
    initials: '',
    status: 'erased',
  } as unknown as T;
}

/** A member record (any version of it) marked erased. */
export function isErasedMember(doc: unknown): boolean {
  return doc !== null && typeof doc === 'object' && (doc as Doc).status === 'erased';
}

/** A record about an erased person, keeping only what is counted (see RELATED_KEPT). */
export function scrubRelated<T extends Doc>(collection: RelatedCollection, doc: T): T {
  const out = pick(doc, [...BASE, ...RELATED_KEPT[collection]]);
  if (collection === 'consents' && out.givenBy !== undefined) out.givenBy = ERASED_NAME;
  if (collection === 'attendance' && Array.isArray(out.corrections)) {
    // Who corrected what, when, stays; why (free text) may name the person or their family.
    out.corrections = (out.corrections as Doc[]).map((c) => ({ ...c, reason: ERASED_NAME }));
  }
  return out as T;
}

/**
 * An audit entry about an erased person: a conflict copy in `data` is scrubbed as the record it
 * copies, and a free-text reason is replaced — except the erasure's own reason, the ground on
 * which the centre erased, which the manager is asked not to write names into.
 */
export function scrubAuditEntry<T extends Doc>(entry: T): T {
  const out: Doc = { ...entry };
  const data = entry.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const subject = entry.subjectCollection;
    out.data =
      subject === 'members'
        ? erasedMember(stripBookkeeping(data as Doc))
        : isRelatedCollection(subject)
          ? scrubRelated(subject, stripBookkeeping(data as Doc))
          : // A copy of something else that names the person: keep only that it existed.
            pick(data as Doc, BASE);
  }
  if (typeof out.reason === 'string' && entry.action !== 'person.erase') out.reason = ERASED_NAME;
  return out as T;
}

/** RxDB's bookkeeping in a copied document (revision, metadata): not content, dropped. */
function stripBookkeeping(doc: Doc): Doc {
  const { _meta, _rev, _attachments, ...rest } = doc;
  void _meta;
  void _rev;
  void _attachments;
  return rest;
}

/** The member a document of `collection` is about, if it is about one. */
export function memberOf(collection: string, doc: Doc): string | null {
  if (collection === 'members') return typeof doc.id === 'string' ? doc.id : null;
  if (!isRelatedCollection(collection)) return null;
  // A staff member's shift or a visitor's visit is not a member's.
  if (collection === 'attendance' && doc.personKind !== undefined && doc.personKind !== 'member')
    return null;
  return typeof doc.memberId === 'string' ? doc.memberId : null;
}

/**
 * The members an audit entry is about: its subject when that is a person, and the person of the
 * conflict copy it holds. (An entry whose subject is a record about a person — a pick-up
 * override on a visit — is found through that record by whoever holds it.)
 */
export function membersInAuditEntry(entry: Doc): string[] {
  const out = new Set<string>();
  if (entry.subjectCollection === 'members' && typeof entry.subjectId === 'string')
    out.add(entry.subjectId);
  const data = entry.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
    const subject = typeof entry.subjectCollection === 'string' ? entry.subjectCollection : '';
    const member = memberOf(subject, data as Doc);
    if (member) out.add(member);
  }
  return [...out];
}

/** The scrubbed form of a document about an erased person, whatever its collection. */
export function scrubDocument<T extends Doc>(collection: string, doc: T): T {
  if (collection === 'members') return erasedMember(doc);
  if (collection === 'auditLog') return scrubAuditEntry(doc);
  if (isRelatedCollection(collection)) return scrubRelated(collection, doc);
  return doc;
}

// ---- retention (docs/DOMAIN.md "Privacy and safety") ----

/** Records are kept at least five years after service ends (elder-care rules). */
export const MIN_ERASE_AFTER_YEARS = 5;
/** Logs are kept at least six months (Cybersecurity Law art. 21). */
export const MIN_LOG_MONTHS = 6;
