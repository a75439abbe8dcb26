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
 *    rules, the first that the rules in force name: `neediest` for 特困, 低保 and 低保边缘;
 *    `age70` from the 70th birthday; `age65` from the 65th (age on the day served).
 * 3. Children and everyone else: no category (not subsidised).
 *
 * A district that pushes other codes sets each member's `subsidyCategory`; derivation only knows
 * the default codes.
 */
export function subsidyCategoryOf(
  member: Pick<MemberDoc, 'kind' | 'birthDate' | 'categories' | 'subsidyCategory'>,
  day: string,
  subsidies: DailyRules['mealSubsidies'],
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
    ...(years >= 70 ? ['age70'] : []),
    ...(years >= 65 ? ['age65'] : []),
  ];
  return candidates.find(named);
}
