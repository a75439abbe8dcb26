import {
  ABILITY_LEVELS,
  RISK_LEVELS,
  type AbilityLevel,
  type ChildClass,
  type RiskLevel,
} from '../schemas/members';
import type { Symptom } from '../schemas/absences';
import { GROWTH_STANDARDS, type GrowthStandard } from './growth/evaluate';

/**
 * The rules a centre works by. docs/DOMAIN.md marks these figures configurable: the district pushes
 * them (district issue); until it does, a desk uses these defaults.
 */
export interface CentreRules {
  /** Most children per staff member in each class (托育机构设置标准: 1:3, 1:5, 1:7). */
  ratioLimits: Record<ChildClass, number>;
  /** Children not in by this local time (HH:mm) are listed as absent. */
  childrenExpectedBy: string;
  /** When the centre closes (HH:mm): anyone still checked in is listed for the closing sweep. */
  closingTime: string;
  /** Outbreak rule: cases of similar symptoms in one class… */
  outbreak: {
    symptoms: Symptom[];
    /** …on one day… */
    sameDay: number;
    /** …or over this many consecutive days… */
    windowDays: number;
    /** …at least this many. */
    inWindow: number;
  };
  /**
   * The district's cluster rule across centres (./districtOutbreak.ts): at least `township` children
   * of one township's centres, or `district` of the whole district's, with the same symptom (of
   * `outbreak.symptoms`) over `windowDays` days. Decided by the district only; a desk ignores it.
   * The defaults are a starting point for the district's own choice, not a national figure.
   */
  clusters: { windowDays: number; township: number; district: number };
  /** A temperature at or above this (°C) is a fever at the morning check. */
  feverFrom: number;
  /** When an elder's blood pressure or blood sugar is flagged for follow-up (shared/rules/alerts.ts). */
  vitals: VitalThresholds;
  /** Staff PIN: failed tries before the PIN locks, and for how long. */
  pinMaxFailures: number;
  pinLockMinutes: number;
  /** The desk locks after this many idle minutes. */
  idleLockMinutes: number;
  /** Certificates are flagged this many days before they expire. */
  certificateWarnDays: number;
  /**
   * What scanning the card of someone already in the building does: check them out at once
   * (`toggle`, 扫码签到/签退) or ask "签退？" first (`ask`). A child always goes through the
   * pick-up check.
   */
  scanAgain: ScanAgain;
  /** Children's growth: WS/T 423—2022 (`wst423`) or the WHO 2006 standards (`who2006`), a district choice. */
  growthStandard: GrowthStandard;
  /** Elder capability assessment (GB/T 42195-2022, shared/rules/assessment.ts). */
  assessment: AssessmentRules;
}

/**
 * What the ability level of an elder's latest assessment drives, and when they are reassessed.
 * GB/T 42195-2022 asks for a periodic assessment at least every 12 months and one at once after a
 * change in condition; the rest are the district's choice.
 */
export interface AssessmentRules {
  /** Months between periodic assessments. */
  everyMonths: number;
  /** Months until the next assessment after one made because the condition changed (sooner). */
  afterChangeMonths: number;
  /** Reassessments are listed as due this many days ahead. */
  warnDays: number;
  /** The visit-list risk each level puts the elder at ('none': the level does not list them). */
  visitRisk: Record<AbilityLevel, RiskLevel | 'none'>;
  /**
   * The meal subsidy category (a code of the daily rules' `mealSubsidies`) an elder of each level
   * is served under ('' for none): the disability category (shared/rules/subsidyCategory.ts).
   */
  subsidyCategory: Record<AbilityLevel, string>;
}

export const DEFAULT_ASSESSMENT_RULES: AssessmentRules = {
  everyMonths: 12,
  afterChangeMonths: 3,
  warnDays: 30,
  visitRisk: { intact: 'none', mild: 'normal', moderate: 'key', severe: 'high', total: 'high' },
  subsidyCategory: {
    intact: '',
    mild: '',
    moderate: 'neediest',
    severe: 'neediest',
    total: 'neediest',
  },
};

/**
 * Blood pressure (mmHg) and blood sugar (mmol/L) thresholds. The defaults follow the national
 * guidance: 中国高血压防治指南（2018年修订版）— hypertension at systolic ≥140 or diastolic ≥90,
 * grade 3 (severe) at ≥180 or ≥110; low blood pressure below 90/60. 中国2型糖尿病防治指南（2020年版）—
 * fasting plasma glucose ≥7.0, random (or 2 h after a meal) ≥11.1 diagnostic of diabetes;
 * hypoglycaemia below 3.9.
 */
export interface VitalThresholds {
  systolicHigh: number;
  diastolicHigh: number;
  systolicSevere: number;
  diastolicSevere: number;
  systolicLow: number;
  diastolicLow: number;
  fastingHigh: number;
  randomHigh: number;
  sugarLow: number;
}

export const DEFAULT_VITALS: VitalThresholds = {
  systolicHigh: 140,
  diastolicHigh: 90,
  systolicSevere: 180,
  diastolicSevere: 110,
  systolicLow: 90,
  diastolicLow: 60,
  fastingHigh: 7.0,
  randomHigh: 11.1,
  sugarLow: 3.9,
};

/** Each threshold's sane range, and whether it is whole (mmHg) or one decimal (mmol/L). */
export const VITAL_RANGES: Record<
  keyof VitalThresholds,
  { min: number; max: number; step?: number }
> = {
  systolicHigh: { min: 120, max: 180 },
  diastolicHigh: { min: 70, max: 110 },
  systolicSevere: { min: 150, max: 240 },
  diastolicSevere: { min: 90, max: 140 },
  systolicLow: { min: 70, max: 110 },
  diastolicLow: { min: 40, max: 70 },
  fastingHigh: { min: 5.6, max: 10, step: 0.1 },
  randomHigh: { min: 7.8, max: 16.7, step: 0.1 },
  sugarLow: { min: 2.8, max: 5, step: 0.1 },
};

export const SCAN_AGAIN = ['toggle', 'ask'] as const;
export type ScanAgain = (typeof SCAN_AGAIN)[number];

export const DEFAULT_RULES: CentreRules = {
  ratioLimits: { infant: 3, toddler: 5, older: 7, preschool: 15 },
  childrenExpectedBy: '09:30',
  closingTime: '17:30',
  outbreak: {
    symptoms: ['fever', 'rash', 'diarrhoea', 'vomiting', 'jaundice'],
    sameDay: 3,
    windowDays: 3,
    inWindow: 5,
  },
  clusters: { windowDays: 7, township: 10, district: 20 },
  feverFrom: 37.3,
  vitals: DEFAULT_VITALS,
  pinMaxFailures: 5,
  pinLockMinutes: 15,
  idleLockMinutes: 5,
  certificateWarnDays: 30,
  scanAgain: 'toggle',
  growthStandard: 'wst423',
  assessment: DEFAULT_ASSESSMENT_RULES,
};

export type RulesProblem = 'wholeNumber' | 'range' | 'timeFormat' | 'unknown';
export interface RulesError {
  /** A dotted path into CentreRules: `ratioLimits.toddler`, `outbreak.sameDay`… */
  field: string;
  problem: RulesProblem;
  min?: number;
  max?: number;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks rules a manager typed (or the district sent); every figure within a sane range. */
export function validateRules(
  rules: CentreRules,
): { ok: true; value: CentreRules } | { ok: false; errors: RulesError[] } {
  const errors: RulesError[] = [];
  const whole = (field: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value)) errors.push({ field, problem: 'wholeNumber', min, max });
    else if (value < min || value > max) errors.push({ field, problem: 'range', min, max });
  };
  for (const [cls, limit] of Object.entries(rules.ratioLimits))
    whole(`ratioLimits.${cls}`, limit, 1, 40);
  for (const field of ['childrenExpectedBy', 'closingTime'] as const)
    if (!TIME.test(rules[field])) errors.push({ field, problem: 'timeFormat' });
  whole('outbreak.sameDay', rules.outbreak.sameDay, 2, 50);
  whole('outbreak.windowDays', rules.outbreak.windowDays, 1, 14);
  whole('outbreak.inWindow', rules.outbreak.inWindow, 2, 100);
  whole('clusters.windowDays', rules.clusters.windowDays, 1, 14);
  whole('clusters.township', rules.clusters.township, 2, 200);
  whole('clusters.district', rules.clusters.district, 2, 1000);
  if (!(rules.feverFrom >= 37 && rules.feverFrom <= 38.5))
    errors.push({ field: 'feverFrom', problem: 'range', min: 37, max: 38.5 });
  for (const [key, range] of Object.entries(VITAL_RANGES)) {
    const field = `vitals.${key}`;
    const value = rules.vitals[key as keyof VitalThresholds];
    if (range.step) {
      if (!(typeof value === 'number' && value >= range.min && value <= range.max))
        errors.push({ field, problem: 'range', min: range.min, max: range.max });
    } else whole(field, value, range.min, range.max);
  }
  const v = rules.vitals;
  if (v.systolicSevere <= v.systolicHigh)
    errors.push({
      field: 'vitals.systolicSevere',
      problem: 'range',
      min: v.systolicHigh + 1,
      max: 240,
    });
  if (v.diastolicSevere <= v.diastolicHigh)
    errors.push({
      field: 'vitals.diastolicSevere',
      problem: 'range',
      min: v.diastolicHigh + 1,
      max: 140,
    });
  whole('pinMaxFailures', rules.pinMaxFailures, 3, 10);
  whole('pinLockMinutes', rules.pinLockMinutes, 1, 1440);
  whole('idleLockMinutes', rules.idleLockMinutes, 1, 60);
  whole('certificateWarnDays', rules.certificateWarnDays, 1, 180);
  if (!(SCAN_AGAIN as readonly string[]).includes(rules.scanAgain))
    errors.push({ field: 'scanAgain', problem: 'unknown' });
  if (!(GROWTH_STANDARDS as readonly string[]).includes(rules.growthStandard))
    errors.push({ field: 'growthStandard', problem: 'unknown' });
  const a = rules.assessment;
  whole('assessment.everyMonths', a.everyMonths, 1, 12);
  whole('assessment.afterChangeMonths', a.afterChangeMonths, 1, a.everyMonths);
  whole('assessment.warnDays', a.warnDays, 1, 90);
  for (const level of ABILITY_LEVELS) {
    const risk = a.visitRisk[level];
    if (risk !== 'none' && !(RISK_LEVELS as readonly string[]).includes(risk))
      errors.push({ field: `assessment.visitRisk.${level}`, problem: 'unknown' });
    if (typeof a.subsidyCategory[level] !== 'string' || a.subsidyCategory[level].length > 40)
      errors.push({ field: `assessment.subsidyCategory.${level}`, problem: 'unknown' });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: rules };
}

/** Stored rules over the defaults: a rule added in a later version gets its default. */
export function withDefaults(stored: Partial<CentreRules> | undefined): CentreRules {
  return {
    ...DEFAULT_RULES,
    ...stored,
    ratioLimits: { ...DEFAULT_RULES.ratioLimits, ...stored?.ratioLimits },
    outbreak: { ...DEFAULT_RULES.outbreak, ...stored?.outbreak },
    clusters: { ...DEFAULT_RULES.clusters, ...stored?.clusters },
    vitals: { ...DEFAULT_RULES.vitals, ...stored?.vitals },
    assessment: assessmentRules(stored?.assessment),
  };
}

const assessmentRules = (...layers: (Partial<AssessmentRules> | undefined)[]): AssessmentRules =>
  layers.reduce<AssessmentRules>(
    (acc, l) => ({
      ...acc,
      ...l,
      visitRisk: { ...acc.visitRisk, ...l?.visitRisk },
      subsidyCategory: { ...acc.subsidyCategory, ...l?.subsidyCategory },
    }),
    DEFAULT_ASSESSMENT_RULES,
  );

/** The rules in force: the district's pushed settings over the centre's own, over the defaults. */
export function mergeRules(
  own: Partial<CentreRules> | undefined,
  district: Partial<CentreRules> | undefined,
): CentreRules {
  return withDefaults({
    ...own,
    ...district,
    ratioLimits: { ...DEFAULT_RULES.ratioLimits, ...own?.ratioLimits, ...district?.ratioLimits },
    outbreak: { ...DEFAULT_RULES.outbreak, ...own?.outbreak, ...district?.outbreak },
    clusters: { ...DEFAULT_RULES.clusters, ...own?.clusters, ...district?.clusters },
    vitals: { ...DEFAULT_RULES.vitals, ...own?.vitals, ...district?.vitals },
    assessment: assessmentRules(own?.assessment, district?.assessment),
  });
}

/**
 * The dotted paths a partial set of rules sets (`ratioLimits.infant`, `feverFrom`…), keeping
 * only names CentreRules has: what the district decides, shown read-only on the desk.
 */
export function rulePaths(partial: Partial<CentreRules> | undefined): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (!(key in DEFAULT_RULES)) continue;
    const defaults = DEFAULT_RULES[key as keyof CentreRules];
    if (defaults && typeof defaults === 'object' && !Array.isArray(defaults)) {
      if (!value || typeof value !== 'object') continue;
      for (const sub of Object.keys(value)) if (sub in defaults) paths.push(`${key}.${sub}`);
    } else paths.push(key);
  }
  return paths;
}
