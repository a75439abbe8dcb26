/** What a simulated machine's IndexedDB really holds, read beneath RxDB and Dexie. */

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
