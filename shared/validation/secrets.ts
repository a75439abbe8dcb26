import type { StaffRole } from '../schemas/staff';

/**
 * The secrets staff log in with (docs/SECURITY.md, "Staff credentials and authority").
 *
 * - Everyone but a manager has a PIN of 4 to 8 digits. Its hash stays on the desk where a
 *   manager set it, so the only way to guess it is at that desk, five tries at a time.
 * - A manager has a password of at least 8 characters with letters and digits. It unlocks the
 *   manager's signing key, which travels (encrypted under it) to every desk of the centre through
 *   the district: a copy of the district's database allows guessing it offline, so it must be
 *   far stronger than a PIN.
 */

export type PinProblem = 'pinFormat' | 'pinTooSimple';
export type ManagerSecretProblem = 'managerSecretFormat' | 'managerSecretTooSimple';
export type SecretProblem = PinProblem | ManagerSecretProblem;

export const MANAGER_SECRET_MIN = 8;
export const MANAGER_SECRET_MAX = 64;

/** 4 to 8 digits, not one digit repeated and not a run like 1234 or 9876. */
export function checkPin(pin: string): PinProblem | null {
  if (!/^\d{4,8}$/.test(pin)) return 'pinFormat';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - digits[i]!));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0]!)) return 'pinTooSimple';
  return null;
}

/** Passwords people choose first, even with the letters-and-digits rule (lower case). */
const COMMON = new Set([
  'password1',
  'password123',
  'passw0rd',
  'abc12345',
  'abcd1234',
  'a1234567',
  'a12345678',
  'qwer1234',
  'qwerty123',
  'qwerty12',
  '1q2w3e4r',
  '1qaz2wsx',
  'asdf1234',
  'zxcv1234',
  'admin123',
  'admin1234',
  'woaini520',
  'woaini1314',
  'iloveyou1',
]);

/** Letters (of any script) and digits are counted; anything else printable counts as a digit. */
const LETTER = /\p{L}/u;
const OTHER = /[^\p{L}\s]/u;

/**
 * At least 8 and at most 64 characters, with at least one letter and one digit (or sign), no
 * spaces at either end or control characters, at least 4 different characters, and not one of
 * the passwords everyone tries first.
 */
export function checkManagerSecret(secret: string): ManagerSecretProblem | null {
  const chars = [...secret];
  if (chars.length < MANAGER_SECRET_MIN || chars.length > MANAGER_SECRET_MAX)
    return 'managerSecretFormat';
  if (secret.trim() !== secret || /\p{Cc}/u.test(secret)) return 'managerSecretFormat';
  if (!LETTER.test(secret) || !OTHER.test(secret)) return 'managerSecretFormat';
  if (new Set(chars.map((c) => c.toLowerCase())).size < 4) return 'managerSecretTooSimple';
  if (COMMON.has(secret.toLowerCase())) return 'managerSecretTooSimple';
  return null;
}

/** The rule a role's secret follows: a manager's password, or everyone else's PIN. */
export function checkStaffSecret(role: StaffRole, secret: string): SecretProblem | null {
  return role === 'manager' ? checkManagerSecret(secret) : checkPin(secret);
}
