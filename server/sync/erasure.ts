/**
 * Erasure at the district (docs/DESIGN.md "Erasure"). Runs inside every push transaction that
 * wrote something about a person whose record is erased, after the push's own writes and under
 * the same sequence lock:
 *
 * - when the erasure itself arrives (a member document turned `erased`), every document about
 *   the person — the record, the records about them in every collection (shared/rules/erasure.ts
 *   RELATED_COLLECTIONS), and the audit entries about them or those records (conflict copies,
 *   free-text reasons) — that still holds personal data gets a scrubbed new version, which the
 *   desks pull like any other; and every stored version of each of them in `document_versions`
 *   is scrubbed in place, so no history keeps what the erasure removed;
 * - a document about an already erased person that arrives later (a desk that was offline, a
 *   conflict copy made before the desk heard of the erasure) is scrubbed the same way, at once.
 *
 * What is kept is decided by shared/rules/erasure.ts, the same rule the desk applies. The
 * erasure is logged in the district's action log, by counts: the erased values are not.
 */
import { groupBy } from '../../shared/groupBy';
import { HybridClock } from '../../shared/hlc';
import {
  isErasedMember,
  isRelatedCollection,
  memberOf,
  membersInAuditEntry,
  RELATED_COLLECTIONS,
  scrubDocument,
} from '../../shared/rules/erasure';
import { sameContent } from '../../shared/sync/conflict';
import { sha256 } from '../crypto';
import type { Queryable } from '../db/db';
import { logAction, type ActionActor } from '../district/actionLog';
import { contentOf } from './collections';

/** `updatedBy` of the versions the district writes when it scrubs. */
export const DISTRICT_ERASER = 'district';

type Data = Record<string, unknown>;

/** A document the push just wrote, as it now stands. */
export interface WrittenDoc {
  collection: string;
  id: string;
  data: Data;
}

interface StoredDoc {
  collection: string;
  id: string;
  centre_id: string;
  deleted: boolean;
  data: Data;
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;

/**
 * Scrubs what the push's documents bring about erased people (see the file's comment). Returns
 * the documents it wrote, for the change hints; `alreadyErased` are the members whose stored
 * record was erased before this push (an erasure arriving again is not logged again).
 */
export async function scrubAfterWrite(
  tx: Queryable,
  written: WrittenDoc[],
  alreadyErased: ReadonlySet<string>,
  actor: ActionActor,
): Promise<Array<{ collection: string; centre_id: string }>> {
  // 1. The people these documents are about.
  const people = new Set<string>();
  const subjects = new Map<string, Set<string>>();
  for (const doc of written) {
    const member = memberOf(doc.collection, doc.data);
    if (member) people.add(member);
    if (doc.collection === 'auditLog') {
      membersInAuditEntry(doc.data).forEach((m) => people.add(m));
      const subject = doc.data.subjectCollection;
      if (isRelatedCollection(subject) && typeof doc.data.subjectId === 'string') {
        const ids = subjects.get(subject) ?? new Set<string>();
        ids.add(doc.data.subjectId);
        subjects.set(subject, ids);
      }
    }
  }
  for (const [collection, ids] of subjects) {
    const { rows } = await tx.query<{ member: string | null }>(
      `SELECT data->>'memberId' AS member FROM documents WHERE collection = $1 AND id = ANY($2::text[])`,
      [collection, [...ids]],
    );
    rows.forEach((r) => r.member && people.add(r.member));
  }
  if (people.size === 0) return [];

  // 2. Of them, the erased.
  const { rows: erasedRows } = await tx.query<{ id: string; centre_id: string }>(
    `SELECT id, centre_id FROM documents
      WHERE collection = 'members' AND id = ANY($1::text[]) AND data->>'status' = 'erased'`,
    [[...people]],
  );
  if (erasedRows.length === 0) return [];

  // 3. Everything stored about them.
  const docs = await documentsAbout(tx, new Map(erasedRows.map((r) => [r.id, r.centre_id])));

  // 4. New, scrubbed versions of the documents that still say more than the rule keeps.
  const clock = new HybridClock(DISTRICT_ERASER);
  const rewrites: StoredDoc[] = [];
  for (const doc of docs) {
    const scrubbed = scrubDocument(doc.collection, doc.data);
    if (sameContent(scrubbed, doc.data)) continue;
    if (typeof doc.data.updatedAt === 'string') clock.observe(doc.data.updatedAt);
    rewrites.push({
      ...doc,
      data: { ...scrubbed, updatedAt: clock.tick(), updatedBy: DISTRICT_ERASER },
    });
  }
  if (rewrites.length > 0) {
    await tx.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(collection text, id text, deleted boolean, data jsonb, content_hash text)
       ), upd AS (
         UPDATE documents d
            SET seq = nextval('doc_seq'), data = i.data, content_hash = i.content_hash,
                updated_by_device = NULL, server_updated_at = now()
           FROM input i
          WHERE d.collection = i.collection AND d.id = i.id
         RETURNING d.collection, d.id, d.seq, d.centre_id, d.deleted, d.data
       )
       INSERT INTO document_versions (collection, id, seq, centre_id, deleted, data, device_id)
       SELECT collection, id, seq, centre_id, deleted, data, NULL FROM upd`,
      [
        JSON.stringify(
          rewrites.map((r) => ({
            collection: r.collection,
            id: r.id,
            deleted: r.deleted,
            data: r.data,
            content_hash: sha256(contentOf(r.data, r.deleted)),
          })),
        ),
      ],
    );
  }

  // 5. Every stored version of every one of them, scrubbed in place.
  const versions = await scrubVersions(tx, docs);

  // 6. The erasure in the action log, once per person, by counts only.
  const newlyErased = written.filter(
    (d) => d.collection === 'members' && isErasedMember(d.data) && !alreadyErased.has(d.id),
  );
  for (const person of newlyErased) {
    const about = docs.filter((d) => aboutWhom(d).includes(person.id));
    await logAction(tx, {
      actor,
      action: 'person.erase',
      target: person.id,
      details: {
        centreId: erasedRows.find((r) => r.id === person.id)?.centre_id ?? null,
        records: about.length,
        versions: about.reduce((n, d) => n + (versions.get(key(d.collection, d.id)) ?? 0), 0),
      },
    });
  }
  return rewrites.map((r) => ({ collection: r.collection, centre_id: r.centre_id }));
}

/** The people a stored document is about. */
function aboutWhom(doc: StoredDoc): string[] {
  if (doc.collection === 'auditLog') return membersInAuditEntry(doc.data);
  const member = memberOf(doc.collection, doc.data);
  return member ? [member] : [];
}

/**
 * The erased people's records, the records about them, and the audit entries about either — of
 * each person's own centre only (`erased`: id → centre), as no other centre's desk writes about them.
 */
async function documentsAbout(tx: Queryable, erased: Map<string, string>): Promise<StoredDoc[]> {
  const ids = [...erased.keys()];
  const out = new Map<string, StoredDoc>();
  const add = (rows: StoredDoc[]) => rows.forEach((r) => out.set(key(r.collection, r.id), r));
  const ofTheirCentre = (r: StoredDoc, people: string[]) =>
    people.some((m) => erased.get(m) === r.centre_id);
  const members = await tx.query<StoredDoc>(
    `SELECT collection, id, centre_id, deleted, data FROM documents
      WHERE collection = 'members' AND id = ANY($1::text[])`,
    [ids],
  );
  add(members.rows);
  const related = await tx.query<StoredDoc>(
    `SELECT collection, id, centre_id, deleted, data FROM documents
      WHERE collection = ANY($1::text[]) AND data->>'memberId' = ANY($2::text[])`,
    [RELATED_COLLECTIONS, ids],
  );
  // A staff member's shift is filed under their own id: only members' records count.
  add(related.rows.filter((r) => ofTheirCentre(r, aboutWhom(r))));
  // An entry about one of these records (a pick-up override on a visit) is about the person too.
  const records = new Map([...out.values()].map((r) => [r.id, r.centre_id]));
  const audit = await tx.query<StoredDoc>(
    `SELECT collection, id, centre_id, deleted, data FROM documents
      WHERE collection = 'auditLog'
        AND (data->>'subjectId' = ANY($1::text[]) OR data->'data'->>'memberId' = ANY($2::text[]))`,
    [[...records.keys()], ids],
  );
  add(
    audit.rows.filter(
      (r) =>
        records.get(String(r.data.subjectId)) === r.centre_id ||
        ofTheirCentre(r, membersInAuditEntry(r.data)),
    ),
  );
  return [...out.values()];
}

/** Scrubs every stored version of these documents; returns how many changed, per document. */
async function scrubVersions(tx: Queryable, docs: StoredDoc[]): Promise<Map<string, number>> {
  const changed = new Map<string, number>();
  for (const [collection, ofCollection] of groupBy(docs, (d) => d.collection)) {
    const ids = ofCollection.map((d) => d.id);
    const { rows } = await tx.query<{ id: string; seq: string; data: Data }>(
      `SELECT id, seq, data FROM document_versions WHERE collection = $1 AND id = ANY($2::text[])`,
      [collection, ids],
    );
    const updates = rows.flatMap((r) => {
      const data = scrubDocument(collection, r.data);
      return sameContent(data, r.data) ? [] : [{ id: r.id, seq: r.seq, data }];
    });
    if (updates.length === 0) continue;
    await tx.query(
      `UPDATE document_versions v SET data = i.data
         FROM jsonb_to_recordset($2::jsonb) AS i(id text, seq bigint, data jsonb)
        WHERE v.collection = $1 AND v.id = i.id AND v.seq = i.seq`,
      [collection, JSON.stringify(updates)],
    );
    for (const u of updates)
      changed.set(key(collection, u.id), (changed.get(key(collection, u.id)) ?? 0) + 1);
  }
  return changed;
}
