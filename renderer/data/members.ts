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

/** A card number: 8 digits, unique in this desk's store (the scanner types it and Enter). */
async function newCardNo(desk: Desk): Promise<string> {
  for (;;) {
    const bytes = new Uint32Array(1);
    crypto.getRandomValues(bytes);
    const cardNo = String(10_000_000 + (bytes[0]! % 90_000_000));
    const taken = await desk.db.members.findOne({ selector: { cardNo } }).exec();
    if (!taken) return cardNo;
  }
}

export async function registerMember(
  desk: Desk,
  member: CleanMember,
  at = new Date(),
  details: CleanDetails = {},
  consent?: ConsentInput,
): Promise<MemberDoc> {
  const doc: MemberDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    ...member,
    ...details,
    ...nameSearchKeys(member.name),
    cardNo: await newCardNo(desk),
    status: 'active',
  };
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
