/**
 * A desk updated from a version that stored its records with RxDB's crypto-js plugin (schema
 * version 0): the store is migrated in place the first time the new version opens it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../shared/schemas';
import { LEGACY_COLLECTIONS, openVersion0Store } from '../testing/legacy-store';
import { PERSONAL_RECORDS, SECRETS } from '../testing/personal-records';
import { simulatedMachine } from '../testing/node-desk';
import { everyDocument, everythingStored, notSealed } from '../testing/raw-store';
import type { DeskDatabase } from './database';

/** crypto-js's ciphertext is base64 of "Salted__" and the salt: it always starts so. */
const CRYPTO_JS = 'U2FsdGVkX1';

const sortedById = (docs: { id: string }[]) => [...docs].sort((a, b) => a.id.localeCompare(b.id));

describe('a store written at version 0 (crypto-js)', () => {
  let db: DeskDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('is migrated in place: every record reads back identical, and nothing personal or crypto-js is left on disk', async () => {
    const machine = simulatedMachine();
    const name = 'desk-before-version-1';

    // The desk as it was: every collection at version 0, written through the crypto-js plugin.
    db = await openVersion0Store(machine.indexedDB, name, LEGACY_COLLECTIONS);
    for (const collection of LEGACY_COLLECTIONS) {
      const { error } = await db.collections[collection].bulkInsert(
        PERSONAL_RECORDS[collection] as never[],
      );
      expect(error, collection).toEqual([]);
    }
    await db.close();
    const before = await everythingStored(machine.indexedDB);
    // What the issue found: crypto-js ciphertext, and most personal fields in clear.
    expect(before).toContain(CRYPTO_JS);
    expect(SECRETS.filter((secret) => before.includes(secret)).length).toBeGreaterThan(
      SECRETS.length / 2,
    );

    // The new version opens the same store.
    db = (await machine.open(name)).db;
    const expected = Object.fromEntries(
      COLLECTION_NAMES.map((c) => [
        c,
        // A collection newer than version 0 starts empty.
        (LEGACY_COLLECTIONS as readonly string[]).includes(c)
          ? sortedById(PERSONAL_RECORDS[c])
          : [],
      ]),
    );
    expect(await everyDocument(db)).toEqual(expected);

    const after = await everythingStored(machine.indexedDB);
    expect(after).not.toContain(CRYPTO_JS);
    expect(SECRETS.filter((secret) => after.includes(secret))).toEqual([]);
    // Each personal field of each stored record is AES-GCM ciphertext, whatever its type.
    expect(await notSealed(machine.indexedDB)).toEqual([]);

    // And the next start finds the store as it left it.
    await db.close();
    db = (await machine.open(name)).db;
    expect(await everyDocument(db)).toEqual(expected);
  });
});
