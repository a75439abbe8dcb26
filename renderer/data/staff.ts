import { addMinutes } from 'date-fns';
import { newId } from '../../shared/ids';
import { can, type Permission } from '../../shared/roles';
import { DEFAULT_RULES, type CentreRules } from '../../shared/rules/settings';
import type { StaffDoc } from '../../shared/schemas';
import type { StaffRole } from '../../shared/schemas/staff';
import { nameSearchKeys } from '../../shared/search';
import { audit } from './audit';
import type { Desk } from './desk';

/** PBKDF2-SHA256 iterations: about a quarter of a second on an old desk PC, per try. */
export const PIN_ITERATIONS = 210_000;

type PinHash = NonNullable<StaffDoc['pin']>;

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

export type PinProblem = 'pinFormat' | 'pinTooSimple';

/** 4 to 8 digits, not one digit repeated and not a run like 1234 or 9876. */
export function checkPin(pin: string): PinProblem | null {
  if (!/^\d{4,8}$/.test(pin)) return 'pinFormat';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!)) return 'pinTooSimple';
  return null;
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = new Uint8Array(16);
  crypto.getRandomValues(salt);
  return {
    algorithm: 'PBKDF2-SHA256',
    iterations,
    salt: hex(salt),
    hash: await derive(pin, salt, iterations),
  };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
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

export interface NewStaff {
  name: string;
  role: StaffRole;
  pin: string;
  phone?: string;
  cardNo?: string;
  childClass?: StaffDoc['childClass'];
  certificates?: StaffDoc['certificates'];
  screeningCheckedOn?: string;
}

export async function activeStaff(desk: Desk): Promise<StaffDoc[]> {
  const docs = await desk.db.staff.find({ selector: { active: true } }).exec();
  return docs.map((d) => d.toMutableJSON()).sort((a, b) => a.pinyin.localeCompare(b.pinyin));
}

/**
 * Adds a staff member. Only a manager may, except on a desk with no staff at all, where the first
 * person set up must be the manager (who then adds everyone else).
 */
export async function addStaff(desk: Desk, input: NewStaff, at = new Date()): Promise<StaffDoc> {
  const anyone = await desk.db.staff.count().exec();
  if (anyone > 0) requirePermission(desk, 'manageStaff');
  else if (input.role !== 'manager') throw new Error('firstStaffMustBeManager');
  const problem = checkPin(input.pin);
  if (problem) throw new Error(problem);
  const { pin, ...rest } = input;
  const doc: StaffDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    ...rest,
    name: input.name.trim(),
    ...nameSearchKeys(input.name),
    active: true,
    pin: await hashPin(pin),
  };
  await desk.db.staff.insert(doc);
  return doc;
}

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
  | { kind: 'unknown' };

/** Checks a PIN; after `pinMaxFailures` wrong tries in a row the PIN is locked for a while. */
export async function login(
  desk: Desk,
  staffId: string,
  pin: string,
  rules: Pick<CentreRules, 'pinMaxFailures' | 'pinLockMinutes'> = DEFAULT_RULES,
  now = new Date(),
): Promise<LoginResult> {
  const doc = await desk.db.staff.findOne(staffId).exec();
  const staff = doc?.toMutableJSON();
  if (!staff || !staff.active || !staff.pin) return { kind: 'unknown' };
  const lock = (await desk.db.getLocal<PinLock>(lockId(staffId)))?.toJSON().data ?? { failures: 0 };
  if (lock.lockedUntil && new Date(lock.lockedUntil) > now)
    return { kind: 'locked', until: lock.lockedUntil };

  if (await pinMatches(pin, staff.pin)) {
    await desk.db.upsertLocal<PinLock>(lockId(staffId), { failures: 0 });
    desk.session = { staff, since: now.toISOString() };
    await audit(
      desk,
      { action: 'staff.login', subjectCollection: 'staff', subjectId: staffId },
      now,
    );
    return { kind: 'ok', staff };
  }
  const failures = (lock.lockedUntil ? 0 : lock.failures) + 1;
  const entry = { subjectCollection: 'staff' as const, subjectId: staffId, staffId };
  if (failures >= rules.pinMaxFailures) {
    const until = addMinutes(now, rules.pinLockMinutes).toISOString();
    await desk.db.upsertLocal<PinLock>(lockId(staffId), { failures, lockedUntil: until });
    await audit(desk, { ...entry, action: 'staff.lockedOut' }, now);
    return { kind: 'locked', until };
  }
  await desk.db.upsertLocal<PinLock>(lockId(staffId), { failures });
  await audit(desk, { ...entry, action: 'staff.loginFailed' }, now);
  return { kind: 'wrongPin', triesLeft: rules.pinMaxFailures - failures };
}

export function logout(desk: Desk): void {
  desk.session = null;
}
