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
import { compareHlc, parseHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { CollectionName } from '../../shared/schemas';
import { conflictCopy } from '../../shared/sync/conflict';
import { MAX_PUSH_ROWS, type SyncCheckpoint, type WireDoc } from '../../shared/sync/protocol';
import { deskCollections, type Desk } from '../data/desk';
import { watchErasures } from '../data/members';
import type { SyncError } from './errors';
import { listenForHints } from './stream';
import { BatchTransport } from './transport';

export type SyncMode = 'unenrolled' | 'connecting' | 'online' | 'offline' | 'error' | 'stopped';

export interface SyncStatus {
  mode: SyncMode;
  /** When a sync round last went through, ISO time. */
  lastSyncAt: string | null;
  /** This desk's changes not yet accepted by the district. */
  pending: number;
  error: SyncError | null;
  /** The district's clock minus this desk's, from the last answer (null until one came). */
  clockOffsetMs: number | null;
}

export interface SyncHandle {
  status$: BehaviorSubject<SyncStatus>;
  /** Resolves when every collection has pushed and pulled all it knows of. */
  awaitInSync(): Promise<void>;
  stop(): Promise<void>;
}

const ACK_ID = 'sync-acknowledged';
/** The district refuses this desk itself: retrying cannot help until someone enrols it again. */
const REFUSED = new Set(['unauthorized', 'device_revoked']);
const PULL_BATCH = 300;
/**
 * Rows per collection in one push. The transport gathers every collection's push into one
 * request of at most MAX_PUSH_ROWS (1,000) rows and moves a push that does not fit to the next
 * round, so a busy collection (a day's visits) goes up in few rounds however many collections
 * there are.
 */
const PUSH_BATCH = Math.floor(MAX_PUSH_ROWS / 2);

/**
 * Per collection, the newest of this desk's own edits the district has accepted: later ones are
 * pending. Per collection, because each collection pushes in its own order: an accepted check-in
 * says nothing about a member registered just before it.
 */
type Acks = Partial<Record<CollectionName, string>>;
const SETTLED_AFTER_MS = 10_000;

async function loadAcks(desk: Desk): Promise<Acks> {
  const doc = await desk.db.getLocal<Acks>(ACK_ID);
  return { ...doc?.toJSON().data };
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

export interface StartSyncOptions {
  baseUrl: string;
  token: string;
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
  });
  const update = (patch: Partial<SyncStatus>) => status$.next({ ...status$.value, ...patch });
  const pending = new PendingCounter(desk, acks, (n) => update({ pending: n }));

  const transport = new BatchTransport({
    baseUrl: options.baseUrl,
    token: options.token,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    now: desk.now,
    onRoundTrip: (outcome) => {
      if (outcome.ok)
        update({
          mode: 'online',
          lastSyncAt: new Date(desk.now()).toISOString(),
          error: null,
          clockOffsetMs: outcome.clockOffsetMs,
        });
      else if (REFUSED.has(outcome.error.code)) void halt(outcome.error);
      else update({ mode: outcome.error.transient ? 'offline' : 'error', error: outcome.error });
    },
  });

  const hints: Record<
    CollectionName,
    Subject<RxReplicationPullStreamItem<unknown, SyncCheckpoint>>
  > = Object.fromEntries(deskCollections(desk).map((n) => [n, new Subject()])) as never;
  const subscriptions: Subscription[] = [];
  const replications: RxReplicationState<unknown, SyncCheckpoint>[] = [];
  const acknowledged$ = new Subject<void>();

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
        handler: async (checkpoint, batchSize) => {
          const answer = await transport.pull(name, { checkpoint: checkpoint ?? null, batchSize });
          pending.pulled(name, answer.documents);
          return {
            documents: answer.documents as WithDeleted<unknown>[],
            checkpoint: answer.checkpoint ?? checkpoint,
          };
        },
        modifier: (doc: WireDoc) => {
          // Edits that arrive from elsewhere move this desk's clock forward (see shared/hlc.ts).
          if (typeof doc.updatedAt === 'string') desk.clock.observe(doc.updatedAt);
          return doc as never;
        },
      },
      push: {
        batchSize: PUSH_BATCH,
        handler: async (rows) => {
          const conflicts = await transport.push(name, rows as never);
          const conflicted = new Set(conflicts.map((c) => c.id));
          for (const row of rows as { newDocumentState: WireDoc }[]) {
            const at = row.newDocumentState.updatedAt as string;
            if (!conflicted.has(row.newDocumentState.id) && compareHlc(at, acks[name] ?? '') > 0)
              acks[name] = at;
          }
          await pending.save();
          pending.mark(name);
          acknowledged$.next();
          return conflicts as never;
        },
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

  // Pending changes: recount shortly after this desk's own writes and after the district accepts
  // a push; the pulled documents of other desks never change the count.
  const ownWrites = deskCollections(desk).map((n) =>
    (desk.db.collections[n].$ as Observable<RxChangeEvent<WireDoc>>).pipe(
      filter((e) => isOwn(desk, e.documentData?.updatedAt)),
      tap(() => pending.mark(n, true)),
    ),
  );
  subscriptions.push(
    merge(...ownWrites, acknowledged$)
      .pipe(debounceTime(300))
      .subscribe(() => void pending.recount()),
  );
  pending.markAll(deskCollections(desk));
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
        token: options.token,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        onOpen: () => {
          transport.resetBackoff();
          resyncAll();
        },
        onHint: (collections) => collections.forEach((n) => hints[n]?.next('RESYNC')),
        onDown: (error) =>
          REFUSED.has(error.code)
            ? void halt(error)
            : update({ mode: error.transient ? 'offline' : 'error', error }),
      })
    : null;

  return {
    status$,
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.awaitInSync()));
    },
    async stop() {
      halted = true;
      stream?.stop();
      subscriptions.forEach((s) => s.unsubscribe());
      await Promise.all(replications.map((r) => r.cancel()));
      update({ mode: 'stopped' });
    },
  };
}
