/**
 * Encryption at rest of the store's personal fields: a storage wrapper, in the manner of RxDB's
 * own encryption plugins (which wrap the storage), on WebCrypto's AES-256-GCM. RxDB's open core
 * ships only a crypto-js wrapper (AES-CBC without integrity, an MD5-based key derivation, a
 * discontinued library); its WebCrypto plugin is in the paid package.
 *
 * - The key: HKDF-SHA-256 of the store key (storeKey.ts), with its own `info`, so it differs
 *   from the backup's key made from the same store key (shared/backup.ts). It never leaves
 *   WebCrypto (not extractable).
 * - Each value of a field in a schema's `encrypted` list is encrypted alone: its JSON, under a
 *   fresh random 96-bit IV, stored as `gcm1:` + base64(IV ‖ ciphertext ‖ tag).
 * - The additional data is the collection, the document's id and the field's name: a value
 *   copied into another document, field or collection does not decrypt, nor does a changed one,
 *   and the read fails naming the field.
 * - RxDB's replication bookkeeping (its "meta" instances) keeps a whole copy of each synced
 *   document in `docData`. RxDB encrypts it only when the collection had encrypted fields when the
 *   bookkeeping was made, so a collection that gained them at version 2 would keep its copies in
 *   clear: from version 2 on, `docData` is always encrypted here.
 * - Stores written before version 2 (schema versions 0 and 1) hold crypto-js ciphertext. An
 *   instance of those versions, which from version 2 on only RxDB's schema migration opens,
 *   still reads it (the crypto-js code is loaded only then); the migration writes every document
 *   again into version 2, which this wrapper encrypts as above. Instances of version 2 and later
 *   accept nothing but this wrapper's own format.
 *
 * Encrypted fields are stored as opaque strings: RxDB cannot index or query them (and refuses to
 * index them), so each schema keeps in clear only what the desk's queries and indexes need
 * (docs/SECURITY.md, "What stays in clear").
 */
import {
  META_INSTANCE_SCHEMA_TITLE,
  arrayBufferToBase64,
  base64ToArrayBuffer,
  clone,
  flatClone,
  getPrimaryFieldOfPrimaryKey,
  wrapRxStorageInstance,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { share, type Observable } from 'rxjs';

/** Marks a value this wrapper encrypted, and the format's version. */
export const SEALED_PREFIX = 'gcm1:';
const IV_BYTES = 12;
/**
 * Characters (sealed texts, places and JSON) a store instance keeps of what it sealed lately
 * (`lately` below): a pulled step of 250 documents with their sealed fields, or RxDB's bookkeeping
 * of them (each a whole document sealed), and a check-in's; about 1 MB an instance at the most.
 */
const LATELY_SEALED_CHARS = 500_000;
const KEY_INFO = new TextEncoder().encode('cocare store v1: field key');
/**
 * The last schema version whose stores were written with RxDB's crypto-js plugin (staff and the
 * audit log reached version 1 under it; every collection seals with AES-GCM from version 2).
 */
const LAST_CRYPTO_JS_VERSION = 1;

const subtle = () => globalThis.crypto.subtle;
/** WebCrypto's key: a global type in the browser's lib but not in Node's, so named from the API. */
type FieldKey = Awaited<ReturnType<ReturnType<typeof subtle>['importKey']>>;
type Doc = Record<string, unknown>;

/** A stored value that does not decrypt: which one, and what to do. */
export class FieldDecryptError extends Error {
  constructor(
    readonly collection: string,
    readonly docId: string,
    readonly field: string,
    reason: string,
  ) {
    super(
      `The local store cannot read "${field}" of ${collection} document ${docId}: ${reason}. ` +
        'Either the store key in the secure store was replaced, or the stored value was changed ' +
        'outside CoCare. Enrol this desk again so that the district sends its records back.',
    );
    this.name = 'FieldDecryptError';
  }
}

async function deriveFieldKey(storeKey: string): Promise<FieldKey> {
  const ikm = await subtle().importKey('raw', new TextEncoder().encode(storeKey), 'HKDF', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: KEY_INFO },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A value's place: JSON keeps the three parts apart whatever they contain. */
const placeText = (collection: string, docId: string, field: string) =>
  JSON.stringify([collection, docId, field]);

/** Binds a value to its place (`placeText`). */
const bound = (place: string) =>
  // TextEncoder always answers with a fresh ArrayBuffer (the DOM types allow a shared one).
  new TextEncoder().encode(place) as Uint8Array<ArrayBuffer>;

/** Seals a value's JSON (`JSON.stringify(value)`; unseal answers `JSON.parse` of it). */
async function seal(key: FieldKey, place: Uint8Array<ArrayBuffer>, json: string): Promise<string> {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const plain = new TextEncoder().encode(json);
  const sealed = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: place }, key, plain);
  const out = new Uint8Array(IV_BYTES + sealed.byteLength);
  out.set(iv);
  out.set(new Uint8Array(sealed), IV_BYTES);
  return SEALED_PREFIX + arrayBufferToBase64(out.buffer);
}

/** Throws on a wrong key, a changed value, or a value moved from another place (the GCM tag). */
async function unseal(
  key: FieldKey,
  place: Uint8Array<ArrayBuffer>,
  text: string,
): Promise<unknown> {
  const bytes = new Uint8Array(base64ToArrayBuffer(text.slice(SEALED_PREFIX.length)));
  const plain = await subtle().decrypt(
    { name: 'AES-GCM', iv: bytes.subarray(0, IV_BYTES), additionalData: place },
    key,
    bytes.subarray(IV_BYTES),
  );
  return JSON.parse(new TextDecoder().decode(plain)) as unknown;
}

/**
 * One sealed value read back, given where it is stored: for tools and tests that audit what a
 * store holds (tests/support/stored.ts). Throws as a read of the store would.
 */
export async function openSealedValue(
  storeKey: string,
  place: { collection: string; docId: string; field: string },
  text: string,
): Promise<unknown> {
  return unseal(
    await deriveFieldKey(storeKey),
    bound(placeText(place.collection, place.docId, place.field)),
    text,
  );
}

let cryptoJs: Promise<(cipherText: string, password: string) => string> | undefined;

/** crypto-js ciphertext of a store from before version 2 (its JSON, as RxDB's plugin wrote it). */
async function openCryptoJs(text: string, storeKey: string): Promise<unknown> {
  // Loaded only when a store from before version 2 is migrated.
  cryptoJs ??= import('rxdb/plugins/encryption-crypto-js').then((m) => m.decryptString);
  return JSON.parse((await cryptoJs)(text, storeKey)) as unknown;
}

/** The top-level fields this wrapper encrypts in an instance of `schema`. */
function encryptedFields(schema: RxJsonSchema<RxDocumentData<unknown>>): string[] {
  if (schema.title === META_INSTANCE_SCHEMA_TITLE && schema.version > LAST_CRYPTO_JS_VERSION)
    return ['docData'];
  const fields = (schema.encrypted ?? []) as string[];
  const nested = fields.find((field) => field.includes('.'));
  if (nested)
    throw new Error(
      `Schema "${schema.title}" encrypts "${nested}", a nested field: the store encrypts ` +
        'top-level fields only. List the top-level field instead.',
    );
  return fields;
}

/**
 * `storage` with the fields of each schema's `encrypted` list sealed as described above, under a
 * key derived from the database's password (the store key).
 */
export function wrappedFieldEncryptionStorage<Internals, Options>({
  storage,
}: {
  storage: RxStorage<Internals, Options>;
}): RxStorage<Internals, Options> {
  const keys = new Map<string, Promise<FieldKey>>();
  const keyFor = (storeKey: string) => {
    let key = keys.get(storeKey);
    if (!key) {
      key = deriveFieldKey(storeKey);
      keys.set(storeKey, key);
    }
    return key;
  };

  return {
    ...storage,
    name: storage.name,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, Options>,
    ): Promise<RxStorageInstance<RxDocType, Internals, Options>> {
      const schema = params.schema as unknown as RxJsonSchema<RxDocumentData<unknown>>;
      const fields = encryptedFields(schema);
      if (fields.length === 0) return storage.createStorageInstance<RxDocType>(params);

      const password = params.password as unknown;
      if (typeof password !== 'string' || password.length === 0)
        throw new Error(
          `Collection "${params.collectionName}" has encrypted fields but the database has no ` +
            'store key: open it with `storeKey` (renderer/data/storeKey.ts).',
        );
      if (schema.attachments)
        throw new Error(
          `Collection "${params.collectionName}" has attachments, which this store does not ` +
            'encrypt: keep files out of the store, or encrypt them here first.',
        );
      // The stored form of an encrypted field is its sealed text, whatever the field's own type.
      const storedSchema = clone(schema);
      delete storedSchema.encrypted;
      const properties = storedSchema.properties as Record<string, unknown>;
      for (const field of fields) properties[field] = { type: 'string' };

      const storeKey: string = password;
      const key = await keyFor(storeKey);
      const collection = params.collectionName;
      const primary = getPrimaryFieldOfPrimaryKey(schema.primaryKey) as string;
      const readsCryptoJs = schema.version <= LAST_CRYPTO_JS_VERSION;

      const instance = await storage.createStorageInstance<RxDocType>({
        ...params,
        schema: storedSchema as unknown as typeof params.schema,
      });

      // What this instance sealed lately, by place and sealed text: the JSON sealed. The change
      // of a write is read back at once (RxDB's change stream, the screens' live queries): its
      // values are taken from here, not decrypted again, on the path of every check-in shown.
      // Keyed by place too, so a value moved elsewhere is still refused.
      const lately = new Map<string, string>();
      let latelyChars = 0;
      const remember = (place: string, sealed: string, json: string) => {
        const key = `${place}\n${sealed}`;
        lately.set(key, json);
        latelyChars += key.length + json.length;
        for (const [oldest, oldJson] of lately) {
          if (latelyChars <= LATELY_SEALED_CHARS) break;
          lately.delete(oldest);
          latelyChars -= oldest.length + oldJson.length;
        }
      };

      async function toStorage(doc: Doc): Promise<Doc> {
        const out = flatClone(doc);
        const id = String(doc[primary]);
        await Promise.all(
          fields.map(async (field) => {
            if (doc[field] === undefined) return;
            const json = JSON.stringify(doc[field]);
            const place = placeText(collection, id, field);
            const sealed = await seal(key, bound(place), json);
            remember(place, sealed, json);
            out[field] = sealed;
          }),
        );
        return out;
      }

      async function fromStorage(doc: Doc): Promise<Doc> {
        const out = flatClone(doc);
        const id = String(doc[primary]);
        await Promise.all(
          fields.map(async (field) => {
            const value = doc[field];
            if (value === undefined) return;
            if (typeof value === 'string' && value.startsWith(SEALED_PREFIX)) {
              const place = placeText(collection, id, field);
              const json = lately.get(`${place}\n${value}`);
              if (json !== undefined) {
                out[field] = JSON.parse(json) as unknown;
                return;
              }
              try {
                out[field] = await unseal(key, bound(place), value);
              } catch {
                throw new FieldDecryptError(collection, id, field, 'it does not decrypt');
              }
            } else if (readsCryptoJs && typeof value === 'string') {
              try {
                out[field] = await openCryptoJs(value, storeKey);
              } catch {
                throw new FieldDecryptError(
                  collection,
                  id,
                  field,
                  'its old ciphertext is unreadable',
                );
              }
            } else {
              throw new FieldDecryptError(collection, id, field, 'it is not encrypted');
            }
          }),
        );
        return out;
      }

      const wrapped = wrapRxStorageInstance(
        schema,
        instance as RxStorageInstance<unknown, Internals, Options>,
        (doc) => toStorage(doc as Doc) as Promise<RxDocumentData<unknown>>,
        (doc) => fromStorage(doc as Doc) as Promise<RxDocumentData<unknown>>,
      );
      return withOneChangeStream(wrapped) as unknown as RxStorageInstance<
        RxDocType,
        Internals,
        Options
      >;
    },
  };
}

/**
 * The wrapped instance's change events, decrypted once for all who listen. RxDB's wrapper decrypts
 * them in each listener's own pipeline, counting the events being decrypted, and every write waits
 * for that count to be back at zero. A listener that left while an event was being decrypted (a
 * sync stopped at that moment, replication.ts) left the count up for good, and from then on every
 * write to the collection waited forever, and closing the store with it. One pipeline, subscribed
 * from the first listener until the instance closes, always finishes what it started.
 */
function withOneChangeStream<T extends { changeStream(): Observable<unknown> }>(wrapped: T): T {
  const changes = wrapped.changeStream().pipe(share({ resetOnRefCountZero: false }));
  wrapped.changeStream = () => changes;
  return wrapped;
}
