import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import type { Platform } from '../platform';
import { openDeskDatabase } from './database';
import { openDesk, type Desk } from './desk';
import { loadStoreKey } from './storeKey';

/**
 * Opens this desk's own store in the window's IndexedDB, with the key the shell keeps, and the
 * desk on top of it. The one place the running desk chooses its storage.
 */
export async function openDeskStore(platform: Platform): Promise<Desk> {
  const db = await openDeskDatabase({
    name: 'cocare-desk',
    // Strict durability: a power cut must not drop a check-in the screen already confirmed.
    storage: getRxStorageDexie({ chromeTransactionDurability: 'strict' }),
    storeKey: await loadStoreKey(platform),
  });
  return openDesk(db);
}
