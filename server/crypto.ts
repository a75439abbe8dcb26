import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Device tokens: 32 random bytes, base64url. Only their SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Letters and digits nobody confuses when reading them off a screen or a phone call. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/** A one-time enrolment code, shown as XXXX-XXXX. */
export function newEnrolmentCode(): string {
  let raw = '';
  for (let i = 0; i < CODE_LENGTH; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/** What a person typed, as the code was issued: upper case, no spaces or dashes. */
export function normaliseEnrolmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
