import {
  ageInMonths,
  ATTENTION_STATUSES,
  evaluateGrowth,
  type GrowthEvaluation,
  type GrowthStandard,
  type GrowthStatus,
  type Sex,
} from './evaluate';
import { checksOf, dosesOf, type CheckDue, type DoseDue, type Vaccine } from './schedules';

/*
 * One child's growth, checks and vaccinations from their records — the same function on the desk
 * (renderer/data/childHealth.ts) and in the district's report (server/district/growthReport.ts).
 */

export interface ChildFacts {
  gender: Sex;
  birthDate: string;
}

/** A measurement as the records hold it: `care` heightWeight or a `childHealth` check. */
export interface MeasurementFact {
  day: string;
  heightCm?: number;
  weightKg?: number;
  headCm?: number;
}

export interface GrowthPoint extends MeasurementFact {
  ageMonths: number;
  evaluation: GrowthEvaluation;
}

/** Every measurement of the child, oldest first, each evaluated against the standard in force. */
export function growthPoints(
  child: ChildFacts,
  measurements: readonly MeasurementFact[],
  standard: GrowthStandard,
): GrowthPoint[] {
  return [...measurements]
    .filter((m) => m.heightCm !== undefined || m.weightKg !== undefined || m.headCm !== undefined)
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((m) => {
      const ageMonths = ageInMonths(child.birthDate, m.day);
      return {
        ...m,
        ageMonths,
        evaluation: evaluateGrowth({ sex: child.gender, ageMonths, ...definedOnly(m) }, standard),
      };
    });
}

const definedOnly = (m: MeasurementFact) => ({
  ...(m.heightCm !== undefined ? { heightCm: m.heightCm } : {}),
  ...(m.weightKg !== undefined ? { weightKg: m.weightKg } : {}),
  ...(m.headCm !== undefined ? { headCm: m.headCm } : {}),
});

/** The growth statuses of the child's latest measurement on or before `day` (none if none). */
export function latestStatuses(points: readonly GrowthPoint[], day?: string): GrowthStatus[] {
  const upTo = day === undefined ? points : points.filter((p) => p.day <= day);
  return upTo.at(-1)?.evaluation.statuses ?? [];
}

/** The statuses that should put the child on the 体弱儿 list. */
export const attentionStatuses = (statuses: readonly GrowthStatus[]) =>
  statuses.filter((s) => ATTENTION_STATUSES.includes(s));

export interface ChildSchedule {
  checks: CheckDue[];
  doses: DoseDue[];
}

/** The child's checks and doses on `today`, from the check months and doses recorded. */
export function scheduleOf(
  child: ChildFacts,
  checkMonths: readonly number[],
  doses: readonly { vaccine: Vaccine; dose: number }[],
  today: string,
): ChildSchedule {
  return {
    checks: checksOf(child.birthDate, checkMonths, today),
    doses: dosesOf(child.birthDate, doses, today),
  };
}
