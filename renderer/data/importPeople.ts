import type { ImportedPerson } from '../../shared/import/people';
import type { Desk } from './desk';
import { memberDoc, newCardNo, takenCardNumbers } from './members';
import { requirePermission } from './staff';

/**
 * Stores checked people. If any write fails, the ones already written are removed again, so a
 * file is imported whole or not at all.
 */
export async function importPeople(desk: Desk, people: readonly ImportedPerson[]): Promise<number> {
  requirePermission(desk, 'importPeople');
  const taken = await takenCardNumbers(desk);
  const at = new Date();
  const docs = people.map((p) => memberDoc(desk, p.member, p.details, newCardNo(taken), at));
  const result = await desk.db.members.bulkInsert(docs);
  if (result.error.length) {
    await desk.db.members.bulkRemove(result.success.map((d) => d.id));
    throw new Error(`importWriteFailed:${result.error.length}`);
  }
  return result.success.length;
}
