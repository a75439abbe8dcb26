/**
 * Everything a desk's machine has stored, as text: every record of every object store of every
 * IndexedDB database (the collections, tombstones, RxDB's internal store, the replication's
 * bookkeeping and local documents), with each value the store sealed (the schemas' `encrypted`
 * fields, the bookkeeping's copies of records) opened with the store key and added in the clear.
 * For tests that prove a value is gone from a desk: encrypted or not, it would be found here.
 */
import { openSealedValue, SEALED_PREFIX } from '../../renderer/data/fieldEncryption';

/** RxDB's Dexie storage names a collection's database `rxdb-dexie-<db>--<version>--<collection>`. */
const COLLECTION_DATABASE = /^rxdb-dexie-.+--\d+--(.+)$/;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export async function everythingStored(
  indexedDB: IDBFactory,
  storeKey: string,
): Promise<{ text: string; decrypted: number }> {
  const texts: string[] = [];
  let decrypted = 0;
  for (const info of await indexedDB.databases()) {
    const collection = COLLECTION_DATABASE.exec(info.name!)?.[1];
    const db = await request(indexedDB.open(info.name!));
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await request(db.transaction(store).objectStore(store).getAll());
      texts.push(JSON.stringify(rows));
      for (const row of rows as Record<string, unknown>[]) {
        if (!collection || !row || typeof row !== 'object') continue;
        for (const [field, value] of Object.entries(row)) {
          if (typeof value !== 'string' || !value.startsWith(SEALED_PREFIX)) continue;
          const place = { collection, docId: String(row.id), field };
          texts.push(JSON.stringify(await openSealedValue(storeKey, place, value)));
          decrypted++;
        }
      }
    }
    db.close();
  }
  return { text: texts.join('\n'), decrypted };
}
