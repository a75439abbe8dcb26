/**
 * A desk's data layer in Node, for tests: RxDB with the real Dexie storage on fake-indexeddb
 * (a complete IndexedDB in memory) and RxDB's dev-mode checks, which only run in Node.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName } from '../../shared/schemas';
import { openDeskDatabase, type DeskCollections } from '../data/database';
import { deskCollections, openDesk, type Desk } from '../data/desk';

let devModeAdded = false;
let machines = 0;

/** The store key of every simulated machine (a real desk makes a random one, see storeKey.ts). */
export const TEST_STORE_KEY = 'node-test-store-key';

/**
 * One simulated machine: its own IndexedDB, which survives `close()` and a reopen like a real one.
 * Its desk opens the `collections` given (any of them; the audit log always), or all of them.
 */
export function simulatedMachine(options: { collections?: readonly CollectionName[] } = {}) {
  const indexedDB = new IDBFactory();
  // RxDB allows one open database per name in a process, so each simulated machine has its own.
  const machineName = `cocare-desk-${++machines}`;
  return {
    /** The machine's IndexedDB itself, to look at what is really stored. */
    indexedDB,
    async open(name = machineName, now?: () => number): Promise<Desk> {
      if (!devModeAdded) {
        disableWarnings();
        addRxPlugin(RxDBDevModePlugin);
        devModeAdded = true;
      }
      const db = await openDeskDatabase({
        name,
        storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
        storeKey: TEST_STORE_KEY,
        multiInstance: false,
        ...(options.collections ? { collections: options.collections } : {}),
      });
      return openDesk(db, now);
    },
  };
}

/**
 * One collection of a desk's store. A desk opened with a list of collections has no others, though
 * its type lists them all: asking for one it did not open is a mistake in the test, said here
 * rather than as "cannot read properties of undefined" somewhere later.
 */
export function collectionOf<K extends CollectionName>(desk: Desk, name: K): DeskCollections[K] {
  const collection = (desk.db.collections as Partial<DeskCollections>)[name];
  if (!collection) {
    throw new Error(
      `this desk did not open the collection "${name}": add it to the desk's collections (it has ${deskCollections(desk).join(', ')})`,
    );
  }
  return collection as DeskCollections[K];
}
