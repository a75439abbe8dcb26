import { addHours, parseISO } from 'date-fns';
import type { Diet } from '../schemas/members';
import { MEAL_TYPES, type DailyRules, type MealType } from './dailySettings';

export { MEAL_TYPES, type MealType };

/** Eaten at the centre, collected to take home, or delivered to an elder who cannot come (送餐上门). */
export const SERVING_MODES = ['dineIn', 'collected', 'delivered'] as const;
export type ServingMode = (typeof SERVING_MODES)[number];

/** One meal served to one person: an event, one document each. */
export interface MealServing {
  id: string;
  centreId: string;
  memberId: string;
  /** The centre's local day the meal is for, 'yyyy-MM-dd'. */
  day: string;
  mealType: MealType;
  mode: ServingMode;
  /** When it was recorded (ISO timestamp); the earliest of duplicates is the one that counts. */
  servedAt: string;
  servedBy: string;
  /**
   * The person's subsidy category when the meal was served, copied from the member so that a
   * change of category mid-month claims each meal at the rate of its day. Absent: not subsidised.
   */
  subsidyCategory?: string;
}

const mealOrder = (t: MealType) => MEAL_TYPES.indexOf(t);

const earlier = (a: MealServing, b: MealServing) => {
  const d = parseISO(a.servedAt).getTime() - parseISO(b.servedAt).getTime();
  return d < 0 || (d === 0 && a.id < b.id);
};

export interface DuplicateServing {
  serving: MealServing;
  /** The serving of the same person, day and meal type that counts instead. */
  keptId: string;
}

/**
 * At most one meal of each type per person per day counts (docs/DOMAIN.md): the earliest served (by
 * `servedAt`, then id, so every desk picks the same one). The rest are duplicates.
 */
export function splitDuplicates(servings: readonly MealServing[]): {
  counted: MealServing[];
  duplicates: DuplicateServing[];
} {
  const first = new Map<string, MealServing>();
  for (const s of servings) {
    const key = `${s.memberId}|${s.day}|${s.mealType}`;
    const kept = first.get(key);
    if (!kept || earlier(s, kept)) first.set(key, s);
  }
  const counted: MealServing[] = [];
  const duplicates: DuplicateServing[] = [];
  for (const s of servings) {
    const kept = first.get(`${s.memberId}|${s.day}|${s.mealType}`)!;
    if (kept === s) counted.push(s);
    else duplicates.push({ serving: s, keptId: kept.id });
  }
  return { counted, duplicates };
}

export interface MealCount {
  day: string;
  mealType: MealType;
  /** null: no subsidy category. */
  subsidyCategory: string | null;
  /** Meals that count (one per person), and of them how many of each mode. */
  count: number;
  byMode: Record<ServingMode, number>;
  /** Further servings of the same meal to the same people, not counted. */
  duplicates: number;
}

/** Meals per day, meal type and subsidy category, in day and meal order. */
export function countMeals(servings: readonly MealServing[]): MealCount[] {
  const { counted, duplicates } = splitDuplicates(servings);
  const rows = new Map<string, MealCount>();
  const row = (s: MealServing) => {
    const subsidyCategory = s.subsidyCategory ?? null;
    const key = `${s.day}|${s.mealType}|${subsidyCategory ?? ''}`;
    let r = rows.get(key);
    if (!r) {
      r = {
        day: s.day,
        mealType: s.mealType,
        subsidyCategory,
        count: 0,
        byMode: { dineIn: 0, collected: 0, delivered: 0 },
        duplicates: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const s of counted) {
    const r = row(s);
    r.count++;
    r.byMode[s.mode]++;
  }
  for (const d of duplicates) row(d.serving).duplicates++;
  return [...rows.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      mealOrder(a.mealType) - mealOrder(b.mealType) ||
      (a.subsidyCategory ?? '').localeCompare(b.subsidyCategory ?? ''),
  );
}

/** The subsidy of one meal in fen, or null when the category does not subsidise this meal type. */
export function subsidyFor(
  subsidies: DailyRules['mealSubsidies'],
  subsidyCategory: string | undefined,
  mealType: MealType,
): number | null {
  if (subsidyCategory === undefined) return null;
  return subsidies[subsidyCategory]?.[mealType] ?? null;
}

export type ExclusionReason =
  /** Another meal of this type was already served to the person that day. */
  | 'duplicate'
  /** The person had no subsidy category when served. */
  | 'noCategory'
  /** The person's category is not in the rules, or does not subsidise this meal type. */
  | 'notSubsidised';

export interface ExcludedServing {
  servingId: string;
  memberId: string;
  day: string;
  mealType: MealType;
  subsidyCategory: string | null;
  reason: ExclusionReason;
  /** For a duplicate, the serving that counts instead. */
  keptId?: string;
}

export interface CategoryClaim {
  subsidyCategory: string;
  count: number;
  amountFen: number;
  byMealType: Record<MealType, { count: number; amountFen: number }>;
}

export interface MealClaim {
  /** 'yyyy-MM'. */
  month: string;
  categories: CategoryClaim[];
  count: number;
  amountFen: number;
  excluded: ExcludedServing[];
}

/**
 * The monthly meal subsidy claim: meals served on the month's days, one per person, day and meal
 * type, at the rate of the subsidy category each meal was served under, by the rules in force on
 * the day it was served (`subsidies` a function of the day when the rules changed in the month:
 * shared/rules/ruleVersions.ts). Every serving of the month that is not claimed is listed with why.
 */
export function mealClaim(
  servings: readonly MealServing[],
  subsidies: DailyRules['mealSubsidies'] | ((day: string) => DailyRules['mealSubsidies']),
  month: string,
): MealClaim {
  const subsidiesOn = typeof subsidies === 'function' ? subsidies : () => subsidies;
  const inMonth = servings.filter((s) => s.day.startsWith(`${month}-`));
  const { counted, duplicates } = splitDuplicates(inMonth);
  const excluded: ExcludedServing[] = duplicates.map(({ serving: s, keptId }) => ({
    servingId: s.id,
    memberId: s.memberId,
    day: s.day,
    mealType: s.mealType,
    subsidyCategory: s.subsidyCategory ?? null,
    reason: 'duplicate',
    keptId,
  }));
  const categories = new Map<string, CategoryClaim>();
  for (const s of counted) {
    const fen = subsidyFor(subsidiesOn(s.day), s.subsidyCategory, s.mealType);
    if (s.subsidyCategory === undefined || fen === null) {
      excluded.push({
        servingId: s.id,
        memberId: s.memberId,
        day: s.day,
        mealType: s.mealType,
        subsidyCategory: s.subsidyCategory ?? null,
        reason: s.subsidyCategory === undefined ? 'noCategory' : 'notSubsidised',
      });
      continue;
    }
    let c = categories.get(s.subsidyCategory);
    if (!c) {
      c = {
        subsidyCategory: s.subsidyCategory,
        count: 0,
        amountFen: 0,
        byMealType: {
          breakfast: { count: 0, amountFen: 0 },
          lunch: { count: 0, amountFen: 0 },
          dinner: { count: 0, amountFen: 0 },
        },
      };
      categories.set(s.subsidyCategory, c);
    }
    c.count++;
    c.amountFen += fen;
    c.byMealType[s.mealType].count++;
    c.byMealType[s.mealType].amountFen += fen;
  }
  const list = [...categories.values()].sort((a, b) =>
    a.subsidyCategory.localeCompare(b.subsidyCategory),
  );
  excluded.sort(
    (a, b) =>
      a.day.localeCompare(b.day) ||
      mealOrder(a.mealType) - mealOrder(b.mealType) ||
      a.memberId.localeCompare(b.memberId) ||
      a.servingId.localeCompare(b.servingId),
  );
  return {
    month,
    categories: list,
    count: list.reduce((n, c) => n + c.count, 0),
    amountFen: list.reduce((n, c) => n + c.amountFen, 0),
    excluded,
  };
}

/** A dish on the day's menu. */
export interface Dish {
  name: string;
  /** What it contains that people are allergic to ("花生", "虾"…); absent when nobody recorded it. */
  allergens?: string[];
  /** The special diets it suits. */
  suits?: Diet[];
}

export type ServingWarning =
  | { kind: 'allergy'; dish: string; allergy: string; allergen: string }
  /** The person has allergies and nobody recorded what the dish contains. */
  | { kind: 'allergensUnknown'; dish: string; allergies: string[] }
  /**
   * The dish is not marked as suiting one of the person's diets; with no menu (dish ''), a
   * reminder of the diet for the whole meal.
   */
  | { kind: 'diet'; dish: string; diet: Diet }
  /** The person checked out today (at `at`) and has not come back: served all the same? */
  | { kind: 'checkedOut'; dish: ''; at: string };

/**
 * What to warn of when no menu was entered for the meal (dish ''): allergies cannot be checked
 * (`allergensUnknown`), and each special diet is a reminder (a low-salt, soft or diabetic diet
 * needs its meal whatever the menu says) — issue 15, point 6.
 */
export function noMenuWarnings(person: {
  allergies?: readonly string[];
  diets?: readonly Diet[];
}): ServingWarning[] {
  return servingWarnings(person, [{ name: '' }]);
}

/**
 * A meal eaten at the centre by someone who checked out today and has not come back is likely a
 * mistake (the wrong person picked, or the meal not theirs): asked before it is written. Their
 * visits of the day in; null when they are in, or never came (a delivered or collected meal is
 * not asked about).
 */
export function checkedOutWarning(
  visits: readonly { status?: 'in' | 'out'; checkOutAt?: string; cancelled?: boolean }[],
): ServingWarning | null {
  const real = visits.filter((v) => !v.cancelled);
  if (real.length === 0 || real.some((v) => v.status === 'in')) return null;
  const last = real
    .map((v) => v.checkOutAt ?? '')
    .sort()
    .at(-1);
  return last ? { kind: 'checkedOut', dish: '', at: last } : null;
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * What to warn of when serving these dishes to a person (docs/DOMAIN.md: special diets and allergies
 * warn at serving time). An allergy matches an allergen when either contains the other ("花生"
 * matches "花生酱"), erring towards a warning: a needless warning costs a glance, a missed one a
 * child's health.
 */
export function servingWarnings(
  person: { allergies?: readonly string[]; diets?: readonly Diet[] },
  dishes: readonly Dish[],
): ServingWarning[] {
  const allergies = (person.allergies ?? []).map((a) => a.trim()).filter((a) => a !== '');
  const warnings: ServingWarning[] = [];
  for (const dish of dishes) {
    if (allergies.length && dish.allergens === undefined)
      warnings.push({ kind: 'allergensUnknown', dish: dish.name, allergies });
    for (const allergy of allergies)
      for (const allergen of dish.allergens ?? []) {
        const [a, b] = [norm(allergy), norm(allergen)];
        if (b !== '' && (a.includes(b) || b.includes(a)))
          warnings.push({ kind: 'allergy', dish: dish.name, allergy, allergen });
      }
    for (const diet of new Set(person.diets ?? []))
      if (!dish.suits?.includes(diet)) warnings.push({ kind: 'diet', dish: dish.name, diet });
  }
  return warnings;
}

/** A food sample kept from one dish (食品留样): dish, amount, time and who took it. */
export interface FoodSample {
  id: string;
  centreId: string;
  day: string;
  mealType: MealType;
  dish: string;
  grams: number;
  /** When it was taken (ISO timestamp). */
  takenAt: string;
  takenBy: string;
  discardedAt?: string;
  discardedBy?: string;
}

/** The instant (ISO, UTC) before which a sample must not be discarded. */
export function keepUntil(sample: FoodSample, rules: DailyRules['foodSample']): string {
  return addHours(parseISO(sample.takenAt), rules.keepHours).toISOString();
}

export interface SampleReminders {
  /** Kept long enough and not yet discarded: may go now. */
  discardable: { sample: FoodSample; keepUntil: string }[];
  /** Still kept but lighter than the minimum: the record to correct, the next sample to weigh right. */
  underWeight: { sample: FoodSample; shortBy: number }[];
  /** Discarded before their keep-until time. */
  discardedEarly: { sample: FoodSample; keepUntil: string }[];
}

/** The food-sample reminders at `now` (ISO timestamp), oldest sample first in each list. */
export function sampleReminders(
  samples: readonly FoodSample[],
  rules: DailyRules['foodSample'],
  now: string,
): SampleReminders {
  const at = parseISO(now).getTime();
  const sorted = [...samples].sort(
    (a, b) =>
      parseISO(a.takenAt).getTime() - parseISO(b.takenAt).getTime() || a.id.localeCompare(b.id),
  );
  const out: SampleReminders = { discardable: [], underWeight: [], discardedEarly: [] };
  for (const sample of sorted) {
    const until = keepUntil(sample, rules);
    const untilMs = parseISO(until).getTime();
    if (sample.discardedAt === undefined) {
      if (at >= untilMs) out.discardable.push({ sample, keepUntil: until });
      if (sample.grams < rules.minGrams)
        out.underWeight.push({ sample, shortBy: rules.minGrams - sample.grams });
    } else if (parseISO(sample.discardedAt).getTime() < untilMs)
      out.discardedEarly.push({ sample, keepUntil: until });
  }
  return out;
}

/** The day's menu of one meal. */
export interface MenuMeal {
  day: string;
  mealType: MealType;
  dishes: Dish[];
}

/** Dishes on the menu with no sample kept ("each dish", docs/DOMAIN.md), in day and meal order. */
export function missingSamples(
  menus: readonly MenuMeal[],
  samples: readonly FoodSample[],
): { day: string; mealType: MealType; dish: string }[] {
  const kept = new Set(samples.map((s) => `${s.day}|${s.mealType}|${norm(s.dish)}`));
  return menus
    .flatMap((m) => m.dishes.map((d) => ({ day: m.day, mealType: m.mealType, dish: d.name })))
    .filter((d) => !kept.has(`${d.day}|${d.mealType}|${norm(d.dish)}`))
    .sort((a, b) => a.day.localeCompare(b.day) || mealOrder(a.mealType) - mealOrder(b.mealType));
}

/** The meal whose time it is at `now` (local clock): breakfast until 10:00, lunch until 15:00. */
export function mealAt(now: Date): MealType {
  const minutes = now.getHours() * 60 + now.getMinutes();
  return minutes < 10 * 60 ? 'breakfast' : minutes < 15 * 60 ? 'lunch' : 'dinner';
}

/** A dish as the menu form edits it: the allergens as typed text ("花生、小麦", "无" for none). */
export interface DishDraft {
  name: string;
  allergens: string;
  suits: Diet[];
}

/** The words that record a dish as free of the common allergens (not "nobody recorded it"). */
const NO_ALLERGENS = ['无', 'none'];

export const emptyDishDraft = (): DishDraft => ({ name: '', allergens: '', suits: [] });

export function dishDraft(dish: Dish): DishDraft {
  return {
    name: dish.name,
    allergens:
      dish.allergens === undefined ? '' : dish.allergens.length ? dish.allergens.join('、') : '无',
    suits: dish.suits ?? [],
  };
}

/**
 * The dish a draft describes. An empty allergen field leaves the allergens unknown (a warning for
 * the allergic); "无"/"none" records that the dish has none; anything else is split into a list.
 */
export function dishOfDraft(draft: DishDraft): Dish {
  const list = draft.allergens
    .split(/[、,，;；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  const none = list.length > 0 && list.every((a) => NO_ALLERGENS.includes(a.toLowerCase()));
  return {
    name: draft.name.trim(),
    ...(list.length ? { allergens: none ? [] : list } : {}),
    ...(draft.suits.length ? { suits: draft.suits } : {}),
  };
}

/**
 * The moment a delivery was handed over, from the time typed on the delivery list ("12:05", "9:05"
 * or with a Chinese colon "12：05") on the meal's `day`; null when the text is not a time of day.
 */
export function deliveredAtOf(day: string, typed: string): Date | null {
  const hhmm = /^([01]?\d|2[0-3])[:：]([0-5]\d)$/.exec(typed.trim());
  if (!hhmm) return null;
  return new Date(`${day}T${hhmm[1]!.padStart(2, '0')}:${hhmm[2]}:00`);
}
