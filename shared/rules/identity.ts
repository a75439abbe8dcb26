/**
 * One person is one record (the front-desk issue, point 2), one rule for registration, correction,
 * import and the duplicates a manager merges:
 *
 * - a resident ID number is compared as the centre stores it (`normaliseIdNumber`: full-width
 *   characters made half-width, spaces out, x made X), and is unique among the people on the
 *   centre's record (not erased, not merged into another record: `onRecord`);
 * - two records with the same name and birth date, at least one of them without an ID number, are
 *   probably one person: a warning at registration the worker may confirm past, and a flag for
 *   the manager (two records with different ID numbers are two people, whatever their names);
 * - two desks offline can both register someone: after sync the records are flagged
 *   (`duplicateGroups`) and a manager merges them (`mergedRecord`).
 */
import { groupBy } from '../groupBy';
import type { MemberDoc } from '../schemas';
import { checkIdCard, normaliseIdNumber, type IdCardResult } from '../validation/idcard';
import { onRecord } from './people';

export { normaliseIdNumber };

/** The ID number checked (18 characters, birth date, check digit), after normalising it. */
export function validateIdNumber(input: string, today: Date = new Date()): IdCardResult {
  return checkIdCard(normaliseIdNumber(input), today);
}

/** The same person by ID number: both numbers given and equal once normalised. */
export function sameIdentity(a: string | undefined | null, b: string | undefined | null): boolean {
  if (!a || !b) return false;
  const left = normaliseIdNumber(a);
  return left !== '' && left === normaliseIdNumber(b);
}

type Identity = Pick<MemberDoc, 'id' | 'name' | 'birthDate' | 'idNumber' | 'status'>;

/** Probably one person: same name and birth date, and not two different ID numbers. */
export function likelySamePerson(
  a: Pick<MemberDoc, 'name' | 'birthDate' | 'idNumber'>,
  b: Pick<MemberDoc, 'name' | 'birthDate' | 'idNumber'>,
): boolean {
  if (a.name.trim() !== b.name.trim() || a.birthDate !== b.birthDate) return false;
  return !(a.idNumber && b.idNumber) || sameIdentity(a.idNumber, b.idNumber);
}

/** The person on the record who already has this ID number (other than `except`), or null. */
export function holderOf<T extends Identity>(
  people: readonly T[],
  idNumber: string,
  except?: string,
): T | null {
  return (
    people.find((p) => p.id !== except && onRecord(p) && sameIdentity(p.idNumber, idNumber)) ?? null
  );
}

/** People on the record who are probably this person by name and birth date (other than `except`). */
export function namesakesBornSameDay<T extends Identity>(
  people: readonly T[],
  person: Pick<MemberDoc, 'name' | 'birthDate' | 'idNumber'>,
  except?: string,
): T[] {
  return people.filter((p) => p.id !== except && onRecord(p) && likelySamePerson(p, person));
}

/** Records that are probably one person, and why. */
export interface DuplicateGroup {
  reason: 'idNumber' | 'nameAndBirthDate';
  /** The records' ids, oldest first. */
  ids: string[];
}

/**
 * The likely duplicates among the centre's people: the records on the record that share an ID
 * number, then those with the same name and birth date of which at least one has no ID number.
 */
export function duplicateGroups<T extends Identity & Pick<MemberDoc, 'createdAt'>>(
  people: readonly T[],
): DuplicateGroup[] {
  const live = people
    .filter(onRecord)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const groups: DuplicateGroup[] = [];
  const byId = groupBy(live, (p) => (p.idNumber ? normaliseIdNumber(p.idNumber) : undefined));
  for (const same of byId.values())
    if (same.length > 1) groups.push({ reason: 'idNumber', ids: same.map((p) => p.id) });
  for (const same of groupBy(live, (p) => `${p.name.trim()}|${p.birthDate}`).values()) {
    if (same.length < 2 || same.every((p) => p.idNumber)) continue;
    groups.push({ reason: 'nameAndBirthDate', ids: same.map((p) => p.id) });
  }
  return groups;
}

/** Lists of a person where an item on either record must not be lost (an allergy above all). */
const UNITED = ['allergies', 'diets', 'categories', 'chronicConditions'] as const;

/** What a merge never takes from the other record: its identity, its card, its state. */
const OWN = new Set([
  'id',
  'centreId',
  'createdAt',
  'updatedAt',
  'updatedBy',
  '_deleted',
  '_meta',
  '_rev',
  '_attachments',
  'name',
  'pinyin',
  'initials',
  'cardNo',
  'status',
  'leftOn',
  'leftReason',
  'returnedOn',
  'mergedInto',
]);

const blank = (value: unknown) =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);

/**
 * The kept record after a merge: its own values stay; a field it lacks is filled from the other
 * record; allergies, diets, categories and chronic conditions are the union of both (an allergy
 * on either record is kept). Returns the record and the fields that changed.
 */
export function mergedRecord(
  kept: MemberDoc,
  other: MemberDoc,
): { doc: MemberDoc; filled: string[] } {
  const doc: Record<string, unknown> = { ...kept };
  const filled: string[] = [];
  for (const [key, value] of Object.entries(other)) {
    if (OWN.has(key) || blank(value)) continue;
    if ((UNITED as readonly string[]).includes(key)) {
      const mine = (doc[key] as string[] | undefined) ?? [];
      const union = [...new Set([...mine, ...(value as string[])])];
      if (union.length !== mine.length) {
        doc[key] = union;
        filled.push(key);
      }
    } else if (blank(doc[key])) {
      doc[key] = value;
      filled.push(key);
    }
  }
  return { doc: doc as MemberDoc, filled };
}
