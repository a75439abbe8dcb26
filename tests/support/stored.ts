/**
 * Everything a desk's machine has stored, as text: every record of every object store of every
 * IndexedDB database (the collections, tombstones, RxDB's internal store, the replication's
 * bookkeeping and local documents), with each value the store encrypted (the schemas' `encrypted`
 * fields, the bookkeeping's copies of them) decrypted with the store key and added in the clear.
 * For tests that prove a value is gone from a desk: encrypted or not, it would be found here.
 */
import { decryptString } from 'rxdb/plugins/encryption-crypto-js';

/** crypto-js writes its ciphertext as base64 of "Salted__…". */
const CIPHERTEXT = /^U2FsdGVkX1[0-9A-Za-z+/=]+$/;

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
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (!CIPHERTEXT.test(value)) return;
      const clear = decryptString(value, storeKey);
      if (clear) {
        texts.push(clear);
        decrypted++;
      }
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const info of await indexedDB.databases()) {
    const db = await request(indexedDB.open(info.name!));
    for (const store of Array.from(db.objectStoreNames)) {
      const rows = await request(db.transaction(store).objectStore(store).getAll());
      texts.push(JSON.stringify(rows));
      rows.forEach(walk);
    }
    db.close();
  }
  return { text: texts.join('\n'), decrypted };
}
