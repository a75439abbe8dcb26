import { consentProblems, scopesInForce, uncoveredData } from '../../shared/rules/consent';
import { newId } from '../../shared/ids';
import type { ConsentDoc, MemberDoc } from '../../shared/schemas';
import { keysOfTypedPinyin, personSearchKeys } from '../../shared/search';
import type { CleanDetails } from '../../shared/validation/details';
import type { CleanMember } from '../../shared/validation/member';
import { localDay } from '../../shared/time';
import { personState } from '../../shared/rules/people';
import {
  erasedMember,
  isErasedMember,
  memberOf,
  membersInAuditEntry,
  RELATED_COLLECTIONS,
  scrubDocument,
} from '../../shared/rules/erasure';
import { sameContent } from '../../shared/sync/conflict';
import { concatMap, filter, Subscription } from 'rxjs';
import { audit, type AuditChange } from './audit';
import { consentDocs, ConsentRefused, type ConsentInput } from './consents';
import type { Desk } from './desk';
import { plain } from './plain';
import { checkIdentity } from './identity';
import { requirePermission } from './staff';
import { normaliseIdNumber } from '../../shared/rules/identity';

/** Card numbers already given out in this store. */
export async function takenCardNumbers(desk: Desk): Promise<Set<string>> {
  const docs = await desk.db.members.find().exec();
  return new Set(docs.map((d) => d.cardNo).filter((c): c is string => !!c));
}

/** A card number: 8 digits, unique in this desk's store (the scanner types it and Enter). */
export function newCardNo(taken: Set<string>): string {
  for (;;) {
    const bytes = new Uint32Array(1);
    crypto.getRandomValues(bytes);
    const cardNo = String(10_000_000 + (bytes[0]! % 90_000_000));
    if (!taken.has(cardNo)) {
      taken.add(cardNo);
      return cardNo;
    }
  }
}

/** A new member document, stamped by this desk. */
export function memberDoc(
  desk: Desk,
  member: CleanMember,
  details: CleanDetails,
  cardNo: string,
  at: Date,
  /** The pinyin the worker checked (registration's pinyin field); the library's when absent. */
  typedPinyin?: string,
): MemberDoc {
  return {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    ...member,
    ...details,
    ...personSearchKeys(member.name, typedPinyin),
    cardNo,
    status: 'active',
  };
}

/**
 * Registers a person with the consent given for them (null: none). The consent is checked first
 * (shared/rules/consent.ts): a child only with a guardian's consent to the child's data, an ID
 * number, health data or a pick-up photo only with its own consent; refused naming the field.
 * One person is one record (renderer/data/identity.ts): an ID number already on the record is
 * refused (`DuplicateIdentityError`, naming the person); the same name and birth date as someone
 * on the record is asked about (`LikelyDuplicateError`) until `confirmedLikelyDuplicate`.
 */
export async function registerMember(
  desk: Desk,
  member: CleanMember,
  at = new Date(),
  details: CleanDetails = {},
  consent: ConsentInput | null = null,
  typedPinyin?: string,
  options: { confirmedLikelyDuplicate?: boolean } = {},
): Promise<MemberDoc> {
  const cardNo = newCardNo(await takenCardNumbers(desk));
  const doc = memberDoc(desk, member, details, cardNo, at, typedPinyin);
  if (doc.idNumber) doc.idNumber = normaliseIdNumber(doc.idNumber);
  const problems = consentProblems(doc, consent, localDay(at));
  if (problems.length) throw new ConsentRefused(problems);
  await checkIdentity(desk, doc, { confirmed: options.confirmedLikelyDuplicate === true });
  // Two collections and no transaction across them: the consents go first, so a write that
  // fails (a full disk) leaves no person registered without the consent they gave. Should the
  // person then fail, the consents are taken back.
  const records: ConsentDoc[] = consent ? consentDocs(desk, doc.id, consent, at) : [];
  // Stamped after its consents: the district then needs it sent only once (consents.ts
  // resendSharedRecords sends again a record older than a consent to share).
  if (records.length) doc.updatedAt = desk.clock.tick();
  if (records.length) await desk.db.consents.bulkInsert(records);
  try {
    await desk.db.members.insert(doc);
  } catch (error) {
    if (records.length) {
      await desk.db.consents
        .findByIds(records.map((r) => r.id))
        .exec()
        .then((found) => Promise.all([...found.values()].map((d) => d.remove())))
        .catch(() => undefined);
    }
    throw error;
  }
  return doc;
}

/** The consents recorded for one person, withdrawn and expired ones too (read once). */
export async function consentsOf(desk: Desk, memberId: string): Promise<ConsentDoc[]> {
  return plain(await desk.db.consents.find({ selector: { memberId } }).exec());
}

/** Fields whose view or change is sensitive (PIPL): logged in the audit log. */
export const SENSITIVE_FIELDS = [
  'idNumber',
  'guardians',
  'healthNotes',
  'chronicConditions',
] as const;

/** Someone opened a person's sensitive fields: who, whose, which fields (never the values). */
export async function logSensitiveView(desk: Desk, member: MemberDoc, fields: string[]) {
  requirePermission(desk, 'viewSensitive');
  await audit(desk, {
    action: 'sensitive.view',
    subjectCollection: 'members',
    subjectId: member.id,
    fields,
  });
}

/** The fields a correction may change: everything the registration form asks for. */
export const CORRECTABLE_FIELDS = [
  'name',
  'pinyin',
  'gender',
  'birthDate',
  'phone',
  'note',
  'subsidyCategory',
  'diets',
  'allergies',
  'emergencyContacts',
  'categories',
  'abilityLevel',
  'visitRisk',
  'childClass',
  'pickupAdults',
  ...SENSITIVE_FIELDS,
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** `pinyin` is as the worker typed it ("wang ji"); the search keys are made from it. */
export type MemberCorrection = Partial<Pick<MemberDoc, CorrectableField>>;

/** One field's value before and after a correction, as the audit entry keeps it (sealed at rest). */
export interface FieldChange extends AuditChange {
  field: CorrectableField;
}

/** The before/after of a correction kept in its audit entry's `data` (encrypted at rest). */
export interface CorrectionData {
  changes: FieldChange[];
}

/** A correction was asked for without a reason (更正原因). */
export class ReasonRequired extends Error {
  constructor() {
    super('reasonRequired');
    this.name = 'ReasonRequired';
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Values a field may be cleared to: absent (an empty list or text means none). */
function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/**
 * Corrects a person's record (the right to correction), with a reason. Ordinary fields need
 * `register`; sensitive ones need `viewSensitive`. Only the fields whose value changes are
 * written; each one's before and after is kept in the audit entry (`person.correct`, `data`,
 * sealed at rest with the reason). A field given empty is cleared.
 */
export async function correctMember(
  desk: Desk,
  memberId: string,
  patch: MemberCorrection,
  reason: string,
): Promise<MemberDoc> {
  const asked = Object.keys(patch).filter((k) =>
    (CORRECTABLE_FIELDS as readonly string[]).includes(k),
  ) as CorrectableField[];
  const sensitive = asked.filter((k) => (SENSITIVE_FIELDS as readonly string[]).includes(k));
  requirePermission(desk, sensitive.length ? 'viewSensitive' : 'register');
  if (!reason.trim()) throw new ReasonRequired();
  const doc = await desk.db.members.findOne(memberId).exec();
  if (!doc) throw new Error(`No member with id ${memberId}`);
  // One ID number, one person on the record (renderer/data/identity.ts), as at registration.
  // (The number's form is the correction form's to check, by shared/validation as at registration.)
  if (patch.idNumber) {
    const idNumber = normaliseIdNumber(patch.idNumber);
    patch = { ...patch, idNumber };
    await checkIdentity(
      desk,
      { name: doc.name, birthDate: doc.birthDate, idNumber },
      { except: memberId, confirmed: true },
    );
  }
  const current = doc.toMutableJSON();
  const changes: FieldChange[] = [];
  for (const field of asked) {
    // The pinyin as typed ("wang xiu yun") against the stored key ("wangxiuyun").
    const given =
      field === 'pinyin' && typeof patch.pinyin === 'string'
        ? keysOfTypedPinyin(patch.pinyin).pinyin
        : patch[field];
    const after = isEmptyValue(given) ? undefined : given;
    if (!sameValue(current[field], after))
      changes.push({ field, before: current[field] ?? null, after: after ?? null });
  }
  if (!changes.length) return current;
  const changed = Object.fromEntries(changes.map((c) => [c.field, c.after ?? undefined]));
  // An ID number or health data is written only under the consent in force that covers it.
  const problems = uncoveredData(
    changed,
    scopesInForce(await consentsOf(desk, memberId), localDay(new Date())),
  );
  if (problems.length) throw new ConsentRefused(problems);
  const name = (changed.name as string | undefined) ?? current.name;
  const next: MemberDoc = {
    ...current,
    ...(changed.name !== undefined || 'pinyin' in changed
      ? personSearchKeys(name, patch.pinyin)
      : {}),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  };
  for (const c of changes) {
    if (c.field === 'pinyin') continue; // the search keys above
    if (c.after === null) delete (next as Record<string, unknown>)[c.field];
    else (next as Record<string, unknown>)[c.field] = c.after;
  }
  const updated = await doc.incrementalModify(() => next);
  await audit(desk, {
    action: 'person.correct',
    subjectCollection: 'members',
    subjectId: memberId,
    fields: changes.map((c) => c.field),
    reason: reason.trim(),
    data: { changes } satisfies CorrectionData,
  });
  return updated.toMutableJSON();
}

/** A person who has left, or is back, cannot be marked so again; nor an erased or merged one. */
export class PersonStateRefused extends Error {
  constructor(readonly problem: 'alreadyLeft' | 'notLeft' | 'notOnRecord' | 'dateInvalid') {
    super(problem);
    this.name = 'PersonStateRefused';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Records that a person has left the centre's care, on a day and why. Their record, card and
 * history stay; they are no longer offered for service (shared/rules/people.ts `inCare`).
 */
export async function markLeft(
  desk: Desk,
  memberId: string,
  leaving: { on: string; reason: string },
): Promise<MemberDoc> {
  requirePermission(desk, 'register');
  if (!leaving.reason.trim()) throw new ReasonRequired();
  if (!DAY.test(leaving.on)) throw new PersonStateRefused('dateInvalid');
  const doc = await desk.db.members.findOne(memberId).exec();
  if (!doc) throw new Error(`No member with id ${memberId}`);
  const state = personState(doc);
  if (state === 'left') throw new PersonStateRefused('alreadyLeft');
  if (state !== 'active') throw new PersonStateRefused('notOnRecord');
  const updated = await doc.incrementalPatch({
    status: 'left',
    leftOn: leaving.on,
    leftReason: leaving.reason.trim(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  await audit(desk, {
    action: 'person.leave',
    subjectCollection: 'members',
    subjectId: memberId,
    reason: `${leaving.on} ${leaving.reason.trim()}`,
  });
  return updated.toMutableJSON();
}

/** A person who left comes back: in care again from `on`, with the same card and history. */
export async function markReturned(
  desk: Desk,
  memberId: string,
  returning: { on: string },
): Promise<MemberDoc> {
  requirePermission(desk, 'register');
  if (!DAY.test(returning.on)) throw new PersonStateRefused('dateInvalid');
  const doc = await desk.db.members.findOne(memberId).exec();
  if (!doc) throw new Error(`No member with id ${memberId}`);
  if (personState(doc) !== 'left') throw new PersonStateRefused('notLeft');
  const updated = await doc.incrementalPatch({
    status: 'active',
    returnedOn: returning.on,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  await audit(desk, {
    action: 'person.return',
    subjectCollection: 'members',
    subjectId: memberId,
    reason: returning.on,
  });
  return updated.toMutableJSON();
}

/**
 * Erases a person on request (PIPL art. 47), the same way the district does (shared/rules/erasure.ts):
 * the record becomes an anonymous shell (elder or child, gender, year of birth), every record
 * about the person on this desk keeps only what is counted, and every conflict copy and
 * free-text reason about them in the audit log is scrubbed. The district does the same to every
 * version it holds when the erasure reaches it, and the centre's other desks get the scrubbed
 * records back by sync (`watchErasures`). Managers only, with a reason, which is logged; the
 * erased values are not.
 */
export async function eraseMember(
  desk: Desk,
  memberId: string,
  reason: string,
): Promise<MemberDoc> {
  requirePermission(desk, 'correctRecords');
  if (!reason.trim()) throw new Error('reasonRequired');
  const doc = await desk.db.members.findOne(memberId).exec();
  if (!doc) throw new Error(`No member with id ${memberId}`);
  const replacement: MemberDoc = {
    ...erasedMember(doc.toMutableJSON()),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  };
  await doc.incrementalModify(() => replacement);
  await scrubErasedLocally(desk, memberId);
  await audit(desk, {
    action: 'person.erase',
    subjectCollection: 'members',
    subjectId: memberId,
    reason: reason.trim(),
  });
  return replacement;
}

type Scrubbable = {
  toMutableJSON(): Record<string, unknown>;
  incrementalModify(fn: (data: never) => unknown): Promise<unknown>;
};

/** Writes the scrubbed form of a document when it differs, as a new version stamped by this desk. */
async function scrub(desk: Desk, collection: string, doc: Scrubbable): Promise<void> {
  const current = doc.toMutableJSON();
  const scrubbed = scrubDocument(collection, current);
  if (sameContent(scrubbed, current)) return;
  await doc.incrementalModify(
    () => ({ ...scrubbed, updatedAt: desk.clock.tick(), updatedBy: desk.actor() }) as never,
  );
}

/**
 * Scrubs what this desk holds about an erased person: the records about them and the audit
 * entries about them or their records (conflict copies, free-text reasons).
 */
export async function scrubErasedLocally(desk: Desk, memberId: string): Promise<void> {
  const recordIds = new Set<string>();
  for (const name of RELATED_COLLECTIONS) {
    if (!(name in desk.db.collections)) continue;
    const collection = desk.db.collections[name] as unknown as {
      find(q: { selector: Record<string, unknown> }): { exec(): Promise<Scrubbable[]> };
    };
    for (const doc of await collection.find({ selector: { memberId } }).exec()) {
      if (memberOf(name, doc.toMutableJSON()) !== memberId) continue;
      recordIds.add(String(doc.toMutableJSON().id));
      await scrub(desk, name, doc);
    }
  }
  // The copies' contents are encrypted at rest, so they cannot be selected by the person they
  // copy: every conflict copy is read (an erasure is rare; the copies are few).
  const entries = await desk.db.auditLog
    .find({
      selector: {
        $or: [{ subjectId: { $in: [memberId, ...recordIds] } }, { action: 'sync.conflictLost' }],
      },
    })
    .exec();
  for (const entry of entries) {
    const data = entry.toMutableJSON();
    if (
      data.subjectId === memberId ||
      recordIds.has(data.subjectId) ||
      membersInAuditEntry(data).includes(memberId)
    )
      await scrub(desk, 'auditLog', entry as unknown as Scrubbable);
  }
}

/**
 * On a desk that syncs: when another desk's erasure arrives (a record this desk knew turns
 * erased), scrubs what this desk holds about the person: its audit log (the conflict copies it
 * made itself may not have reached the district yet) and the records about them. The district
 * sends those scrubbed too, but one that arrived before the erasure was completed from this
 * desk's own copy (renderer/sync/districtShare.ts), as a person who does not share is.
 */
export function watchErasures(desk: Desk): Subscription {
  // A store opened without the members collection (a test desk of a few collections) holds no
  // one to erase.
  const members = desk.db.members as Desk['db']['members'] | undefined;
  if (!members) return Subscription.EMPTY;
  return members.$.pipe(
    filter(
      (e) =>
        isErasedMember(e.documentData) &&
        !!e.previousDocumentData &&
        !isErasedMember(e.previousDocumentData),
    ),
    // A failed scrub (the store closing) is not lost: the copies are scrubbed by the district
    // when they reach it, and come back so.
    concatMap((e) => scrubErasedLocally(desk, e.documentId).catch(() => undefined)),
  ).subscribe();
}
