/**
 * Several simulated desks against one real district: each desk is RxDB with the Dexie storage on
 * its own fake IndexedDB, replicating with RxDB's real client through the desk's sync code.
 *
 * A desk opens the collections its test names (any of them; the audit log always, since the sync
 * keeps conflict copies there), and the test reaches them through `collection(name)`, which the
 * compiler holds to that list. RxDB's open core allows 13 open collections per process across all
 * databases, so tests close their desks after each test (`closeAll`) and open only what they use
 * (the desk itself opens them all).
 */
import { createHash } from 'node:crypto';
import { getChangedDocumentsSince, type RxCollection } from 'rxdb';
import { vi } from 'vitest';
import type { DeskCollections } from '../../renderer/data/database';
import { deskCollections, type Desk } from '../../renderer/data/desk';
import { adoptCentre } from '../../renderer/data/enrolment';
import { registerMember } from '../../renderer/data/members';
import { ownConsent } from '../../renderer/testing/consents';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';
import { collectionOf, simulatedMachine } from '../../renderer/testing/node-desk';
import type { Queryable } from '../../server/db/db';
import type { TestDistrict } from '../../server/testing/harness';
import type { BaseDoc, CollectionName, StaffDoc } from '../../shared/schemas';
import { stableStringify } from '../../shared/sync/conflict';

export const grandma = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1949-12-31',
};

/**
 * Members, their consents, visits and the audit log: four collections a desk, so three desks fit
 * in a process.
 */
export const SYNC_TEST_COLLECTIONS = ['members', 'consents', 'attendance', 'auditLog'] as const;
export type SyncTestCollection = (typeof SYNC_TEST_COLLECTIONS)[number];

/**
 * Registers an elder who consented to sharing their data with the district, so the centre's other
 * desks receive it in full through the district (docs/DOMAIN.md "Privacy and safety").
 */
export function registerSharing(desk: Desk, member: Parameters<typeof registerMember>[1]) {
  return registerMember(desk, member, new Date(), {}, ownConsent('districtSharing'));
}

export interface TestDesk<C extends CollectionName = SyncTestCollection> {
  desk: Desk;
  /** The desk's machine's IndexedDB, to read what is really stored (tests/support/stored.ts). */
  indexedDB: IDBFactory;
  token: string;
  deviceId: string;
  /** The desk's store of a collection it opened (the audit log is always open). */
  collection<K extends C | 'auditLog'>(name: K): DeskCollections[K];
  connect(): Promise<SyncHandle>;
}

export interface TestDeskOptions<C extends CollectionName> {
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** The desk's wall clock (default: the machine's). */
  now?: () => number;
  /** The collections the desk opens and syncs (default SYNC_TEST_COLLECTIONS). */
  collections?: readonly C[];
}

export function deskHarness(district: () => TestDistrict) {
  const cleanups: { what: string; run: () => Promise<unknown> }[] = [];

  /** A desk on its own simulated machine, enrolled with the district; `connect()` starts syncing. */
  async function enrolledDesk<const C extends CollectionName = SyncTestCollection>(
    centreId: string,
    options: TestDeskOptions<C> = {},
  ): Promise<TestDesk<C>> {
    const { now, collections = SYNC_TEST_COLLECTIONS, ...syncOptions } = options;
    const machine = simulatedMachine({ collections });
    const desk = await machine.open(undefined, now);
    const { token, deviceId } = await district().enrolDevice(centreId, 'desk');
    await adoptCentre(desk, {
      centreId,
      centreName: centreId,
      deviceId,
      districtUrl: district().url,
    });
    cleanups.push({ what: `closing the store of desk ${deviceId}`, run: () => desk.db.close() });
    const connect = async () => {
      const sync = await startSync(desk, { baseUrl: district().url, token, ...syncOptions });
      cleanups.push({ what: `stopping the sync of desk ${deviceId}`, run: () => sync.stop() });
      return sync;
    };
    const collection = <K extends C | 'auditLog'>(name: K) => collectionOf(desk, name);
    return { desk, indexedDB: machine.indexedDB, token, deviceId, collection, connect };
  }

  return {
    enrolledDesk,
    async closeAll(): Promise<void> {
      for (const { what, run } of cleanups.splice(0).reverse()) {
        // A teardown that hangs fails the test at the hook's timeout: say which step it was.
        const stuck = setTimeout(() => console.warn(`closeAll: still ${what} after 30 s`), 30_000);
        await run().finally(() => clearTimeout(stuck));
      }
    },
  };
}

/** The centre's manager at the desk, for the data layer's permission checks (planning, restoring). */
export function logInManager(desk: Desk): void {
  desk.session = {
    staff: { id: 'manager-1', name: '周站长', role: 'manager' } as StaffDoc,
    since: new Date().toISOString(),
  };
}

/**
 * A wall clock that moves only when the test says, for desks that share it: which of two offline
 * edits is the later one is then the test's decision, not a matter of milliseconds passing.
 */
export function manualWall(start = Date.now()) {
  let ms = start;
  return {
    now: () => ms,
    advance(by: number): void {
      ms += by;
    },
  };
}

/**
 * Puts the timers started from now on (the sync's retries, back-off and reconnects, the pending
 * count's debounce, and whatever else runs in this process) on vitest's clock, so a test can move
 * a desk through a minute at once with `vi.advanceTimersByTimeAsync`. The clock also keeps up with
 * real time, so requests and replies go on meanwhile; setImmediate stays real, since
 * fake-indexeddb runs on it.
 *
 * Once the test's desks are closed, `realTimersAgain()` runs the timers still due on the test
 * clock once, then brings the real timers back: a timer left on the test clock would never fire,
 * and the district waits at close for connections that such a timer ends (a kept-alive one).
 */
export function deskTimersOnTestClock() {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    shouldAdvanceTime: true,
  });
  return {
    async realTimersAgain(): Promise<void> {
      await vi.runOnlyPendingTimersAsync();
      vi.useRealTimers();
    },
  };
}

/** Waits until every handle has pushed and pulled everything, twice round, so echoes settle. */
export async function settle(...handles: SyncHandle[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const handle of handles) await handle.awaitInSync();
  }
}

/**
 * Deletes a document as the sync expects a deletion: RxDB's deleted flag on a version stamped by
 * the desk's clock and signed by who is at the desk, so it takes part in last-writer-wins like an
 * edit (the district withdraws its documents the same way, server/publish.ts).
 */
export async function deleteDocument(desk: Desk, name: CollectionName, id: string): Promise<void> {
  // Every collection's documents have the base fields, and only those are touched here.
  const collection = collectionOf(desk, name) as unknown as RxCollection<BaseDoc>;
  const doc = await collection.findOne(id).exec();
  if (!doc) throw new Error(`deleteDocument: this desk has no ${name} document "${id}" to delete`);
  await doc.incrementalModify((data) => ({
    ...data,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    _deleted: true,
  }));
}

/** RxDB's bookkeeping fields are not part of a document's content. */
function withoutBookkeeping(doc: Record<string, unknown>): Record<string, unknown> {
  const { _meta, _rev, _attachments, ...rest } = doc;
  void _meta;
  void _rev;
  void _attachments;
  return rest;
}

/**
 * What a user can see on a desk: the live documents of each collection (by default every one it
 * opened but the audit log), by id, without RxDB's bookkeeping, to compare desks with each other.
 */
export async function snapshot(
  desk: Desk,
  collections: readonly CollectionName[] = deskCollections(desk).filter((n) => n !== 'auditLog'),
): Promise<Record<string, Record<string, unknown>[]>> {
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const name of collections) {
    const docs = await collectionOf(desk, name)
      .find({ sort: [{ id: 'asc' }] })
      .exec();
    out[name] = docs.map((d) => withoutBookkeeping(d.toJSON(true) as Record<string, unknown>));
  }
  return out;
}

/** A fetch that can cut the link: while down, every call fails as a dead line does. */
export function cuttableLink() {
  let down = false;
  let calls = 0;
  const linkFetch: typeof fetch = (input, init) => {
    calls++;
    if (down) return Promise.reject(new TypeError('fetch failed: link down'));
    return fetch(input, init);
  };
  return {
    fetch: linkFetch,
    cut: () => (down = true),
    restore: () => (down = false),
    calls: () => calls,
  };
}

const contentHash = (doc: Record<string, unknown>, deleted: boolean) =>
  createHash('sha256')
    .update(stableStringify({ ...doc, _deleted: deleted }))
    .digest('hex');

/**
 * Every document of every collection the desk opened, deletions included, as
 * `collection/id → content hash` by the district's own rule (queries leave deletions out, so this
 * reads the storage itself).
 */
export async function deskHashes(desk: Desk): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of deskCollections(desk)) {
    const { documents } = await getChangedDocumentsSince(
      collectionOf(desk, name).storageInstance as never,
      100_000,
    );
    for (const doc of documents as Record<string, unknown>[]) {
      const { _deleted, ...data } = withoutBookkeeping(doc);
      out.set(`${name}/${String(data.id)}`, contentHash(data, _deleted === true));
    }
  }
  return out;
}

/** Every document the district holds for a centre, as `collection/id → content hash`. */
export async function districtHashes(
  db: Queryable,
  centreId: string,
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ collection: string; id: string; content_hash: string }>(
    'SELECT collection, id, content_hash FROM documents WHERE centre_id = $1',
    [centreId],
  );
  return new Map(rows.map((r) => [`${r.collection}/${r.id}`, r.content_hash]));
}
