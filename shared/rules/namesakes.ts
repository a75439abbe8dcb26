import type { ChildClass } from '../schemas/members';
import { EXACT_CODE_SCORE } from '../search';

/**
 * Namesakes: two people of the centre with the same name must never look alike on a screen
 * (issue 15, point 3). This is the one rule every list, finder and dialog of the desk uses
 * (through renderer/ui/kit/PersonName.tsx): which names are shared, and what tells each bearer
 * apart, from what the staff member's role may see.
 */

/** What a list knows of a person. Fields a role may not see are simply absent. */
export interface NamesakeCandidate {
  id: string;
  name: string;
  birthDate?: string | undefined;
  childClass?: ChildClass | undefined;
  cardNo?: string | undefined;
}

/** What tells one namesake from the others; each part is present only where it helps or is all there is. */
export interface Distinction {
  birthYear?: string;
  childClass?: ChildClass;
  /** The last digits of the member card. */
  cardTail?: string;
}

/** How many of a card's last digits are shown: enough to tell cards apart, not the whole number. */
export const CARD_TAIL_DIGITS = 4;

const sameName = (name: string) => name.trim().replace(/\s+/g, ' ');

/**
 * For each person whose name someone else in `people` also bears, what tells them apart: the birth
 * year, then a child's class, then the card's last digits, as many as it takes for the group (a
 * part the role cannot see is skipped). People whose name is theirs alone are not in the map.
 */
export function namesakeDistinctions(
  people: readonly NamesakeCandidate[],
): Map<string, Distinction> {
  const byName = new Map<string, NamesakeCandidate[]>();
  for (const p of people) {
    const key = sameName(p.name);
    const group = byName.get(key);
    if (group) group.push(p);
    else byName.set(key, [p]);
  }
  const out = new Map<string, Distinction>();
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    const parts = (p: NamesakeCandidate, depth: number): Distinction => {
      const d: Distinction = {};
      const year = p.birthDate?.slice(0, 4);
      if (year) d.birthYear = year;
      if (depth >= 1 && p.childClass) d.childClass = p.childClass;
      if (depth >= 2 && p.cardNo) d.cardTail = p.cardNo.slice(-CARD_TAIL_DIGITS);
      return d;
    };
    // The fewest parts that make every label of the group different; all of them otherwise.
    const depth = [0, 1].find((n) => distinct(group.map((p) => parts(p, n)))) ?? 2;
    for (const p of group) out.set(p.id, parts(p, depth));
  }
  return out;
}

function distinct(labels: readonly Distinction[]): boolean {
  const seen = new Set(labels.map((d) => `${d.birthYear}|${d.childClass}|${d.cardTail}`));
  return seen.size === labels.length;
}

/** True when some two of these people bear the same name. */
export function hasNamesakes(people: readonly { name: string }[]): boolean {
  const names = new Set<string>();
  for (const p of people) {
    const key = sameName(p.name);
    if (names.has(key)) return true;
    names.add(key);
  }
  return false;
}

/**
 * Whether Enter may take the selected result of a finder. A scanned card (an exact code match)
 * names one person and is always taken; otherwise, while the results show namesakes, Enter takes
 * no one until the worker has chosen with the arrow keys (or clicks), so it never picks between
 * two 王秀英 on its own.
 */
export function enterMayPick(
  results: readonly { person: { name: string }; score: number }[],
  selected: number,
  chosenByWorker: boolean,
): boolean {
  const top = results[selected];
  if (!top) return false;
  if (top.score >= EXACT_CODE_SCORE) return true;
  return chosenByWorker || !hasNamesakes(results.map((r) => r.person));
}

/** The words of each part of a distinction, in the reader's language. */
export interface DistinctionWords {
  born(year: string): string;
  childClass(cls: ChildClass): string;
  card(tail: string): string;
}

/**
 * A person's name as a list or sheet shows it: "王秀英（1948年生）" for a namesake, the name alone
 * otherwise. One wording for the screens (renderer/ui/kit/PersonName.tsx) and the daily sheet.
 */
export function nameWithDistinction(
  name: string,
  d: Distinction | undefined,
  words: DistinctionWords,
): string {
  const detail = distinctionText(d, words);
  return detail ? `${name}（${detail}）` : name;
}

/** The distinction alone, its parts joined ("1948年生 · 托小班"); null when there is none. */
export function distinctionText(
  d: Distinction | undefined,
  words: DistinctionWords,
): string | null {
  if (!d) return null;
  const parts = [
    d.birthYear && words.born(d.birthYear),
    d.childClass && words.childClass(d.childClass),
    d.cardTail && words.card(d.cardTail),
  ].filter((p): p is string => !!p);
  return parts.length ? parts.join(' · ') : null;
}
