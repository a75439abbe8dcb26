import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import {
  createRevision,
  fillWithDefaultSettings,
  now,
  randomToken,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { answeringForNewStores } from './newStores';

interface Note {
  id: string;
  text: string;
}
type Instance = RxStorageInstance<Note, unknown, unknown>;

const schema = fillWithDefaultSettings<Note>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, text: { type: 'string' } },
  required: ['id', 'text'],
});

/** The ids each read asked the storage itself for (what reached IndexedDB). */
function countingReads(storage: RxStorage<unknown, unknown>, reads: string[][]) {
  return {
    ...storage,
    async createStorageInstance(params: Parameters<typeof storage.createStorageInstance>[0]) {
      const instance = await storage.createStorageInstance(params);
      const find = instance.findDocumentsById.bind(instance);
      instance.findDocumentsById = (ids, withDeleted) => {
        reads.push([...ids]);
        return find(ids, withDeleted);
      };
      return instance;
    },
  } as RxStorage<unknown, unknown>;
}

function doc(id: string, text: string, previous?: RxDocumentData<Note>): RxDocumentData<Note> {
  const document = {
    id,
    text,
    _deleted: false,
    _meta: { lwt: now() },
    _attachments: {},
    _rev: '',
  } as RxDocumentData<Note>;
  document._rev = createRevision(randomToken(10), previous);
  return document;
}

describe('a store opened empty answers for what it never held', () => {
  const opened: Instance[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((i) => i.close().catch(() => undefined)));
  });

  /** A machine's IndexedDB and a way to open its one store through the wrapper. */
  function machine(multiInstance = false) {
    const indexedDB = new IDBFactory();
    const databaseName = `desk-${randomToken(8)}`;
    const reads: string[][] = [];
    const plain = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
    const storage = answeringForNewStores(countingReads(plain, reads));
    const open = async (through: RxStorage<unknown, unknown>): Promise<Instance> => {
      const instance = (await through.createStorageInstance({
        databaseInstanceToken: randomToken(10),
        databaseName,
        collectionName: 'notes',
        schema: schema as never,
        options: {},
        multiInstance,
        devMode: false,
      })) as Instance;
      opened.push(instance);
      return instance;
    };
    return {
      reads,
      open: () => open(storage),
      /** The same store opened in another window of the desk (without this wrapper). */
      openElsewhere: () => open(plain),
    };
  }

  it('reads only what was written since it was opened, and finds all of it', async () => {
    const m = machine();
    const store = await m.open();
    expect(await store.findDocumentsById(['a', 'b'], true)).toEqual([]);
    const a = doc('a', 'first');
    expect((await store.bulkWrite([{ document: a }], 'test')).error).toEqual([]);

    const found = await store.findDocumentsById(['a', 'b', 'c'], true);
    expect(found.map((d) => [d.id, d.text])).toEqual([['a', 'first']]);
    // Only `a` was asked of IndexedDB; `b` and `c` were never in this store.
    expect(m.reads).toEqual([['a']]);

    // An edit of `a` sees the stored version, and a write made as if `a` were new is refused.
    const edited = doc('a', 'second', a);
    expect((await store.bulkWrite([{ previous: a, document: edited }], 'test')).error).toEqual([]);
    const stale = await store.bulkWrite([{ document: doc('a', 'as new') }], 'test');
    expect(stale.error.map((e) => e.status)).toEqual([409]);
    expect((await store.findDocumentsById(['a'], true))[0]!.text).toBe('second');
  });

  it('reads every id as before once the store held documents when it was opened', async () => {
    const m = machine();
    const first = await m.open();
    await first.bulkWrite([{ document: doc('a', 'kept') }], 'test');
    await first.close();
    m.reads.length = 0;

    const again = await m.open();
    const found = await again.findDocumentsById(['a', 'b'], true);
    expect(found.map((d) => d.text)).toEqual(['kept']);
    expect(m.reads).toEqual([['a', 'b']]);
  });

  it('counts a write that failed as possibly there: it is read again, never assumed absent', async () => {
    const m = machine();
    const store = await m.open();
    // A write RxDB's storage refuses (its revision is missing) still marks the id as written.
    await expect(
      store.bulkWrite([{ document: { ...doc('x', 'bad'), _rev: '' } }], 'test'),
    ).rejects.toThrow();
    expect(await store.findDocumentsById(['x'], true)).toEqual([]);
    expect(m.reads).toEqual([['x']]);
  });

  it('finds what another window wrote to the store after it was opened', async () => {
    const m = machine(true);
    const store = await m.open();
    const elsewhere = await m.openElsewhere();
    await store.bulkWrite([{ document: doc('a', 'here') }], 'test');
    await elsewhere.bulkWrite([{ document: doc('z', 'from the other window') }], 'test');
    // The other window's change reaches this one through RxDB's cross-instance channel.
    let found: RxDocumentData<Note>[] = [];
    for (let i = 0; i < 100 && found.length < 2; i++) {
      found = await store.findDocumentsById(['a', 'z'], true);
      if (found.length < 2) await new Promise((r) => setTimeout(r, 20));
    }
    expect(found.map((d) => d.text).sort()).toEqual(['from the other window', 'here']);
  });
});
