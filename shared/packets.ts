/**
 * Sync packets: a desk's changes carried to the district by hand (a USB stick), and the
 * district's answer carried back (docs/DESIGN.md, "Sync packets").
 *
 * A packet file is JSON: a clear header (who wrote it, for whom, its id and sequence), the
 * payload encrypted to the recipient, and the writer's signature over both.
 *
 * - Encryption: ECIES over P-256. A fresh ECDH key pair per packet; ECDH with the recipient's
 *   public "box" key, HKDF-SHA-256 (salt: the packet id) to an AES-256-GCM key; the header is the
 *   GCM's additional data, so a changed header fails to decrypt.
 * - Signature: ECDSA P-256 / SHA-256 by the writer's "sign" key over the header and the
 *   ciphertext (and the ephemeral key and iv), checked before anything is decrypted.
 *
 * Each party (the district, each device) has two key pairs: `sign` and `box`. Public keys travel
 * as base64 SPKI, private keys as base64 PKCS#8.
 *
 * Uses WebCrypto, TextEncoder and atob/btoa: the desk and Node both have them (this file is
 * checked with the desk's and Node's type libraries, like shared/backup.ts).
 */
import type { WireDoc } from './sync/protocol';

export const PACKET_FORMAT = 'cocare-packet';
export const PACKET_VERSION = 1;
export const PACKET_EXTENSION = '.cocarepkt';

const subtle = () => globalThis.crypto.subtle;
type WebCryptoKey = Awaited<ReturnType<ReturnType<typeof subtle>['importKey']>>;

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface PublicKeys {
  sign: string;
  box: string;
}
export interface PrivateKeys {
  sign: string;
  box: string;
}
export interface PartyKeys {
  public: PublicKeys;
  private: PrivateKeys;
}

export type { PacketProblem } from './sync/packetProblem';
import type { PacketProblem } from './sync/packetProblem';

export class PacketError extends Error {
  constructor(
    readonly code: PacketProblem,
    message: string,
  ) {
    super(message);
    this.name = 'PacketError';
  }
}

export interface PacketHeader {
  format: typeof PACKET_FORMAT;
  version: typeof PACKET_VERSION;
  /** 'desk': a desk's changes for the district; 'return': the district's answer to one desk. */
  kind: 'desk' | 'return';
  packetId: string;
  /** The desk's (or, for a return packet, the district's for this desk) running number. */
  sequence: number;
  deviceId: string;
  centreId: string;
  /** Fingerprint of the district's sign key: a packet for another district is said to be so. */
  district: string;
  createdAt: string;
}

export interface PacketFile {
  header: PacketHeader;
  ephemeral: string;
  iv: string;
  ciphertext: string;
  signature: string;
}

/** Per synced collection, the district's sequence number the desk has everything up to. */
export type PacketCheckpoints = Record<string, number>;

export interface DeskPayload {
  /** What the desk already holds of the district's documents, per collection. */
  checkpoints: PacketCheckpoints;
  /** The desk's own count of changes waiting for the district when it wrote the packet. */
  pending: number;
  /** Every change of the desk's own the district had not acknowledged, per collection. */
  changes: Record<string, WireDoc[]>;
}

export interface ReturnPayload {
  /** Per collection, the newest `updatedAt` of this desk's own changes the district holds. */
  acks: Record<string, string>;
  /** The desk packets the district has imported from this device. */
  imported: string[];
  /** Where the desk is once it holds `documents`. */
  checkpoints: PacketCheckpoints;
  /** The district's documents after the desk's checkpoints: rules, notices, other desks' changes. */
  documents: Record<string, WireDoc[]>;
}

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const out = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A new party's keys (the district once; each device once). */
export async function generatePartyKeys(): Promise<PartyKeys> {
  const sign = (await subtle().generateKey(ECDSA, true, ['sign', 'verify'])) as {
    publicKey: WebCryptoKey;
    privateKey: WebCryptoKey;
  };
  const box = (await subtle().generateKey(ECDH, true, ['deriveBits'])) as {
    publicKey: WebCryptoKey;
    privateKey: WebCryptoKey;
  };
  const spki = async (k: WebCryptoKey) =>
    toBase64(new Uint8Array(await subtle().exportKey('spki', k)));
  const pkcs8 = async (k: WebCryptoKey) =>
    toBase64(new Uint8Array(await subtle().exportKey('pkcs8', k)));
  return {
    public: { sign: await spki(sign.publicKey), box: await spki(box.publicKey) },
    private: { sign: await pkcs8(sign.privateKey), box: await pkcs8(box.privateKey) },
  };
}

/** A short fingerprint of a public key (the header's `district`; shown to compare by eye). */
export async function fingerprint(publicKey: string): Promise<string> {
  const digest = new Uint8Array(await subtle().digest('SHA-256', utf8(publicKey)));
  return Array.from(digest.slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function aesKey(shared: ArrayBuffer, packetId: string): Promise<WebCryptoKey> {
  const ikm = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: utf8(packetId), info: utf8(PACKET_FORMAT) },
    ikm,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const headerText = (header: PacketHeader) => JSON.stringify(header);
const signedBytes = (file: Omit<PacketFile, 'signature'>) =>
  utf8([headerText(file.header), file.ephemeral, file.iv, file.ciphertext].join('\n'));

/** Encrypts `payload` to the recipient's box key and signs the whole with the writer's sign key. */
export async function sealPacket(
  header: PacketHeader,
  payload: DeskPayload | ReturnPayload,
  keys: { writerSign: string; recipientBox: string },
): Promise<string> {
  const recipient = await subtle().importKey(
    'spki',
    fromBase64(keys.recipientBox),
    ECDH,
    false,
    [],
  );
  const eph = (await subtle().generateKey(ECDH, true, ['deriveBits'])) as {
    publicKey: WebCryptoKey;
    privateKey: WebCryptoKey;
  };
  const shared = await subtle().deriveBits(
    { name: 'ECDH', public: recipient },
    eph.privateKey,
    256,
  );
  const key = await aesKey(shared, header.packetId);
  const iv = new Uint8Array(12);
  globalThis.crypto.getRandomValues(iv);
  const ciphertext = new Uint8Array(
    await subtle().encrypt(
      { name: 'AES-GCM', iv, additionalData: utf8(headerText(header)) },
      key,
      utf8(JSON.stringify(payload)),
    ),
  );
  const unsigned = {
    header,
    ephemeral: toBase64(new Uint8Array(await subtle().exportKey('spki', eph.publicKey))),
    iv: toBase64(iv),
    ciphertext: toBase64(ciphertext),
  };
  const signer = await subtle().importKey('pkcs8', fromBase64(keys.writerSign), ECDSA, false, [
    'sign',
  ]);
  const signature = new Uint8Array(await subtle().sign(SIGN, signer, signedBytes(unsigned)));
  const file: PacketFile = { ...unsigned, signature: toBase64(signature) };
  return JSON.stringify(file);
}

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** The packet's clear header, unchecked: who wrote it, so the reader can find the key to check. */
export function readPacket(text: string): PacketFile {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw new PacketError('not_packet', 'this file is not a CoCare sync packet (not JSON)');
  }
  const f = file as Partial<PacketFile> | null;
  const h = f?.header as Partial<PacketHeader> | undefined;
  if (
    !f ||
    !h ||
    h.format !== PACKET_FORMAT ||
    h.version !== PACKET_VERSION ||
    (h.kind !== 'desk' && h.kind !== 'return') ||
    !isString(h.packetId) ||
    !isString(h.deviceId) ||
    !isString(h.centreId) ||
    !isString(h.district) ||
    !isString(h.createdAt) ||
    typeof h.sequence !== 'number' ||
    ![f.ephemeral, f.iv, f.ciphertext, f.signature].every(isString)
  ) {
    throw new PacketError('not_packet', 'this file is not a CoCare sync packet');
  }
  return f as PacketFile;
}

/**
 * Checks the writer's signature, then decrypts with the recipient's box key. A signature that
 * does not match is `bad_signature`; a ciphertext that does not decrypt is `tampered`.
 */
export async function openPacket<P extends DeskPayload | ReturnPayload>(
  file: PacketFile,
  keys: { writerSign: string; recipientBox: string },
): Promise<P> {
  let valid = false;
  try {
    const verifier = await subtle().importKey('spki', fromBase64(keys.writerSign), ECDSA, false, [
      'verify',
    ]);
    valid = await subtle().verify(SIGN, verifier, fromBase64(file.signature), signedBytes(file));
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new PacketError(
      'bad_signature',
      `the packet's signature does not match ${file.header.kind === 'desk' ? `device ${file.header.deviceId}` : 'the district'}: it was changed after it was written, or not written by it`,
    );
  }
  try {
    const own = await subtle().importKey('pkcs8', fromBase64(keys.recipientBox), ECDH, false, [
      'deriveBits',
    ]);
    const eph = await subtle().importKey('spki', fromBase64(file.ephemeral), ECDH, false, []);
    const shared = await subtle().deriveBits({ name: 'ECDH', public: eph }, own, 256);
    const key = await aesKey(shared, file.header.packetId);
    const plain = await subtle().decrypt(
      { name: 'AES-GCM', iv: fromBase64(file.iv), additionalData: utf8(headerText(file.header)) },
      key,
      fromBase64(file.ciphertext),
    );
    return JSON.parse(new TextDecoder().decode(plain)) as P;
  } catch {
    throw new PacketError(
      'tampered',
      'the packet cannot be decrypted: it was damaged or changed, or it was encrypted for someone else',
    );
  }
}

/** A packet's file name: which centre, which device, which number. */
export function packetFileName(header: PacketHeader): string {
  const day = header.createdAt.slice(0, 10).replace(/-/g, '');
  const who = header.deviceId.slice(-8);
  return `cocare-${header.kind === 'desk' ? 'packet' : 'return'}-${who}-${day}-${header.sequence}${PACKET_EXTENSION}`;
}
