import { RISK_LEVELS, type RiskLevel } from '../schemas/members';

// The words the rules below are written in; meals.ts and visits.ts export them too.

/**
 * The meals of 助餐. docs/DOMAIN.md names no other meal (no snacks), and the claim rule "at most one meal
 * of each type per person per day" is about these.
 */
export const MEAL_TYPES = ['breakfast', 'lunch', 'dinner'] as const;
export type MealType = (typeof MEAL_TYPES)[number];

/** Contacts with an elder: docs/DOMAIN.md's (a) home visit, phone and video call; (b) doctor rounds. */
export const VISIT_KINDS = ['home', 'phone', 'video', 'doctorRound', 'healthWorker'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

/** How often an elder on the visit list must be visited: every `every` weeks or months. */
export interface VisitFrequency {
  every: number;
  unit: 'week' | 'month';
}

/**
 * The rules of daily operations (docs/DOMAIN.md, "Daily operations" 4 and 5). docs/DOMAIN.md marks these
 * figures configurable: the district pushes them; until it does, a desk uses these defaults. They
 * sit apart from `CentreRules` (settings.ts) so that each has its own defaults and checks.
 */
export interface DailyRules {
  visits: {
    /** The regular visit frequency of each risk level. */
    frequency: Record<RiskLevel, VisitFrequency>;
    /** After an incident, elders of these risk levels are due a visit within this many hours. */
    afterIncidentHours: Partial<Record<RiskLevel, number>>;
    /** The kinds of contact that count as a visit for the visit list (探访关爱). */
    countedKinds: VisitKind[];
  };
  /**
   * Meal subsidy per subsidy category (the code a member's `subsidyCategory` holds), in fen
   * (¥0.01) per meal of each type, so that sums are exact. A meal type a category does not name is
   * not subsidised for it.
   */
  mealSubsidies: Record<string, Partial<Record<MealType, number>>>;
  /** Food-sample retention (食品留样): each dish at least `minGrams`, kept at least `keepHours`. */
  foodSample: { minGrams: number; keepHours: number };
}

const perMeal = (fen: number): Record<MealType, number> => ({
  breakfast: fen,
  lunch: fen,
  dinner: fen,
});

export const DEFAULT_DAILY_RULES: DailyRules = {
  visits: {
    frequency: {
      high: { every: 1, unit: 'week' },
      key: { every: 1, unit: 'month' },
      normal: { every: 3, unit: 'month' },
    },
    afterIncidentHours: { high: 24 },
    countedKinds: ['home', 'phone', 'video'],
  },
  // docs/DOMAIN.md's examples: ¥15 per meal for the neediest, ¥5 for 70+, ¥1 for 65+.
  mealSubsidies: {
    neediest: perMeal(1500),
    age70: perMeal(500),
    age65: perMeal(100),
  },
  foodSample: { minGrams: 125, keepHours: 48 },
};

export type DailyRulesProblem = 'wholeNumber' | 'range' | 'unknown' | 'empty';
export interface DailyRulesError {
  /** A dotted path into DailyRules: `visits.frequency.high.every`, `mealSubsidies.age70.lunch`… */
  field: string;
  problem: DailyRulesProblem;
  min?: number;
  max?: number;
}

/** Checks daily rules a manager typed (or the district sent); every figure within a sane range. */
export function validateDailyRules(
  rules: DailyRules,
): { ok: true; value: DailyRules } | { ok: false; errors: DailyRulesError[] } {
  const errors: DailyRulesError[] = [];
  const whole = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value)) errors.push({ field, problem: 'wholeNumber', min, max });
    else if (value < min || value > max) errors.push({ field, problem: 'range', min, max });
  };
  for (const risk of RISK_LEVELS) {
    const f = rules.visits.frequency[risk];
    const field = `visits.frequency.${risk}`;
    if (f.unit !== 'week' && f.unit !== 'month')
      errors.push({ field: `${field}.unit`, problem: 'unknown' });
    else whole(`${field}.every`, f.every, 1, f.unit === 'week' ? 52 : 12);
  }
  for (const [risk, hours] of Object.entries(rules.visits.afterIncidentHours)) {
    const field = `visits.afterIncidentHours.${risk}`;
    if (!(RISK_LEVELS as readonly string[]).includes(risk))
      errors.push({ field, problem: 'unknown' });
    else if (hours !== undefined) whole(field, hours, 1, 168);
  }
  if (rules.visits.countedKinds.length === 0)
    errors.push({ field: 'visits.countedKinds', problem: 'empty' });
  rules.visits.countedKinds.forEach((kind, i) => {
    if (!VISIT_KINDS.includes(kind))
      errors.push({ field: `visits.countedKinds.${i}`, problem: 'unknown' });
  });
  for (const [category, amounts] of Object.entries(rules.mealSubsidies)) {
    if (category.trim() === '') errors.push({ field: 'mealSubsidies', problem: 'empty' });
    for (const [meal, fen] of Object.entries(amounts)) {
      const field = `mealSubsidies.${category}.${meal}`;
      if (!(MEAL_TYPES as readonly string[]).includes(meal))
        errors.push({ field, problem: 'unknown' });
      else if (fen !== undefined) whole(field, fen, 0, 10_000);
    }
  }
  whole('foodSample.minGrams', rules.foodSample.minGrams, 50, 1000);
  whole('foodSample.keepHours', rules.foodSample.keepHours, 24, 168);
  return errors.length ? { ok: false, errors } : { ok: true, value: rules };
}

/**
 * Stored rules over the defaults: a rule added in a later version gets its default. Stored meal
 * subsidies replace the default categories whole: the district's categories are the only ones.
 */
export function withDailyDefaults(stored: Partial<DailyRules> | undefined): DailyRules {
  return {
    ...DEFAULT_DAILY_RULES,
    ...stored,
    visits: {
      ...DEFAULT_DAILY_RULES.visits,
      ...stored?.visits,
      frequency: { ...DEFAULT_DAILY_RULES.visits.frequency, ...stored?.visits?.frequency },
    },
    foodSample: { ...DEFAULT_DAILY_RULES.foodSample, ...stored?.foodSample },
  };
}
