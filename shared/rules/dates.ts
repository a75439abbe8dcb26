import { isValid, parse } from 'date-fns';

/**
 * A day as staff type it, read the same whatever the computer's language: the desk shows and
 * stores days as 2026-12-04 (the browser's own date box would show 12/04/2026 on an English
 * system). Taken: 2026-12-04, 2026/12/4, 2026.12.4, 2026年12月4日, 20261204, in full-width
 * digits too. Never day-first or month-first (12/04/2026 is refused, not guessed).
 */
export function readDay(text: string): string | null {
  const plain = text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/日$/, '');
  const parts =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})$/.exec(plain) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(plain);
  if (!parts) return null;
  const [, y, m, d] = parts;
  const day = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return isValid(parse(day, 'yyyy-MM-dd', new Date(0))) ? day : null;
}

/**
 * The day once typing it is over (its day has two digits, or 日), for a field to tidy as it is
 * typed: 2026/12/4 may still become 2026/12/14, so it waits for the field to be left.
 */
export function finishedDay(text: string): string | null {
  const plain = text.trim();
  return /(\d{2}|日|[０-９]{2})$/.test(plain) ? readDay(plain) : null;
}

/** Full-width digits and colons (a Chinese input method) as plain ones. */
const halfWidth = (text: string) =>
  text
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/：/g, ':');

/**
 * A time of day as staff type it, 24-hour, read the same whatever the computer's language (the
 * browser's own time box shows 07:31 PM on an English system): 08:30, 8:30, 0830, 8点30, 8点.
 */
export function readTime(text: string): string | null {
  const plain = halfWidth(text).replace(/分$/, '');
  const parts = /^(\d{1,2})[:.点时](\d{2})?$/.exec(plain) ?? /^(\d{2})(\d{2})$/.exec(plain) ?? null;
  if (!parts) return null;
  const hours = Number(parts[1]);
  const minutes = Number(parts[2] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/**
 * A day and a time typed in one box ("2026-12-05 08:30", "2026/12/5 8:30", "2026年12月5日 8点30"),
 * as the local `yyyy-MM-ddTHH:mm` the forms send on, or null.
 */
export function readDateTime(text: string): string | null {
  const plain = halfWidth(text).replace(/T/, ' ');
  const at = /^(\S+?日?)\s*(\d{1,2}[:.点时]\d{0,2}分?|\d{4})$/.exec(plain.replace(/日\s*/, '日 '));
  if (!at) return null;
  const day = readDay(at[1]!);
  const time = readTime(at[2]!);
  return day && time ? `${day}T${time}` : null;
}

/** A local `yyyy-MM-ddTHH:mm` as the desk and the dashboard show it: 2026-12-05 08:30. */
export const showDateTime = (at: string) => at.replace('T', ' ');
