/**
 * A desk's store as desks wrote it before the AES-GCM schema version (2), for the migration's tests: every
 * collection at version 0 with the `encrypted` lists of then, encrypted by RxDB's crypto-js plugin
 * (AES-CBC), on the same Dexie storage. The schemas of version 0 differ from today's only in
 * `version` and `encrypted`, so they are today's with those two put back.
 */
import { IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxJsonSchema } from 'rxdb';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import { COLLECTIONS, type CollectionName } from '../../shared/schemas';
import { lastWriterWins, type DeskDatabase } from '../data/database';
import { TEST_STORE_KEY } from './node-desk';

/** The collections a desk had at version 0 (the health records came later, at their own 0). */
export type LegacyCollection = Exclude<CollectionName, 'healthRecords'>;

/** What version 0 encrypted (and crypto-js ciphertext is what it left on disk). */
export const VERSION_0_ENCRYPTED: Record<LegacyCollection, readonly string[]> = {
  members: ['idNumber', 'healthNotes', 'chronicConditions', 'guardians'],
  attendance: [],
  auditLog: ['data'],
  staff: [],
  visits: ['livingConditions', 'safetyRisks', 'familySupport', 'servicesGiven', 'followUp'],
  care: [
    'systolic',
    'diastolic',
    'pulse',
    'sugar',
    'sugarTiming',
    'heightCm',
    'weightKg',
    'note',
    'incidentKind',
    'happened',
    'actionTaken',
    'followUps',
  ],
  consents: [],
  absences: ['illness'],
  health: ['temperature', 'observations', 'symptoms', 'medicine', 'note'],
  district: [],
  meals: [],
  activities: [],
};

export const LEGACY_COLLECTIONS = Object.keys(VERSION_0_ENCRYPTED) as LegacyCollection[];

/** Opens `name` on a simulated machine's IndexedDB as a desk of version 0 did. */
export async function openVersion0Store(
  indexedDB: IDBFactory,
  name: string,
  collections: readonly LegacyCollection[],
): Promise<DeskDatabase> {
  const db = await createRxDatabase({
    name,
    // Validation outermost, as the desk had it (and as RxDB's dev-mode demands).
    storage: wrappedValidateZSchemaStorage({
      storage: wrappedKeyEncryptionCryptoJsStorage({
        storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      }),
    }),
    password: TEST_STORE_KEY,
    localDocuments: true,
    closeDuplicates: true,
  });
  await db.addCollections(
    Object.fromEntries(
      collections.map((collection) => [
        collection,
        {
          schema: {
            ...COLLECTIONS[collection].schema,
            version: 0,
            encrypted: [...(VERSION_0_ENCRYPTED[collection] ?? [])],
          } as unknown as RxJsonSchema<unknown>,
          conflictHandler: lastWriterWins,
        },
      ]),
    ),
  );
  return db as unknown as DeskDatabase;
}
