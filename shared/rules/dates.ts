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
