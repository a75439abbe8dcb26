import type { ImportedPerson } from '../../shared/import/people';
import type { ConsentDoc } from '../../shared/schemas';
import { plain } from './plain';
import { consentDocs } from './consents';
import type { Desk } from './desk';
import { checkIdentity } from './identity';
import { memberDoc, newCardNo, takenCardNumbers } from './members';
import { requirePermission } from './staff';

/**
 * Stores checked people with the consents signed for them. If any write fails, what was already
 * written is removed again, so a file is imported whole or not at all. The consents go first, as
 * at registration (members.ts registerMember): no one is stored without the consent they gave.
 * The file was checked against the people on the record when it was read (shared/import/people.ts);
 * the ID numbers are checked again here, where they are written, by the registration's rule
 * (renderer/data/identity.ts): someone registered since, on this desk or another, refuses the
 * file with `DuplicateIdentityError`, and nothing is stored.
 */
export async function importPeople(desk: Desk, people: readonly ImportedPerson[]): Promise<number> {
  requirePermission(desk, 'importPeople');
  const onFile = plain(await desk.db.members.find().exec());
  for (const p of people)
    if (p.member.idNumber) await checkIdentity(desk, p.member, { confirmed: true, people: onFile });
  const taken = await takenCardNumbers(desk);
  const at = new Date();
  const docs = people.map((p) => memberDoc(desk, p.member, p.details, newCardNo(taken), at));
  const consents: ConsentDoc[] = people.flatMap((p, i) =>
    p.consent ? consentDocs(desk, docs[i]!.id, p.consent, at) : [],
  );
  // Stamped after their consents, as a registration is (the district then needs it once).
  if (consents.length) for (const doc of docs) doc.updatedAt = desk.clock.tick();
  const given = consents.length ? await desk.db.consents.bulkInsert(consents) : null;
  const result = given?.error.length ? null : await desk.db.members.bulkInsert(docs);
  if (!result || result.error.length) {
    if (result) await desk.db.members.bulkRemove(result.success.map((d) => d.id));
    if (given) await desk.db.consents.bulkRemove(given.success.map((d) => d.id));
    const failed = result ? result.error.length : given!.error.length;
    throw new Error(`importWriteFailed:${failed}`);
  }
  return result.success.length;
}
