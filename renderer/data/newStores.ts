/**
 * A store that was empty when it was opened holds only what was written to it since: it answers a
 * read of other ids with "not here" without asking IndexedDB.
 *
 * A new desk's first sync stores tens of thousands of documents, and before writing each one RxDB
 * reads it, and its replication bookkeeping, to see whether the desk holds a version of its own
 * (rxdb/replication-protocol, downstream). On the desk's storage each of those reads is an
 * IndexedDB request, the cost of the first sync (docs/PERFORMANCE.md, "A new desk's first sync is
 * bound by IndexedDB requests"). In a store that was empty the answer is known.
 *
 * What counts as written: every document this instance is asked to write (counted before the
 * write, so a write that fails only costs a read later), and every change its change stream
 * reports, which includes other windows' writes to the same store (RxDB's multi-instance
 * support). If another window's write were not reported yet when a read is answered, RxDB would
 * write the pulled version as new, and the storage, which reads each document inside its write,
 * refuses it as a conflict: nothing is overwritten, and the next pull brings it again.
 *
 * A store that was not empty when opened is read as before. Nothing is kept across openings.
 */
import {
  getChangedDocumentsSince,
  getPrimaryFieldOfPrimaryKey,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';

type AnyInstance = RxStorageInstance<Record<string, unknown>, unknown, unknown>;

export function answeringForNewStores<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return {
    ...storage,
    async createStorageInstance(params) {
      const instance = (await storage.createStorageInstance(params)) as unknown as AnyInstance;
      rememberWrites(instance, getPrimaryFieldOfPrimaryKey(params.schema.primaryKey));
      return instance as never;
    },
  };
}

function rememberWrites(instance: AnyInstance, primary: string): void {
  const written = new Set<string>();
  let empty = false;
  let settled = false;
  // Asked before anything is written through this instance (its writes wait for the answer).
  const known = getChangedDocumentsSince(instance, 1).then(
    (r) => void ((empty = r.documents.length === 0), (settled = true)),
    () => void ((empty = false), (settled = true)),
  );
  const changes = instance.changeStream().subscribe((bulk) => {
    if (empty || !settled) for (const event of bulk.events) written.add(event.documentId);
  });

  const write = instance.bulkWrite.bind(instance);
  instance.bulkWrite = async (rows, context) => {
    await known;
    if (empty) for (const row of rows) written.add(String(row.document[primary as never]));
    return write(rows, context);
  };
  const find = instance.findDocumentsById.bind(instance);
  instance.findDocumentsById = async (ids, withDeleted) => {
    await known;
    if (!empty) return find(ids, withDeleted);
    const maybe = ids.filter((id) => written.has(id));
    return maybe.length ? find(maybe, withDeleted) : [];
  };
  for (const end of ['close', 'remove'] as const) {
    const original = instance[end].bind(instance);
    instance[end] = () => {
      changes.unsubscribe();
      empty = false;
      return original();
    };
  }
}
