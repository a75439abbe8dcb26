/**
 * A person's consents at the desk (docs/DOMAIN.md "Privacy and safety"; the rules:
 * shared/rules/consent.ts): one record per purpose, recorded at registration or later, withdrawn
 * on request — which is recorded (the day; who at the desk: `updatedBy` and the audit entry; who
 * asked: the entry's `reason`) and acted on at once: the desk clears what the purpose covered, and
 * the sync stops sending the district what it may no longer hold (renderer/sync/districtShare.ts).
 */
import { map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import {
  CLEARED_ON_WITHDRAWAL,
  consentProblems,
  districtScopes,
  sharesWithDistrict,
  withdrawnWith,
  type ConsentFieldError,
  type ConsentInput,
} from '../../shared/rules/consent';
import { consentsInForce } from '../../shared/rules/people';
import type { ConsentDoc, MemberDoc } from '../../shared/schemas';
import type { ConsentScope } from '../../shared/schemas/consents';
import { compareHlc } from '../../shared/hlc';
import { localDay } from '../../shared/time';
import { audit } from './audit';
import type { Desk } from './desk';
import { plain } from './plain';
import { requirePermission } from './staff';

export type { ConsentInput } from '../../shared/rules/consent';

/** A consent the rules refuse; `problems` name the fields to fix (shared/rules/consent.ts). */
export class ConsentRefused extends Error {
  constructor(readonly problems: ConsentFieldError[]) {
    super(`consent: ${problems.map((p) => `${p.field} ${p.problem}`).join(', ')}`);
  }
}

/** The consent records of one consent given on `at`: one per purpose (PIPL art. 29). */
export function consentDocs(
  desk: Desk,
  memberId: string,
  consent: ConsentInput,
  at: Date,
): ConsentDoc[] {
  return consent.scopes.map((scope) => ({
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    memberId,
    givenBy: consent.givenBy.trim(),
    relation: consent.relation.trim(),
    scopes: [scope],
    givenOn: localDay(at),
    ...(desk.session ? { recordedBy: desk.session.staff.id } : {}),
  }));
}

/** Every consent record of one person, withdrawn and expired ones too, oldest first. */
export function consents$(desk: Desk, memberId: string): Observable<ConsentDoc[]> {
  return desk.db.consents
    .find({ selector: { memberId } })
    .$.pipe(map((docs) => plain(docs).sort((a, b) => a.createdAt.localeCompare(b.createdAt))));
}

async function consentsOfPerson(desk: Desk, memberId: string): Promise<ConsentDoc[]> {
  return plain(await desk.db.consents.find({ selector: { memberId } }).exec());
}

async function personRecord(desk: Desk, memberId: string) {
  const doc = await desk.db.members.findOne(memberId).exec();
  if (!doc) throw new Error(`No member with id ${memberId}`);
  return doc;
}

/**
 * Records a consent given after registration (a person registered before consents were asked
 * for, or one who now agrees to more). Reception and managers; audited by purpose.
 */
export async function recordConsent(
  desk: Desk,
  memberId: string,
  consent: ConsentInput,
  at = new Date(),
): Promise<ConsentDoc[]> {
  requirePermission(desk, 'register');
  const member = (await personRecord(desk, memberId)).toMutableJSON();
  const day = localDay(at);
  const inForce = consentsInForce(await consentsOfPerson(desk, memberId), day).flatMap(
    (c) => c.scopes,
  );
  // What the record already holds must stay covered; the new purposes are added to those.
  const problems = consentProblems(
    member,
    { ...consent, scopes: [...new Set([...inForce, ...consent.scopes])] },
    day,
  ).filter((p) => p.field.startsWith('consent'));
  if (consent.scopes.length === 0) problems.push({ field: 'consent', problem: 'required' });
  if (problems.length) throw new ConsentRefused(problems);
  const docs = consentDocs(desk, memberId, consent, at);
  await desk.db.consents.bulkInsert(docs);
  await audit(
    desk,
    {
      action: 'consent.record',
      subjectCollection: 'members',
      subjectId: memberId,
      fields: consent.scopes,
    },
    at,
  );
  return docs;
}

/**
 * Withdraws a person's consent to `scope` on request, from `at`'s day (a child's whole consent
 * when the guardian withdraws `childData`). Each record covering it is marked withdrawn — a record
 * of several purposes (made before one record per purpose) is withdrawn and its other purposes
 * recorded again, so they stay in force — and what the purpose covered is cleared from the
 * person's record. `requestedBy`: who asked (the person, a guardian), kept in the audit entry.
 */
export async function withdrawConsent(
  desk: Desk,
  memberId: string,
  scope: ConsentScope,
  requestedBy: string,
  at = new Date(),
): Promise<ConsentScope[]> {
  requirePermission(desk, 'register');
  if (!requestedBy.trim())
    throw new ConsentRefused([{ field: 'requestedBy', problem: 'required' }]);
  const member = await personRecord(desk, memberId);
  const day = localDay(at);
  const ending = new Set(withdrawnWith(scope));
  const covering = consentsInForce(await consentsOfPerson(desk, memberId), day).filter((c) =>
    c.scopes.some((s) => ending.has(s)),
  );
  const withdrawn = [...new Set(covering.flatMap((c) => c.scopes).filter((s) => ending.has(s)))];
  for (const record of covering) {
    const doc = await desk.db.consents.findOne(record.id).exec();
    await doc!.incrementalPatch({
      withdrawnOn: day,
      updatedAt: desk.clock.tick(),
      updatedBy: desk.actor(),
    });
    const kept = record.scopes.filter((s) => !ending.has(s));
    // The purposes kept are recorded again, one record each, as given when the record was.
    const again = consentDocs(desk, memberId, { ...record, scopes: kept }, at).map((doc) => ({
      ...doc,
      givenOn: record.givenOn,
      ...(record.expiresOn ? { expiresOn: record.expiresOn } : {}),
      ...(record.recordedBy ? { recordedBy: record.recordedBy } : {}),
    }));
    if (again.length) await desk.db.consents.bulkInsert(again);
  }
  await clearWithdrawn(desk, member.toMutableJSON(), ending);
  await audit(
    desk,
    {
      action: 'consent.withdraw',
      subjectCollection: 'members',
      subjectId: memberId,
      fields: [...ending],
      reason: requestedBy.trim().slice(0, 200),
    },
    at,
  );
  return withdrawn;
}

/** Takes off the person's record what a withdrawn purpose covered (shared/rules/consent.ts). */
async function clearWithdrawn(desk: Desk, member: MemberDoc, ending: Set<ConsentScope>) {
  const cleared = new Set<string>();
  for (const scope of ending)
    for (const field of CLEARED_ON_WITHDRAWAL[scope] ?? [])
      if (member[field as keyof MemberDoc] !== undefined) cleared.add(field);
  const photos = ending.has('photo') && (member.pickupAdults ?? []).some((a) => a.photo);
  if (cleared.size === 0 && !photos) return;
  const next: MemberDoc = {
    ...member,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  };
  for (const field of cleared) delete next[field as keyof MemberDoc];
  if (photos)
    next.pickupAdults = member.pickupAdults!.map((adult) => {
      const { photo, ...rest } = adult;
      void photo;
      return rest;
    });
  const doc = await personRecord(desk, member.id);
  await doc.incrementalModify(() => next);
}

/** What the district may hold of each of these people on `day` (shared/rules/consent.ts). */
export async function districtScopesOf(
  desk: Desk,
  memberIds: readonly string[],
  day: string,
): Promise<Map<string, Set<ConsentScope>>> {
  const byPerson = new Map<string, ConsentDoc[]>(memberIds.map((id) => [id, []]));
  // A desk opened with some collections only (tests) has no consents: it shares nobody's data.
  if (memberIds.length > 0 && 'consents' in desk.db.collections) {
    const docs = await desk.db.consents
      .find({ selector: { memberId: { $in: [...memberIds] } } })
      .exec();
    for (const doc of plain(docs)) byPerson.get(doc.memberId)?.push(doc);
  }
  return new Map([...byPerson].map(([id, docs]) => [id, districtScopes(docs, day)]));
}

/**
 * After the district has taken consents to share (`accepted`): each person whose record was last
 * written before their consent goes up again, as the district may hold only its copy of it (the
 * record can reach the district before the consent does). A record written after the consent
 * went up in full already.
 */
export async function resendSharedRecords(
  desk: Desk,
  accepted: readonly ConsentDoc[],
  day: string,
): Promise<void> {
  const granting = accepted.filter((c) => sharesWithDistrict([c], day));
  for (const consent of granting) {
    const doc = await desk.db.members.findOne(consent.memberId).exec();
    if (!doc || compareHlc(doc.updatedAt, consent.updatedAt) > 0) continue;
    await doc.incrementalPatch({ updatedAt: desk.clock.tick(), updatedBy: desk.actor() });
  }
}
