/**
 * A desk's data layer in Node, for tests: RxDB with the real Dexie storage on fake-indexeddb
 * (a complete IndexedDB in memory) and RxDB's dev-mode checks, which only run in Node.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { addRxPlugin } from 'rxdb';
import { RxDBDevModePlugin, disableWarnings } from 'rxdb/plugins/dev-mode';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { CollectionName } from '../../shared/schemas';
import { openDeskDatabase } from '../data/database';
import { openDesk, type Desk } from '../data/desk';

let devModeAdded = false;
let machines = 0;

/** One simulated machine: its own IndexedDB, which survives `close()` and a reopen like a real one. */
/** The store key of every simulated machine (a real desk makes a random one, see storeKey.ts). */
export const TEST_STORE_KEY = 'node-test-store-key';

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
        ...(options.collections ? { collections: options.collections } : {}),
      });
      return openDesk(db, now);
    },
  };
}
