import { newId } from '../../shared/ids';
import type { MemberDoc } from '../../shared/schemas';
import { nameSearchKeys } from '../../shared/search';
import type { CleanMember } from '../../shared/validation/member';
import type { Desk } from './desk';

export async function registerMember(
  desk: Desk,
  member: CleanMember,
  at = new Date(),
): Promise<MemberDoc> {
  const doc: MemberDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    ...member,
    ...nameSearchKeys(member.name),
  };
  await desk.db.members.insert(doc);
  return doc;
}
