/**
 * The desk's backup file: its format and its encryption. Pure (WebCrypto and the Compression
 * Streams API, both in Chromium and in Node 20), so the desk, the Electron shell and the tests
 * read and write the very same bytes.
 *
 * Layout of a file (format 1):
 *
 *   "COCAREBK"                      8 bytes, says what the file is
 *   header length H                 4 bytes, big-endian
 *   header                          H bytes of JSON (BackupHeader), in clear so a file can be
 *                                   named and checked before anything is decrypted
 *   sealed payload                  header.payloadBytes: gzip'd JSON of every document,
 *                                   AES-256-GCM under a random data key, the header as
 *                                   additional data (so nobody can change the header unseen)
 *   SHA-256 of all the above        32 bytes
 *
 * The data key is stored wrapped (AES-256-GCM) under one or two keys, like the key slots of a
 * disk encryption:
 * - "desk": HKDF-SHA256 of the desk's store key (renderer/data/storeKey.ts) with its own
 *   'backup' info and a salt per file. Only the desk that made the file can open this slot, with
 *   nothing to type: the store key never leaves that desk's secure store.
 * - "passphrase": PBKDF2-SHA256 (600,000 rounds) of a backup passphrase the manager sets once in
 *   Settings, with a salt per centre. A replacement desk (the old one burnt out or stolen) opens
 *   this slot when the manager types the passphrase. The desk keeps only the derived key, in the
 *   OS secure store, so that the daily backup runs unattended.
 *
 * Reading checks, in this order, each step trusting only what the steps before proved: is it a
 * CoCare backup (the magic), is it whole (the lengths), is it intact (the SHA-256), does one of
 * our keys open a slot (else the key is wrong), does the payload decrypt (the GCM tag; tampered
 * means corrupt), is the format one this desk understands, and is it this centre's.
 */
export const BACKUP_FORMAT = 'cocare-backup';
export const BACKUP_VERSION = 1;
export const BACKUP_EXTENSION = '.cocare';
export const PASSPHRASE_ITERATIONS = 600_000;
/** Far above any real setting: a file asking for more is refused rather than run for hours. */
const MAX_ITERATIONS = 10_000_000;
const MAGIC = new TextEncoder().encode('COCAREBK');
const PREFIX_BYTES = MAGIC.length + 4;
const HASH_BYTES = 32;
const MAX_HEADER_BYTES = 64 * 1024;
const DESK_INFO = new TextEncoder().encode('cocare backup v1: desk key');

export type BackupProblem =
  'notBackup' | 'truncated' | 'corrupt' | 'wrongKey' | 'newerFormat' | 'otherCentre';

export class BackupError extends Error {
  constructor(
    readonly problem: BackupProblem,
    /** For 'otherCentre': the centre named in the file. */
    readonly detail?: { centreId?: string; centreName?: string; version?: number },
  ) {
    super(`backup: ${problem}`);
  }
}

export interface KeySlot {
  kind: 'desk' | 'passphrase';
  /** Base64 salt: per file for the desk slot, per centre for the passphrase slot. */
  salt: string;
  /** PBKDF2 rounds (passphrase slot only). */
  iterations?: number;
  /** Base64 of iv (12 bytes) followed by the data key sealed with AES-256-GCM. */
  wrapped: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  centreId: string;
  centreName?: string;
  deviceId: string;
  /** ISO time of the machine that made the backup. */
  createdAt: string;
  /** Documents per collection, tombstones included, and how many of them are tombstones. */
  counts: Record<string, { docs: number; deleted: number }>;
  /** Base64 iv of the payload. */
  iv: string;
  keys: KeySlot[];
  payloadBytes: number;
}

/** A stored document as it goes into a backup: its fields and RxDB's deleted flag. */
export type BackupDoc = Record<string, unknown> & {
  id: string;
  updatedAt: string;
  _deleted: boolean;
};

export interface BackupContent {
  collections: Record<string, BackupDoc[]>;
  /** The desk's own settings worth keeping (the centre rules), never synced. */
  local: Record<string, unknown>;
}

export interface BackupIdentity {
  centreId: string;
  centreName?: string;
  deviceId: string;
  createdAt: string;
}

/** A passphrase key as the desk keeps it: the derived key itself, never the passphrase. */
export interface PassphraseKey {
  salt: string;
  iterations: number;
  /** Base64 of the 32 derived bytes. */
  key: string;
}

export interface BackupKeys {
  /** The desk's store key (the secret in the secure store). */
  storeKey?: string;
  passphraseKey?: PassphraseKey;
  /** Typed by the manager on a desk that has no matching key (restore on a replacement desk). */
  passphrase?: string;
}

const subtle = () => globalThis.crypto.subtle;
/** WebCrypto's key: a global type in the browser's lib but not in Node's, so named from the API. */
type WebCryptoKey = Awaited<ReturnType<ReturnType<typeof subtle>['importKey']>>;

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}

async function pipe(
  bytes: Uint8Array<ArrayBuffer>,
  transform: CompressionStream | DecompressionStream,
) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function deskKek(storeKey: string, salt: Uint8Array<ArrayBuffer>): Promise<WebCryptoKey> {
  const ikm = await subtle().importKey('raw', new TextEncoder().encode(storeKey), 'HKDF', false, [
    'deriveKey',
  ]);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: DESK_INFO },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Derives a passphrase key (slow on purpose: 600,000 rounds). A new salt unless one is given. */
export async function derivePassphraseKey(
  passphrase: string,
  salt: string = toBase64(randomBytes(16)),
  iterations = PASSPHRASE_ITERATIONS,
): Promise<PassphraseKey> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
    throw new BackupError('corrupt');
  const base = await subtle().importKey(
    'raw',
    new TextEncoder().encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await subtle().deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations },
    base,
    256,
  );
  return { salt, iterations, key: toBase64(new Uint8Array(bits)) };
}

function passphraseKek(key: PassphraseKey): Promise<WebCryptoKey> {
  return subtle().importKey('raw', fromBase64(key.key), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

async function wrap(kek: WebCryptoKey, dataKey: Uint8Array<ArrayBuffer>): Promise<string> {
  const iv = randomBytes(12);
  const sealed = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv }, kek, dataKey));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return toBase64(out);
}

async function unwrap(kek: WebCryptoKey, wrapped: string): Promise<Uint8Array<ArrayBuffer> | null> {
  const bytes = fromBase64(wrapped);
  try {
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: bytes.slice(0, 12) },
      kek,
      bytes.slice(12),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', bytes));
}

function countDocs(content: BackupContent): BackupHeader['counts'] {
  return Object.fromEntries(
    Object.entries(content.collections).map(([name, docs]) => [
      name,
      { docs: docs.length, deleted: docs.filter((d) => d._deleted).length },
    ]),
  );
}

/** Seals a backup. At least one key: the desk's store key, a passphrase key, or both. */
export async function writeBackup(
  identity: BackupIdentity,
  content: BackupContent,
  keys: BackupKeys,
  /** The format to stamp; only tests stamp another (a file from a newer desk). */
  version: number = BACKUP_VERSION,
): Promise<Uint8Array<ArrayBuffer>> {
  const dataKey = randomBytes(32);
  const slots: KeySlot[] = [];
  if (keys.storeKey) {
    const salt = randomBytes(16);
    slots.push({
      kind: 'desk',
      salt: toBase64(salt),
      wrapped: await wrap(await deskKek(keys.storeKey, salt), dataKey),
    });
  }
  if (keys.passphraseKey) {
    slots.push({
      kind: 'passphrase',
      salt: keys.passphraseKey.salt,
      iterations: keys.passphraseKey.iterations,
      wrapped: await wrap(await passphraseKek(keys.passphraseKey), dataKey),
    });
  }
  if (slots.length === 0) throw new Error('A backup needs a key');

  const plain = await pipe(
    new TextEncoder().encode(JSON.stringify(content)),
    new CompressionStream('gzip'),
  );
  const iv = randomBytes(12);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version,
    ...identity,
    counts: countDocs(content),
    iv: toBase64(iv),
    keys: slots,
    // AES-GCM adds a 16-byte tag.
    payloadBytes: plain.length + 16,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const payloadKey = await subtle().importKey('raw', dataKey, 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: headerBytes }, payloadKey, plain),
  );

  const file = new Uint8Array(PREFIX_BYTES + headerBytes.length + sealed.length + HASH_BYTES);
  file.set(MAGIC);
  new DataView(file.buffer).setUint32(MAGIC.length, headerBytes.length);
  file.set(headerBytes, PREFIX_BYTES);
  file.set(sealed, PREFIX_BYTES + headerBytes.length);
  const body = file.subarray(0, file.length - HASH_BYTES);
  file.set(await sha256(body.slice()), file.length - HASH_BYTES);
  return file;
}

/** True when the bytes start like a CoCare backup (the shell checks this before writing a file). */
export function looksLikeBackup(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && MAGIC.every((b, i) => bytes[i] === b);
}

/** The clear header, after checking the file is a whole, intact CoCare backup. Nothing decrypted. */
export async function readBackupHeader(bytes: Uint8Array): Promise<BackupHeader> {
  if (!looksLikeBackup(bytes)) throw new BackupError('notBackup');
  if (bytes.length < PREFIX_BYTES) throw new BackupError('truncated');
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    MAGIC.length,
  );
  if (headerLength > MAX_HEADER_BYTES) throw new BackupError('corrupt');
  if (bytes.length < PREFIX_BYTES + headerLength) throw new BackupError('truncated');
  let header: BackupHeader;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(
        bytes.subarray(PREFIX_BYTES, PREFIX_BYTES + headerLength),
      ),
    ) as BackupHeader;
  } catch {
    throw new BackupError('corrupt');
  }
  if (!isHeaderShape(header)) throw new BackupError('corrupt');
  const expected = PREFIX_BYTES + headerLength + header.payloadBytes + HASH_BYTES;
  if (bytes.length < expected) throw new BackupError('truncated');
  if (bytes.length > expected) throw new BackupError('corrupt');
  const body = bytes.slice(0, expected - HASH_BYTES);
  const digest = await sha256(body);
  const stored = bytes.subarray(expected - HASH_BYTES);
  if (!digest.every((b, i) => b === stored[i])) throw new BackupError('corrupt');
  return header;
}

function isHeaderShape(h: unknown): h is BackupHeader {
  if (typeof h !== 'object' || h === null) return false;
  const x = h as Record<string, unknown>;
  return (
    x.format === BACKUP_FORMAT &&
    typeof x.version === 'number' &&
    typeof x.centreId === 'string' &&
    typeof x.deviceId === 'string' &&
    typeof x.createdAt === 'string' &&
    typeof x.iv === 'string' &&
    typeof x.counts === 'object' &&
    x.counts !== null &&
    Array.isArray(x.keys) &&
    x.keys.every(
      (k: unknown) =>
        typeof k === 'object' &&
        k !== null &&
        typeof (k as KeySlot).kind === 'string' &&
        typeof (k as KeySlot).salt === 'string' &&
        typeof (k as KeySlot).wrapped === 'string',
    ) &&
    Number.isSafeInteger(x.payloadBytes) &&
    (x.payloadBytes as number) >= 16
  );
}

async function openDataKey(header: BackupHeader, keys: BackupKeys): Promise<Uint8Array | null> {
  for (const slot of header.keys) {
    try {
      if (slot.kind === 'desk' && keys.storeKey) {
        const key = await unwrap(await deskKek(keys.storeKey, fromBase64(slot.salt)), slot.wrapped);
        if (key) return key;
      }
      if (slot.kind === 'passphrase') {
        const candidates: PassphraseKey[] = [];
        if (keys.passphraseKey?.salt === slot.salt) candidates.push(keys.passphraseKey);
        if (keys.passphrase)
          candidates.push(
            await derivePassphraseKey(keys.passphrase, slot.salt, slot.iterations ?? 0),
          );
        for (const candidate of candidates) {
          const key = await unwrap(await passphraseKek(candidate), slot.wrapped);
          if (key) return key;
        }
      }
    } catch (error) {
      if (error instanceof BackupError) throw error;
      // A slot whose salt or wrapping is not even base64 was checked by the SHA-256 already: it
      // was made that way, and cannot be opened.
    }
  }
  return null;
}

export interface OpenedBackup {
  header: BackupHeader;
  content: BackupContent;
  /** Which key opened it. */
  openedWith: KeySlot['kind'];
}

/**
 * Opens a backup for `centreId`, or throws a BackupError naming what is wrong with it (see the
 * order at the top of this file).
 */
export async function readBackup(
  bytes: Uint8Array,
  keys: BackupKeys,
  centreId: string,
): Promise<OpenedBackup> {
  const header = await readBackupHeader(bytes);
  const headerLength = PREFIX_BYTES + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8);
  const headerBytes = bytes.slice(PREFIX_BYTES, headerLength);
  let openedWith: KeySlot['kind'] = 'desk';
  let dataKey: Uint8Array | null = null;
  for (const kind of ['desk', 'passphrase'] as const) {
    dataKey = await openDataKey(
      { ...header, keys: header.keys.filter((k) => k.kind === kind) },
      keys,
    );
    if (dataKey) {
      openedWith = kind;
      break;
    }
  }
  if (!dataKey) throw new BackupError('wrongKey', { centreId: header.centreId });

  let content: BackupContent;
  try {
    const payloadKey = await subtle().importKey('raw', dataKey.slice(), 'AES-GCM', false, [
      'decrypt',
    ]);
    const sealed = bytes.slice(headerLength, headerLength + header.payloadBytes);
    const plain = new Uint8Array(
      await subtle().decrypt(
        { name: 'AES-GCM', iv: fromBase64(header.iv), additionalData: headerBytes },
        payloadKey,
        sealed,
      ),
    );
    const json = await pipe(plain, new DecompressionStream('gzip'));
    content = JSON.parse(new TextDecoder().decode(json)) as BackupContent;
  } catch {
    throw new BackupError('corrupt');
  }
  if (header.version > BACKUP_VERSION)
    throw new BackupError('newerFormat', { version: header.version });
  if (header.centreId !== centreId)
    throw new BackupError('otherCentre', {
      centreId: header.centreId,
      ...(header.centreName ? { centreName: header.centreName } : {}),
    });
  if (!isContentShape(content)) throw new BackupError('corrupt');
  return { header, content, openedWith };
}

function isContentShape(c: unknown): c is BackupContent {
  if (typeof c !== 'object' || c === null) return false;
  const x = c as Record<string, unknown>;
  if (typeof x.collections !== 'object' || x.collections === null) return false;
  if (typeof x.local !== 'object' || x.local === null) return false;
  return Object.values(x.collections).every(
    (docs) =>
      Array.isArray(docs) &&
      docs.every(
        (d: unknown) =>
          typeof d === 'object' &&
          d !== null &&
          typeof (d as BackupDoc).id === 'string' &&
          typeof (d as BackupDoc).updatedAt === 'string' &&
          typeof (d as BackupDoc)._deleted === 'boolean',
      ),
  );
}

/** Centre ids that can stand in a file name (the district's ids are like these). */
const CENTRE_IN_NAME = /^[A-Za-z0-9_-]{1,64}$/;
export const BACKUP_FILE_PATTERN = /^cocare-backup-([A-Za-z0-9_-]{1,64})-(\d{8})-(\d{4})\.cocare$/;

/** `cocare-backup-<centre>-<yyyyMMdd-HHmm>.cocare`, in the machine's local time. */
export function backupFileName(centreId: string, at: Date): string {
  if (!CENTRE_IN_NAME.test(centreId)) throw new Error('A centre id unfit for a file name');
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp = `${p(at.getFullYear(), 4)}${p(at.getMonth() + 1)}${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}`;
  return `cocare-backup-${centreId}-${stamp}${BACKUP_EXTENSION}`;
}

/** When a backup file was made, from its name (local time), or null if the name is not one. */
export function backupFileTime(fileName: string): Date | null {
  const match = BACKUP_FILE_PATTERN.exec(fileName);
  if (!match) return null;
  const [, , day, time] = match as unknown as [string, string, string, string];
  const at = new Date(
    Number(day.slice(0, 4)),
    Number(day.slice(4, 6)) - 1,
    Number(day.slice(6, 8)),
    Number(time.slice(0, 2)),
    Number(time.slice(2, 4)),
  );
  return Number.isNaN(at.getTime()) ? null : at;
}
