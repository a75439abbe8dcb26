/**
 * The benchmark's code that runs inside Chromium, bundled by esbuild into one script for the bench
 * page: the desk's real data layer and sync client (renderer/data, renderer/sync) on IndexedDB,
 * the search the desk uses, and PouchDB (pouchdb-browser, IndexedDB adapter) for the comparison.
 */
import PouchDB from 'pouchdb-browser';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { openDeskDatabase } from '../../../renderer/data/database';
import { openDesk, saveSettings, type Desk } from '../../../renderer/data/desk';
import { startSync } from '../../../renderer/sync/replication';
import type { CollectionName } from '../../../shared/schemas';
import { searchPeople, type SearchablePerson } from '../../../shared/search';

type Docs = Partial<Record<CollectionName, Record<string, unknown>[]>>;

let desk: Desk | null = null;

/** Time of every keystroke's search (ms), typing each query one character at a time. */
function searchTimes(people: SearchablePerson[], queries: string[], rounds: number): number[] {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    for (const query of queries) {
      for (let n = 1; n <= query.length; n++) {
        const typed = query.slice(0, n);
        const t0 = performance.now();
        sink += searchPeople(people, typed).length;
        times.push(performance.now() - t0);
      }
    }
  }
  if (sink < 0) console.log(sink);
  return times;
}

async function openBenchDesk(name: string, centreId: string, docs: Docs): Promise<number> {
  const db = await openDeskDatabase({
    name,
    storage: getRxStorageDexie({ chromeTransactionDurability: 'strict' }),
    storeKey: 'bench-store-key',
  });
  desk = await openDesk(db);
  desk.settings.centreId = centreId;
  await saveSettings(db, desk.settings);
  let n = 0;
  for (const [collection, list] of Object.entries(docs) as [CollectionName, object[]][]) {
    const result = await db.collections[collection].bulkInsert(list as never[]);
    if (result.error.length)
      throw new Error(`bulkInsert ${collection}: ${result.error.length} errors`);
    n += list.length;
  }
  return n;
}

/** One full sync (push everything pending, pull everything new), as the desk does, timed. */
async function syncOnce(baseUrl: string, token: string): Promise<number> {
  if (!desk) throw new Error('no desk');
  const t0 = performance.now();
  const handle = await startSync(desk, { baseUrl, token, live: false });
  await handle.awaitInSync();
  const ms = performance.now() - t0;
  await handle.stop();
  return ms;
}

async function closeDesk(): Promise<void> {
  await desk?.db.remove();
  desk = null;
}

/** Stores the documents in a fresh PouchDB (its ids as `_id`), untimed. */
async function pouchLoad(name: string, docs: Record<string, unknown>[]): Promise<number> {
  const local = new PouchDB(name);
  await local.bulkDocs(docs.map(({ id, ...rest }) => ({ _id: id as string, ...rest })));
  return (await local.info()).doc_count;
}

async function pouchPush(
  name: string,
  remoteUrl: string,
): Promise<{ ms: number; written: number }> {
  const local = new PouchDB(name);
  const t0 = performance.now();
  const result = await PouchDB.replicate(local, remoteUrl);
  const ms = performance.now() - t0;
  if (!result.ok) throw new Error(`PouchDB replication failed: ${JSON.stringify(result.errors)}`);
  return { ms, written: result.docs_written };
}

const bench = { searchTimes, openBenchDesk, syncOnce, closeDesk, pouchLoad, pouchPush };
(globalThis as unknown as { bench: typeof bench }).bench = bench;
export type BrowserBench = typeof bench;
