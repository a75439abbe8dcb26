/**
 * The desk's side of "the district holds only what consent allows" (docs/DOMAIN.md "Privacy and
 * safety"; the rule: shared/rules/districtShare.ts). Of each record about a person, the desk
 * sends only what their consents let the district hold — both the version it pushes and the
 * version it assumes the district holds, so neither carries more — and when that copy comes back
 * (its own push, a conflict, another desk's edit) it keeps what it knows of the person instead of
 * emptying its record.
 */
import { personOf, forDistrict, withLocalFields } from '../../shared/rules/districtShare';
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
  const about = docs.filter((d) => personOf(name, d) !== null).map((d) => d.id);
  if (about.length === 0) return docs;
  const held = await desk.db.collections[name].findByIds(about).exec();
  return docs.map((doc) => {
    const local = held.get(doc.id);
    return local ? withLocalFields(name, doc, local.toJSON() as Record<string, unknown>) : doc;
  });
}

/** After the district took these consents: see renderer/data/consents.ts resendSharedRecords. */
export async function afterConsentsAccepted(desk: Desk, accepted: WireDoc[]): Promise<void> {
  if (accepted.length === 0) return;
  await resendSharedRecords(desk, accepted as unknown as ConsentDoc[], today(desk));
}
