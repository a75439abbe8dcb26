/**
 * The rules form's figures and what it publishes (pure, so it is tested without a browser): the
 * form shows every rule with its value in force; only what differs from the default, or what the
 * district set before, is sent, so the rest stays each centre's own. Subsidies are typed in yuan
 * and sent in fen.
 */
import {
  DEFAULT_DAILY_RULES,
  MEAL_TYPES,
  withDailyDefaults,
  type DailyRules,
  type MealType,
  type VisitFrequency,
} from '../shared/rules/dailySettings';
import { normaliseNumber, readNumber } from '../shared/rules/numbers';
import { versionOn, versionsOf } from '../shared/rules/ruleVersions';
import {
  DEFAULT_RULES,
  VITAL_RANGES,
  withDefaults,
  type AssessmentRules,
  type CentreRules,
  type VitalThresholds,
} from '../shared/rules/settings';
import type { RiskLevel } from '../shared/schemas/members';
import { CHILD_CLASSES } from '../shared/schemas/members';
import type { PublishedDoc } from '../server/district/types';

export interface SubsidyRow {
  code: string;
  breakfast: string;
  lunch: string;
  dinner: string;
}

export interface RulesValues {
  title: string;
  text: string;
  /** The first day the rules are in force (YYYY-MM-DD): meals before it keep the earlier rates. */
  effectiveFrom: string;
  vitals: VitalThresholds;
  ratioLimits: CentreRules['ratioLimits'];
  childrenExpectedBy: string;
  closingTime: string;
  outbreak: { sameDay: number; windowDays: number; inWindow: number };
  clusters: CentreRules['clusters'];
  feverFrom: number;
  pinMaxFailures: number;
  pinLockMinutes: number;
  idleLockMinutes: number;
  certificateWarnDays: number;
  subsidies: SubsidyRow[];
  frequency: Record<RiskLevel, VisitFrequency>;
  afterIncidentHigh: number;
  foodSample: DailyRules['foodSample'];
  /** Ability assessment (GB/T 42195-2022): intervals, and what each level sets. */
  assessment: AssessmentRules;
  /** Children's growth: WS/T 423—2022 or, as a district option, the WHO 2006 standards. */
  growthStandard: CentreRules['growthStandard'];
}

/** A numeric rule: its form path, its range, and its step when it need not be whole. */
export interface NumberRule {
  path: string;
  min: number;
  max: number;
  step?: number;
}
/** The centre rules' numbers. */
export const NUMBER_RULES: NumberRule[] = [
  ...CHILD_CLASSES.map((c) => ({ path: `ratioLimits.${c}`, min: 1, max: 40 })),
  { path: 'outbreak.sameDay', min: 2, max: 50 },
  { path: 'outbreak.windowDays', min: 1, max: 14 },
  { path: 'outbreak.inWindow', min: 2, max: 100 },
  { path: 'clusters.windowDays', min: 1, max: 14 },
  { path: 'clusters.township', min: 2, max: 200 },
  { path: 'clusters.district', min: 2, max: 1000 },
  { path: 'feverFrom', min: 37, max: 38.5, step: 0.1 },
  { path: 'pinMaxFailures', min: 3, max: 10 },
  { path: 'pinLockMinutes', min: 1, max: 1440 },
  { path: 'idleLockMinutes', min: 1, max: 60 },
  { path: 'certificateWarnDays', min: 1, max: 180 },
  { path: 'assessment.everyMonths', min: 1, max: 12 },
  { path: 'assessment.afterChangeMonths', min: 1, max: 12 },
  { path: 'assessment.warnDays', min: 1, max: 90 },
  ...Object.entries(VITAL_RANGES).map(([key, range]) => ({ path: `vitals.${key}`, ...range })),
];
/** The blood pressure and blood sugar thresholds, in the form's order. */
export const VITAL_KEYS = Object.keys(VITAL_RANGES) as (keyof VitalThresholds)[];
/** The daily rules' whole numbers (published under `daily.`, see settingsToPublish). */
export const DAILY_NUMBER_RULES: NumberRule[] = [
  { path: 'afterIncidentHigh', min: 1, max: 168 },
  { path: 'foodSample.minGrams', min: 50, max: 1000 },
  { path: 'foodSample.keepHours', min: 24, max: 168 },
];
export const TIME_RULES = ['childrenExpectedBy', 'closingTime'] as const;
export const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function get(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}
export function set(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]!] = value;
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export const yuan = (fen: number | undefined) =>
  fen === undefined ? '' : (fen / 100).toFixed(2).replace(/\.00$/, '');
/** Yuan as typed (a decimal comma too: shared/rules/numbers.ts) in fen. */
export const fen = (text: string) => Math.round((readNumber(text) ?? Number.NaN) * 100);
const YUAN = /^\d{1,3}(\.\d{1,2})?$/;
/** A subsidy as typed: empty (none), or yuan with at most two decimals, up to 100. */
export function isYuan(text: string): boolean {
  const normal = normaliseNumber(text);
  return text.trim() === '' || (normal !== null && YUAN.test(normal) && Number(normal) <= 100);
}

export function subsidyRows(subsidies: DailyRules['mealSubsidies']): SubsidyRow[] {
  return Object.entries(subsidies).map(([code, perMeal]) => ({
    code,
    breakfast: yuan(perMeal.breakfast),
    lunch: yuan(perMeal.lunch),
    dinner: yuan(perMeal.dinner),
  }));
}

export function subsidiesOf(rows: SubsidyRow[]): DailyRules['mealSubsidies'] {
  const out: DailyRules['mealSubsidies'] = {};
  for (const row of rows) {
    const perMeal: Partial<Record<MealType, number>> = {};
    for (const meal of MEAL_TYPES) if (row[meal].trim() !== '') perMeal[meal] = fen(row[meal]);
    out[row.code.trim()] = perMeal;
  }
  return out;
}

/** Today as YYYY-MM-DD on this computer: the default effective date. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The settings of the rules in force on `today`: of the document's dated versions
 * (shared/rules/ruleVersions.ts), the one that took effect last; a document from before versions
 * is its own settings. What the form shows as 现行, and what "set before" means for publishing.
 */
export function settingsInForce(
  rules: PublishedDoc | null,
  today = localToday(),
): Record<string, unknown> {
  if (!rules) return {};
  return (versionOn(versionsOf(rules), today)?.settings ?? {}) as Record<string, unknown>;
}

export function initialValues(rules: PublishedDoc | null, today = localToday()): RulesValues {
  const settings = settingsInForce(rules, today) as Partial<CentreRules> & {
    daily?: Partial<DailyRules>;
  };
  const c = withDefaults(settings);
  const d = withDailyDefaults(settings.daily);
  return {
    title: rules?.title ?? '',
    text: rules?.text ?? '',
    effectiveFrom: today,
    vitals: c.vitals,
    ratioLimits: c.ratioLimits,
    childrenExpectedBy: c.childrenExpectedBy,
    closingTime: c.closingTime,
    outbreak: {
      sameDay: c.outbreak.sameDay,
      windowDays: c.outbreak.windowDays,
      inWindow: c.outbreak.inWindow,
    },
    clusters: c.clusters,
    feverFrom: c.feverFrom,
    pinMaxFailures: c.pinMaxFailures,
    pinLockMinutes: c.pinLockMinutes,
    idleLockMinutes: c.idleLockMinutes,
    certificateWarnDays: c.certificateWarnDays,
    subsidies: subsidyRows(d.mealSubsidies),
    frequency: d.visits.frequency,
    afterIncidentHigh: d.visits.afterIncidentHours.high ?? 24,
    foodSample: d.foodSample,
    assessment: c.assessment,
    growthStandard: c.growthStandard,
  };
}

/**
 * What to publish: each setting that differs from the default, or that the district set before
 * (so that setting it back to the default is published too). The rest stays each centre's own.
 */
export function settingsToPublish(values: RulesValues, before: Record<string, unknown>) {
  const settings: Record<string, unknown> = {};
  for (const path of [...NUMBER_RULES.map((r) => r.path), ...TIME_RULES]) {
    const value = get(values, path);
    if (!same(value, get(DEFAULT_RULES, path)) || get(before, path) !== undefined)
      set(settings, path, value);
  }
  // What each ability level sets (shared/rules/settings.ts `assessment`): whole maps, as the daily ones.
  for (const key of ['visitRisk', 'subsidyCategory'] as const) {
    const path = `assessment.${key}`;
    const value = { ...values.assessment[key] };
    if (key === 'subsidyCategory')
      for (const [level, code] of Object.entries(value))
        value[level as never] = code.trim() as never;
    if (!same(value, DEFAULT_RULES.assessment[key]) || get(before, path) !== undefined)
      set(settings, path, value);
  }
  // The growth standard the desks evaluate children against (shared/rules/growth/evaluate.ts).
  if (
    values.growthStandard !== DEFAULT_RULES.growthStandard ||
    get(before, 'growthStandard') !== undefined
  )
    settings.growthStandard = values.growthStandard;
  const daily: [string, unknown, unknown][] = [
    ['mealSubsidies', subsidiesOf(values.subsidies), DEFAULT_DAILY_RULES.mealSubsidies],
    ['visits.frequency', values.frequency, DEFAULT_DAILY_RULES.visits.frequency],
    [
      'visits.afterIncidentHours',
      { ...DEFAULT_DAILY_RULES.visits.afterIncidentHours, high: values.afterIncidentHigh },
      DEFAULT_DAILY_RULES.visits.afterIncidentHours,
    ],
    ['foodSample', values.foodSample, DEFAULT_DAILY_RULES.foodSample],
  ];
  for (const [path, value, fallback] of daily) {
    if (!same(value, fallback) || get(before, `daily.${path}`) !== undefined)
      set(settings, `daily.${path}`, value);
  }
  return settings;
}

/** A server field (`settings.daily.mealSubsidies.age70.lunch`) as this form's field name. */
export function rulesFieldOf(values: RulesValues) {
  return (serverField: string): string | null => {
    const path = serverField.replace(/^settings\./, '');
    if (
      NUMBER_RULES.some((r) => r.path === path) ||
      (TIME_RULES as readonly string[]).includes(path)
    )
      return path;
    const meal = /^daily\.mealSubsidies\.([^.]+)\.(\w+)$/.exec(path);
    if (meal) {
      const i = values.subsidies.findIndex((s) => s.code.trim() === meal[1]);
      return i >= 0 ? `subsidies.${i}.${meal[2]}` : null;
    }
    const freq = /^daily\.visits\.frequency\.(\w+)\.(every|unit)$/.exec(path);
    if (freq) return `frequency.${freq[1]}.${freq[2]}`;
    if (path === 'daily.visits.afterIncidentHours.high') return 'afterIncidentHigh';
    if (path.startsWith('daily.foodSample.')) return path.slice('daily.'.length);
    if (/^assessment\.(visitRisk|subsidyCategory)\.\w+$/.test(path)) return path;
    if (path === 'title') return 'title';
    if (path === 'effectiveFrom') return 'effectiveFrom';
    return null;
  };
}
