import { isValid, parseISO } from 'date-fns';
import { VISIT_KINDS, type VisitKind } from '../rules/dailySettings';
import { readNumber } from '../rules/numbers';
import {
  INCIDENT_KINDS,
  SUGAR_TIMINGS,
  type IncidentKind,
  type MeasurementKind,
  type SugarTiming,
} from '../schemas/care';
import { VISIT_FINDINGS, type VisitFinding } from '../schemas/visits';
import { localDay } from '../time';

/**
 * Checks of what staff type for a visit, a measurement or an incident, before anything is stored.
 * Each error names the form field it belongs to, so the form can show it beside that field.
 */
export type CareProblem =
  | 'required'
  | 'number'
  | 'range'
  | 'unknownValue'
  | 'tooLong'
  | 'future'
  | 'date'
  | 'beforeVisit'
  | 'diastolicNotBelowSystolic'
  // children's health (shared/validation/childHealth.ts)
  | 'beforeBirth'
  | 'past';

export interface CareFieldError {
  field: string;
  problem: CareProblem;
  min?: number;
  max?: number;
}

/** Thrown by the data layer when input fails these checks; `errors` says where and why. */
export class CareInputError extends Error {
  constructor(readonly errors: CareFieldError[]) {
    super(`invalid: ${errors.map((e) => `${e.field} ${e.problem}`).join(', ')}`);
  }
}

/** Plausible ranges (adults' blood pressure and sugar, children 0–6's growth), with units. */
export const RANGES = {
  systolic: { min: 60, max: 260 }, // mmHg
  diastolic: { min: 30, max: 160 }, // mmHg
  pulse: { min: 30, max: 220 }, // per minute
  sugar: { min: 1, max: 35 }, // mmol/L
  heightCm: { min: 40, max: 150 },
  weightKg: { min: 1.5, max: 60 },
} as const;

/** A few minutes of grace for a desk clock a little ahead of the visitor's phone. */
const FUTURE_GRACE_MS = 5 * 60_000;

function checkAt(at: Date, now: Date, errors: CareFieldError[]) {
  if (!isValid(at)) errors.push({ field: 'at', problem: 'date' });
  else if (at.getTime() > now.getTime() + FUTURE_GRACE_MS)
    errors.push({ field: 'at', problem: 'future' });
}

function checkText(field: string, value: string | undefined, max: number, e: CareFieldError[]) {
  if (value !== undefined && value.trim().length > max) e.push({ field, problem: 'tooLong', max });
}

function checkNumber(
  field: keyof typeof RANGES,
  value: number | undefined,
  required: boolean,
  errors: CareFieldError[],
  whole = false,
) {
  const { min, max } = RANGES[field];
  if (value === undefined) {
    if (required) errors.push({ field, problem: 'required', min, max });
  } else if (!Number.isFinite(value) || (whole && !Number.isInteger(value)))
    errors.push({ field, problem: 'number', min, max });
  else if (value < min || value > max) errors.push({ field, problem: 'range', min, max });
}

export interface VisitInput {
  memberId: string;
  visitKind: VisitKind;
  at: Date;
  reached: boolean;
  visitorName?: string;
  findings?: Partial<Record<VisitFinding, string>>;
  nextDueOn?: string;
}

export function checkVisit(input: VisitInput, now: Date): CareFieldError[] {
  const errors: CareFieldError[] = [];
  if (!input.memberId) errors.push({ field: 'memberId', problem: 'required' });
  if (!VISIT_KINDS.includes(input.visitKind))
    errors.push({ field: 'visitKind', problem: 'unknownValue' });
  if (typeof input.reached !== 'boolean') errors.push({ field: 'reached', problem: 'required' });
  checkAt(input.at, now, errors);
  checkText('visitorName', input.visitorName, 40, errors);
  for (const f of VISIT_FINDINGS) checkText(f, input.findings?.[f], 500, errors);
  if (input.nextDueOn !== undefined && input.nextDueOn !== '') {
    const due = parseISO(input.nextDueOn);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.nextDueOn) || !isValid(due))
      errors.push({ field: 'nextDueOn', problem: 'date' });
    else if (isValid(input.at) && due.getTime() < parseISO(localDay(input.at)).getTime())
      errors.push({ field: 'nextDueOn', problem: 'beforeVisit' });
  }
  return errors;
}

export type MeasurementInput =
  | { kind: 'bloodPressure'; systolic?: number; diastolic?: number; pulse?: number }
  | { kind: 'bloodSugar'; sugar?: number; sugarTiming?: SugarTiming }
  | { kind: 'heightWeight'; heightCm?: number; weightKg?: number };

/** The values each kind of measurement takes, in the order a form asks for them. */
export const MEASUREMENT_FIELDS = {
  bloodPressure: ['systolic', 'diastolic', 'pulse'],
  bloodSugar: ['sugar'],
  heightWeight: ['heightCm', 'weightKg'],
} as const satisfies Record<MeasurementKind, readonly string[]>;

/**
 * A measurement as typed into a form (each value as text, empty for none), for checkMeasurement
 * to judge: a value left empty is missing, not zero.
 */
export function typedMeasurement(
  kind: MeasurementKind,
  typed: Readonly<Record<string, string>>,
  sugarTiming: SugarTiming,
): MeasurementInput {
  const n = (field: string) => readNumber(typed[field]);
  if (kind === 'bloodPressure')
    return { kind, systolic: n('systolic'), diastolic: n('diastolic'), pulse: n('pulse') };
  if (kind === 'bloodSugar') return { kind, sugar: n('sugar'), sugarTiming };
  return { kind, heightCm: n('heightCm'), weightKg: n('weightKg') };
}

export function checkMeasurement(
  input: MeasurementInput & { at: Date; note?: string },
  now: Date,
): CareFieldError[] {
  const errors: CareFieldError[] = [];
  checkAt(input.at, now, errors);
  checkText('note', input.note, 300, errors);
  switch (input.kind) {
    case 'bloodPressure':
      checkNumber('systolic', input.systolic, true, errors, true);
      checkNumber('diastolic', input.diastolic, true, errors, true);
      checkNumber('pulse', input.pulse, false, errors, true);
      if (
        !errors.some((e) => e.field === 'systolic' || e.field === 'diastolic') &&
        input.diastolic! >= input.systolic!
      )
        errors.push({ field: 'diastolic', problem: 'diastolicNotBelowSystolic' });
      break;
    case 'bloodSugar':
      checkNumber('sugar', input.sugar, true, errors);
      if (!input.sugarTiming || !SUGAR_TIMINGS.includes(input.sugarTiming))
        errors.push({ field: 'sugarTiming', problem: 'required' });
      break;
    case 'heightWeight':
      if (input.heightCm === undefined && input.weightKg === undefined)
        errors.push({ field: 'heightCm', problem: 'required', ...RANGES.heightCm });
      checkNumber('heightCm', input.heightCm, false, errors);
      checkNumber('weightKg', input.weightKg, false, errors);
      break;
    default:
      errors.push({ field: 'kind', problem: 'unknownValue' });
  }
  return errors;
}

/** Which kind of person each measurement is for: blood pressure and sugar elders, growth children. */
export const MEASURED_KIND: Record<MeasurementKind, 'elder' | 'child'> = {
  bloodPressure: 'elder',
  bloodSugar: 'elder',
  heightWeight: 'child',
};

export interface IncidentInput {
  memberId: string;
  incidentKind: IncidentKind;
  at: Date;
  happened: string;
  actionTaken: string;
}

export function checkIncident(input: IncidentInput, now: Date): CareFieldError[] {
  const errors: CareFieldError[] = [];
  if (!input.memberId) errors.push({ field: 'memberId', problem: 'required' });
  if (!INCIDENT_KINDS.includes(input.incidentKind))
    errors.push({ field: 'incidentKind', problem: 'unknownValue' });
  checkAt(input.at, now, errors);
  if (!input.happened.trim()) errors.push({ field: 'happened', problem: 'required' });
  checkText('happened', input.happened, 1000, errors);
  if (!input.actionTaken.trim()) errors.push({ field: 'actionTaken', problem: 'required' });
  checkText('actionTaken', input.actionTaken, 1000, errors);
  return errors;
}

/** A follow-up's note (of an incident, of a child on the 体弱儿 list): said, and at most 500 characters. */
export function checkFollowUpNote(note: string): CareFieldError[] {
  const text = note.trim();
  if (!text) return [{ field: 'followUpNote', problem: 'required' }];
  if (text.length > 500) return [{ field: 'followUpNote', problem: 'tooLong', max: 500 }];
  return [];
}
