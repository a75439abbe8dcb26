import {
  BehaviorSubject,
  Subject,
  debounceTime,
  filter,
  merge,
  tap,
  type Observable,
  type Subscription,
} from 'rxjs';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import type { RxChangeEvent, RxReplicationPullStreamItem, WithDeleted } from 'rxdb';
import { clockProblem, compareHlc, parseHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { documentSizeProblem, jsonBytes, type CollectionName } from '../../shared/schemas';
import { conflictCopy } from '../../shared/sync/conflict';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_ROWS,
  type PullRequest,
  type PullResponse,
  type PushRow,
  type SyncCheckpoint,
  type WireDoc,
} from '../../shared/sync/protocol';
import { deskCollections, type Desk } from '../data/desk';
import { watchErasures } from '../data/members';
import { acceptStaffFromDistrict } from '../data/staffAuthority';
import { afterConsentsAccepted, rowsForDistrict, withWhatThisDeskKnows } from './districtShare';
import { SyncError } from './errors';
import { IncomingCounter, type Incoming } from './incoming';
import { listenForHints } from './stream';
import { ACK_ID, NET_CHECKPOINTS_ID, SET_ASIDE_ID, type Acks } from './syncState';
import { BatchTransport } from './transport';

export type SyncMode = 'unenrolled' | 'connecting' | 'online' | 'offline' | 'error' | 'stopped';

/**
 * A document of this desk the district cannot take (too large, invalid, stamped too far in the
 * future, another centre's): it stays on this desk and is not sent again, so the rest keep
 * flowing, until it is changed; then the new version goes up as usual.
 */
export interface SetAsideDoc {
  collection: CollectionName;
  id: string;
  updatedAt: string;
  /** The district's reason (or this desk's own check), in English: say it to someone who can fix it. */
  reason: string;
}

/**
 * A clock value this desk's clock did not follow: a pulled document's `updatedAt` (kept, but
 * edits made after it may sort before it), or, without a collection, this desk's own clock left
 * behind because it stood further ahead of the district's than the tolerance.
 */
export interface IgnoredClock {
  collection?: CollectionName;
  id?: string;
  updatedAt: string;
  reason: string;
}

export interface SyncStatus {
  mode: SyncMode;
  /** When a sync round last went through, ISO time. */
  lastSyncAt: string | null;
  /** This desk's changes not yet accepted by the district. */
  pending: number;
  error: SyncError | null;
  /** The district's clock minus this desk's, from the last answer (null until one came). */
  clockOffsetMs: number | null;
  /** Documents that cannot go to the district; kept across restarts. */
  setAside: SetAsideDoc[];
  /** The latest clock values not followed (at most MAX_IGNORED_CLOCKS), since the sync started. */
  ignoredClocks: IgnoredClock[];
  /** While the desk catches up with the district: what has come and what is left. */
  incoming: Incoming | null;
}

export interface SyncHandle {
  status$: BehaviorSubject<SyncStatus>;
  /** Resolves when every collection has pushed and pulled all it knows of. */
  awaitInSync(): Promise<void>;
  /**
   * The district acknowledged this desk's edits up to these points by another way (a return
   * sync packet, packets.ts): the waiting count drops.
   */
  acknowledge(acks: Acks): Promise<void>;
  stop(): Promise<void>;
}

export const MAX_IGNORED_CLOCKS = 20;
/** Pulls one pull handler makes in a row while the district says `more` (each about 4 MB). */
const MAX_PULLS_PER_CALL = 2;
/** How often a push goes again because another collection's documents were refused with it. */
const MAX_RETRIES_FOR_OTHERS = 3;
/** Documents a pull asks for (the district's most, MAX_PULL_BATCH): fewer round trips on a slow link. */
export const PULL_BATCH = 500;
/**
 * Rows per collection in one push. The transport gathers every collection's push into one
 * request of at most MAX_PUSH_ROWS (1,000) rows and moves a push that does not fit to the next
 * round, so a busy collection (a day's visits) goes up in few rounds however many collections
 * there are.
 */
const PUSH_BATCH = Math.floor(MAX_PUSH_ROWS / 2);

const SETTLED_AFTER_MS = 10_000;

async function loadAcks(desk: Desk): Promise<Acks> {
  const doc = await desk.db.getLocal<Acks>(ACK_ID);
  return { ...doc?.toJSON().data };
}

async function loadSetAside(desk: Desk): Promise<SetAsideDoc[]> {
  const doc = await desk.db.getLocal<{ docs: SetAsideDoc[] }>(SET_ASIDE_ID);
  return [...(doc?.toJSON().data.docs ?? [])];
}

/**
 * Each document once, in its state from the last answer that carried it (a desk's first pull
 * brings the present ahead of the history, and the history brings it again:
 * PullRequest.presentFirst). RxDB takes a document once per batch.
 */
export function latestOfEach(docs: readonly WireDoc[]): WireDoc[] {
  const byId = new Map<string, WireDoc>();
  for (const doc of docs) {
    byId.delete(doc.id);
    byId.set(doc.id, doc);
  }
  return [...byId.values()];
}

/** Rows in order, cut into pieces of at most MAX_PUSH_BYTES (a larger single row goes alone). */
function piecesByBytes(rows: PushRow[]): Array<{ rows: PushRow[]; bytes: number }> {
  const pieces: Array<{ rows: PushRow[]; bytes: number }> = [];
  let piece: { rows: PushRow[]; bytes: number } = { rows: [], bytes: 0 };
  for (const row of rows) {
    const bytes = jsonBytes(row) + 1;
    if (piece.rows.length > 0 && piece.bytes + bytes > MAX_PUSH_BYTES) {
      pieces.push(piece);
      piece = { rows: [], bytes: 0 };
    }
    piece.rows.push(row);
    piece.bytes += bytes;
  }
  if (piece.rows.length > 0) pieces.push(piece);
  return pieces;
}

/** The documents the district refused, by id, from an error naming them in this collection. */
function refusedIn(error: SyncError, name: CollectionName): Map<string, string> | null {
  if (!['invalid_document', 'wrong_centre', 'staff_not_authorised'].includes(error.code))
    return null;
  return new Map(
    (error.problems ?? []).filter((p) => p.collection === name).map((p) => [p.id, p.reason]),
  );
}

/**
 * Counts this desk's edits after each collection's acknowledged point. The query reads the
 * `updatedAt` index from that point on, which also holds other desks' later edits; when none of
 * the documents read is this desk's own, nothing of ours waits up to the newest of them, so the
 * point moves there and the next count reads only what is newer (a freshly synced desk would
 * otherwise read its whole history after every check-in).
 */
async function countPendingIn(desk: Desk, acks: Acks, name: CollectionName): Promise<number> {
  const docs = await desk.db.collections[name]
    .find({ selector: { updatedAt: { $gt: acks[name] ?? '' } }, sort: [{ updatedAt: 'asc' }] })
    .exec();
  const own = docs.filter((d) => isOwn(desk, d.updatedAt)).length;
  if (own === 0) {
    // Only past documents settle the point: an own edit stamped but not yet stored has a
    // timestamp of about now, later than any of them.
    const settled = Date.now() - SETTLED_AFTER_MS;
    const newestSettled = docs.findLast(
      (d) => (parseHlc(d.updatedAt)?.wallMs ?? Infinity) < settled,
    );
    if (newestSettled) acks[name] = newestSettled.updatedAt;
  }
  return own;
}

const isOwn = (desk: Desk, updatedAt: unknown) =>
  typeof updatedAt === 'string' && parseHlc(updatedAt)?.node === desk.settings.node;

/**
 * Keeps the count of this desk's edits the district has not accepted yet. It recounts only the
 * collections that may have changed it (a collection this desk wrote to, or one whose push was
 * just accepted); documents pulled from elsewhere never add to it, so a large pull (the first
 * sync of a year's history) costs no counting at all: the acknowledged point moves past the
 * pulled documents without reading them again (`pulled`).
 */
class PendingCounter {
  private counts: Partial<Record<CollectionName, number>> = {};
  private dirty = new Set<CollectionName>();
  private running: Promise<void> | null = null;
  private ownWriteSinceCount = new Set<CollectionName>();
  private saved = '';

  constructor(
    private readonly desk: Desk,
    private readonly acks: Acks,
    private readonly onCount: (pending: number) => void,
  ) {
    this.saved = JSON.stringify(acks);
  }

  /** A collection may have gained or lost pending edits. */
  mark(name: CollectionName, ownWrite = false): void {
    this.dirty.add(name);
    if (ownWrite) this.ownWriteSinceCount.add(name);
  }

  markAll(names: CollectionName[]): void {
    names.forEach((n) => this.dirty.add(n));
  }

  /**
   * Documents of `name` pulled from the district. While this desk has nothing pending in the
   * collection and has not written to it since the last count, every edit of its own up to now
   * is accepted, and one not yet stored would be stamped later than anything settled: the
   * acknowledged point moves to the newest settled document of the pull.
   */
  pulled(name: CollectionName, docs: WireDoc[]): void {
    if ((this.counts[name] ?? 1) !== 0 || this.ownWriteSinceCount.has(name)) return;
    const settled = Date.now() - SETTLED_AFTER_MS;
    let newest = this.acks[name] ?? '';
    for (const doc of docs) {
      const at = doc.updatedAt;
      if (typeof at !== 'string' || isOwn(this.desk, at)) continue;
      if ((parseHlc(at)?.wallMs ?? Infinity) < settled && compareHlc(at, newest) > 0) newest = at;
    }
    if (newest) this.acks[name] = newest;
  }

  /** Resolves when no count is running. */
  async idle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  /** Recounts the marked collections (one run at a time; marks made meanwhile run next). */
  async recount(): Promise<void> {
    while (this.running) await this.running;
    if (this.dirty.size === 0) return;
    const names = [...this.dirty];
    this.dirty.clear();
    names.forEach((n) => this.ownWriteSinceCount.delete(n));
    this.running = (async () => {
      for (const name of names)
        this.counts[name] = await countPendingIn(this.desk, this.acks, name);
      this.onCount(Object.values(this.counts).reduce((a, b) => a + (b ?? 0), 0));
      await this.save();
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /** Keeps the acknowledged points across restarts, so a cold start reads only what is newer. */
  async save(): Promise<void> {
    const now = JSON.stringify(this.acks);
    if (now === this.saved) return;
    this.saved = now;
    await this.desk.db.upsertLocal(ACK_ID, { ...this.acks });
  }
}

/**
 * Recounts shortly after this desk's own writes and after `acknowledged$` (the district accepted
 * a push); the pulled documents of other desks never change the count. Every collection is
 * counted once at the start.
 */
function watchPending(
  desk: Desk,
  pending: PendingCounter,
  acknowledged$: Observable<void>,
): Subscription {
  const ownWrites = deskCollections(desk).map((n) =>
    (desk.db.collections[n].$ as Observable<RxChangeEvent<WireDoc>>).pipe(
      filter((e) => isOwn(desk, e.documentData?.updatedAt)),
      tap(() => pending.mark(n, true)),
    ),
  );
  pending.markAll(deskCollections(desk));
  return merge(...ownWrites, acknowledged$)
    .pipe(debounceTime(300))
    .subscribe(() => void pending.recount());
}

/**
 * Counts this desk's records the district has not accepted while no sync runs (before
 * enrolment): by the same rule as a running sync, so "N waiting" is the number that will go up
 * once the desk is enrolled. Stop it by unsubscribing.
 */
export async function countUnsent(
  desk: Desk,
  onCount: (pending: number) => void,
): Promise<Subscription> {
  const pending = new PendingCounter(desk, await loadAcks(desk), onCount);
  const start$ = new BehaviorSubject<void>(undefined);
  return watchPending(desk, pending, start$);
}

export interface StartSyncOptions {
  baseUrl: string;
  token: string;
  /**
   * Stores a new device token the district offers, e.g. in the OS secure store; sync uses it once
   * stored. Without it the desk keeps its token (one-shot runs, tests).
   */
  onNewToken?: (token: string) => Promise<void>;
  fetch?: typeof fetch;
  /** Live replication with the server-sent hint stream (the desk); false for one-shot runs. */
  live?: boolean;
  /** Time limit of one request to the district (default: the transport's). */
  timeoutMs?: number;
}

/**
 * Starts RxDB's replication of every collection against the district, through one batching
 * transport, with live hints from the server's event stream.
 */
export async function startSync(desk: Desk, options: StartSyncOptions): Promise<SyncHandle> {
  const live = options.live ?? true;
  const acks = await loadAcks(desk);
  const status$ = new BehaviorSubject<SyncStatus>({
    mode: 'connecting',
    lastSyncAt: null,
    pending: 0,
    error: null,
    clockOffsetMs: null,
    setAside: await loadSetAside(desk),
    ignoredClocks: [],
    incoming: null,
  });
  const update = (patch: Partial<SyncStatus>) => status$.next({ ...status$.value, ...patch });
  const incoming = new IncomingCounter();
  const pending = new PendingCounter(desk, acks, (n) => update({ pending: n }));

  const ignoreClock = (entry: IgnoredClock) =>
    update({ ignoredClocks: [...status$.value.ignoredClocks, entry].slice(-MAX_IGNORED_CLOCKS) });
  /** The district's clock as this desk best knows it: its own, corrected by the last answer. */
  const districtNow = () => desk.now() + (status$.value.clockOffsetMs ?? 0);

  /** Writes go one at a time, so two collections setting documents aside do not lose one. */
  let setAsideWrite = Promise.resolve();
  const changeSetAside = (change: (docs: SetAsideDoc[]) => SetAsideDoc[]) => {
    const before = status$.value.setAside;
    const after = change(before);
    if (after === before) return setAsideWrite;
    update({ setAside: after });
    setAsideWrite = setAsideWrite.then(async () => {
      await desk.db.upsertLocal(SET_ASIDE_ID, { docs: status$.value.setAside });
    });
    return setAsideWrite;
  };
  const setAside = (name: CollectionName, doc: WireDoc, reason: string) =>
    changeSetAside((docs) => [
      ...docs.filter((d) => d.collection !== name || d.id !== doc.id),
      {
        collection: name,
        id: doc.id,
        updatedAt: typeof doc.updatedAt === 'string' ? doc.updatedAt : '',
        reason,
      },
    ]);
  /** A later version of a set-aside document reached the district: it is no longer set aside. */
  const wentUp = (name: CollectionName, ids: Set<string>) =>
    changeSetAside((docs) =>
      docs.some((d) => d.collection === name && ids.has(d.id))
        ? docs.filter((d) => d.collection !== name || !ids.has(d.id))
        : docs,
    );

  /**
   * The pull and push handlers' work in progress. RxDB's cancel() does not wait for a handler
   * already running, and one that went on reading and writing the store while it was being closed
   * could hang the close: stop() waits for them.
   */
  const running = new Set<Promise<unknown>>();
  function whileRunning<T>(work: () => Promise<T>): Promise<T> {
    const promise = work();
    running.add(promise);
    const done = () => running.delete(promise);
    promise.then(done, done);
    return promise;
  }

  let token = options.token;
  const { onNewToken } = options;
  const transport = new BatchTransport({
    baseUrl: options.baseUrl,
    token,
    ...(onNewToken
      ? {
          onNewToken: async (fresh: string) => {
            await onNewToken(fresh);
            token = fresh;
          },
        }
      : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    now: desk.now,
    onRoundTrip: (outcome) => {
      if (outcome.ok) {
        update({
          mode: 'online',
          lastSyncAt: new Date(desk.now()).toISOString(),
          error: null,
          clockOffsetMs: outcome.clockOffsetMs,
        });
        const left = desk.clock.dropFarFuture(districtNow());
        if (left) {
          ignoreClock({
            updatedAt: left,
            reason:
              "this desk's clock stood further ahead of the district's than allowed; it goes on from this computer's time",
          });
        }
      } else if (outcome.error.refusesDevice) void halt(outcome.error);
      else update({ mode: outcome.error.transient ? 'offline' : 'error', error: outcome.error });
    },
  });

  /** Per collection, the district's sequence number this desk's store holds everything up to. */
  const netCheckpoints: Partial<Record<CollectionName, number>> = {
    ...(await desk.db.getLocal<Record<string, number>>(NET_CHECKPOINTS_ID))?.toJSON().data,
  };
  let checkpointWrite = Promise.resolve();
  const noteCheckpoint = (name: CollectionName, seq: number) => {
    if (seq <= (netCheckpoints[name] ?? 0)) return checkpointWrite;
    netCheckpoints[name] = seq;
    checkpointWrite = checkpointWrite.then(async () => {
      await desk.db.upsertLocal(NET_CHECKPOINTS_ID, { ...netCheckpoints });
    });
    return checkpointWrite;
  };

  const hints: Record<
    CollectionName,
    Subject<RxReplicationPullStreamItem<unknown, SyncCheckpoint>>
  > = Object.fromEntries(deskCollections(desk).map((n) => [n, new Subject()])) as never;
  const subscriptions: Subscription[] = [];
  const replications: RxReplicationState<unknown, SyncCheckpoint>[] = [];
  const acknowledged$ = new Subject<void>();

  /**
   * Pushes a collection's rows so that one document can never hold up the others: a document
   * over its collection's size limit is set aside without being sent; the rest go in pieces of at
   * most MAX_PUSH_BYTES; a piece the district finds too large (413) is halved until the one
   * document at fault is alone, and set aside; documents the district refuses by name are set
   * aside and the rest of the piece goes again. Anything else (the link, the server) is thrown,
   * and RxDB tries the whole push again later.
   */
  async function pushAll(name: CollectionName, rows: PushRow[]) {
    const setAsideIds = new Set<string>();
    const putAside = async (doc: WireDoc, reason: string) => {
      setAsideIds.add(doc.id);
      await setAside(name, doc, reason);
    };
    const ready: PushRow[] = [];
    for (const row of rows) {
      const problem = documentSizeProblem(name, row.newDocumentState);
      if (problem) await putAside(row.newDocumentState, problem);
      else ready.push(row);
    }
    const conflicts: WireDoc[] = [];
    for (const piece of piecesByBytes(ready))
      conflicts.push(...(await pushPiece(name, piece.rows, putAside)));
    return { conflicts, setAsideIds };
  }

  async function pushPiece(
    name: CollectionName,
    rows: PushRow[],
    putAside: (doc: WireDoc, reason: string) => Promise<void>,
  ): Promise<WireDoc[]> {
    let left = rows;
    for (let othersAtFault = 0; left.length > 0;) {
      try {
        return await transport.push(name, left);
      } catch (caught) {
        if (!(caught instanceof SyncError)) throw caught;
        if (caught.status === 413) {
          if (left.length === 1) {
            await putAside(
              left[0]!.newDocumentState,
              `the district refused it as too large for one request (${caught.message})`,
            );
            return [];
          }
          const half = Math.ceil(left.length / 2);
          return [
            ...(await pushPiece(name, left.slice(0, half), putAside)),
            ...(await pushPiece(name, left.slice(half), putAside)),
          ];
        }
        const refused = refusedIn(caught, name);
        if (!refused) throw caught;
        const named = left.filter((row) => refused.has(row.newDocumentState.id));
        if (named.length === 0) {
          // Another collection's documents were refused with ours (one request, all or nothing):
          // ours go again once it has set them aside. Problems naming none of ours: give up.
          if (refused.size > 0 || ++othersAtFault > MAX_RETRIES_FOR_OTHERS) throw caught;
          continue;
        }
        for (const row of named)
          await putAside(row.newDocumentState, refused.get(row.newDocumentState.id)!);
        left = left.filter((row) => !refused.has(row.newDocumentState.id));
      }
    }
    return [];
  }

  /**
   * While a desk catches up, a collection's next answer is asked for as soon as one arrives, so it
   * comes down the line while RxDB stores this one: on a 150 ms link a round trip a batch was
   * spent waiting (docs/PERFORMANCE.md). When the district says where the next answer will end
   * (`following`), the answer after it is asked for at once too, so the line does not wait a round
   * trip between answers either. An answer asked for ahead is taken only by the pull it was asked
   * for (the same checkpoint and size); a pull drops those from before its checkpoint, and a
   * failed one is asked again.
   */
  const ahead = new Map<
    CollectionName,
    Map<number, { batchSize: number; answer: Promise<PullResponse> }>
  >();
  function pullAhead(name: CollectionName, checkpoint: SyncCheckpoint, batchSize: number) {
    const asked = ahead.get(name) ?? new Map();
    ahead.set(name, asked);
    if (asked.has(checkpoint.seq)) return;
    const answer = transport.pull(name, { checkpoint, batchSize });
    answer.catch(() => undefined);
    asked.set(checkpoint.seq, { batchSize, answer });
  }
  async function pull(name: CollectionName, request: PullRequest): Promise<PullResponse> {
    const asked = ahead.get(name);
    const from = request.checkpoint?.seq ?? -1;
    const early = asked?.get(from);
    for (const seq of asked?.keys() ?? []) if (seq <= from) asked!.delete(seq);
    if (early && early.batchSize === request.batchSize) {
      const answer = await early.answer.catch(() => null);
      if (answer) return answer;
    }
    return transport.pull(name, request);
  }

  for (const name of deskCollections(desk)) {
    const collection = desk.db.collections[name];
    const replication = replicateRxCollection<unknown, SyncCheckpoint>({
      replicationIdentifier: `cocare:${desk.settings.centreId}:${new URL(options.baseUrl).host}:${name}`,
      collection: collection as never,
      live,
      retryTime: 1000,
      waitForLeadership: true,
      autoStart: true,
      pull: {
        batchSize: PULL_BATCH,
        stream$: hints[name].asObservable(),
        handler: (checkpoint, batchSize) =>
          whileRunning(async () => {
            // What RxDB has stored up to: a sync packet asks the district only for what is newer.
            if (checkpoint) await noteCheckpoint(name, checkpoint.seq);
            // RxDB takes fewer documents than it asked for as "nothing more": while the district
            // says `more` (its answer stopped at its byte budget), pull on, a few answers at most
            // (each about 4 MB), then ask RxDB for another round.
            let answer: PullResponse = {
              documents: [],
              checkpoint: checkpoint ?? null,
              more: true,
            };
            const documents: WireDoc[] = [];
            let askedFor = batchSize;
            for (let n = 0; answer.more && documents.length < batchSize; n++) {
              if (n === MAX_PULLS_PER_CALL) {
                if (live) queueMicrotask(() => hints[name].next('RESYNC'));
                break;
              }
              askedFor = batchSize - documents.length;
              answer = await pull(name, {
                checkpoint: answer.checkpoint,
                batchSize: askedFor,
                // A new desk: who is in and today's visits first, the history after.
                ...(answer.checkpoint === null ? { presentFirst: true } : {}),
              });
              documents.push(...answer.documents);
            }
            if (answer.checkpoint && (answer.more || (answer.remaining ?? 0) > 0))
              pullAhead(name, answer.checkpoint, batchSize);
            // Where the next answer ends, for answers of this size only.
            if (answer.following && askedFor === batchSize)
              pullAhead(name, answer.following, batchSize);
            pending.pulled(name, documents);
            const catchingUp = incoming.pulled(
              name,
              documents.length,
              answer.remaining ?? 0,
              desk.now(),
            );
            if (catchingUp || status$.value.incoming) update({ incoming: catchingUp });
            // Staff records come in only when signed by a manager this desk knows (the district's
            // further records, if it said `more`, come with the next round).
            const fresh = latestOfEach(documents);
            const taken = name === 'staff' ? await acceptStaffFromDistrict(desk, fresh) : fresh;
            return {
              documents: (await withWhatThisDeskKnows(desk, name, taken)) as WithDeleted<unknown>[],
              checkpoint: answer.checkpoint ?? checkpoint,
            };
          }),
        modifier: (doc: WireDoc) => {
          // Edits that arrive from elsewhere move this desk's clock forward (see shared/hlc.ts),
          // unless their clock is broken or far ahead: then the document is kept, the clock is not.
          const problem =
            typeof doc.updatedAt === 'string'
              ? desk.clock.observe(doc.updatedAt, districtNow())
              : clockProblem(doc.updatedAt, districtNow());
          if (problem) {
            ignoreClock({
              collection: name,
              id: doc.id,
              updatedAt: String(doc.updatedAt),
              reason: `updatedAt ${problem}`,
            });
          }
          return doc as never;
        },
      },
      push: {
        batchSize: PUSH_BATCH,
        handler: (rxRows) =>
          whileRunning(async () => {
            const rows = await rowsForDistrict(desk, name, rxRows as unknown as PushRow[]);
            const { conflicts, setAsideIds } = await pushAll(name, rows);
            const conflicted = new Set(conflicts.map((c) => c.id));
            const accepted = new Set<string>();
            // Set-aside documents count as handled: they are no longer waiting, they are stuck
            // (status.setAside lists them).
            for (const row of rows) {
              const { id } = row.newDocumentState;
              const at = row.newDocumentState.updatedAt as string;
              if (conflicted.has(id)) continue;
              if (!setAsideIds.has(id)) accepted.add(id);
              if (compareHlc(at, acks[name] ?? '') > 0) acks[name] = at;
            }
            await wentUp(name, accepted);
            await pending.save();
            pending.mark(name);
            acknowledged$.next();
            if (name === 'consents')
              await afterConsentsAccepted(
                desk,
                rows
                  .filter((r) => accepted.has(r.newDocumentState.id))
                  .map((r) => r.newDocumentState),
              );
            return (await withWhatThisDeskKnows(desk, name, conflicts)) as never;
          }),
      },
    });
    replications.push(replication);
    if (name !== 'auditLog') {
      subscriptions.push(
        replication.conflict$.subscribe(({ input, output }) => {
          const master = input.realMasterState as unknown as WireDoc;
          const winner = output as unknown as WireDoc;
          const loser = winner.updatedAt === master.updatedAt ? input.newDocumentState : master;
          const data = conflictCopy(winner, loser as WireDoc);
          if (!data) return;
          void desk.db.auditLog.insert({
            id: newId(),
            centreId: desk.settings.centreId,
            createdAt: new Date().toISOString(),
            updatedAt: desk.clock.tick(),
            updatedBy: desk.actor(),
            action: 'sync.conflictLost',
            subjectCollection: name,
            subjectId: (loser as WireDoc).id,
            data,
            winnerUpdatedAt: winner.updatedAt as string,
          });
        }),
      );
    }
  }

  // Another desk's erasure: this desk's own conflict copies of the person go too.
  subscriptions.push(watchErasures(desk));

  subscriptions.push(watchPending(desk, pending, acknowledged$));
  acknowledged$.next();

  let halted = false;
  async function halt(error: SyncError): Promise<void> {
    if (halted) return;
    halted = true;
    stream?.stop();
    await Promise.all(replications.map((r) => r.cancel()));
    update({ mode: 'error', error });
  }

  const resyncAll = () => deskCollections(desk).forEach((n) => hints[n].next('RESYNC'));
  const stream = live
    ? listenForHints({
        baseUrl: options.baseUrl,
        token: () => token,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        onOpen: () => {
          transport.resetBackoff();
          resyncAll();
        },
        onHint: (collections) => collections.forEach((n) => hints[n]?.next('RESYNC')),
        onDown: (error) =>
          error.refusesDevice
            ? void halt(error)
            : update({ mode: error.transient ? 'offline' : 'error', error }),
      })
    : null;

  return {
    status$,
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    async acknowledge(more: Acks) {
      const names: CollectionName[] = [];
      for (const [name, at] of Object.entries(more) as Array<[CollectionName, string]>) {
        if (typeof at === 'string' && compareHlc(at, acks[name] ?? '') > 0) {
          acks[name] = at;
          names.push(name);
        }
      }
      await pending.save();
      pending.markAll(names);
      await pending.recount();
    },
    async stop() {
      halted = true;
      stream?.stop();
      // Requests on the wire are dropped: a handler waiting for one ends at once.
      transport.close();
      subscriptions.forEach((s) => s.unsubscribe());
      // A stop that does not end keeps the store from closing: say which step it is stuck on.
      const names = deskCollections(desk);
      const cancelling = new Set(names);
      let step = () => `cancelling the replications of ${[...cancelling].join(', ')}`;
      const stuck = setTimeout(
        () => console.warn(`CoCare Desk: sync stop still ${step()}`),
        20_000,
      );
      try {
        await Promise.all(
          replications.map(async (r, i) => {
            await r.cancel();
            cancelling.delete(names[i]!);
          }),
        );
        step = () => `waiting for ${running.size} pull or push handlers`;
        await Promise.allSettled(running);
        step = () => 'writing the pull checkpoints';
        await checkpointWrite.catch(() => undefined);
        step = () => 'counting what is waiting to go up';
        await pending.idle().catch(() => undefined);
      } finally {
        clearTimeout(stuck);
      }
      update({ mode: 'stopped' });
    },
  };
}
