/**
 * The desk's side of "the district holds only what consent allows" (docs/DOMAIN.md "Privacy and
 * safety"; the rule: shared/rules/districtShare.ts). Of each record about a person, the desk
 * sends only what their consents let the district hold — both the version it pushes and the
 * version it assumes the district holds, so neither carries more — and when that copy comes back
 * (its own push, a conflict, another desk's edit) it keeps what it knows of the person instead of
 * emptying its record.
 */
import { personOf, forDistrict, withLocalFields } from '../../shared/rules/districtShare';
import { isErasedMember } from '../../shared/rules/erasure';
import type { CollectionName, ConsentDoc } from '../../shared/schemas';
import type { PushRow, WireDoc } from '../../shared/sync/protocol';
import { localDay } from '../../shared/time';
import { districtScopesOf, resendSharedRecords } from '../data/consents';
import type { Desk } from '../data/desk';

const today = (desk: Desk) => localDay(new Date(desk.now()));

/** The rows as the district may receive them. */
export async function rowsForDistrict(
  desk: Desk,
  name: CollectionName,
  rows: PushRow[],
): Promise<PushRow[]> {
  const people = new Set<string>();
  for (const row of rows) {
    const person = personOf(name, row.newDocumentState);
    if (person) people.add(person);
  }
  if (people.size === 0) return rows;
  const consented = await districtScopesOf(desk, [...people], today(desk));
  return rows.map((row) => {
    const person = personOf(name, row.newDocumentState);
    const scopes = person ? consented.get(person) : undefined;
    if (!scopes) return row;
    return {
      newDocumentState: forDistrict(name, row.newDocumentState, scopes),
      ...(row.assumedMasterState
        ? { assumedMasterState: forDistrict(name, row.assumedMasterState, scopes) }
        : {}),
    };
  });
}

/** Documents from the district as this desk keeps them, given what it holds of each. */
export async function withWhatThisDeskKnows(
  desk: Desk,
  name: CollectionName,
  docs: WireDoc[],
): Promise<WireDoc[]> {
  const about = docs.filter((d) => personOf(name, d) !== null);
  if (about.length === 0) return docs;
  const held = await desk.db.collections[name].findByIds(about.map((d) => d.id)).exec();
  // What an erasure removed never comes back from this desk's copy: an erased person's record,
  // and the records about them, are taken as the district sends them (shared/rules/erasure.ts).
  const erased = await erasedPeople(
    desk,
    about.map((d) => personOf(name, d)!),
  );
  return docs.map((doc) => {
    const local = held.get(doc.id);
    if (!local || isErasedMember(name === 'members' ? doc : null)) return doc;
    if (erased.has(personOf(name, doc)!)) return doc;
    return withLocalFields(name, doc, local.toJSON() as Record<string, unknown>);
  });
}

/** Which of these people this desk holds as erased. */
async function erasedPeople(desk: Desk, ids: string[]): Promise<Set<string>> {
  const members = desk.db.collections.members as Desk['db']['members'] | undefined;
  if (!members) return new Set();
  const held = await members.findByIds([...new Set(ids)]).exec();
  return new Set([...held.values()].filter((m) => isErasedMember(m.toJSON())).map((m) => m.id));
}

/** After the district took these consents: see renderer/data/consents.ts resendSharedRecords. */
export async function afterConsentsAccepted(desk: Desk, accepted: WireDoc[]): Promise<void> {
  if (accepted.length === 0) return;
  await resendSharedRecords(desk, accepted as unknown as ConsentDoc[], today(desk));
}
