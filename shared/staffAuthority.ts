/**
 * Who may change a staff record: a manager of the centre, proven by a signature the district and
 * every desk check (docs/SECURITY.md, "Staff credentials and authority").
 *
 * Each manager has an ECDSA P-256 key pair. The public key and the private key, encrypted under a
 * key derived from the manager's password, are on the manager's staff record (`managerKey`), so
 * the manager can sign on any desk of the centre by typing the password there. Every version of
 * every staff record carries `grant`: the id of the manager who signed it and the signature over
 * the record's whole content (`signedText`: every field, the deletion flag, `updatedAt`).
 *
 * `judgeStaffChanges` is the one rule for accepting a version, used by the district on each push
 * (server/sync/staffGuard.ts) and by each desk on each pull (renderer/data/staffAuthority.ts):
 * signed by a manager who is active and has a key, as already known (or accepted in the same
 * batch), with a signature that matches, and not older than the version already known. A
 * manager's own first key is accepted only once per centre, by the district (trust on first use,
 * recorded there), and by a desk that has no staff at all yet or that knew this manager before
 * keys existed.
 *
 * Uses WebCrypto, TextEncoder and the hybrid clock: the desk and Node both have them (this file is
 * checked with the desk's and Node's type libraries, like shared/backup.ts).
 */
import { compareHlc } from './hlc';
import type { StaffDoc } from './schemas/staff';
import { stableStringify } from './sync/conflict';

/** PBKDF2-SHA256 iterations for a manager's password (OWASP's figure for 2023 onwards). */
export const MANAGER_KEY_ITERATIONS = 600_000;

export type ManagerKey = NonNullable<StaffDoc['managerKey']>;
export type StaffGrant = NonNullable<StaffDoc['grant']>;

const subtle = () => globalThis.crypto.subtle;
/** WebCrypto's key: a global type in the browser's lib but not in Node's, so named from the API. */
export type SigningKey = Awaited<ReturnType<ReturnType<typeof subtle>['importKey']>>;

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export const toHex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
export function fromHex(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}
function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
}
const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * A staff document in its wire form: its fields and RxDB's `_deleted` (and perhaps RxDB's other
 * bookkeeping, which `signedText` leaves out).
 */
export type StaffVersion = Record<string, unknown> & { id: string };

const BOOKKEEPING = new Set(['grant', '_meta', '_rev', '_attachments', '_deleted']);

/** What a manager signs: every field but the grant itself, and whether the record is deleted. */
export function signedText(doc: StaffVersion): string {
  const fields = Object.fromEntries(Object.entries(doc).filter(([k]) => !BOOKKEEPING.has(k)));
  return stableStringify({ ...fields, _deleted: doc._deleted === true });
}

/** A short fingerprint of a public key, to compare by eye (the district's action log shows it). */
export async function keyFingerprint(publicKey: string): Promise<string> {
  return toHex(await subtle().digest('SHA-256', utf8(publicKey))).slice(0, 16);
}

/** Binds an encrypted private key to its staff record and public key: it cannot be moved. */
const wrapContext = (staffId: string, publicKey: string) =>
  utf8(`cocare-manager-key:${staffId}:${publicKey}`);

async function passwordKey(secret: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const base = await subtle().importKey('raw', utf8(secret), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

async function wrap(
  staffId: string,
  publicKey: string,
  pkcs8: ArrayBuffer,
  secret: string,
  iterations: number,
): Promise<ManagerKey> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const aes = await passwordKey(secret, salt, iterations);
  const wrapped = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: wrapContext(staffId, publicKey) },
    aes,
    pkcs8,
  );
  return { publicKey, iterations, salt: toHex(salt), iv: toHex(iv), wrapped: toHex(wrapped) };
}

/** The private key's PKCS #8 bytes, or null when the password is not the one it was wrapped with. */
async function unwrap(
  staffId: string,
  key: ManagerKey,
  secret: string,
): Promise<ArrayBuffer | null> {
  const aes = await passwordKey(secret, fromHex(key.salt), key.iterations);
  try {
    return await subtle().decrypt(
      { name: 'AES-GCM', iv: fromHex(key.iv), additionalData: wrapContext(staffId, key.publicKey) },
      aes,
      fromHex(key.wrapped),
    );
  } catch {
    return null;
  }
}

/** A new signing key for a manager, its private half encrypted under the manager's password. */
export async function newManagerKey(
  staffId: string,
  secret: string,
  iterations = MANAGER_KEY_ITERATIONS,
): Promise<{ managerKey: ManagerKey; signingKey: SigningKey }> {
  const pair = await subtle().generateKey(ECDSA, true, ['sign', 'verify']);
  const publicKey = toHex(await subtle().exportKey('raw', pair.publicKey));
  const pkcs8 = await subtle().exportKey('pkcs8', pair.privateKey);
  const managerKey = await wrap(staffId, publicKey, pkcs8, secret, iterations);
  // The key kept for signing cannot be exported again from this session.
  const signingKey = await subtle().importKey('pkcs8', pkcs8, ECDSA, false, ['sign']);
  return { managerKey, signingKey };
}

/**
 * The manager's signing key, when `secret` is the password it was encrypted under and the key is
 * the one whose public half is on the record; otherwise null.
 */
export async function unlockManagerKey(
  staffId: string,
  key: ManagerKey,
  secret: string,
): Promise<SigningKey | null> {
  const pkcs8 = await unwrap(staffId, key, secret);
  if (!pkcs8) return null;
  const signingKey = await subtle().importKey('pkcs8', pkcs8, ECDSA, false, ['sign']);
  const probe = utf8(`cocare-key-check:${staffId}`);
  const signature = await subtle().sign(SIGN, signingKey, probe);
  return (await verifySignature(key.publicKey, signature, probe)) ? signingKey : null;
}

/** The same key under a new password (the manager's own change of password). */
export async function rewrapManagerKey(
  staffId: string,
  key: ManagerKey,
  current: string,
  next: string,
  iterations = MANAGER_KEY_ITERATIONS,
): Promise<ManagerKey | null> {
  const pkcs8 = await unwrap(staffId, key, current);
  return pkcs8 ? wrap(staffId, key.publicKey, pkcs8, next, iterations) : null;
}

async function verifySignature(
  publicKey: string,
  signature: ArrayBuffer | Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  try {
    const key = await subtle().importKey('raw', fromHex(publicKey), ECDSA, false, ['verify']);
    return await subtle().verify(SIGN, key, signature, data);
  } catch {
    return false;
  }
}

/** The version with `grant` set: signed by manager `by` with `key`. */
export async function signStaff<T extends StaffVersion>(
  doc: T,
  by: string,
  key: SigningKey,
): Promise<T & { grant: StaffGrant }> {
  const signature = await subtle().sign(SIGN, key, utf8(signedText(doc)));
  return { ...doc, grant: { by, signature: toHex(signature) } };
}

const grantOf = (doc: StaffVersion): StaffGrant | null => {
  const grant = doc.grant as Partial<StaffGrant> | undefined;
  return typeof grant?.by === 'string' && typeof grant.signature === 'string'
    ? { by: grant.by, signature: grant.signature }
    : null;
};
const keyOf = (doc: StaffVersion): ManagerKey | null =>
  (doc.managerKey as ManagerKey | undefined) ?? null;

/** Whether this version of a record may sign: an active manager, not deleted, with a key. */
export function maySign(doc: StaffVersion | undefined): boolean {
  return (
    !!doc &&
    doc.role === 'manager' &&
    doc.active === true &&
    doc._deleted !== true &&
    keyOf(doc) !== null
  );
}

/**
 * How a judge may take a manager's own first key (a self-signed record whose signer had no key):
 * - `chain`: never; keys come signed by a manager already known.
 * - `firstRoot`: once, for the first manager of a centre (the district, when it has no root yet).
 * - `legacy`: for a manager known without a key from before keys existed (a desk's own store).
 * - `set`: a desk with no staff yet takes the district's records as one set: each must be signed
 *   by a manager of the set, as the set has them.
 */
export type TrustMode = 'chain' | 'firstRoot' | 'legacy' | 'set';

export interface StaffRefusal {
  id: string;
  reason: string;
  /** Refused only for being older than the version already held (a desk lets that pass quietly). */
  stale?: true;
}

export interface StaffJudgement {
  accepted: StaffVersion[];
  refused: StaffRefusal[];
  /** The self-signed first manager accepted in `firstRoot` mode, if any. */
  root: StaffVersion | null;
}

type Decision =
  { accept: true; root?: boolean } | { accept: false; reason: string; stale?: true } | 'wait';

/**
 * Which of `incoming` (new versions of staff records) to accept, given the versions already known
 * (`known`, by id). Versions are judged together: a new manager's record and a record that new
 * manager signed may come in one batch, in any order.
 */
export async function judgeStaffChanges(
  incoming: readonly StaffVersion[],
  known: ReadonlyMap<string, StaffVersion>,
  mode: TrustMode,
): Promise<StaffJudgement> {
  const undecided = new Map(incoming.map((doc) => [doc.id, doc]));
  const everyIncoming = new Map(undecided);
  const accepted = new Map<string, StaffVersion>();
  const refused = new Map<string, StaffRefusal>();
  let root: StaffVersion | null = null;

  const decide = async (doc: StaffVersion): Promise<Decision> => {
    const grant = grantOf(doc);
    if (!grant) {
      return {
        accept: false,
        reason:
          'is not signed by a manager (grant missing): staff records change only on a desk where a manager of the centre is logged in',
      };
    }
    const before = known.get(doc.id);
    let publicKey: string;
    let becomesRoot = false;
    if (grant.by === doc.id) {
      // Signed by the record's own manager: with the key the manager had, or a first key.
      if (mode !== 'set' && before && maySign(before)) publicKey = keyOf(before)!.publicKey;
      else if (
        maySign(doc) &&
        (mode === 'set' ||
          (mode === 'legacy' && before?.role === 'manager' && !grantOf(before)) ||
          (mode === 'firstRoot' && !root && !(before && keyOf(before))))
      ) {
        publicKey = keyOf(doc)!.publicKey;
        becomesRoot = mode === 'firstRoot';
      } else {
        return {
          accept: false,
          reason:
            "is signed by its own manager, whose key no manager of the centre has signed: a manager's first key must be signed by another manager of the centre",
        };
      }
    } else {
      let signer: StaffVersion | undefined;
      if (mode === 'set') signer = everyIncoming.get(grant.by) ?? known.get(grant.by);
      else if (undecided.has(grant.by)) return 'wait';
      // A signer's refused change never happens: the signer is as known before it.
      else signer = accepted.get(grant.by) ?? known.get(grant.by);
      if (!signer)
        return {
          accept: false,
          reason: `is signed by ${grant.by}, who is not a staff member of this centre`,
        };
      if (!maySign(signer))
        return {
          accept: false,
          reason: `is signed by ${grant.by}, who is not an active manager with a signing key`,
        };
      publicKey = keyOf(signer)!.publicKey;
    }
    if (!(await verifySignature(publicKey, fromHex(grant.signature), utf8(signedText(doc))))) {
      return {
        accept: false,
        reason: `has a signature that does not match its content (signed by ${grant.by}): it was changed after a manager signed it`,
      };
    }
    const beforeAt = before?.updatedAt;
    if (typeof beforeAt === 'string' && compareHlc(String(doc.updatedAt), beforeAt) < 0) {
      return {
        accept: false,
        reason: `is older (updatedAt ${String(doc.updatedAt)}) than the version already held (${beforeAt}): an earlier version cannot be sent again`,
        stale: true,
      };
    }
    return { accept: true, root: becomesRoot };
  };

  for (let progress = true; progress && undecided.size > 0;) {
    progress = false;
    for (const doc of [...undecided.values()]) {
      const decision = await decide(doc);
      if (decision === 'wait') continue;
      undecided.delete(doc.id);
      progress = true;
      if (!decision.accept)
        refused.set(doc.id, {
          id: doc.id,
          reason: decision.reason,
          ...(decision.stale ? { stale: true as const } : {}),
        });
      else {
        accepted.set(doc.id, doc);
        if (decision.root) root = doc;
      }
    }
  }
  // What is left waits on each other (two managers signing each other's new keys): refused.
  for (const doc of undecided.values()) {
    refused.set(doc.id, {
      id: doc.id,
      reason: `is signed by ${grantOf(doc)?.by ?? '?'}, whose own change in the same batch is not signed by a manager already known`,
    });
  }
  return {
    accepted: incoming.filter((d) => accepted.has(d.id)),
    refused: [...refused.values()],
    root,
  };
}
