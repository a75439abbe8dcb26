import { addMinutes } from 'date-fns';
import { newId } from '../../shared/ids';
import { can, type Permission } from '../../shared/roles';
import { DEFAULT_RULES, type CentreRules } from '../../shared/rules/settings';
import { UNENROLLED_CENTRE_ID, type StaffDoc } from '../../shared/schemas';
import type { StaffRole } from '../../shared/schemas/staff';
import { compareNames, nameSearchKeys } from '../../shared/search';
import {
  maySign,
  newManagerKey,
  rewrapManagerKey,
  signStaff,
  unlockManagerKey,
  type SigningKey,
  type StaffVersion,
} from '../../shared/staffAuthority';
import { checkManagerSecret, checkPin, checkStaffSecret } from '../../shared/validation/secrets';
import { audit } from './audit';
import type { Desk } from './desk';
import { pinVerifierId, type PinVerifier } from './pinVerifier';

/**
 * Staff, their roles and how they log in (docs/SECURITY.md, "Staff credentials and authority").
 *
 * - A PIN's hash stays on this desk (a local document, never synced): a manager sets each
 *   person's PIN on each desk where they work (`addStaff` on the desk where they are added,
 *   `setPinHere` on any other).
 * - A manager logs in with a password, which unlocks the manager's signing key from the staff
 *   record, on any desk of the centre. Every change of a staff record is signed with the key of
 *   the manager logged in, and the district and the other desks refuse changes that are not.
 */

/** PBKDF2-SHA256 iterations of a PIN: about a quarter of a second on an old desk PC, per try. */
export const PIN_ITERATIONS = 210_000;

const hex = (bytes: ArrayBuffer | Uint8Array) =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const unhex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (h) => parseInt(h, 16));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return hex(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinVerifier> {
  const salt = new Uint8Array(16);
  crypto.getRandomValues(salt);
  return {
    algorithm: 'PBKDF2-SHA256',
    iterations,
    salt: hex(salt),
    hash: await derive(pin, salt, iterations),
  };
}

export async function pinMatches(pin: string, stored: PinVerifier): Promise<boolean> {
  const hash = await derive(pin, unhex(stored.salt), stored.iterations);
  // Compare every character, so the time taken says nothing about where they differ.
  let diff = hash.length ^ stored.hash.length;
  for (let i = 0; i < Math.min(hash.length, stored.hash.length); i++)
    diff |= hash.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  return diff === 0;
}

export class PermissionError extends Error {
  constructor(readonly permission: Permission) {
    super(`permission:${permission}`);
  }
}

/** The data layer's own guard: a hidden button is never the only thing in the way. */
export function requirePermission(desk: Desk, permission: Permission): StaffDoc {
  const staff = desk.session?.staff;
  if (!staff || !can(staff.role, permission)) throw new PermissionError(permission);
  return staff;
}

/** Why a change of staff was not made (the forms word those they can meet: `problem.<key>`). */
export type StaffProblem =
  | 'firstStaffMustBeManager'
  | 'notFound'
  | 'notOnSelf'
  | 'managerUsesPassword'
  | 'askManager'
  | 'wrongPassword'
  | 'pinFormat'
  | 'pinTooSimple'
  | 'managerSecretFormat'
  | 'managerSecretTooSimple';

export class StaffChangeRefused extends Error {
  constructor(readonly problem: StaffProblem) {
    super(problem);
    this.name = 'StaffChangeRefused';
  }
}

interface Signer {
  by: string;
  key: SigningKey;
}

/** The manager logged in, who signs the change: only a manager, with the key unlocked at login. */
function managerSigner(desk: Desk): Signer {
  const staff = requirePermission(desk, 'manageStaff');
  const key = desk.session?.signingKey;
  if (!key) throw new PermissionError('manageStaff');
  return { by: staff.id, key };
}

const withoutGrant = (doc: StaffDoc): StaffDoc => {
  const { grant, ...rest } = doc;
  void grant;
  return rest;
};

async function staffById(desk: Desk, staffId: string): Promise<StaffDoc | null> {
  return (await desk.db.staff.findOne(staffId).exec())?.toMutableJSON() ?? null;
}

/** Stamps, signs and stores a new version of a staff record. */
async function writeSigned(desk: Desk, next: StaffDoc, signer: Signer): Promise<StaffDoc> {
  const stamped = withoutGrant({
    ...next,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  const signed = await signStaff(stamped, signer.by, signer.key);
  const existing = await desk.db.staff.findOne(next.id).exec();
  if (existing) await existing.incrementalModify(() => signed);
  else await desk.db.staff.insert(signed);
  return signed;
}

/**
 * Signs again, with the manager logged in, every record that `signerId` signed, or that nobody
 * signed (records from before signatures). Records stay valid for desks that join later, which
 * judge each record by its signer as it is now (an active manager with a key).
 */
async function resign(desk: Desk, signer: Signer, which: (doc: StaffDoc) => boolean) {
  const docs = (await desk.db.staff.find().exec()).map((d) => d.toMutableJSON());
  for (const doc of docs.filter(which)) await writeSigned(desk, doc, signer);
}

/**
 * On enrolment, the staff records made before it move from the "unenrolled" centre to the real
 * one, signed again by the manager logged in (renderer/data/enrolment.ts).
 */
export async function moveStaffToCentre(desk: Desk, centreId: string): Promise<number> {
  const docs = await desk.db.staff.find({ selector: { centreId: UNENROLLED_CENTRE_ID } }).exec();
  if (docs.length === 0) return 0;
  const signer = managerSigner(desk);
  for (const doc of docs) await writeSigned(desk, { ...doc.toMutableJSON(), centreId }, signer);
  return docs.length;
}

export interface NewStaff {
  name: string;
  role: StaffRole;
  /** The PIN (4–8 digits), or a manager's password (shared/validation/secrets.ts). */
  pin: string;
  phone?: string;
  cardNo?: string;
  childClass?: StaffDoc['childClass'];
  certificates?: StaffDoc['certificates'];
  screeningCheckedOn?: string;
}

export async function activeStaff(desk: Desk): Promise<StaffDoc[]> {
  const docs = await desk.db.staff.find({ selector: { active: true } }).exec();
  return docs.map((d) => d.toMutableJSON()).sort(compareNames);
}

/**
 * Adds a staff member, signed by the manager logged in. On a desk with no staff at all, the first
 * person set up must be the manager, whose record is signed with the manager's own new key.
 */
export async function addStaff(desk: Desk, input: NewStaff, at = new Date()): Promise<StaffDoc> {
  const anyone = await desk.db.staff.count().exec();
  const signer = anyone > 0 ? managerSigner(desk) : null;
  if (!signer && input.role !== 'manager') throw new StaffChangeRefused('firstStaffMustBeManager');
  const problem = checkStaffSecret(input.role, input.pin);
  if (problem) throw new StaffChangeRefused(problem);
  const { pin, ...rest } = input;
  const id = newId();
  const doc: StaffDoc = {
    id,
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: '',
    updatedBy: desk.actor(),
    ...rest,
    name: input.name.trim(),
    ...nameSearchKeys(input.name),
    active: true,
  };
  let firstKey: SigningKey | null = null;
  if (input.role === 'manager') {
    const { managerKey, signingKey } = await newManagerKey(id, pin);
    doc.managerKey = managerKey;
    firstKey = signingKey;
  } else await desk.db.upsertLocal<PinVerifier>(pinVerifierId(id), await hashPin(pin));
  return writeSigned(desk, doc, signer ?? { by: id, key: firstKey! });
}

/** Sets (or resets) a person's PIN on this desk only; a manager's password is set elsewhere. */
export async function setPinHere(desk: Desk, staffId: string, pin: string): Promise<void> {
  requirePermission(desk, 'manageStaff');
  const staff = await staffById(desk, staffId);
  if (!staff || !staff.active) throw new StaffChangeRefused('notFound');
  if (staff.role === 'manager') throw new StaffChangeRefused('managerUsesPassword');
  const problem = checkPin(pin);
  if (problem) throw new StaffChangeRefused(problem);
  await desk.db.upsertLocal<PinVerifier>(pinVerifierId(staffId), await hashPin(pin));
  await desk.db.upsertLocal<PinLock>(lockId(staffId), { failures: 0 });
  await audit(desk, {
    action: 'staff.change',
    subjectCollection: 'staff',
    subjectId: staffId,
    fields: ['pin'],
  });
}

/** Whether each person has a PIN on this desk (a manager's password works on every desk). */
export async function canLogInHere(desk: Desk, staff: readonly StaffDoc[]): Promise<Set<string>> {
  const here = new Set<string>();
  for (const s of staff) {
    if (s.role === 'manager' ? !!s.managerKey : !!(await desk.db.getLocal(pinVerifierId(s.id))))
      here.add(s.id);
  }
  return here;
}

/** What a manager may change of someone else's record. */
export interface StaffChange {
  name?: string;
  role?: StaffRole;
  active?: boolean;
  phone?: string;
  cardNo?: string;
  childClass?: StaffDoc['childClass'];
  certificates?: StaffDoc['certificates'];
  screeningCheckedOn?: string;
  /**
   * A manager's new password: needed to make someone a manager, and resets a manager's
   * forgotten password (a new key: what the old one signed is signed again).
   */
  managerSecret?: string;
  /** For someone who stops being a manager: their PIN on this desk. */
  pin?: string;
}

/**
 * Changes a staff record, signed by the manager logged in. A manager's own role, status and key
 * are changed by another manager, so the manager signing always stays one. When someone stops
 * being a manager (or gets a new key), what they signed is signed again by the manager logged in.
 */
export async function updateStaff(
  desk: Desk,
  staffId: string,
  change: StaffChange,
): Promise<StaffDoc> {
  const signer = managerSigner(desk);
  const current = await staffById(desk, staffId);
  if (!current) throw new StaffChangeRefused('notFound');
  const { managerSecret, pin, ...fields } = change;
  const next: StaffDoc = {
    ...current,
    ...fields,
    ...(fields.name ? { name: fields.name.trim(), ...nameSearchKeys(fields.name) } : {}),
  };
  const newKeyNeeded =
    next.role === 'manager' && (!current.managerKey || managerSecret !== undefined);
  if (newKeyNeeded) {
    const problem = checkManagerSecret(managerSecret ?? '');
    if (problem) throw new StaffChangeRefused(problem);
  }
  if (next.role !== 'manager' && pin !== undefined) {
    const problem = checkPin(pin);
    if (problem) throw new StaffChangeRefused(problem);
  }
  if (next.role !== 'manager') delete next.managerKey;
  const losesKey = maySign(asVersion(current)) && (newKeyNeeded || !maySign(asVersion(next)));
  if (staffId === signer.by && (losesKey || next.role !== current.role))
    throw new StaffChangeRefused('notOnSelf');
  if (newKeyNeeded) next.managerKey = (await newManagerKey(staffId, managerSecret!)).managerKey;
  const written = await writeSigned(desk, next, signer);
  if (next.role !== 'manager' && pin !== undefined)
    await desk.db.upsertLocal<PinVerifier>(pinVerifierId(staffId), await hashPin(pin));
  if (losesKey) await resign(desk, signer, (d) => d.grant?.by === staffId && d.id !== staffId);
  const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter(
    (k) => JSON.stringify(current[k] ?? null) !== JSON.stringify(next[k] ?? null),
  );
  if (managerSecret !== undefined) changed.push('managerKey' as never);
  if (pin !== undefined) changed.push('pin' as never);
  await audit(desk, {
    action: 'staff.change',
    subjectCollection: 'staff',
    subjectId: staffId,
    fields: changed.map(String),
  });
  return written;
}

/** The manager logged in changes their own password (the same key, encrypted anew). */
export async function changeOwnPassword(
  desk: Desk,
  current: string,
  next: string,
): Promise<StaffDoc> {
  const signer = managerSigner(desk);
  const problem = checkManagerSecret(next);
  if (problem) throw new StaffChangeRefused(problem);
  const me = await staffById(desk, signer.by);
  const managerKey =
    me?.managerKey && (await rewrapManagerKey(me.id, me.managerKey, current, next));
  if (!me || !managerKey) throw new StaffChangeRefused('wrongPassword');
  return writeSigned(desk, { ...me, managerKey }, signer);
}

const asVersion = (doc: StaffDoc): StaffVersion => ({ ...doc, _deleted: false });

/** Failed tries are kept per desk (a local document, never synced). */
interface PinLock {
  failures: number;
  lockedUntil?: string;
}
const lockId = (staffId: string) => `pin-lock-${staffId}`;

export type LoginResult =
  | { kind: 'ok'; staff: StaffDoc }
  | { kind: 'wrongPin'; triesLeft: number }
  | { kind: 'locked'; until: string }
  | { kind: 'unknown' }
  /** No PIN on this desk for this person: a manager sets one here (`setPinHere`). */
  | { kind: 'noPinHere' }
  /** A manager from before passwords: the PIN was right; now a password (`setFirstPassword`). */
  | { kind: 'choosePassword'; staff: StaffDoc };

type Check = { ok: true; signingKey?: SigningKey } | { ok: false };

/**
 * Runs one try of a person's secret under the desk's lock: after `pinMaxFailures` wrong tries in
 * a row, the person is locked out for a while, even against the right secret.
 */
async function tryUnderLock(
  desk: Desk,
  staff: StaffDoc,
  check: () => Promise<Check>,
  rules: Pick<CentreRules, 'pinMaxFailures' | 'pinLockMinutes'>,
  now: Date,
): Promise<{ kind: 'ok'; signingKey?: SigningKey } | Exclude<LoginResult, { kind: 'ok' }>> {
  const lock = (await desk.db.getLocal<PinLock>(lockId(staff.id)))?.toJSON().data ?? {
    failures: 0,
  };
  if (lock.lockedUntil && new Date(lock.lockedUntil) > now)
    return { kind: 'locked', until: lock.lockedUntil };
  const result = await check();
  if (result.ok) {
    await desk.db.upsertLocal<PinLock>(lockId(staff.id), { failures: 0 });
    return { kind: 'ok', ...(result.signingKey ? { signingKey: result.signingKey } : {}) };
  }
  const failures = (lock.lockedUntil ? 0 : lock.failures) + 1;
  const entry = { subjectCollection: 'staff' as const, subjectId: staff.id, staffId: staff.id };
  if (failures >= rules.pinMaxFailures) {
    const until = addMinutes(now, rules.pinLockMinutes).toISOString();
    await desk.db.upsertLocal<PinLock>(lockId(staff.id), { failures, lockedUntil: until });
    await audit(desk, { ...entry, action: 'staff.lockedOut' }, now);
    return { kind: 'locked', until };
  }
  await desk.db.upsertLocal<PinLock>(lockId(staff.id), { failures });
  await audit(desk, { ...entry, action: 'staff.loginFailed' }, now);
  return { kind: 'wrongPin', triesLeft: rules.pinMaxFailures - failures };
}

async function checkLocalPin(desk: Desk, staffId: string, pin: string): Promise<Check> {
  const verifier = (await desk.db.getLocal<PinVerifier>(pinVerifierId(staffId)))?.toJSON().data;
  return { ok: !!verifier && (await pinMatches(pin, verifier)) };
}

async function startSession(
  desk: Desk,
  staff: StaffDoc,
  now: Date,
  signingKey?: SigningKey,
): Promise<LoginResult> {
  desk.session = { staff, since: now.toISOString(), ...(signingKey ? { signingKey } : {}) };
  await audit(
    desk,
    { action: 'staff.login', subjectCollection: 'staff', subjectId: staff.id },
    now,
  );
  // Records from before signatures are signed by the first manager who logs in with a key.
  if (signingKey) await resign(desk, { by: staff.id, key: signingKey }, (d) => !d.grant);
  return { kind: 'ok', staff };
}

/**
 * Checks a person's secret: a manager's password against the manager's key, anyone else's PIN
 * against its hash on this desk.
 */
export async function login(
  desk: Desk,
  staffId: string,
  secret: string,
  rules: Pick<CentreRules, 'pinMaxFailures' | 'pinLockMinutes'> = DEFAULT_RULES,
  now = new Date(),
): Promise<LoginResult> {
  const staff = await staffById(desk, staffId);
  if (!staff || !staff.active) return { kind: 'unknown' };
  const managerKey = staff.role === 'manager' ? staff.managerKey : undefined;
  if (!managerKey && !(await desk.db.getLocal(pinVerifierId(staffId))))
    return { kind: 'noPinHere' };
  const result = await tryUnderLock(
    desk,
    staff,
    async () => {
      if (!managerKey) return checkLocalPin(desk, staffId, secret);
      const signingKey = await unlockManagerKey(staffId, managerKey, secret);
      return signingKey ? { ok: true, signingKey } : { ok: false };
    },
    rules,
    now,
  );
  if (result.kind !== 'ok') return result;
  if (staff.role === 'manager' && !result.signingKey) return { kind: 'choosePassword', staff };
  return startSession(desk, staff, now, result.signingKey);
}

/**
 * A manager from before passwords (a PIN hash on this desk, no key) chooses a password: the
 * manager's first key, signed by itself. The district takes it only as its centre's first key
 * (trust on first use); once a centre has one, another manager gives the others theirs
 * (`updateStaff` with `managerSecret`).
 */
export async function setFirstPassword(
  desk: Desk,
  staffId: string,
  pin: string,
  password: string,
  rules: Pick<CentreRules, 'pinMaxFailures' | 'pinLockMinutes'> = DEFAULT_RULES,
  now = new Date(),
): Promise<LoginResult> {
  const staff = await staffById(desk, staffId);
  if (!staff || !staff.active || staff.role !== 'manager' || staff.managerKey)
    return { kind: 'unknown' };
  const problem = checkManagerSecret(password);
  if (problem) throw new StaffChangeRefused(problem);
  const keyed = (await desk.db.staff.find().exec()).some((d) =>
    maySign(asVersion(d.toMutableJSON())),
  );
  if (keyed) throw new StaffChangeRefused('askManager');
  const result = await tryUnderLock(
    desk,
    staff,
    () => checkLocalPin(desk, staffId, pin),
    rules,
    now,
  );
  if (result.kind !== 'ok') return result;
  const { managerKey, signingKey } = await newManagerKey(staffId, password);
  const written = await writeSigned(
    desk,
    { ...staff, managerKey },
    { by: staffId, key: signingKey },
  );
  await desk.db.getLocal(pinVerifierId(staffId)).then((d) => d?.remove());
  return startSession(desk, written, now, signingKey);
}

/** Whether `secret` is the password of an active manager (a pick-up override, say). */
export async function managerApproves(
  desk: Desk,
  managerId: string,
  secret: string,
): Promise<'ok' | 'wrong' | 'notManager'> {
  const manager = await staffById(desk, managerId);
  if (!manager?.managerKey || !maySign(asVersion(manager))) return 'notManager';
  return (await unlockManagerKey(managerId, manager.managerKey, secret)) ? 'ok' : 'wrong';
}

export function logout(desk: Desk): void {
  desk.session = null;
}
