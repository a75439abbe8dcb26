/**
 * The door first: what a pull stores gives way to what the desk's staff are doing.
 *
 * A pull's write of hundreds of documents is one IndexedDB transaction, and IndexedDB runs a
 * collection's transactions one after another: a check-in made while a new desk catches up waited
 * behind the whole write, 170–350 ms where it otherwise takes 10–30 ms (docs/PERFORMANCE.md,
 * "Check-in while a new desk catches up"). So a pull's write is made in steps of PULLED_STEP
 * documents, and before each step it waits while the desk's own work on its collections is under
 * way (reads and counts of the screens, writes of the staff) and for GRACE_MS after, so a
 * check-in's few requests in a row go one after another without a step between them. It never
 * waits more than MAX_WAIT_MS a step: a desk whose screens never rest still catches up.
 *
 * What a write stores is unchanged: the same rows, in the same order, with the same context; RxDB
 * reports each step's changes as it is made, and the steps' refusals together as the write's.
 */
import type { RxStorage, RxStorageBulkWriteResponse, RxStorageInstance } from 'rxdb';
import { isCollectionName } from '../../shared/schemas';

/** RxDB's context for the writes of what a replication pulled (rxdb/replication-protocol). */
export const PULLED = 'replication-downstream-';
/**
 * Documents a pull's write stores in one transaction. Steps of 100 made a new desk's initial sync
 * a fifth slower on loopback (45 s against 37 s) and no check-in faster (docs/PERFORMANCE.md).
 */
export const PULLED_STEP = 250;
/**
 * How long the desk's own work must have rested before a step goes: long enough for a check-in's
 * next request to follow its last; 25 ms cost the initial sync seconds, a wait after each step.
 */
export const GRACE_MS = 4;
/** The longest a step waits for the desk's own work. */
export const MAX_WAIT_MS = 1_000;

type AnyInstance = RxStorageInstance<unknown, unknown, unknown>;

export function pulledWritesGiveWay<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  // The desk's own work under way on any of this store's collections, and when the last ended.
  let under = 0;
  let endedAt = 0;
  const own = async <T>(work: () => Promise<T>): Promise<T> => {
    under++;
    try {
      return await work();
    } finally {
      under--;
      endedAt = performance.now();
    }
  };
  const giveWay = async () => {
    const until = performance.now() + MAX_WAIT_MS;
    while (performance.now() < until) {
      const rested = performance.now() - endedAt;
      if (under === 0 && rested >= GRACE_MS) return;
      await new Promise((resolve) => setTimeout(resolve, under > 0 ? GRACE_MS : GRACE_MS - rested));
    }
  };

  return {
    ...storage,
    async createStorageInstance(params) {
      const instance = (await storage.createStorageInstance(params)) as unknown as AnyInstance;
      // Only the collections: RxDB's own stores (its bookkeeping) are not the staff's work.
      if (!isCollectionName(params.collectionName)) return instance as never;
      const write = instance.bulkWrite.bind(instance);
      instance.bulkWrite = async (rows, context) => {
        if (!context.startsWith(PULLED)) return own(() => write(rows, context));
        const result: RxStorageBulkWriteResponse<unknown> = { error: [] };
        for (let i = 0; i < rows.length; i += PULLED_STEP) {
          await giveWay();
          result.error.push(...(await write(rows.slice(i, i + PULLED_STEP), context)).error);
        }
        return result;
      };
      const query = instance.query.bind(instance);
      instance.query = (preparedQuery) => own(() => query(preparedQuery));
      const count = instance.count.bind(instance);
      instance.count = (preparedQuery) => own(() => count(preparedQuery));
      return instance as never;
    },
  };
}
