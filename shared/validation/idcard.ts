/**
 * Chinese resident identity card number (GB 11643-1999): 6-digit region code, 8-digit birth
 * date, 3-digit sequence (odd for men, even for women), and a check character computed by
 * ISO 7064 MOD 11-2.
 */
export type IdCardProblem = 'length' | 'characters' | 'birthDate' | 'checksum';

export type IdCardResult =
  | { ok: true; normalized: string; birthDate: string; gender: 'M' | 'F' }
  | { ok: false; problem: IdCardProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * An ID number as the centre stores and compares it: full-width digits and letters made
 * half-width (an IME's "１１０１…Ｘ"), every space taken out, a lower-case x made X. Nothing else
 * is changed, so a number that is wrong stays wrong and is refused by `checkIdCard`.
 */
export function normaliseIdNumber(input: string): string {
  return input.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

export function checkIdCard(input: string, today: Date = new Date()): IdCardResult {
  const value = normaliseIdNumber(input);
  if (value.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'characters' };
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getTime() <= today.getTime();
  if (!valid) return { ok: false, problem: 'birthDate' };
  if (idCardCheckChar(value) !== value[17]) return { ok: false, problem: 'checksum' };
  return {
    ok: true,
    normalized: value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'M' : 'F',
  };
}
