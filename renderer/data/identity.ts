import { map, type Observable } from 'rxjs';
import {
  duplicateGroups,
  holderOf,
  mergedRecord,
  namesakesBornSameDay,
  type DuplicateGroup,
} from '../../shared/rules/identity';
import { memberOf, RELATED_COLLECTIONS } from '../../shared/rules/erasure';
import { onRecord } from '../../shared/rules/people';
import type { CollectionName, MemberDoc, VisitDoc } from '../../shared/schemas';
import { listingId } from '../../shared/schemas/visits';
import { audit } from './audit';
import type { Desk } from './desk';
import { visibleTo, type VisibleMember } from './people';
import { plain } from './plain';
import { requirePermission } from './staff';

/**
 * One person is one record (shared/rules/identity.ts), held where records are written: a
 * registration, a correction or an import that would give a second record the ID number of a
 * person on the record is refused here, whichever screen asked, and the check reads the store's
 * decrypted records whatever the role at the desk. The refusal names the person and their record's
 * id, never the number, so a role that may not see ID numbers learns none.
 */

/** A person on the record, as a refusal or a warning names them: no ID number. */
export interface ExistingPerson {
  id: string;
  name: string;
  birthDate: string;
  cardNo: string | null;
}

const named = (m: MemberDoc): ExistingPerson => ({
  id: m.id,
  name: m.name,
  birthDate: m.birthDate,
  cardNo: m.cardNo ?? null,
});

/** Refused: the ID number is already that of `existing`, a person on the centre's record. */
export class DuplicateIdentityError extends Error {
  constructor(readonly existing: ExistingPerson) {
    super(`idNumberTaken: ${existing.id}`);
  }
}

/**
 * Not refused, a question: people on the record have the same name and birth date (and no
 * different ID number). The worker may register all the same once they have confirmed it.
 */
export class LikelyDuplicateError extends Error {
  constructor(readonly people: ExistingPerson[]) {
    super(`likelyDuplicate: ${people.map((p) => p.id).join(',')}`);
  }
}

/** Every person of the store, decrypted (the data layer's own read: never handed to a screen). */
async function everyone(desk: Desk): Promise<MemberDoc[]> {
  return plain(await desk.db.members.find().exec());
}

/**
 * Checks a person about to be written against the record: refuses a taken ID number
 * (`DuplicateIdentityError`); asks about a likely duplicate by name and birth date
 * (`LikelyDuplicateError`) unless `confirmed` (the worker said it is someone else).
 */
export async function checkIdentity(
  desk: Desk,
  person: Pick<MemberDoc, 'name' | 'birthDate' | 'idNumber'>,
  options: { except?: string; confirmed?: boolean; people?: readonly MemberDoc[] } = {},
): Promise<void> {
  const people = options.people ?? (await everyone(desk));
  if (person.idNumber) {
    const holder = holderOf(people, person.idNumber, options.except);
    if (holder) throw new DuplicateIdentityError(named(holder));
  }
  if (options.confirmed) return;
  const likely = namesakesBornSameDay(people, person, options.except);
  if (likely.length) throw new LikelyDuplicateError(likely.map(named));
}

/** A group of records that are probably one person, as the current role may see them. */
export interface LikelyDuplicate {
  reason: DuplicateGroup['reason'];
  people: VisibleMember[];
}

/**
 * The records that are probably one person (two desks registered them offline, or a warning was
 * confirmed past): the same ID number, or the same name and birth date without ID numbers. For
 * the manager, who merges them (`mergeMembers`).
 */
export function likelyDuplicates$(desk: Desk): Observable<LikelyDuplicate[]> {
  return desk.db.members.find().$.pipe(
    map((docs) => {
      const people = plain(docs);
      const byId = new Map(people.map((p) => [p.id, p]));
      return duplicateGroups(people).map((g) => ({
        reason: g.reason,
        people: g.ids.map((id) => visibleTo(desk, byId.get(id)!)),
      }));
    }),
  );
}

/** What a merge did: the fields filled on the kept record, and the records moved to it. */
export interface MergeResult {
  kept: MemberDoc;
  filled: string[];
  moved: Partial<Record<CollectionName, number>>;
}

type Stored = {
  toMutableJSON(): Record<string, unknown>;
  incrementalModify(fn: (data: never) => unknown): Promise<unknown>;
  remove(): Promise<unknown>;
};
type AnyCollection = {
  find(q?: { selector: Record<string, unknown> }): { exec(): Promise<Stored[]> };
  findOne(id: string): { exec(): Promise<Stored | null> };
  insert(doc: unknown): Promise<unknown>;
};

/**
 * Merges a duplicate into the record kept (its card is the one that stays): the kept record keeps
 * its values and takes what it lacks from the other (shared/rules/identity.ts `mergedRecord`);
 * every record about the other person — visits to the centre, meals, health checks, care records,
 * home visits and the visit list, absences, consents, activity marks and enrolments — is moved to
 * the kept id; the other record becomes `merged` into the kept one, off the record, so it is
 * neither listed, served nor counted (here and at the district). Managers only; audited (who,
 * which two, how many records moved). Each write is an ordinary stamped change, so the centre's
 * other desks and the district get it by sync.
 */
export async function mergeMembers(
  desk: Desk,
  keptId: string,
  otherId: string,
): Promise<MergeResult> {
  requirePermission(desk, 'correctRecords');
  if (keptId === otherId) throw new Error('mergeSame');
  const [keptDoc, otherDoc] = await Promise.all([
    desk.db.members.findOne(keptId).exec(),
    desk.db.members.findOne(otherId).exec(),
  ]);
  if (!keptDoc || !otherDoc) throw new Error('mergeUnknown');
  const kept0 = keptDoc.toMutableJSON();
  const other = otherDoc.toMutableJSON();
  if (!onRecord(kept0) || !onRecord(other)) throw new Error('mergeNotOnRecord');
  if (kept0.kind !== other.kind) throw new Error('mergeKinds');

  const moved: Partial<Record<CollectionName, number>> = {};
  const count = (name: CollectionName) => (moved[name] = (moved[name] ?? 0) + 1);
  const stamp = () => ({ updatedAt: desk.clock.tick(), updatedBy: desk.actor() });
  const collections = desk.db.collections as unknown as Record<string, AnyCollection | undefined>;

  for (const name of RELATED_COLLECTIONS) {
    const collection = collections[name];
    if (!collection) continue;
    for (const doc of await collection.find({ selector: { memberId: otherId } }).exec()) {
      const data = doc.toMutableJSON();
      if (memberOf(name, data) !== otherId) continue;
      if (name === 'visits' && data.kind === 'listing') {
        await moveListing(desk, collection, doc, keptId);
        count(name);
        continue;
      }
      await doc.incrementalModify(
        (d: Record<string, unknown>) => ({ ...d, memberId: keptId, ...stamp() }) as never,
      );
      count(name);
    }
  }
  // Activities the other person was enrolled in: the kept person takes their place.
  const activities = collections.activities;
  if (activities)
    for (const doc of await activities.find({ selector: { kind: 'plan' } }).exec()) {
      const enrolled = doc.toMutableJSON().enrolled as string[] | undefined;
      if (!enrolled?.includes(otherId)) continue;
      const next = [...new Set(enrolled.map((id) => (id === otherId ? keptId : id)))];
      await doc.incrementalModify(
        (d: Record<string, unknown>) => ({ ...d, enrolled: next, ...stamp() }) as never,
      );
      count('activities');
    }

  const { doc: merged, filled } = mergedRecord(kept0, other);
  const kept = { ...merged, ...stamp() } as MemberDoc;
  await keptDoc.incrementalModify(() => kept);
  await otherDoc.incrementalModify((d) => ({
    ...d,
    status: 'merged' as const,
    mergedInto: keptId,
    ...stamp(),
  }));
  const total = Object.values(moved).reduce((a, b) => a + b, 0);
  await audit(desk, {
    action: 'person.merge',
    subjectCollection: 'members',
    subjectId: keptId,
    // Which two: the kept record is the subject, the merged one named here; how many moved.
    fields: [
      `m:${otherId}`,
      `moved:${total}`,
      ...Object.entries(moved).map(([c, n]) => `${c}:${n}`),
    ],
  });
  return { kept, filled, moved };
}

/**
 * The visit list has one listing per elder, its id made from theirs (shared/schemas/visits.ts):
 * the other's listing becomes the kept person's (or, when they have one, adds its risk history
 * to it), and the old one is removed, its history now under the kept id.
 */
async function moveListing(
  desk: Desk,
  visits: AnyCollection,
  old: Stored,
  keptId: string,
): Promise<void> {
  const data = old.toMutableJSON() as VisitDoc;
  const stamp = { updatedAt: desk.clock.tick(), updatedBy: desk.actor() };
  const mine = await visits.findOne(listingId(keptId)).exec();
  if (!mine) {
    const rest: Record<string, unknown> = { ...data };
    for (const meta of ['_meta', '_rev', '_attachments', '_deleted']) delete rest[meta];
    await visits.insert({ ...rest, id: listingId(keptId), memberId: keptId, ...stamp });
  } else {
    const history = (data.riskHistory ?? []) as NonNullable<VisitDoc['riskHistory']>;
    await mine.incrementalModify(
      (d: VisitDoc) =>
        ({
          ...d,
          riskHistory: [...history, ...(d.riskHistory ?? [])]
            .sort((a, b) => a.from.localeCompare(b.from))
            .slice(-200),
          ...stamp,
        }) as never,
    );
  }
  await old.remove();
}
