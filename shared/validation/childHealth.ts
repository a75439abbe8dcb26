import { isValid, parseISO } from 'date-fns';
import { ATTENTION_REASONS, type AttentionReason } from '../schemas/healthRecords';
import {
  CHECK_MONTHS,
  VACCINE_DOSE_MONTHS,
  VACCINES,
  type Vaccine,
} from '../rules/growth/schedules';
import type { CareFieldError } from './care';

/*
 * Checks of what the health worker types for a child's health check, the doses of a vaccination
 * certificate and a place on the 体弱儿 list, before anything is stored. Errors name the form
 * field (shared/validation/care.ts `CareInputError` carries them; the forms word them alike).
 */

/** Plausible ranges of a child under 7 (the schema's bounds, with units). */
export const CHILD_RANGES = {
  heightCm: { min: 40, max: 150 },
  weightKg: { min: 1.5, max: 60 },
  headCm: { min: 25, max: 60 },
  haemoglobin: { min: 30, max: 250 }, // g/L
} as const;

export interface CheckInput {
  memberId: string;
  checkMonth: number;
  day: string;
  heightCm?: number;
  weightKg?: number;
  headCm?: number;
  haemoglobin?: number;
  findings?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string | undefined): s is string =>
  typeof s === 'string' && DAY.test(s) && isValid(parseISO(s));

function range(field: keyof typeof CHILD_RANGES, v: number | undefined, e: CareFieldError[]) {
  const { min, max } = CHILD_RANGES[field];
  if (v === undefined) return;
  if (!Number.isFinite(v) || (field === 'haemoglobin' && !Number.isInteger(v)))
    e.push({ field, problem: 'number', min, max });
  else if (v < min || v > max) e.push({ field, problem: 'range', min, max });
}

export function checkCheck(input: CheckInput, today: string): CareFieldError[] {
  const e: CareFieldError[] = [];
  if (!input.memberId) e.push({ field: 'memberId', problem: 'required' });
  if (!(CHECK_MONTHS as readonly number[]).includes(input.checkMonth))
    e.push({ field: 'checkMonth', problem: 'unknownValue' });
  if (!isDay(input.day)) e.push({ field: 'day', problem: 'date' });
  else if (input.day > today) e.push({ field: 'day', problem: 'future' });
  const measured = [input.heightCm, input.weightKg, input.headCm, input.haemoglobin];
  if (measured.every((v) => v === undefined) && !input.findings?.trim())
    e.push({ field: 'heightCm', problem: 'required', ...CHILD_RANGES.heightCm });
  range('heightCm', input.heightCm, e);
  range('weightKg', input.weightKg, e);
  range('headCm', input.headCm, e);
  range('haemoglobin', input.haemoglobin, e);
  if ((input.findings ?? '').trim().length > 500)
    e.push({ field: 'findings', problem: 'tooLong', max: 500 });
  return e;
}

export interface DoseInput {
  vaccine: Vaccine;
  dose: number;
  givenOn: string;
}

/** The doses of a certificate: each a known vaccine and dose number, given on a day not in the future. */
export function checkDoses(doses: readonly DoseInput[], birthDate: string, today: string) {
  const e: CareFieldError[] = [];
  doses.forEach((d, i) => {
    const max = VACCINE_DOSE_MONTHS[d.vaccine]?.length;
    if (!VACCINES.includes(d.vaccine) || max === undefined)
      e.push({ field: `dose${i}`, problem: 'unknownValue' });
    else if (!Number.isInteger(d.dose) || d.dose < 1 || d.dose > max)
      e.push({ field: `dose${i}`, problem: 'range', min: 1, max });
    if (!isDay(d.givenOn)) e.push({ field: `givenOn${i}`, problem: 'date' });
    else if (d.givenOn > today) e.push({ field: `givenOn${i}`, problem: 'future' });
    else if (d.givenOn < birthDate) e.push({ field: `givenOn${i}`, problem: 'beforeBirth' });
  });
  return e;
}

export interface AttentionInput {
  memberId: string;
  reasons: AttentionReason[];
  plan: string;
  followUpOn: string;
}

export function checkAttention(input: AttentionInput, today: string): CareFieldError[] {
  const e: CareFieldError[] = [];
  if (!input.memberId) e.push({ field: 'memberId', problem: 'required' });
  if (!input.reasons.length) e.push({ field: 'reasons', problem: 'required' });
  else if (!input.reasons.every((r) => ATTENTION_REASONS.includes(r)))
    e.push({ field: 'reasons', problem: 'unknownValue' });
  if (!input.plan.trim()) e.push({ field: 'plan', problem: 'required' });
  else if (input.plan.trim().length > 1000)
    e.push({ field: 'plan', problem: 'tooLong', max: 1000 });
  if (!isDay(input.followUpOn)) e.push({ field: 'followUpOn', problem: 'date' });
  else if (input.followUpOn < today) e.push({ field: 'followUpOn', problem: 'past' });
  return e;
}
