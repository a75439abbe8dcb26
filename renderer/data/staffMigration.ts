import type { MigrationStrategies, RxCollection } from 'rxdb';
import { pinVerifierId, type PinVerifier } from './pinVerifier';

/**
 * The staff collection's schema versions (shared/schemas/staff.ts).
 *
 * 1: PIN hashes leave the synced record. A desk's existing hashes move to a local document of this
 *    desk (never synced), so everyone who logged in here still can; the district strips them from
 *    its copies (server/db/migrations/008_staff_authority.sql). RxDB runs a strategy on the
 *    record and on the sync's copy of what the district had, so the hash is kept only once.
 */
export const staffMigrationStrategies: MigrationStrategies = {
  1: async (old: Record<string, unknown> & { id: string }, collection: RxCollection) => {
    const { pin, ...rest } = old;
    if (pin && typeof pin === 'object') {
      const db = collection.database;
      const id = pinVerifierId(old.id);
      if (!(await db.getLocal(id))) await db.upsertLocal<PinVerifier>(id, pin as PinVerifier);
    }
    return rest;
  },
};
