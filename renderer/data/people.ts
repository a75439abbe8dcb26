import { map, type Observable } from 'rxjs';
import { can } from '../../shared/roles';
import { inCare, onRecord, personState, type PersonState } from '../../shared/rules/people';
import type { MemberDoc, StaffDoc } from '../../shared/schemas';
import type { MemberKind } from '../../shared/schemas/members';
import { audit } from './audit';
import { plain, plainDoc } from './plain';
import type { Desk } from './desk';
import { compareNames } from '../../shared/search';

/**
 * The people of the centre as the screens read them. Who is offered for check-in, meals, visits
 * and activities is decided here, once, by `inCare` (shared/rules/people.ts); every list a screen
 * shows comes through `visibleTo`, so a role without the permission never holds the fields.
 */

/** Fields a role without `viewSensitive` does not receive (ID number, guardians' details). */
export const IDENTITY_FIELDS = ['idNumber', 'guardians'] as const;
/** Fields a role without `viewHealth` does not receive. */
export const HEALTH_FIELDS = ['healthNotes', 'chronicConditions'] as const;

export type Withheld = (typeof IDENTITY_FIELDS)[number] | (typeof HEALTH_FIELDS)[number];

/** A person as the logged-in staff member may see them, and which fields were withheld. */
export type VisibleMember = MemberDoc & { withheld: readonly Withheld[] };

/** The person with the fields the desk's current staff member may not see taken out. */
export function visibleTo(desk: Desk, member: MemberDoc): VisibleMember {
  const role = desk.session?.staff.role;
  const withheld: Withheld[] = [];
  if (!can(role, 'viewSensitive')) withheld.push(...IDENTITY_FIELDS);
  if (!can(role, 'viewHealth')) withheld.push(...HEALTH_FIELDS);
  const visible: MemberDoc = { ...member };
  for (const field of withheld) delete visible[field];
  return { ...visible, withheld };
}

function members$(
  desk: Desk,
  keep: (m: MemberDoc) => boolean,
  kind?: MemberKind,
): Observable<VisibleMember[]> {
  const query = kind ? desk.db.members.find({ selector: { kind } }) : desk.db.members.find();
  return query.$.pipe(
    map((docs) =>
      plain(docs)
        .filter(keep)
        .map((m) => visibleTo(desk, m)),
    ),
  );
}

/** People in the centre's care now (not left, not erased), optionally of one kind. */
export function peopleInCare$(desk: Desk, kind?: MemberKind): Observable<VisibleMember[]> {
  return members$(desk, inCare, kind);
}

/** Everyone on the centre's record (those who left too, not the erased), optionally of one kind. */
export function peopleOnRecord$(desk: Desk, kind?: MemberKind): Observable<VisibleMember[]> {
  return members$(desk, onRecord, kind);
}

/** One person as the current staff member may see them, or null if there is no such person. */
export function person$(desk: Desk, memberId: string): Observable<VisibleMember | null> {
  return desk.db.members
    .findOne(memberId)
    .$.pipe(map((doc) => (doc ? visibleTo(desk, plainDoc(doc)) : null)));
}

/**
 * A list that shows children was opened (`list` names it: `people:children`…): everything about
 * a child under 14 is sensitive (PIPL art. 28), so who looked at such a list is logged — once per
 * opening, by the screen that opens it, never per render.
 */
export async function logChildListView(desk: Desk, list: string): Promise<void> {
  await audit(desk, {
    action: 'list.view',
    subjectCollection: 'members',
    subjectId: list,
    fields: [list],
  });
}

/** Every person on the record, read once (imports compare against them). */
export async function peopleOnRecord(desk: Desk): Promise<MemberDoc[]> {
  return plain(await desk.db.members.find().exec()).filter(onRecord);
}

/** The centre's staff in pinyin order, as every list shows them; `active`: who may log in now. */
export function staff$(desk: Desk, which: 'active' | 'all' = 'all'): Observable<StaffDoc[]> {
  const query =
    which === 'active' ? desk.db.staff.find({ selector: { active: true } }) : desk.db.staff.find();
  return query.$.pipe(map((docs) => plain(docs).sort(compareNames)));
}

/**
 * Refused: a service (check-in, a meal, an activity) for someone not in the centre's care. The
 * screens offer only people in care; this holds the same rule where the record is written, so a
 * person marked as left on another desk a moment ago is not served from a list still on screen.
 */
export class NotInCareError extends Error {
  constructor(
    readonly personName: string,
    readonly state: PersonState | 'unknown',
  ) {
    super(`notInCare: ${state}`);
  }
}

/** The person, read now, if they are in the centre's care; otherwise `NotInCareError`. */
export async function personInCare(desk: Desk, memberId: string): Promise<MemberDoc> {
  const doc = await desk.db.members.findOne(memberId).exec();
  const member = doc ? plainDoc(doc) : null;
  if (!member) throw new NotInCareError('', 'unknown');
  if (!inCare(member)) throw new NotInCareError(member.name, personState(member));
  return member;
}

/**
 * Why a scanned card finds no one to serve: the card of someone on the record who is not in care
 * (left, merged) gives the `NotInCareError` that says so; null when no record has the card.
 */
export async function cardNotInCare(desk: Desk, scanned: string): Promise<NotInCareError | null> {
  const card = scanned.trim();
  if (!/^\d{4,20}$/.test(card)) return null;
  // The card number is sealed at rest, so it cannot be selected: the few not in care are read.
  const docs = await desk.db.members
    .find({ selector: { status: { $in: ['left', 'merged'] } } })
    .exec();
  const member = docs.map((d) => plainDoc(d)).find((m) => m.cardNo === card);
  return member ? new NotInCareError(member.name, personState(member)) : null;
}
