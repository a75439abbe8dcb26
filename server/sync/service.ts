/**
 * The sync rules (docs/DESIGN.md, "Sync protocol" and "Rules the server keeps"). The per-collection
 * endpoints and the combined batch endpoint all go through `pull` and `pushMany` here.
 */
import { clockProblem } from '../../shared/hlc';
import { isErasedMember } from '../../shared/rules/erasure';
import { localDay } from '../../shared/time';
import { DISTRICT_CENTRE_ID, documentBytes, formatBytes } from '../../shared/schemas';
import {
  MAX_PULL_BATCH,
  MAX_PULL_BYTES,
  MAX_PUSH_ROWS,
  type BatchResponse,
  type DocumentProblem,
  type PullRequest,
  type PullResponse,
  type PushResponse,
  type WireDoc,
} from '../../shared/sync/protocol';
import { pickLastWriter } from '../../shared/sync/conflict';
import { sha256 } from '../crypto';
import type { Db, Queryable } from '../db/db';
import { clip, HttpError } from '../errors';
import type { ChangeBus, ChangeEvent } from './changes';
import { scrubAfterWrite } from './erasure';
import { WRITE_GUARDS } from './staffGuard';
import { keepToConsent, leastContent, scrubToConsent } from './consent';
import {
  cleanWireDoc,
  contentOf,
  DEFAULT_MAX_DOCUMENT_BYTES,
  DocumentValidator,
  findUnstorable,
  toWireDoc,
  type CleanDoc,
  type CollectionDef,
  type CollectionRegistry,
} from './collections';

/** Who is syncing: an enrolled device (its own centre only), or the district itself. */
export type Actor =
  { kind: 'device'; deviceId: string; centreId: string } | { kind: 'district'; name: string };

/**
 * Held by a push transaction from just before it draws sequence numbers until it commits, so
 * pushes commit in the order of their sequence numbers. Without it, a push that drew seq 11 could
 * commit before one that drew seq 10; a pull in between would return 11, move its checkpoint past
 * 10, and never see 10. With it, every committed seq is below every seq still to commit.
 */
const SEQ_LOCK_KEY = 7_461_002;

/** How many problems an error lists at most (a broken desk may push a thousand bad documents). */
const MAX_PROBLEMS = 50;

/** PostgreSQL errors after which running the whole push again is the right answer. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

/**
 * How a push is taken, for the ones that are not a desk's live push (a sync packet, packets.ts).
 */
export interface PushOptions {
  /**
   * A row whose assumed master is not the district's version is decided at once by the rule the
   * desk would apply to the conflict (shared/sync/conflict.ts `pickLastWriter`) instead of being
   * answered as a conflict: a packet's writer cannot answer and push again.
   */
  lastWriterWins?: boolean;
  /** Rows allowed in the push (default MAX_PUSH_ROWS). */
  maxRows?: number;
  /** Runs in the push's transaction before anything is read: all or nothing with it. */
  inTransaction?: (tx: Queryable) => Promise<void>;
}

export interface PushGroup {
  collection: string;
  rows: unknown[];
}

interface PreparedRow {
  collection: string;
  doc: CleanDoc;
  content: string;
  assumed: string | null;
  /** The least the district holds of the assumed version (consent.ts `leastContent`). */
  assumedLeast: string | null;
}

interface CurrentRow {
  id: string;
  centre_id: string;
  deleted: boolean;
  data: Record<string, unknown>;
}

interface WriteRow {
  collection: string;
  id: string;
  centre_id: string;
  deleted: boolean;
  data: Record<string, unknown>;
  content_hash: string;
}

type Versioned = { updatedAt: string; _deleted: boolean };

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * What "the present" of a collection is, for a desk's first pull (PullRequest.presentFirst), as a
 * condition on its stored documents; $5 is the district's today. In attendance: who is in (a visit
 * left open on an earlier day too) and today's visits, so that a new desk knows at once who is in
 * the building and does not check them in twice. Indexed by migration 016.
 */
const PRESENT_SQL: Partial<Record<string, string>> = {
  attendance: `(data ->> 'status') = 'in' OR (data ->> 'day') = $5`,
};

/** Test seams: e.g. widen the window between drawing sequence numbers and committing. */
export interface SyncHooks {
  /** Awaited inside a push transaction after its rows are written, before it commits. */
  afterWrite?: () => Promise<void>;
}

/** What a pull may still add to its answer, in bytes (shared by the pulls of a batch). */
interface PullBudget {
  bytes: number;
}

/** A `_deleted` that is there but not a boolean, described; null when it is fine. */
function deletedFlagProblem(doc: unknown, at: string): string | null {
  if (!isObject(doc) || doc._deleted === undefined || typeof doc._deleted === 'boolean')
    return null;
  return `${at}/_deleted must be true or false (got ${clip(JSON.stringify(doc._deleted) ?? typeof doc._deleted, 20)})`;
}

/** Whether the collection's documents carry the hybrid-clock `updatedAt` (every synced one does). */
function hasClock(def: CollectionDef): boolean {
  const properties = (def.schema as { properties?: unknown }).properties;
  return isObject(properties) && 'updatedAt' in properties;
}

export class SyncService {
  private readonly validator: DocumentValidator;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeBus,
    private readonly registry: CollectionRegistry,
    private readonly hooks: SyncHooks = {},
  ) {
    this.validator = new DocumentValidator(registry);
  }

  collection(name: string): CollectionDef {
    const def = Object.prototype.hasOwnProperty.call(this.registry, name)
      ? this.registry[name]
      : undefined;
    if (!def) {
      throw new HttpError(
        404,
        'unknown_collection',
        `unknown collection "${clip(name)}": the server syncs ${Object.keys(this.registry).join(', ')}`,
      );
    }
    return def;
  }

  parsePullRequest(body: unknown): PullRequest {
    if (!isObject(body))
      throw new HttpError(400, 'bad_request', 'a pull takes {checkpoint, batchSize}');
    const { checkpoint, batchSize, presentFirst } = body;
    if (presentFirst !== undefined && typeof presentFirst !== 'boolean')
      throw new HttpError(400, 'bad_request', 'presentFirst must be true or false, or left out');
    let parsedCheckpoint: PullRequest['checkpoint'] = null;
    if (checkpoint !== null && checkpoint !== undefined) {
      const seq = isObject(checkpoint) ? checkpoint.seq : undefined;
      if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 0) {
        throw new HttpError(
          400,
          'bad_request',
          'checkpoint must be null or {seq} with the sequence number the server returned',
        );
      }
      parsedCheckpoint = { seq };
    }
    let size = MAX_PULL_BATCH;
    if (batchSize !== undefined) {
      if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize < 1) {
        throw new HttpError(400, 'bad_request', 'batchSize must be a whole number of at least 1');
      }
      size = Math.min(batchSize, MAX_PULL_BATCH);
    }
    const request: PullRequest = { checkpoint: parsedCheckpoint, batchSize: size };
    if (presentFirst) request.presentFirst = true;
    return request;
  }

  /** The documents after the checkpoint that this actor may read, in sequence order. */
  async pull(actor: Actor, collection: string, body: unknown): Promise<PullResponse> {
    const def = this.collection(collection);
    const request = this.parsePullRequest(body);
    return this.pullParsed(this.db, actor, collection, def, request, { bytes: MAX_PULL_BYTES });
  }

  /**
   * At most `batchSize` documents, and no more bytes than the budget holds, but always at least
   * one: a document stored before the size limits (or larger than the budget) still gets through,
   * alone, instead of making every pull of its collection fail. The sizes are read first, so the
   * documents past the budget are never loaded. `more` says the budget cut the answer short.
   */
  private async pullParsed(
    q: Queryable,
    actor: Actor,
    collection: string,
    def: CollectionDef,
    request: PullRequest,
    budget: PullBudget,
  ): Promise<PullResponse> {
    const after = request.checkpoint?.seq ?? 0;
    // A device reads its own centre's documents, and district documents in district collections.
    const centreId =
      def.scope === 'district'
        ? DISTRICT_CENTRE_ID
        : actor.kind === 'device'
          ? actor.centreId
          : null;
    if (request.checkpoint === null && request.presentFirst && PRESENT_SQL[collection])
      return this.pullPresent(q, collection, centreId, request.batchSize, budget);
    const { rows } = await q.query<{
      seq: string;
      deleted: boolean;
      data: Record<string, unknown>;
      total: string;
      found: string;
    }>(
      `WITH page AS (
         SELECT seq, octet_length(data::text) AS bytes FROM documents
          WHERE collection = $1 AND seq > $2 AND ($3::text IS NULL OR centre_id = $3)
          ORDER BY seq LIMIT $4
       ), running AS (
         SELECT seq, sum(bytes) OVER (ORDER BY seq) AS total,
                row_number() OVER (ORDER BY seq) AS n, count(*) OVER () AS found
           FROM page
       )
       SELECT d.seq, d.deleted, d.data, r.total, r.found
         FROM running r JOIN documents d ON d.seq = r.seq
        WHERE r.n = 1 OR r.total <= $5
        ORDER BY r.seq`,
      [collection, after, centreId, request.batchSize, Math.max(0, budget.bytes)],
    );
    const last = rows[rows.length - 1];
    if (last) budget.bytes -= Number(last.total);
    const response: PullResponse = {
      documents: rows.map((r) => toWireDoc(r.data, r.deleted)),
      checkpoint: last ? { seq: Number(last.seq) } : request.checkpoint,
    };
    if (last && rows.length < Number(last.found)) response.more = true;
    if (last && (response.more || rows.length >= request.batchSize)) {
      // How many are left, and where the next answer ends if it is full: one round trip, each
      // read along the index in sequence order.
      const { rows: left } = await q.query<{ n: string; following: string | null }>(
        `SELECT (SELECT count(*) FROM documents
                  WHERE collection = $1 AND seq > $2 AND ($3::text IS NULL OR centre_id = $3)) AS n,
                (SELECT seq FROM documents
                  WHERE collection = $1 AND seq > $2 AND ($3::text IS NULL OR centre_id = $3)
                  ORDER BY seq OFFSET $4 LIMIT 1) AS following`,
        [collection, last.seq, centreId, request.batchSize - 1],
      );
      response.remaining = Number(left[0]!.n);
      if (!response.more && response.remaining > request.batchSize && left[0]!.following)
        response.following = { seq: Number(left[0]!.following) };
    }
    return response;
  }

  /**
   * The present of a collection ahead of its history (PullRequest.presentFirst): the newest of
   * them, up to the batch and the byte budget, with checkpoint `{seq: 0}` so that the history
   * follows from its beginning and nothing is skipped. `remaining` counts the whole history.
   */
  private async pullPresent(
    q: Queryable,
    collection: string,
    centreId: string | null,
    batchSize: number,
    budget: PullBudget,
  ): Promise<PullResponse> {
    const { rows } = await q.query<{
      deleted: boolean;
      data: Record<string, unknown>;
      total: string;
    }>(
      `WITH page AS (
         SELECT seq, octet_length(data::text) AS bytes FROM documents
          WHERE collection = $1 AND NOT deleted AND ($2::text IS NULL OR centre_id = $2)
            AND (${PRESENT_SQL[collection]})
          ORDER BY seq DESC LIMIT $3
       ), running AS (
         SELECT seq, sum(bytes) OVER (ORDER BY seq DESC) AS total,
                row_number() OVER (ORDER BY seq DESC) AS n
           FROM page
       )
       SELECT d.deleted, d.data, r.total
         FROM running r JOIN documents d ON d.seq = r.seq
        WHERE r.total <= $4
        ORDER BY r.seq`,
      [collection, centreId, batchSize, Math.max(0, budget.bytes), localDay(new Date())],
    );
    budget.bytes -= rows.reduce((most, r) => Math.max(most, Number(r.total)), 0);
    const { rows: left } = await q.query<{ n: string }>(
      `SELECT count(*) AS n FROM documents
        WHERE collection = $1 AND ($2::text IS NULL OR centre_id = $2)`,
      [collection, centreId],
    );
    return {
      documents: rows.map((r) => toWireDoc(r.data, r.deleted)),
      checkpoint: { seq: 0 },
      more: true,
      remaining: Number(left[0]!.n),
    };
  }

  async push(actor: Actor, collection: string, body: unknown): Promise<PushResponse> {
    this.collection(collection);
    if (!Array.isArray(body)) {
      throw new HttpError(
        400,
        'bad_request',
        'a push takes an array of {assumedMasterState, newDocumentState}',
      );
    }
    const result = await this.pushMany(actor, [{ collection, rows: body }]);
    return result[collection] ?? [];
  }

  /**
   * Applies every row of every group in one transaction, all or nothing. Returns, per
   * collection, the server's current version of each document whose assumed master was stale.
   */
  async pushMany(
    actor: Actor,
    groups: PushGroup[],
    options: PushOptions = {},
  ): Promise<Record<string, WireDoc[]>> {
    const prepared = this.preparePush(actor, groups, options.maxRows ?? MAX_PUSH_ROWS);
    const conflicts: Record<string, WireDoc[]> = {};
    for (const g of groups) conflicts[g.collection] = [];
    if (prepared.length === 0 && !options.inTransaction) return conflicts;

    let events: ChangeEvent[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        events = await this.db.transaction((tx) =>
          this.applyPush(tx, actor, prepared, conflicts, options),
        );
        break;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 3 || !code || !RETRYABLE.has(code)) throw err;
        for (const key of Object.keys(conflicts)) conflicts[key] = [];
      }
    }
    this.changes.committed(events);
    return conflicts;
  }

  /** Everything that can be checked without the database: shape, schema, centre, scope. */
  private preparePush(actor: Actor, groups: PushGroup[], maxRows: number): PreparedRow[] {
    const total = groups.reduce((n, g) => n + g.rows.length, 0);
    if (total > maxRows) {
      throw new HttpError(
        400,
        'bad_request',
        `a push carries at most ${maxRows} documents (this one has ${total}); send smaller batches`,
      );
    }
    const problems: DocumentProblem[] = [];
    const centreProblems: DocumentProblem[] = [];
    const seen = new Set<string>();
    const prepared: PreparedRow[] = [];
    const now = Date.now();
    for (const { collection, rows } of groups) {
      const def = this.collection(collection);
      const maxBytes = def.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
      const clocked = hasClock(def);
      if (def.scope === 'district' && actor.kind === 'device' && rows.length > 0) {
        throw new HttpError(
          403,
          'read_only',
          `${collection} is written by the district only; a device may read it but not change it`,
        );
      }
      rows.forEach((row, index) => {
        const flag = isObject(row)
          ? (deletedFlagProblem(row.newDocumentState, '') ??
            deletedFlagProblem(row.assumedMasterState, '/assumedMasterState'))
          : null;
        if (flag && isObject(row) && isObject(row.newDocumentState)) {
          const id = row.newDocumentState.id;
          problems.push({
            collection,
            id: typeof id === 'string' ? clip(id) : `#${index}`,
            reason: flag,
          });
          return;
        }
        const doc = isObject(row) ? cleanWireDoc(row.newDocumentState) : null;
        if (!isObject(row) || !doc) {
          problems.push({
            collection,
            id: `#${index}`,
            reason:
              'row must be {assumedMasterState, newDocumentState} with a document whose id is a non-empty string',
          });
          return;
        }
        const id = clip(doc.id);
        // Before anything walks the document: text jsonb cannot hold, nesting too deep to walk.
        const unstorable =
          findUnstorable(row.newDocumentState) ??
          (row.assumedMasterState === null || row.assumedMasterState === undefined
            ? null
            : findUnstorable(row.assumedMasterState, '/assumedMasterState'));
        if (unstorable) {
          problems.push({ collection, id, reason: unstorable });
          return;
        }
        const key = `${collection}\u0000${doc.id}`;
        if (seen.has(key)) {
          problems.push({
            collection,
            id,
            reason: 'the same document appears twice in one push',
          });
          return;
        }
        seen.add(key);
        const bytes = documentBytes(doc.data);
        if (bytes > maxBytes) {
          // Too large to be worth checking field by field: this reason is the one to act on.
          problems.push({
            collection,
            id,
            reason: `the document is ${formatBytes(bytes)}; ${collection} documents may be at most ${formatBytes(maxBytes)}: make its longest fields and lists shorter`,
          });
          return;
        }
        for (const reason of this.validator.check(collection, doc)) {
          problems.push({ collection, id, reason });
        }
        if (clocked && doc.data.updatedAt !== undefined) {
          const clock = clockProblem(doc.data.updatedAt, now);
          if (clock) problems.push({ collection, id, reason: `/updatedAt ${clock}` });
        }
        const docCentre = doc.data.centreId;
        const expected =
          def.scope === 'district'
            ? DISTRICT_CENTRE_ID
            : actor.kind === 'device'
              ? actor.centreId
              : null;
        if (expected !== null && typeof docCentre === 'string' && docCentre !== expected) {
          centreProblems.push({
            collection,
            id,
            reason: `centreId is "${clip(docCentre)}" but this ${actor.kind === 'device' ? 'device belongs to centre' : 'collection belongs to'} "${expected}"`,
          });
        }
        let assumed: string | null = null;
        let assumedLeast: string | null = null;
        if (row.assumedMasterState !== null && row.assumedMasterState !== undefined) {
          const a = cleanWireDoc(row.assumedMasterState);
          if (!a || a.id !== doc.id) {
            problems.push({
              collection,
              id,
              reason:
                'assumedMasterState must be null or the same document as the server last sent it',
            });
            return;
          }
          assumed = contentOf(a.data, a.deleted);
          assumedLeast = leastContent(collection, a.data, a.deleted);
        }
        prepared.push({
          collection,
          doc,
          content: contentOf(doc.data, doc.deleted),
          assumed,
          assumedLeast,
        });
      });
    }
    if (problems.length > 0) {
      throw new HttpError(
        400,
        'invalid_document',
        `${problems.length} problem(s) in the pushed documents; nothing was stored. First: ${problems[0]!.collection} ${problems[0]!.id}: ${problems[0]!.reason}`,
        problems.slice(0, MAX_PROBLEMS),
      );
    }
    if (centreProblems.length > 0) throw wrongCentre(centreProblems);
    // A fixed order of row locks across transactions: two pushes never wait on each other in a circle.
    return prepared.sort((a, b) =>
      a.collection === b.collection ? cmp(a.doc.id, b.doc.id) : cmp(a.collection, b.collection),
    );
  }

  private async applyPush(
    tx: Queryable,
    actor: Actor,
    prepared: PreparedRow[],
    conflicts: Record<string, WireDoc[]>,
    options: PushOptions = {},
  ): Promise<ChangeEvent[]> {
    await options.inTransaction?.(tx);
    // 1. Read (and row-lock) the current versions, before taking the sequence lock.
    const current = new Map<string, CurrentRow>();
    const byCollection = new Map<string, PreparedRow[]>();
    for (const row of prepared) {
      const list = byCollection.get(row.collection) ?? [];
      list.push(row);
      byCollection.set(row.collection, list);
    }
    for (const [collection, rows] of byCollection) {
      const { rows: found } = await tx.query<CurrentRow>(
        `SELECT id, centre_id, deleted, data FROM documents
          WHERE collection = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE`,
        [collection, rows.map((r) => r.doc.id)],
      );
      for (const f of found) current.set(`${collection}\u0000${f.id}`, f);
    }

    // What the district may keep of each document about a person (consent.ts).
    const day = localDay(new Date());
    const consentsChanged = await keepToConsent(tx, prepared, day);

    // 2. Decide per row: no-op, write, or conflict.
    const inserts: PreparedRow[] = [];
    const updates: PreparedRow[] = [];
    const centreProblems: DocumentProblem[] = [];
    for (const row of prepared) {
      const cur = current.get(`${row.collection}\u0000${row.doc.id}`);
      if (!cur) {
        // No master yet: write it, whatever the desk assumed (a master it saw can only be missing
        // if the district lost it, and then the desk's copy is the best there is).
        inserts.push(row);
        continue;
      }
      if (actor.kind === 'device' && cur.centre_id !== actor.centreId) {
        centreProblems.push({
          collection: row.collection,
          id: row.doc.id,
          reason: 'this id belongs to a document of another centre',
        });
        continue;
      }
      const curContent = contentOf(cur.data, cur.deleted);
      if (curContent === row.content) continue; // the same edit again: nothing to do
      if (
        row.collection === 'members' &&
        isErasedMember(cur.data) &&
        !isErasedMember(row.doc.data)
      ) {
        // An erasure is final (shared/sync/conflict.ts): an edit made before the desk heard of
        // it is answered with the erased record, which the desk then keeps.
        conflicts[row.collection]!.push(toWireDoc(cur.data, cur.deleted));
        continue;
      }
      // The desk may assume its own version of what the district holds as its copy (consent.ts).
      const assumesCurrent =
        row.assumed === curContent ||
        (row.assumedLeast !== null &&
          row.assumedLeast === leastContent(row.collection, cur.data, cur.deleted));
      if (row.assumed !== null && assumesCurrent) updates.push(row);
      else if (options.lastWriterWins && forkWins(cur, row)) updates.push(row);
      else conflicts[row.collection]!.push(toWireDoc(cur.data, cur.deleted));
    }
    if (centreProblems.length > 0) throw wrongCentre(centreProblems);
    if (inserts.length === 0 && updates.length === 0) return [];

    // 2b. Rules that need the database, per collection (staff: signed by a manager).
    for (const [collection, guard] of Object.entries(WRITE_GUARDS)) {
      const writes = [...inserts, ...updates].filter((r) => r.collection === collection);
      if (writes.length > 0)
        await guard(
          tx,
          actor,
          writes.map((r) => r.doc),
        );
    }

    // 3. Write under the sequence lock (see SEQ_LOCK_KEY), held until this transaction commits.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEQ_LOCK_KEY]);
    const device = actor.kind === 'device' ? actor.deviceId : null;
    const written: WriteRow[] = [];
    if (updates.length > 0) {
      const { rows } = await tx.query<WriteRow>(
        `WITH input AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb)
             AS x(collection text, id text, centre_id text, deleted boolean, data jsonb, content_hash text)
         ), upd AS (
           UPDATE documents d
              SET seq = nextval('doc_seq'), centre_id = i.centre_id, deleted = i.deleted,
                  data = i.data, content_hash = i.content_hash, updated_by_device = $2,
                  server_updated_at = now()
             FROM input i
            WHERE d.collection = i.collection AND d.id = i.id
           RETURNING d.collection, d.id, d.seq, d.centre_id, d.deleted, d.data
         ), ver AS (
           INSERT INTO document_versions (collection, id, seq, centre_id, deleted, data, device_id)
           SELECT collection, id, seq, centre_id, deleted, data, $2 FROM upd
         )
         SELECT collection, id, centre_id FROM upd`,
        [JSON.stringify(updates.map(toWriteRow)), device],
      );
      written.push(...rows);
    }
    if (inserts.length > 0) {
      const { rows } = await tx.query<WriteRow>(
        `WITH input AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb)
             AS x(collection text, id text, centre_id text, deleted boolean, data jsonb, content_hash text)
         ), ins AS (
           INSERT INTO documents (collection, id, centre_id, seq, deleted, data, content_hash,
                                  updated_by_device, server_updated_at)
           SELECT collection, id, centre_id, nextval('doc_seq'), deleted, data, content_hash, $2, now()
             FROM input
           ON CONFLICT (collection, id) DO NOTHING
           RETURNING collection, id, seq, centre_id, deleted, data
         ), ver AS (
           INSERT INTO document_versions (collection, id, seq, centre_id, deleted, data, device_id)
           SELECT collection, id, seq, centre_id, deleted, data, $2 FROM ins
         )
         SELECT collection, id, centre_id FROM ins`,
        [JSON.stringify(inserts.map(toWriteRow)), device],
      );
      written.push(...rows);
      // A row another push created after our read (it committed before we got the lock): compare
      // with it as with any existing master.
      const inserted = new Set(rows.map((r) => `${r.collection}\u0000${r.id}`));
      for (const row of inserts) {
        if (inserted.has(`${row.collection}\u0000${row.doc.id}`)) continue;
        const { rows: now } = await tx.query<CurrentRow>(
          'SELECT id, centre_id, deleted, data FROM documents WHERE collection = $1 AND id = $2',
          [row.collection, row.doc.id],
        );
        const cur = now[0];
        if (!cur) throw Object.assign(new Error('row vanished during push'), { code: '40001' });
        if (actor.kind === 'device' && cur.centre_id !== actor.centreId) {
          throw wrongCentre([
            {
              collection: row.collection,
              id: row.doc.id,
              reason: 'this id belongs to a document of another centre',
            },
          ]);
        }
        if (contentOf(cur.data, cur.deleted) !== row.content) {
          conflicts[row.collection]!.push(toWireDoc(cur.data, cur.deleted));
        }
      }
    }

    // A withdrawal removes what the district held about the person, every version of it.
    await scrubToConsent(tx, consentsChanged, day);
    // What the push brought about an erased person is scrubbed before it commits (erasure.ts).
    const docs = new Map(prepared.map((r) => [`${r.collection}\u0000${r.doc.id}`, r.doc.data]));
    const alreadyErased = new Set(
      [...current.values()].filter((c) => isErasedMember(c.data)).map((c) => c.id),
    );
    const scrubbed = await scrubAfterWrite(
      tx,
      written.map((w) => ({
        collection: w.collection,
        id: w.id,
        data: docs.get(`${w.collection}\u0000${w.id}`) ?? {},
      })),
      alreadyErased,
      actor.kind === 'device' ? { device: actor.deviceId } : { job: actor.name },
    );

    await this.hooks.afterWrite?.();
    // The scrubbed versions are news to the pushing desk too: their hint names no origin.
    const events = [
      ...changeEvents(written, actor),
      ...changeEvents(scrubbed, { kind: 'district', name: 'erasure' }),
    ];
    await this.changes.publishInTransaction(tx, events);
    return events;
  }

  /** The combined endpoint: all pushes in one transaction, then every pull. */
  async batch(actor: Actor, body: unknown): Promise<BatchResponse> {
    if (!isObject(body)) throw new HttpError(400, 'bad_request', 'a batch takes {pushes, pulls}');
    const pushes = body.pushes === undefined ? {} : body.pushes;
    const pulls = body.pulls === undefined ? {} : body.pulls;
    if (!isObject(pushes) || !isObject(pulls)) {
      throw new HttpError(
        400,
        'bad_request',
        'pushes and pulls must be objects keyed by collection (or left out)',
      );
    }
    const groups: PushGroup[] = [];
    for (const [collection, rows] of Object.entries(pushes)) {
      this.collection(collection);
      if (!Array.isArray(rows)) {
        throw new HttpError(
          400,
          'bad_request',
          `pushes.${clip(collection)} must be an array of {assumedMasterState, newDocumentState}`,
        );
      }
      groups.push({ collection, rows });
    }
    const pullRequests = Object.entries(pulls).map(([collection, request]) => {
      const def = this.collection(collection);
      try {
        return { collection, def, request: this.parsePullRequest(request) };
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        throw new HttpError(err.statusCode, err.code, `pulls.${collection}: ${err.message}`);
      }
    });
    const pushResult = await this.pushMany(actor, groups);
    // One after the other, sharing one byte budget: the whole answer stays about MAX_PULL_BYTES.
    const budget: PullBudget = { bytes: MAX_PULL_BYTES };
    const pullResults: PullResponse[] = [];
    for (const p of pullRequests) {
      pullResults.push(
        await this.pullParsed(this.db, actor, p.collection, p.def, p.request, budget),
      );
    }
    const response: BatchResponse = { pushes: {}, pulls: {} };
    const out = response as {
      pushes: Record<string, WireDoc[]>;
      pulls: Record<string, PullResponse>;
    };
    for (const g of groups) out.pushes[g.collection] = pushResult[g.collection] ?? [];
    pullRequests.forEach((p, i) => (out.pulls[p.collection] = pullResults[i]!));
    return response;
  }
}

/** Whether the pushed version wins over the district's by the desks' conflict rule. */
function forkWins(cur: CurrentRow, row: PreparedRow): boolean {
  const fork = { ...row.doc.data, _deleted: row.doc.deleted } as Versioned;
  return pickLastWriter({ ...cur.data, _deleted: cur.deleted } as Versioned, fork).winner === fork;
}

function toWriteRow(row: PreparedRow): WriteRow {
  return {
    collection: row.collection,
    id: row.doc.id,
    centre_id: String(row.doc.data.centreId),
    deleted: row.doc.deleted,
    data: row.doc.data,
    content_hash: sha256(row.content),
  };
}

function changeEvents(
  written: Array<Pick<WriteRow, 'collection' | 'centre_id'>>,
  actor: Actor,
): ChangeEvent[] {
  const byCentre = new Map<string, Set<string>>();
  for (const w of written) {
    const set = byCentre.get(w.centre_id) ?? new Set<string>();
    set.add(w.collection);
    byCentre.set(w.centre_id, set);
  }
  return [...byCentre].map(([centreId, collections]) => ({
    centreId,
    collections: [...collections].sort(),
    ...(actor.kind === 'device' ? { originDeviceId: actor.deviceId } : {}),
  }));
}

function wrongCentre(problems: DocumentProblem[]): HttpError {
  return new HttpError(
    403,
    'wrong_centre',
    `${problems.length} document(s) belong to another centre; a device writes only its own centre's documents. Nothing was stored.`,
    problems.slice(0, MAX_PROBLEMS),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
