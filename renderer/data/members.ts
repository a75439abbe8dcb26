import { consentProblems, scopesInForce, uncoveredData } from '../../shared/rules/consent';
import { newId } from '../../shared/ids';
import type { ConsentDoc, MemberDoc } from '../../shared/schemas';
import { personSearchKeys } from '../../shared/search';
import type { CleanDetails } from '../../shared/validation/details';
import type { CleanMember } from '../../shared/validation/member';
import { localDay } from '../../shared/time';
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
import { audit } from './audit';
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

/** `pinyin` is as the worker typed it ("wang ji"); the search keys are made from it. */
export type MemberCorrection = Partial<
  Pick<
    MemberDoc,
    'name' | 'pinyin' | 'phone' | 'allergies' | 'diets' | 'pickupAdults' | 'childClass' | 'note'
  >
> &
  Partial<Pick<MemberDoc, (typeof SENSITIVE_FIELDS)[number]>>;

/**
 * Corrects a person's record (the right to correction). Ordinary fields need `register`;
 * sensitive ones need `viewSensitive`, and their change is audited (field names, not values).
 */
export async function correctMember(
  desk: Desk,
  memberId: string,
  patch: MemberCorrection,
): Promise<MemberDoc> {
  const sensitive = Object.keys(patch).filter((k) =>
    (SENSITIVE_FIELDS as readonly string[]).includes(k),
  );
  requirePermission(desk, sensitive.length ? 'viewSensitive' : 'register');
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
  // An ID number or health data is written only under the consent in force that covers it.
  const problems = uncoveredData(
    patch,
    scopesInForce(await consentsOf(desk, memberId), localDay(new Date())),
  );
  if (problems.length) throw new ConsentRefused(problems);
  const updated = await doc.incrementalPatch({
    ...patch,
    ...(patch.name || patch.pinyin !== undefined
      ? personSearchKeys(patch.name ?? doc.name, patch.pinyin)
      : {}),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  // Children's data is sensitive as a whole (PIPL, under 14); for elders, the sensitive fields.
  if (sensitive.length || doc.kind === 'child')
    await audit(desk, {
      action: 'sensitive.change',
      subjectCollection: 'members',
      subjectId: memberId,
      fields: Object.keys(patch),
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
