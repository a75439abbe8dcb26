import i18next from 'i18next';
import {
  IMPORT_COLUMNS,
  type ImportVocabulary,
  type ImportedPerson,
} from '../../shared/import/people';
import {
  ABILITY_LEVELS,
  CHILD_CLASSES,
  DIETS,
  ELDER_CATEGORIES,
} from '../../shared/schemas/members';
import type { Desk } from './desk';
import { memberDoc, newCardNo, takenCardNumbers } from './members';
import { requirePermission } from './staff';

/** The template's words in one language: headers and coded values as the desk shows them. */
export function importVocabulary(
  t: (key: string) => string = i18next.t.bind(i18next),
): ImportVocabulary {
  const words = <K extends string>(keys: readonly K[], prefix: string) =>
    Object.fromEntries(keys.map((k) => [k, t(`${prefix}.${k}`)])) as Record<K, string>;
  return {
    headers: words(IMPORT_COLUMNS, 'importer.cols'),
    kind: words(['elder', 'child'] as const, 'kind'),
    gender: words(['M', 'F'] as const, 'gender'),
    diets: words(DIETS, 'diet'),
    categories: words(ELDER_CATEGORIES, 'category'),
    abilityLevels: words(ABILITY_LEVELS, 'ability'),
    childClasses: words(CHILD_CLASSES, 'childClass'),
  };
}

/**
 * Stores checked people. If any write fails, the ones already written are removed again, so a
 * file is imported whole or not at all.
 */
export async function importPeople(desk: Desk, people: readonly ImportedPerson[]): Promise<number> {
  requirePermission(desk, 'importPeople');
  const taken = await takenCardNumbers(desk);
  const at = new Date();
  const docs = people.map((p) => memberDoc(desk, p.member, p.details, newCardNo(taken), at));
  const result = await desk.db.members.bulkInsert(docs);
  if (result.error.length) {
    await desk.db.members.bulkRemove(result.success.map((d) => d.id));
    throw new Error(`importWriteFailed:${result.error.length}`);
  }
  return result.success.length;
}
