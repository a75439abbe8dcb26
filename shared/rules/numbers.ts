/**
 * Numbers as staff type them, read the same way in every field of the desk (temperature, blood
 * pressure, sugar, weight, height, grams, the centre's rules): a decimal comma ("36,6", as many
 * keyboards and spreadsheets write it) or the Chinese full stop of an IME ("36。6") counts as the
 * decimal point, full-width digits ("３６．６") as digits, and spaces around are ignored.
 *
 * A comma before exactly three digits ("1,200") could be a thousands separator as well: it is
 * refused rather than guessed, so the field asks again instead of storing 1.2.
 */
const FULL_WIDTH_DIGIT = /[０-９]/g;
const NUMBER = /^\d+(\.\d+)?$/;

/** The typed text with one decimal point and ASCII digits, or null when it is not a number. */
export function normaliseNumber(text: string): string | null {
  const plain = text
    .trim()
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.');
  if (/,\d{3}$/.test(plain)) return null;
  const dotted = plain.replace(',', '.');
  return NUMBER.test(dotted) ? dotted : null;
}

/**
 * A typed number: undefined when the field is empty, NaN when it is not a number (the field's
 * check then says so), the number otherwise.
 */
export function readNumber(text: string | number | undefined): number | undefined {
  if (typeof text === 'number') return text;
  if (text === undefined || text.trim() === '') return undefined;
  const normal = normaliseNumber(text);
  return normal === null ? Number.NaN : Number(normal);
}
