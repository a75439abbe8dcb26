import { pinyin } from 'pinyin-pro';

/**
 * Search keys for a person's name: full pinyin ("zhangsan") and initials ("zs"). Surnames are read
 * with their surname readings (单 → shan, 曾 → zeng, 解 → xie), which ordinary text mode gets wrong.
 */
export function nameSearchKeys(name: string): { pinyin: string; initials: string } {
  const syllables = pinyin(name.trim(), {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'consecutive',
    v: true,
  })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return {
    pinyin: syllables.join(''),
    initials: syllables.map((s) => s[0]).join(''),
  };
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

/**
 * How well a person matches what was typed; 0 means no match. Exact code/id scans come first,
 * then name, initials and pinyin prefixes, then phone or ID digits.
 */
export function matchScore(person: SearchablePerson, rawQuery: string): number {
  const query = rawQuery.trim().toLowerCase().replace(/\s+/g, '');
  if (!query) return 0;
  if (person.id.toLowerCase() === query) return 100;
  if (person.cardNo && person.cardNo.toLowerCase() === query) return 100;
  if (/[\u3400-\u9fff]/.test(query)) {
    if (person.name === query) return 90;
    if (person.name.startsWith(query)) return 80;
    return person.name.includes(query) ? 60 : 0;
  }
  if (/^[a-z]+$/.test(query)) {
    if (person.initials === query || person.pinyin === query) return 85;
    if (person.initials.startsWith(query)) return 75;
    if (person.pinyin.startsWith(query)) return 70;
    return person.pinyin.includes(query) ? 40 : 0;
  }
  if (/^[\dx]+$/.test(query) && query.length >= 3) {
    if (person.phone?.includes(query)) return 50;
    if (person.idNumber?.toLowerCase().includes(query)) return 45;
  }
  return 0;
}

export function searchPeople<T extends SearchablePerson>(
  people: readonly T[],
  query: string,
  limit = 8,
): T[] {
  const scored: { person: T; score: number }[] = [];
  for (const person of people) {
    const score = matchScore(person, query);
    if (score > 0) scored.push({ person, score });
  }
  scored.sort((a, b) => b.score - a.score || a.person.pinyin.localeCompare(b.person.pinyin));
  return scored.slice(0, limit).map((s) => s.person);
}
