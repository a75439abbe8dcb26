import type { TFunction } from 'i18next';
import { IMPORT_COLUMNS, type ImportVocabulary } from '../../../shared/import/people';
import {
  ABILITY_LEVELS,
  CHILD_CLASSES,
  DIETS,
  ELDER_CATEGORIES,
} from '../../../shared/schemas/members';
import { CONSENT_SCOPES } from '../../../shared/schemas/consents';

/**
 * The template's words in the desk's language: headers and coded values as the desk shows them.
 * The screen builds it and hands it to renderer/data and shared/import, which stay free of i18n.
 */
export function importVocabulary(t: TFunction): ImportVocabulary {
  const words = <K extends string>(codes: readonly K[], word: (code: K) => string) =>
    Object.fromEntries(codes.map((code) => [code, word(code)])) as Record<K, string>;
  return {
    headers: words(IMPORT_COLUMNS, (c) => t(`importer.cols.${c}`)),
    kind: words(['elder', 'child'] as const, (k) => t(`kind.${k}`)),
    gender: words(['M', 'F'] as const, (g) => t(`gender.${g}`)),
    diets: words(DIETS, (d) => t(`diet.${d}`)),
    categories: words(ELDER_CATEGORIES, (c) => t(`category.${c}`)),
    abilityLevels: words(ABILITY_LEVELS, (a) => t(`ability.${a}`)),
    childClasses: words(CHILD_CLASSES, (c) => t(`childClass.${c}`)),
    consentScopes: words(CONSENT_SCOPES, (c) => t(`importer.scopes.${c}`)),
  };
}
