import {
  addRxPlugin,
  createRxDatabase,
  type RxCollection,
  type MigrationStrategies,
  type RxConflictHandler,
  type RxDatabase,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
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
import { healthRecordProblems } from '../../shared/schemas/healthRecords';
import { pickLastWriter, sameContent } from '../../shared/sync/conflict';
import { PULLED, pulledWritesGiveWay } from './doorFirst';
import { wrappedFieldEncryptionStorage } from './fieldEncryption';
import { answeringForNewStores } from './newStores';
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
  /**
   * Whether other windows or processes may open the same store (RxDB's cross-instance channel).
   * The desk's one window keeps the default; Node tests turn it off, since in Node the channel goes
   * through files in the shared temp folder, where parallel test runs read each other's messages.
   */
  multiInstance?: boolean;
}

/** A storage instance's write, whatever its document type (what is stored here is the same). */
type BulkWrite = RxStorageInstance<unknown, unknown, unknown>['bulkWrite'];

/**
 * Schema validation for what this desk writes: its collections' own documents, not the
 * replication's bookkeeping (whose documents embed a full copy of each synced document), and not
 * what a pull stores. The district validated every document it serves against the same schema,
 * narrowed by size limits (server/sync/collections.ts), when it was pushed or written there;
 * checking each again here was over a third of a new desk's initial sync (docs/PERFORMANCE.md).
 */
function validatingCollections(storage: RxStorage<unknown, unknown>): RxStorage<unknown, unknown> {
  const unchecked = new WeakMap<object, BulkWrite>();
  const validated = wrappedValidateZSchemaStorage({
    storage: {
      ...storage,
      createStorageInstance: async (params) => {
        const instance = await storage.createStorageInstance(params);
        unchecked.set(instance, instance.bulkWrite.bind(instance) as BulkWrite);
        return instance;
      },
    },
  });
  return {
    ...storage,
    name: validated.name,
    createStorageInstance: async (params) => {
      if (!isCollectionName(params.collectionName)) return storage.createStorageInstance(params);
      const instance = await validated.createStorageInstance(params);
      const checked = instance.bulkWrite.bind(instance);
      const pulled = unchecked.get(instance)! as typeof checked;
      instance.bulkWrite = (writes, context) =>
        context.startsWith(PULLED) ? pulled(writes, context) : checked(writes, context);
      return instance;
    },
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

/** The error a health record missing what its kind requires is refused with; nothing is written. */
export class HealthRecordIncomplete extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/**
 * The kinds of `healthRecords` require more than the schema can say (shared/schemas/healthRecords.ts):
 * every insert and save through the desk is checked, so no data-layer function can write half a
 * record.
 */
function guardHealthRecords(db: DeskDatabase): void {
  const collection = db.collections.healthRecords;
  if (!collection) return;
  const check = (data: unknown) => {
    const problems = healthRecordProblems(data as Record<string, unknown>);
    if (problems.length) throw new HealthRecordIncomplete(problems);
  };
  collection.preInsert(check, false);
  collection.preSave(check, false);
}

/** Documents per step of a migration: RxDB's default (10) takes minutes for a year's visits. */
const MIGRATION_BATCH = 500;

export async function openDeskDatabase({
  name,
  storage,
  validate = true,
  storeKey,
  collections: only = COLLECTION_NAMES,
  multiInstance = true,
}: OpenDeskDatabaseOptions): Promise<DeskDatabase> {
  const encrypted = wrappedFieldEncryptionStorage({ storage: answeringForNewStores(storage) });
  const db = await createRxDatabase<DeskCollections>({
    name,
    // z-schema validates without eval, so the desk's strict CSP needs no 'unsafe-eval'. It
    // checks the plain document, before the sensitive fields are encrypted.
    // Outermost, so a step waits on the screens' reads until they are decrypted too.
    storage: pulledWritesGiveWay(validate ? validatingCollections(encrypted) : encrypted),
    password: storeKey,
    multiInstance,
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
  guardHealthRecords(db);
  // A store from an older version is migrated before anything reads or writes it.
  await Promise.all(
    Object.values(db.collections).map((collection) => collection.migratePromise(MIGRATION_BATCH)),
  );
  return db;
}
