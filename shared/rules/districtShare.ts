/**
 * What the district holds of a person, by what they consented to (docs/DOMAIN.md "Privacy and
 * safety"; the consents: ./consent.ts `districtScopes`). One rule for the desk, which sends the
 * district only this (renderer/sync/districtShare.ts), and for the district, which keeps only
 * this and scrubs what it held once a consent is withdrawn (server/sync/consent.ts).
 *
 * Without consent to sharing with the district, counts only:
 *
 * - the person's own record: what the district's counts read — elder or child, gender, year of
 *   birth, state, elder categories, child class, subsidy category, visit-list risk. The name
 *   becomes NOT_SHARED; ID number, phones, contacts, guardians, pick-up adults, card number,
 *   health, diets and notes stay on the centre's desks;
 * - every record about them (visits to the centre, meals, activity marks, absences, health
 *   checks, measurements and incidents, home visits, consents): the day, the kind, the staff who
 *   recorded it — never what it says about the person (values, findings, who picked a child up,
 *   who signed the consent) — except the symptom group of an illness absence or a health check
 *   (`SURVEILLANCE_KEPT`: which of the listed symptoms, the onset day, whether a doctor was seen;
 *   never a diagnosis, a temperature or a note). Infectious-disease surveillance is a legal duty
 *   of the district (传染病防治法; PIPL art. 13(4), "为应对突发公共卫生事件"), not a purpose a
 *   family can opt out of; the district counts the symptoms across centres
 *   (./districtOutbreak.ts) and never learns whose they are;
 * - an audit entry about them: a lost-conflict copy in it as above, its free text (a reason, who
 *   asked for a withdrawal) taken out; who did what, when, stays.
 *
 * With it, everything but what another purpose covers and was not consented to: the ID number
 * (`idNumber`), the health notes and chronic conditions and the health records — measurements,
 * incidents, health checks, illness absences — (`health`, those as counts only), the pick-up
 * adults' photos (`photo`).
 *
 * Each list of what is kept is a whitelist, so a field added to a schema later stays on the desk
 * by default. `forDistrict` is idempotent: the district's copy of a copy is the same copy.
 */
import { parseHlc } from '../hlc';
import type { ConsentScope } from '../schemas/consents';
import { sameContent } from '../sync/conflict';
import { HEALTH_DATA_FIELDS } from './consent';

/** The name (and the signer, and a correction's reason) the district holds instead. */
export const NOT_SHARED = '（未共享）';

type Doc = Record<string, unknown>;

/** Fields every synced document has: kept. */
const BASE = ['id', 'centreId', 'createdAt', 'updatedAt', 'updatedBy', '_deleted'] as const;

/** A person's own record: what the district's figures read (see the file's comment). */
const MEMBER_KEPT = [
  'kind',
  'gender',
  'status',
  // The record a duplicate was merged into: an id, nothing about the person; a desk needs it to
  // follow the merge (renderer/data/identity.ts).
  'mergedInto',
  'categories',
  'childClass',
  'subsidyCategory',
  'visitRisk',
] as const;

/** Records about one person (`memberId`), and what each keeps. */
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
    'deliveredBy',
    'deliveredAt',
    'deliveryRecordedBy',
    'fromPaper',
  ],
  activities: ['kind', 'planId', 'date', 'memberId', 'present', 'recordedAt', 'recordedBy'],
  // Ability assessments (GB/T 42195-2022): the level and the dates are counted; the answers are
  // not. Children's checks, doses and 体弱儿 records: the kind, the day, a check's month, which
  // vaccine dose (an enum and a number, for the report's vaccinations missing); not the values.
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
    'vaccine',
    'dose',
  ],
} as const;

type RelatedCollection = keyof typeof RELATED_KEPT;

/**
 * What an illness absence and a health check keep of their symptoms as counts only: the symptom
 * group (an enum, no free text), and of an absence the onset and whether a doctor was seen, which
 * the disease-control report asks for. The district's outbreak view needs no more.
 */
function surveillanceKept(collection: RelatedCollection, doc: Doc): Doc {
  if (collection === 'absences' && isDoc(doc.illness)) {
    const { onset, symptoms, doctorSeen } = doc.illness;
    return { illness: { onset, symptoms, doctorSeen } };
  }
  if (collection === 'health' && Array.isArray(doc.symptoms)) return { symptoms: doc.symptoms };
  return {};
}

/** Records that are health data: without the `health` consent the district counts them only. */
const HEALTH_RECORDS: readonly string[] = ['care', 'health', 'absences', 'healthRecords'];

function isRelated(collection: unknown): collection is RelatedCollection {
  return (
    typeof collection === 'string' && Object.prototype.hasOwnProperty.call(RELATED_KEPT, collection)
  );
}

function isDoc(value: unknown): value is Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pick(doc: Doc, keys: readonly string[]): Doc {
  const out: Doc = {};
  for (const key of keys) if (doc[key] !== undefined) out[key] = doc[key];
  return out;
}

/** The collections whose documents can be about a person, for the district's lookups. */
export const PERSONAL_COLLECTIONS = ['members', 'auditLog', ...Object.keys(RELATED_KEPT)];

/**
 * The person (member id) a document of `collection` is about, or null: a member's record, a
 * record with their `memberId` (a staff member's shift or a visitor's visit is no member's), an
 * audit entry about them or holding a copy of a record about them.
 */
export function personOf(collection: string, doc: Doc): string | null {
  if (collection === 'members') return typeof doc.id === 'string' ? doc.id : null;
  if (collection === 'auditLog') {
    if (doc.subjectCollection === 'members' && typeof doc.subjectId === 'string')
      return doc.subjectId;
    return isDoc(doc.data) && typeof doc.subjectCollection === 'string'
      ? personOf(doc.subjectCollection, doc.data)
      : null;
  }
  if (!isRelated(collection)) return null;
  if (collection === 'attendance' && doc.personKind !== undefined && doc.personKind !== 'member')
    return null;
  return typeof doc.memberId === 'string' ? doc.memberId : null;
}

/** RxDB's bookkeeping in a copied document (revision, metadata): not content. */
function withoutBookkeeping(doc: Doc): Doc {
  const { _meta, _rev, _attachments, ...rest } = doc;
  void _meta;
  void _rev;
  void _attachments;
  return rest;
}

/** A document about a person as counts only (see the file's comment). */
export function countsOnly<T extends Doc>(collection: string, doc: T): T {
  if (collection === 'members') {
    const birthDate = typeof doc.birthDate === 'string' ? doc.birthDate : '';
    return {
      ...pick(doc, [...BASE, ...MEMBER_KEPT]),
      name: NOT_SHARED,
      pinyin: '',
      initials: '',
      // The year of birth stays for age bands; the day goes.
      birthDate: /^\d{4}/.test(birthDate) ? `${birthDate.slice(0, 4)}-01-01` : birthDate,
    } as unknown as T;
  }
  if (collection === 'auditLog') {
    if (personOf(collection, doc) === null) return doc;
    const out: Doc = { ...doc };
    if (isDoc(doc.data) && typeof doc.subjectCollection === 'string')
      out.data = countsOnly(doc.subjectCollection, withoutBookkeeping(doc.data));
    // Free text (a reason, who asked) may name the person or their family.
    if (typeof out.reason === 'string') out.reason = NOT_SHARED;
    return out as T;
  }
  if (!isRelated(collection) || personOf(collection, doc) === null) return doc;
  const out = {
    ...pick(doc, [...BASE, ...RELATED_KEPT[collection]]),
    ...surveillanceKept(collection, doc),
  };
  if (collection === 'consents' && out.givenBy !== undefined) out.givenBy = NOT_SHARED;
  if (collection === 'attendance' && Array.isArray(out.corrections))
    // Who corrected which time, when, stays; the reason, free text, may name the family.
    out.corrections = (out.corrections as Doc[]).map((c) => ({ ...c, reason: NOT_SHARED }));
  return out as T;
}

/**
 * What the district may hold of a document about a person whose consents cover `scopes`
 * (./consent.ts `districtScopes`; see the file's comment). A document about nobody in
 * particular comes back as it is.
 */
export function forDistrict<T extends Doc>(
  collection: string,
  doc: T,
  scopes: ReadonlySet<ConsentScope>,
): T {
  if (!scopes.has('districtSharing')) return countsOnly(collection, doc);
  if (collection === 'members') {
    const out: Doc = { ...doc };
    if (!scopes.has('idNumber')) delete out.idNumber;
    if (!scopes.has('health')) for (const field of HEALTH_DATA_FIELDS) delete out[field];
    if (!scopes.has('photo') && Array.isArray(out.pickupAdults))
      out.pickupAdults = (out.pickupAdults as Doc[]).map((adult) => {
        const { photo, ...rest } = adult;
        void photo;
        return rest;
      });
    return out as T;
  }
  if (collection === 'auditLog') {
    if (!isDoc(doc.data) || typeof doc.subjectCollection !== 'string') return doc;
    // A correction's before and after (person.correct): each value as the record would be shared.
    if (doc.subjectCollection === 'members' && Array.isArray(doc.data.changes)) {
      const shared = (field: string, value: unknown) =>
        value === null ? null : (forDistrict('members', { [field]: value }, scopes)[field] ?? null);
      const changes = (doc.data.changes as Doc[])
        .filter((c) => typeof c.field === 'string')
        .map((c) => ({
          field: c.field,
          before: shared(c.field as string, c.before),
          after: shared(c.field as string, c.after),
        }))
        .filter((c) => c.before !== null || c.after !== null);
      return { ...doc, data: { changes } };
    }
    return { ...doc, data: forDistrict(doc.subjectCollection, doc.data, scopes) };
  }
  if (HEALTH_RECORDS.includes(collection) && !scopes.has('health'))
    return countsOnly(collection, doc);
  return doc;
}

/** Whether `doc` is a counts-only copy (an erased person's record says so otherwise). */
function isCountsOnly(collection: string, doc: Doc): boolean {
  if (collection === 'members') return doc.name === NOT_SHARED && doc.status !== 'erased';
  const { _deleted: deleted, ...fields } = doc;
  void deleted;
  return sameContent(countsOnly(collection, fields), fields);
}

/**
 * A document as the desk keeps it when `pulled` comes from the district and the desk holds
 * `local` (docs/DESIGN.md "Sync protocol"). What the district holds of a person may be less
 * than the desks know; taking it as it is would empty the desk's record:
 *
 * - the district's copy of the very version the desk holds (the same `updatedAt`: its own push
 *   coming back) is that version: the desk keeps `local`;
 * - a later version another desk wrote, of which the district holds counts only, brings what the
 *   district has (the state, the class, a withdrawal, a closing time…) and the desk keeps what it
 *   knew that the district does not hold. What another desk changed among those fields stays on
 *   that desk (docs/DOMAIN.md);
 * - anything else, and whatever the district writes itself (an erasure), is taken as it is.
 */
export function withLocalFields<T extends Doc>(
  collection: string,
  pulled: T,
  local: Doc | null,
): T {
  if (!local || personOf(collection, pulled) === null) return pulled;
  if (typeof pulled.updatedAt === 'string' && parseHlc(pulled.updatedAt)?.node === 'district')
    return pulled;
  const known = withoutBookkeeping(local);
  delete known._deleted;
  if (pulled.updatedAt === known.updatedAt)
    return { ...known, _deleted: pulled._deleted } as unknown as T;
  if (!isCountsOnly(collection, pulled) || isCountsOnly(collection, known)) return pulled;
  const knownCopy = countsOnly(collection, known);
  const out: Doc = { ...pulled };
  for (const [key, value] of Object.entries(known))
    if (!sameContent(knownCopy[key], value)) out[key] = value;
  return out as T;
}
