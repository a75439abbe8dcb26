import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type MigrationStrategies,
  type RxConflictHandler,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
} from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { wrappedValidateZSchemaStorage } from 'rxdb/plugins/validate-z-schema';
import {
  COLLECTION_NAMES,
  COLLECTIONS,
  isCollectionName,
  type CollectionDocs,
  type CollectionName,
} from '../../shared/schemas';
import { pickLastWriter, sameContent } from '../../shared/sync/conflict';
import { wrappedFieldEncryptionStorage } from './fieldEncryption';
import { staffMigrationStrategies } from './staffMigration';

addRxPlugin(RxDBLocalDocumentsPlugin);
addRxPlugin(RxDBMigrationSchemaPlugin);

export type DeskCollections = { [K in CollectionName]: RxCollection<CollectionDocs[K]> };
export type DeskDatabase = RxDatabase<DeskCollections>;

/** RxDB's bookkeeping fields are not part of a document's content. */
function content(doc: object): Record<string, unknown> {
  const { _meta, _rev, _attachments, ...rest } = doc as Record<string, unknown>;
  void _meta;
  void _rev;
  void _attachments;
  return rest;
}

/**
 * Mutable records resolve last-writer-wins by the hybrid clock (docs/DESIGN.md). The sync layer keeps
 * the losing version in the audit log (see renderer/sync/replication.ts), so nothing is silently lost.
 */
export const lastWriterWins: RxConflictHandler<{ updatedAt: string }> = {
  isEqual: (a, b) => sameContent(content(a), content(b)),
  resolve: async ({ realMasterState, newDocumentState }) =>
    pickLastWriter(realMasterState, newDocumentState).winner,
};

export interface OpenDeskDatabaseOptions {
  name: string;
  storage: RxStorage<unknown, unknown>;
  /** Validate every write against the JSON schema (the same one the server checks). */
  validate?: boolean;
  /**
   * The key of the personal fields, which the store keeps encrypted (each schema's `encrypted`
   * list, renderer/data/fieldEncryption.ts). The desk keeps it in the OS secure store.
   */
  storeKey: string;
  /**
   * Only these collections (the audit log is always opened). RxDB opens at most 13 collections
   * per process; Node tests that run several desks at once open only what they use.
   */
  collections?: readonly CollectionName[];
}

/**
 * Schema validation for the collections' own documents only. RxDB's validate wrapper checks every
 * storage instance, including the replication's bookkeeping, whose documents embed a full copy of
 * each synced document: validating those too cost half of a day's sync in CPU (docs/PERFORMANCE.md).
 */
function validatingCollections(storage: RxStorage<unknown, unknown>): RxStorage<unknown, unknown> {
  const validated = wrappedValidateZSchemaStorage({ storage });
  return {
    ...storage,
    name: validated.name,
    createStorageInstance: (params) =>
      isCollectionName(params.collectionName)
        ? validated.createStorageInstance(params)
        : storage.createStorageInstance(params),
  };
}

/**
 * How a document of each schema version becomes one of the next. Version 1 of staff dropped the PIN
 * hash (staffMigration.ts); version 1 of the audit log only added actions to its list. Version 2
 * of every collection changed only which fields are encrypted, and how (AES-GCM instead of
 * crypto-js, fieldEncryption.ts): the document is unchanged, and RxDB's migration, reading it
 * through the storage of the old version and writing it through that of the new, decrypts the old
 * ciphertext and seals every personal field anew.
 */
function migrationsOf(name: CollectionName, version: number): MigrationStrategies {
  const unchanged = (doc: unknown) => doc;
  const steps: MigrationStrategies = Object.fromEntries(
    Array.from({ length: version }, (_, i) => [i + 1, unchanged]),
  );
  return name === 'staff' ? { ...steps, ...staffMigrationStrategies } : steps;
}

/** Documents per step of a migration: RxDB's default (10) takes minutes for a year's visits. */
const MIGRATION_BATCH = 500;

export async function openDeskDatabase({
  name,
  storage,
  validate = true,
  storeKey,
  collections: only = COLLECTION_NAMES,
}: OpenDeskDatabaseOptions): Promise<DeskDatabase> {
  const encrypted = wrappedFieldEncryptionStorage({ storage });
  const db = await createRxDatabase<DeskCollections>({
    name,
    // z-schema validates without eval, so the desk's strict CSP needs no 'unsafe-eval'. It
    // checks the plain document, before the sensitive fields are encrypted.
    storage: validate ? validatingCollections(encrypted) : encrypted,
    password: storeKey,
    localDocuments: true,
    closeDuplicates: true,
  });
  const names = new Set<CollectionName>([...only, 'auditLog']);
  const collections = Object.fromEntries(
    [...names].map((collectionName) => {
      const schema = COLLECTIONS[collectionName].schema;
      return [
        collectionName,
        {
          schema: schema as unknown as RxJsonSchema<unknown>,
          conflictHandler: lastWriterWins,
          migrationStrategies: migrationsOf(collectionName, schema.version),
          autoMigrate: false,
        },
      ];
    }),
  );
  await db.addCollections(collections as never);
  // A store from an older version is migrated before anything reads or writes it.
  await Promise.all(
    Object.values(db.collections).map((collection) => collection.migratePromise(MIGRATION_BATCH)),
  );
  return db;
}
