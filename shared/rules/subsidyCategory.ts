import type { MemberDoc } from '../schemas/members';
import type { DailyRules } from './dailySettings';
import { ageParts } from './people';

/** Elder categories that make a person one of "the neediest" (docs/DOMAIN.md's ¥15 example). */
export const NEEDIEST_CATEGORIES = ['tekun', 'dibao', 'dibaoEdge'] as const;

/**
 * The subsidy category a meal is served under, copied onto the serving (shared/rules/meals.ts).
 *
 * 1. A category set on the member (`subsidyCategory`, a code of the district's rules) wins, even
 *    one the rules do not name: the claim then lists those meals as not subsidised, so the wrong
 *    code is seen rather than silently claimed at another rate.
 * 2. Otherwise, for elders, derived from the member's record against the codes of the default
 *    rules, the first that the rules in force name: `neediest` for 特困, 低保 and 低保边缘; then
 *    the disability category: the code the rules give the ability level of the elder's latest
 *    assessment (GB/T 42195-2022; `assessment.subsidyCategory` in shared/rules/settings.ts,
 *    `disability` here); `age70` from the 70th birthday; `age65` from the 65th (age on the day
 *    served). An elder never assessed to the standard has no disability category.
 * 3. Children and everyone else: no category (not subsidised).
 *
 * A district that pushes other codes sets each member's `subsidyCategory`; derivation only knows
 * the default codes.
 */
export function subsidyCategoryOf(
  member: Pick<MemberDoc, 'kind' | 'birthDate' | 'categories' | 'subsidyCategory'>,
  day: string,
  subsidies: DailyRules['mealSubsidies'],
  disability?: string,
): string | undefined {
  if (member.subsidyCategory) return member.subsidyCategory;
  if (member.kind !== 'elder') return undefined;
  const named = (code: string) => Object.prototype.hasOwnProperty.call(subsidies, code);
  const needy = (member.categories ?? []).some((c) =>
    (NEEDIEST_CATEGORIES as readonly string[]).includes(c),
  );
  const { years } = ageParts(member.birthDate, day);
  const candidates = [
    ...(needy ? ['neediest'] : []),
    ...(disability ? [disability] : []),
    ...(years >= 70 ? ['age70'] : []),
    ...(years >= 65 ? ['age65'] : []),
  ];
  return candidates.find(named);
}

/**
 * The default rules' subsidy categories in words, as the desk says them (its catalogue's
 * `meals.categoryName`), for what is written outside the apps' catalogues: the district's Excel
 * report. A district's own code has no words here and is written as it is.
 */
export const SUBSIDY_CATEGORY_WORDS = {
  zh: { neediest: '特困/低保/低保边缘', age70: '70 岁以上', age65: '65–69 岁' },
  en: { neediest: 'Neediest (特困/低保)', age70: '70 and over', age65: '65 to 69' },
} as const satisfies Record<'zh' | 'en', Record<string, string>>;

/** A subsidy category's words in `lang`, or the code itself when it is not a default one. */
export function subsidyCategoryWords(code: string, lang: 'zh' | 'en'): string {
  const words: Record<string, string> = SUBSIDY_CATEGORY_WORDS[lang];
  return Object.hasOwn(words, code) ? words[code]! : code;
}
