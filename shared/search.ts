import { pinyin } from 'pinyin-pro';

const PINYIN_OPTIONS = { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true } as const;

function syllablesOf(text: string, surname: 'head' | 'off'): string[] {
  return pinyin(text, { ...PINYIN_OPTIONS, surname })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
}

/**
 * Search keys for a person's name: full pinyin ("zhangsan") and initials ("zs"). Surnames are read
 * with their surname readings (单 → shan, 曾 → zeng, 解 → xie), which ordinary text mode gets wrong.
 */
export function nameSearchKeys(name: string): { pinyin: string; initials: string } {
  return keysOfSyllables(syllablesOf(name.trim(), 'head'));
}

function keysOfSyllables(syllables: readonly string[]): { pinyin: string; initials: string } {
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}

/**
 * The pinyin a registration form offers to be checked, one syllable a word ("wang xiu ying"). A
 * character the library has no reading for (CJK Extension B and later: 𠮷, 𡈽) stays as itself,
 * so the worker sees which reading to type in its place.
 */
export function suggestedPinyin(name: string): string {
  return pinyin(name.trim(), { ...PINYIN_OPTIONS, surname: 'head' })
    .map((s) => s.toLowerCase().trim())
    .filter(Boolean)
    .join(' ');
}

/**
 * The search keys of a pinyin a worker typed or checked ("wang ji"): syllables are the words, ü
 * may be typed as v or ü. Whatever is not a letter (a character still without its reading) is
 * left out, as the library's own keys leave it out.
 */
export function keysOfTypedPinyin(typed: string): { pinyin: string; initials: string } {
  return keysOfSyllables(
    typed
      .toLowerCase()
      .replace(/ü/g, 'v')
      .split(/[\s'’·]+/)
      .map((s) => s.replace(/[^a-z0-9]/g, ''))
      .filter(Boolean),
  );
}

/**
 * A person's search keys: from the pinyin the worker checked or typed where there is one with
 * letters in it, otherwise from the name by the library.
 */
export function personSearchKeys(
  name: string,
  typedPinyin?: string,
): { pinyin: string; initials: string } {
  const typed = typedPinyin ? keysOfTypedPinyin(typedPinyin) : null;
  return typed?.pinyin ? typed : nameSearchKeys(name);
}

/** Characters of `text` the pinyin library has no reading for (searchable by themselves only). */
export function charactersWithoutReading(text: string): string[] {
  return [...text].filter((c) => HAN.test(c) && syllablesOf(c, 'off').length === 0);
}

/** A Han character in any plane (`\p{Script=Han}` reaches Extension B and later, beyond U+FFFF). */
const HAN = /\p{Script=Han}/u;

/**
 * A surname's ordinary reading where it differs from its surname reading (单: dān against shàn),
 * by first character; null where there is one reading. Worked out once per surname, not per
 * person, so a search over ten thousand people stays within its keystroke budget.
 */
const otherReadings = new Map<string, { surname: string; ordinary: string } | null>();
function otherSurnameReading(name: string): { surname: string; ordinary: string } | null {
  const first = String.fromCodePoint(name.codePointAt(0) ?? 32);
  let known = otherReadings.get(first);
  if (known === undefined) {
    const surname = syllablesOf(first, 'head')[0] ?? '';
    const ordinary = syllablesOf(first, 'off')[0] ?? '';
    known = surname && ordinary && surname !== ordinary ? { surname, ordinary } : null;
    otherReadings.set(first, known);
  }
  return known;
}

/**
 * The person's keys with the surname read the ordinary way (单小明: danxiaoming, dxm), which is
 * how staff who do not know the surname reading type it; null when the surname has one reading
 * or the stored pinyin (perhaps typed by a worker) does not begin with the surname reading.
 */
function ordinaryReadingKeys(
  person: SearchablePerson,
): { pinyin: string; initials: string } | null {
  const other = otherSurnameReading(person.name);
  if (!other || !person.pinyin.startsWith(other.surname)) return null;
  return {
    pinyin: other.ordinary + person.pinyin.slice(other.surname.length),
    initials: other.ordinary[0] + person.initials.slice(1),
  };
}

/**
 * The order names are listed in, on the desk and on the district dashboard alike: by pinyin with
 * surnames in their surname reading (单 under S), then by the characters, so namesakes stay
 * together. `pinyin` is the stored key where there is one (it may hold a reading a worker typed);
 * without it, the library's.
 */
export function compareNames(
  a: { name: string; pinyin?: string | undefined },
  b: { name: string; pinyin?: string | undefined },
): number {
  const pa = a.pinyin || libraryPinyin(a.name);
  const pb = b.pinyin || libraryPinyin(b.name);
  return pa < pb ? -1 : pa > pb ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The library's pinyin of a name, kept: a sort compares each name many times. */
const pinyinOfName = new Map<string, string>();
function libraryPinyin(name: string): string {
  let known = pinyinOfName.get(name);
  if (known === undefined) {
    // A bound on what a long-open dashboard keeps; starting over costs one sort's worth.
    if (pinyinOfName.size > 20_000) pinyinOfName.clear();
    known = nameSearchKeys(name).pinyin;
    pinyinOfName.set(name, known);
  }
  return known;
}

export interface SearchablePerson {
  id: string;
  name: string;
  pinyin: string;
  initials: string;
  phone?: string | undefined;
  idNumber?: string | undefined;
  /** The member or staff card number a scanner types. */
  cardNo?: string | undefined;
}

/** Scores of a match by the surname's ordinary reading sit this far under the surname reading's. */
const ORDINARY_READING_PENALTY = 8;

function pinyinScore(keys: { pinyin: string; initials: string }, query: string): number {
  if (keys.initials === query || keys.pinyin === query) return 85;
  if (keys.initials.startsWith(query)) return 75;
  if (keys.pinyin.startsWith(query)) return 70;
  return keys.pinyin.includes(query) ? 40 : 0;
}

/**
 * How well a person matches what was typed; 0 means no match. Exact code/id scans come first,
 * then name, initials and pinyin prefixes, then phone or ID digits. A query with a Han character
 * in it (of any plane: 𠮷 is two UTF-16 units, one character) is matched against the name.
 */
export function matchScore(person: SearchablePerson, rawQuery: string): number {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, '');
  if (!query) return 0;
  if (person.id.toLowerCase() === query) return 100;
  if (person.cardNo && person.cardNo.toLowerCase() === query) return 100;
  if (HAN.test(query)) {
    if (person.name === query) return 90;
    if (person.name.startsWith(query)) return 80;
    return person.name.includes(query) ? 60 : 0;
  }
  if (/^[a-z]+$/.test(query)) {
    const own = pinyinScore(person, query);
    if (own) return own;
    const ordinary = ordinaryReadingKeys(person);
    const other = ordinary ? pinyinScore(ordinary, query) : 0;
    return other ? other - ORDINARY_READING_PENALTY : 0;
  }
  if (/^[\dx]+$/.test(query) && query.length >= 3) {
    if (person.phone?.includes(query)) return 50;
    if (person.idNumber?.toLowerCase().includes(query)) return 45;
  }
  return 0;
}

/** The people who match, best first (ties in name order), at most `limit`. */
export function searchPeople<T extends SearchablePerson>(
  people: readonly T[],
  query: string,
  limit = 8,
): T[] {
  return scorePeople(people, query, limit).map((s) => s.person);
}

/** As `searchPeople`, with each person's score (Enter's rule for namesakes needs the exact ones). */
export function scorePeople<T extends SearchablePerson>(
  people: readonly T[],
  query: string,
  limit = 8,
): { person: T; score: number }[] {
  const scored: { person: T; score: number }[] = [];
  for (const person of people) {
    const score = matchScore(person, query);
    if (score > 0) scored.push({ person, score });
  }
  scored.sort((a, b) => b.score - a.score || compareNames(a.person, b.person));
  return scored.slice(0, limit);
}

/** The score of an exact card or id match: a scan, which names one person whatever their name. */
export const EXACT_CODE_SCORE = 100;
