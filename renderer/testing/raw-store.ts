/** What a simulated machine's store holds: read beneath RxDB and Dexie, and through RxDB. */
import type { DeskDatabase } from '../data/database';
import { SEALED_PREFIX } from '../data/fieldEncryption';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName } from '../../shared/schemas';

export interface RawStore {
  database: string;
  store: string;
  rows: unknown[];
}

/** Every row of every object store of every database on the machine. */
export async function rawStores(indexedDB: IDBFactory): Promise<RawStore[]> {
  const out: RawStore[] = [];
  for (const info of await indexedDB.databases()) {
    const name = info.name!;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      out.push({ database: name, store, rows });
    }
    db.close();
  }
  return out;
}

/** All of it as JSON text, to search for values that must not be there. */
export async function everythingStored(indexedDB: IDBFactory): Promise<string> {
  return (await rawStores(indexedDB)).map((s) => JSON.stringify(s.rows)).join('\n');
}

/** Changes one stored row beneath RxDB (the database must be closed), as someone with the disk could. */
export async function changeRawRow(
  indexedDB: IDBFactory,
  database: string,
  id: string,
  change: (row: Record<string, unknown>) => Record<string, unknown>,
): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(database);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const store = db.transaction('docs', 'readwrite').objectStore('docs');
  await new Promise<void>((resolve, reject) => {
    const get = store.get(id);
    get.onsuccess = () => {
      const put = store.put(change(get.result as Record<string, unknown>));
      put.onsuccess = () => resolve();
      put.onerror = () => reject(put.error);
    };
    get.onerror = () => reject(get.error);
  });
  db.close();
}

/** Every document of every open collection, sorted by id, without RxDB's bookkeeping. */
export async function everyDocument(db: DeskDatabase) {
  const out: Partial<Record<CollectionName, Record<string, unknown>[]>> = {};
  for (const name of COLLECTION_NAMES) {
    if (!(name in db.collections)) continue;
    const docs = await db.collections[name].find({ sort: [{ id: 'asc' }] }).exec();
    out[name] = docs.map((doc) => {
      const { _meta, _rev, _attachments, _deleted, ...data } = doc.toJSON(true) as Record<
        string,
        unknown
      >;
      void _meta;
      void _rev;
      void _attachments;
      void _deleted;
      return data;
    });
  }
  return out;
}

export const encryptedFields = (collection: CollectionName): readonly string[] =>
  (COLLECTIONS[collection].schema as { encrypted?: readonly string[] }).encrypted ?? [];

/**
 * Where a collection's stored record holds a personal field that is not this desk's AES-GCM
 * ciphertext, named by collection, id and field, or the replication's copy of a record is not; and the storages of an older schema version that still
 * hold records (RxDB empties them after a migration; Dexie keeps the table).
 */
export async function notSealed(indexedDB: IDBFactory): Promise<string[]> {
  const found: string[] = [];
  for (const { database, store, rows } of await rawStores(indexedDB)) {
    // RxDB's replication bookkeeping: a copy of each synced record in `docData` (from version 1).
    const meta = /--(\d+)--rx-replication-meta-/.exec(database);
    if (meta && Number(meta[1]) > 0 && store === 'docs') {
      for (const row of rows as Record<string, unknown>[]) {
        const value = row.docData;
        if (value !== undefined && !(typeof value === 'string' && value.startsWith(SEALED_PREFIX)))
          found.push(`${database}/${String(row.id)}.docData`);
      }
    }
    const collection = COLLECTION_NAMES.find((c) => database.endsWith(`--${c}`));
    if (!collection || store !== 'docs') continue;
    if (!database.includes(`--${COLLECTIONS[collection].schema.version}--`) && rows.length)
      found.push(`${database}: ${rows.length} rows of an older version`);
    for (const row of rows as Record<string, unknown>[]) {
      for (const field of encryptedFields(collection)) {
        const value = row[field];
        if (value !== undefined && !(typeof value === 'string' && value.startsWith(SEALED_PREFIX)))
          found.push(`${collection}/${String(row.id)}.${field}`);
      }
    }
  }
  return found;
}
