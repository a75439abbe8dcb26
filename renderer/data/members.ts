import { newId } from '../../shared/ids';
import type { ConsentDoc, MemberDoc } from '../../shared/schemas';
import type { ConsentScope } from '../../shared/schemas/consents';
import { nameSearchKeys } from '../../shared/search';
import type { CleanDetails } from '../../shared/validation/details';
import type { CleanMember } from '../../shared/validation/member';
import { localDay } from '../../shared/time';
import type { Desk } from './desk';

/** A consent given at registration: who gave it, their relation, to what. */
export interface ConsentInput {
  givenBy: string;
  relation: string;
  scopes: ConsentScope[];
}

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
): MemberDoc {
  return {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    ...member,
    ...details,
    ...nameSearchKeys(member.name),
    cardNo,
    status: 'active',
  };
}

export async function registerMember(
  desk: Desk,
  member: CleanMember,
  at = new Date(),
  details: CleanDetails = {},
  consent?: ConsentInput,
): Promise<MemberDoc> {
  const doc = memberDoc(desk, member, details, newCardNo(await takenCardNumbers(desk)), at);
  await desk.db.members.insert(doc);
  if (consent) {
    const record: ConsentDoc = {
      id: newId(),
      centreId: desk.settings.centreId,
      createdAt: at.toISOString(),
      updatedAt: desk.clock.tick(),
      updatedBy: desk.actor(),
      memberId: doc.id,
      givenBy: consent.givenBy,
      relation: consent.relation,
      scopes: consent.scopes,
      givenOn: localDay(at),
      ...(desk.session ? { recordedBy: desk.session.staff.id } : {}),
    };
    await desk.db.consents.insert(record);
  }
  return doc;
}
