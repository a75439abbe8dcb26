import type { CareDoc, HealthDoc } from '../schemas';
import type { Symptom } from '../schemas/absences';
import type { CheckObservation } from '../schemas/health';
import type { VitalThresholds } from './settings';

/*
 * Alerts that reach someone (issue 15, point 6): what in a morning or noon check, or in an
 * elder's blood pressure or blood sugar, needs someone's attention, decided once for the desk's
 * data layer, its screens and its tests.
 */

/** Why a check needs attention: a fever by the centre's rule, a symptom, or something observed. */
export type CheckConcern =
  | { kind: 'fever'; temperature: number }
  | { kind: 'symptom'; symptom: Symptom }
  | { kind: 'observation'; observation: CheckObservation };

type CheckLike = Pick<HealthDoc, 'temperature' | 'symptoms' | 'observations'>;

/** What in a check needs attention (empty for a normal check). */
export function checkConcerns(check: CheckLike, feverFrom: number): CheckConcern[] {
  const concerns: CheckConcern[] = [];
  if (check.temperature !== undefined && check.temperature >= feverFrom)
    concerns.push({ kind: 'fever', temperature: check.temperature });
  for (const symptom of check.symptoms ?? [])
    // A fever is said once, by its temperature, when one was taken.
    if (!(symptom === 'fever' && concerns[0]?.kind === 'fever'))
      concerns.push({ kind: 'symptom', symptom });
  for (const observation of check.observations ?? [])
    concerns.push({ kind: 'observation', observation });
  return concerns;
}

export const OVERRIDE_REASON_MAX = 200;

/**
 * Whether a check may be stored as it is: a child with a fever, a symptom or anything abnormal
 * observed goes into class as 正常入班 (`admitted`) only when the health worker overrides with a
 * reason; "admitted and watched" (`watch`) or "sent home" need none.
 */
export function admissionProblem(
  check: CheckLike & Pick<HealthDoc, 'outcome'> & { overrideReason?: string },
  feverFrom: number,
): null | 'overrideReasonNeeded' | 'overrideReasonTooLong' {
  const reason = check.overrideReason?.trim() ?? '';
  if (reason.length > OVERRIDE_REASON_MAX) return 'overrideReasonTooLong';
  // A check that decides no entry (no outcome: recorded only) overrides nothing.
  if (check.outcome !== 'admitted') return null;
  if (checkConcerns(check, feverFrom).length === 0) return null;
  return reason ? null : 'overrideReasonNeeded';
}

/** A child flagged by a check of the day: shown in the in-building list, home and their record. */
export interface HealthFlag {
  memberId: string;
  checkId: string;
  kind: HealthDoc['kind'];
  at: string;
  concerns: CheckConcern[];
  /** Absent when the check decided no entry. */
  outcome?: HealthDoc['outcome'];
  /** Set when the health worker admitted the child as normal despite the concerns. */
  overrideReason?: string;
}

/** A check as a flag, or null when it found nothing. */
export function flagOf(check: HealthDoc, feverFrom: number): HealthFlag | null {
  const concerns = checkConcerns(check, feverFrom);
  if (concerns.length === 0) return null;
  return {
    memberId: check.memberId,
    checkId: check.id,
    kind: check.kind,
    at: check.at,
    concerns,
    ...(check.outcome ? { outcome: check.outcome } : {}),
    ...(check.overrideReason ? { overrideReason: check.overrideReason } : {}),
  };
}

/**
 * The children flagged by the checks given (a day's): for each, the latest check that found
 * something, unless a later check of theirs found nothing (a noon check after the morning's fever).
 */
export function healthFlags(
  checks: readonly HealthDoc[],
  feverFrom: number,
): Map<string, HealthFlag> {
  const latest = new Map<string, HealthDoc>();
  for (const c of checks) {
    const seen = latest.get(c.memberId);
    if (!seen || c.at > seen.at || (c.at === seen.at && c.id > seen.id)) latest.set(c.memberId, c);
  }
  const flags = new Map<string, HealthFlag>();
  for (const [memberId, check] of latest) {
    const flag = flagOf(check, feverFrom);
    if (flag) flags.set(memberId, flag);
  }
  return flags;
}

// ---- blood pressure and blood sugar ----------------------------------------------------------

/** How far out of range: low, high, or severely high (grade 3 hypertension). */
export type VitalLevel = 'low' | 'high' | 'severe';

export interface VitalFlag {
  level: VitalLevel;
  /** What crossed the threshold. */
  what: 'bloodPressure' | 'fastingSugar' | 'randomSugar';
}

type Measured = Pick<CareDoc, 'kind' | 'systolic' | 'diastolic' | 'sugar' | 'sugarTiming'>;

/**
 * A blood pressure or blood sugar against the thresholds (shared/rules/settings.ts
 * `VitalThresholds`; defaults from 中国高血压防治指南 and 中国2型糖尿病防治指南): null when in range.
 * Blood pressure: severe at systolic ≥ systolicSevere or diastolic ≥ diastolicSevere, high at
 * ≥ systolicHigh or ≥ diastolicHigh, low below systolicLow or diastolicLow. Blood sugar: fasting
 * high at ≥ fastingHigh; after a meal or random at ≥ randomHigh; low below sugarLow at any time.
 */
export function vitalFlag(m: Measured, t: VitalThresholds): VitalFlag | null {
  if (m.kind === 'bloodPressure' && m.systolic !== undefined && m.diastolic !== undefined) {
    const what = 'bloodPressure' as const;
    if (m.systolic >= t.systolicSevere || m.diastolic >= t.diastolicSevere)
      return { level: 'severe', what };
    if (m.systolic >= t.systolicHigh || m.diastolic >= t.diastolicHigh)
      return { level: 'high', what };
    if (m.systolic < t.systolicLow || m.diastolic < t.diastolicLow) return { level: 'low', what };
    return null;
  }
  if (m.kind === 'bloodSugar' && m.sugar !== undefined) {
    const fasting = m.sugarTiming === 'fasting';
    const what = fasting ? ('fastingSugar' as const) : ('randomSugar' as const);
    if (m.sugar < t.sugarLow) return { level: 'low', what };
    if (m.sugar >= (fasting ? t.fastingHigh : t.randomHigh)) return { level: 'high', what };
    return null;
  }
  return null;
}

/** One entry of the follow-up list (需随访): a person's latest reading of a kind, out of range. */
export interface FollowUp {
  memberId: string;
  measurement: CareDoc;
  flag: VitalFlag;
}

/**
 * The follow-up list: for each person and kind (blood pressure, blood sugar), the latest reading
 * since `since` (a day), when it is out of range; a later reading in range takes them off. Most
 * severe first, then the newest.
 */
export function followUps(
  measurements: readonly CareDoc[],
  thresholds: VitalThresholds,
  since: string,
): FollowUp[] {
  const latest = new Map<string, CareDoc>();
  for (const m of measurements) {
    if ((m.kind !== 'bloodPressure' && m.kind !== 'bloodSugar') || m.day < since) continue;
    const key = `${m.memberId} ${m.kind}`;
    const seen = latest.get(key);
    if (!seen || m.at > seen.at) latest.set(key, m);
  }
  const rank: Record<VitalLevel, number> = { severe: 0, high: 1, low: 1 };
  return [...latest.values()]
    .flatMap((m) => {
      const flag = vitalFlag(m, thresholds);
      return flag ? [{ memberId: m.memberId, measurement: m, flag }] : [];
    })
    .sort(
      (a, b) =>
        rank[a.flag.level] - rank[b.flag.level] || b.measurement.at.localeCompare(a.measurement.at),
    );
}
