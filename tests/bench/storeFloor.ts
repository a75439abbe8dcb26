/**
 * The floor of the desk's storage under the initial sync (issue 18, part 1): the records the first
 * sync left in the desk's IndexedDB databases (each collection's documents and RxDB's bookkeeping
 * of each), written again by plain IndexedDB requests into empty databases of the same stores and
 * indexes, with nothing else on the page: no network, no RxDB, no encryption, no screen. The
 * records are the storage's own bytes. It is the least time this storage can take to hold what
 * the sync brought, whatever the code above it does (docs/PERFORMANCE.md).
 *
 * Only `put`s (RxDB's Dexie storage also reads each record inside its write), in one of two ways:
 * as the desk writes a pull, or the storage's best case on paper (`FloorWay` below). The floor is
 * the quicker; the bench lets Chromium settle before each (deleting the copies makes work for it).
 */
import type { Page } from 'playwright-core';

export interface StoreFloor {
  /** Records written: the collections' documents, and RxDB's bookkeeping of them. */
  documents: number;
  bookkeeping: number;
  ms: number;
  /** Indexes of each collection's store, and of the bookkeeping's. */
  indexes: Record<string, number>;
}

/** How the records are written: transactions of `step`, and all databases at once or not. */
export interface FloorWay {
  step: number;
  durability: 'strict' | 'relaxed';
  together: boolean;
}

/** As the desk writes a pull (renderer/data/doorFirst.ts, renderer/data/store.ts). */
export const AS_THE_DESK = (step: number): FloorWay => ({
  step,
  durability: 'strict',
  together: true,
});
/** The storage's best case on paper: large relaxed transactions, one database after another. */
export const BEST_CASE: FloorWay = { step: 2_000, durability: 'relaxed', together: false };

export async function storeFloor(
  page: Page,
  options: { databases: string[]; way: FloorWay },
): Promise<StoreFloor> {
  return page.evaluate(async ({ databases, way }) => {
    type Row = Record<string, unknown>;
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
    const open = (name: string, upgrade?: (db: IDBDatabase) => void) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name, upgrade ? 1 : undefined);
        if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error(`cannot open ${name}`));
        r.onblocked = () => reject(new Error(`${name} is held open by another page`));
      });
    const remove = (name: string) => request(indexedDB.deleteDatabase(name));

    const bookkeepingNames = (await indexedDB.databases())
      .map((d) => d.name ?? '')
      .filter((n) => n.includes('rx-replication-meta'));
    // Each source: its records and the shape of its store, read before the clock starts.
    interface Shape {
      keyPath: string | string[] | null;
      autoIncrement: boolean;
      indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[];
    }
    const sources: { name: string; rows: Row[]; bookkeeping: boolean; shape: Shape }[] = [];
    for (const name of [...databases, ...bookkeepingNames]) {
      const db = await open(name);
      if (!db.objectStoreNames.contains('docs')) {
        db.close();
        continue;
      }
      const store = db.transaction('docs').objectStore('docs');
      const shape: Shape = {
        keyPath: store.keyPath,
        autoIncrement: store.autoIncrement,
        indexes: Array.from(store.indexNames).map((indexName) => {
          const { keyPath, unique, multiEntry } = store.index(indexName);
          return { name: indexName, keyPath, unique, multiEntry };
        }),
      };
      const rows = (await request(store.getAll())) as Row[];
      sources.push({ name, rows, bookkeeping: bookkeepingNames.includes(name), shape });
      db.close();
    }
    // One way of writing them: into fresh copies, timed, the copies deleted after.
    const write = async () => {
      const copies = await Promise.all(
        sources.map(({ name, shape }) =>
          open(`floor-${name}`, (db) => {
            const store = db.createObjectStore('docs', {
              keyPath: shape.keyPath,
              autoIncrement: shape.autoIncrement,
            });
            for (const { name: indexName, keyPath, unique, multiEntry } of shape.indexes)
              store.createIndex(indexName, keyPath, { unique, multiEntry });
          }),
        ),
      );
      const writeOne = async (rows: Row[], db: IDBDatabase) => {
        for (let at = 0; at < rows.length; at += way.step) {
          const tx = db.transaction('docs', 'readwrite', { durability: way.durability });
          const store = tx.objectStore('docs');
          for (const row of rows.slice(at, at + way.step)) store.put(row);
          await new Promise<void>((resolve, reject) => {
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error ?? new Error('IndexedDB write failed'));
          });
        }
      };
      const started = performance.now();
      if (way.together) await Promise.all(sources.map(({ rows }, i) => writeOne(rows, copies[i]!)));
      else for (const [i, { rows }] of sources.entries()) await writeOne(rows, copies[i]!);
      const ms = Math.round(performance.now() - started);
      for (const db of copies) db.close();
      for (const { name } of sources) await remove(`floor-${name}`);
      return { ms };
    };
    const run = await write();
    const count = (bookkeeping: boolean) =>
      sources.filter((s) => s.bookkeeping === bookkeeping).reduce((n, s) => n + s.rows.length, 0);
    // Indexes of each collection's store, and of the bookkeeping's (all alike).
    const indexes = Object.fromEntries(
      sources.map((s) => [
        s.bookkeeping ? 'bookkeeping' : s.name.replace(/^.*--\d+--/, ''),
        s.shape.indexes.length,
      ]),
    );
    return { documents: count(false), bookkeeping: count(true), ms: run.ms, indexes };
  }, options);
}
