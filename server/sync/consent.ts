/**
 * The district's side of consent (docs/DOMAIN.md "Privacy and safety"). What the district may
 * hold of a person is one rule, shared/rules/districtShare.ts `forDistrict`, fed by the person's
 * consents (shared/rules/consent.ts `districtScopes`). The desks send the district only that
 * (renderer/sync/districtShare.ts); the district keeps to the same rule on its own account:
 *
 * - a document about a person whose consents the district holds is stored as they allow, even
 *   when a desk that has not heard of a withdrawal yet sends more (`keepToConsent`, before the
 *   push is written);
 * - when a push changes a person's consents, everything the district holds about them — the
 *   documents, and every stored version of them in `document_versions` — is reduced in place to
 *   what the consents allow now (`scrubToConsent`, after the push is written, in its
 *   transaction): a withdrawal removes what the district had. In place: no new version, no
 *   sequence number, nothing for the desks to pull — they hold the person's data by right;
 * - a person of whom the district holds no consent at all is stored as the desk sent them: the
 *   desk kept to its own record of the consents, and a consent may reach the district after the
 *   record it covers. The district's views show such a person as counts only
 *   (server/district/people.ts).
 *
 * Kept apart from erasure, which writes new versions that the desks must take in place of theirs.
 */
import { groupBy } from '../../shared/groupBy';
import { districtScopes } from '../../shared/rules/consent';
import { forDistrict, personOf } from '../../shared/rules/districtShare';
import type { ConsentDoc } from '../../shared/schemas';
import { sameContent } from '../../shared/sync/conflict';
import { sha256 } from '../crypto';
import type { Queryable } from '../db/db';
import { contentOf, type CleanDoc } from './collections';

type Data = Record<string, unknown>;

/** A row of a push as the sync service prepares it. */
export interface ConsentedRow {
  collection: string;
  doc: CleanDoc;
  /** `contentOf(doc.data, doc.deleted)`, kept up to date here. */
  content: string;
}

/** The live consent records the district holds for these people, by person. */
async function storedConsents(tx: Queryable, people: string[]): Promise<Map<string, ConsentDoc[]>> {
  const { rows } = await tx.query<{ data: ConsentDoc }>(
    `SELECT data FROM documents
      WHERE collection = 'consents' AND NOT deleted AND data->>'memberId' = ANY($1::text[])`,
    [people],
  );
  return groupBy(
    rows.map((r) => r.data),
    (c) => c.memberId,
  );
}

/**
 * Before a push is written: each document about a person whose consents the district holds
 * (stored, or in this push) keeps only what they allow. Returns the people whose consents this
 * push changes, for `scrubToConsent` once it is written.
 */
export async function keepToConsent(
  tx: Queryable,
  rows: ConsentedRow[],
  day: string,
): Promise<string[]> {
  const people = new Set<string>();
  for (const row of rows) {
    const person = personOf(row.collection, row.doc.data);
    if (person) people.add(person);
  }
  if (people.size === 0) return [];
  const consents = await storedConsents(tx, [...people]);
  const changed = new Set<string>();
  for (const row of rows) {
    if (row.collection !== 'consents') continue;
    const person = row.doc.data.memberId as string;
    changed.add(person);
    const others = (consents.get(person) ?? []).filter((c) => c.id !== row.doc.id);
    consents.set(person, row.doc.deleted ? others : [...others, row.doc.data as ConsentDoc]);
  }
  for (const row of rows) {
    const person = personOf(row.collection, row.doc.data);
    const held = person ? consents.get(person) : undefined;
    if (!held?.length) continue;
    const kept = forDistrict(row.collection, row.doc.data, districtScopes(held, day));
    if (sameContent(kept, row.doc.data)) continue;
    row.doc = { ...row.doc, data: kept };
    row.content = contentOf(kept, row.doc.deleted);
  }
  return [...changed];
}

interface StoredDoc {
  collection: string;
  id: string;
  deleted: boolean;
  data: Data;
}

/** Every document the district holds about these people (their records, and entries about them). */
async function documentsAbout(tx: Queryable, people: string[]): Promise<StoredDoc[]> {
  const { rows } = await tx.query<StoredDoc>(
    `SELECT collection, id, deleted, data FROM documents
      WHERE (collection = 'members' AND id = ANY($1::text[]))
         OR data->>'memberId' = ANY($1::text[])
         OR (collection = 'auditLog'
             AND (data->>'subjectId' = ANY($1::text[]) OR data->'data'->>'memberId' = ANY($1::text[])))`,
    [people],
  );
  const wanted = new Set(people);
  // A staff member's shift is filed under their own id: only what is about these people counts.
  return rows.filter((r) => wanted.has(personOf(r.collection, r.data) ?? ''));
}

/**
 * After a push that changed these people's consents: reduces, in place, every document the
 * district holds about them and every stored version of those to what the consents allow now.
 * Returns how many documents and versions changed.
 */
export async function scrubToConsent(
  tx: Queryable,
  people: string[],
  day: string,
): Promise<{ documents: number; versions: number }> {
  if (people.length === 0) return { documents: 0, versions: 0 };
  const consents = await storedConsents(tx, people);
  const scopesOf = (doc: StoredDoc) =>
    districtScopes(consents.get(personOf(doc.collection, doc.data) ?? '') ?? [], day);
  const docs = await documentsAbout(tx, people);

  const current = docs.flatMap((doc) => {
    const data = forDistrict(doc.collection, doc.data, scopesOf(doc));
    return sameContent(data, doc.data)
      ? []
      : [{ ...doc, data, content_hash: sha256(contentOf(data, doc.deleted)) }];
  });
  if (current.length > 0)
    await tx.query(
      `UPDATE documents d SET data = i.data, content_hash = i.content_hash
         FROM jsonb_to_recordset($1::jsonb) AS i(collection text, id text, data jsonb, content_hash text)
        WHERE d.collection = i.collection AND d.id = i.id`,
      [JSON.stringify(current)],
    );

  const scopesById = new Map(docs.map((d) => [`${d.collection}\u0000${d.id}`, scopesOf(d)]));
  const { rows: versions } = await tx.query<{
    collection: string;
    id: string;
    seq: string;
    data: Data;
  }>(
    `SELECT v.collection, v.id, v.seq, v.data FROM document_versions v
       JOIN jsonb_to_recordset($1::jsonb) AS i(collection text, id text)
         ON v.collection = i.collection AND v.id = i.id`,
    [JSON.stringify(docs.map((d) => ({ collection: d.collection, id: d.id })))],
  );
  const older = versions.flatMap((v) => {
    const data = forDistrict(v.collection, v.data, scopesById.get(`${v.collection}\u0000${v.id}`)!);
    return sameContent(data, v.data)
      ? []
      : [{ collection: v.collection, id: v.id, seq: v.seq, data }];
  });
  if (older.length > 0)
    await tx.query(
      `UPDATE document_versions v SET data = i.data
         FROM jsonb_to_recordset($1::jsonb) AS i(collection text, id text, seq bigint, data jsonb)
        WHERE v.collection = i.collection AND v.id = i.id AND v.seq = i.seq`,
      [JSON.stringify(older)],
    );
  return { documents: current.length, versions: older.length };
}

/**
 * The content of what the district may hold of `data` were it about a person with no consent to
 * sharing — the least the district ever holds of it — or null when it is about nobody. Two
 * versions with the same such content are the same version (the same `updatedAt`, kept in it),
 * one with more of the person in it than the other: a desk that assumes its own full version
 * while the district holds its copy assumes the district's version.
 */
export function leastContent(collection: string, data: Data, deleted: boolean): string | null {
  if (personOf(collection, data) === null) return null;
  return contentOf(forDistrict(collection, data, new Set()), deleted);
}
