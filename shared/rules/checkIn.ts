import type { HealthDoc } from '../schemas';
import type { Symptom } from '../schemas/absences';
import { normaliseNumber, readNumber } from './numbers';

/** The noon check (午检) is offered from this time of day on (HH:mm, the desk's local time). */
export const NOON_CHECK_FROM = '11:00';

export type HealthCheckKind = 'morningCheck' | 'noonCheck';

/**
 * The health check the in-building list offers for a person now: children only, the morning
 * check until it is done, then the noon check from `NOON_CHECK_FROM` until that is done.
 */
export function healthCheckOffered(
  kind: 'elder' | 'child' | 'staff' | 'visitor',
  done: { morning: boolean; noon: boolean },
  time: string,
): HealthCheckKind | null {
  if (kind !== 'child') return null;
  if (!done.morning) return 'morningCheck';
  if (time >= NOON_CHECK_FROM && !done.noon) return 'noonCheck';
  return null;
}

/** A health check as typed at the desk: the temperature and medicine fields as text. */
export interface HealthCheckEntry {
  temperature: string;
  symptoms: readonly Symptom[];
  medicine: { name: string; dose: string; time: string; handedInBy: string };
}

/** A typed health check read: what to store, or the field to fix. */
export type HealthCheckReading =
  | {
      ok: true;
      temperature: number;
      symptoms: Symptom[];
      medicine?: NonNullable<HealthDoc['medicine']>;
    }
  | { ok: false; field: 'temperature' | 'medicine' };

/** Whether a typed temperature is a fever by the centre's rule (`feverFrom`, ℃). */
export function isFever(temperature: string, feverFrom: number): boolean {
  const degrees = readNumber(temperature);
  return degrees !== undefined && degrees >= feverFrom;
}

/**
 * Reads a typed check: the temperature must look like 36.6 (or 36,6: shared/rules/numbers.ts)
 * and lie in 34–43 ℃; medicine is
 * optional, but once any of it is typed it needs its name, dose and who handed it in. A fever
 * counts as the symptom `fever` even when not ticked, so the outbreak rule sees it.
 */
export function readHealthCheck(entry: HealthCheckEntry, feverFrom: number): HealthCheckReading {
  const typed = normaliseNumber(entry.temperature) ?? '';
  const degrees = Number(typed);
  if (!/^\d{2}(\.\d)?$/.test(typed) || degrees < 34 || degrees > 43)
    return { ok: false, field: 'temperature' };
  const medicine = {
    name: entry.medicine.name.trim(),
    dose: entry.medicine.dose.trim(),
    time: entry.medicine.time.trim(),
    handedInBy: entry.medicine.handedInBy.trim(),
  };
  const anyMedicine = Object.values(medicine).some(Boolean);
  if (anyMedicine && (!medicine.name || !medicine.dose || !medicine.handedInBy))
    return { ok: false, field: 'medicine' };
  const symptoms = [...entry.symptoms];
  if (isFever(entry.temperature, feverFrom) && !symptoms.includes('fever')) symptoms.push('fever');
  const { time, ...given } = medicine;
  return {
    ok: true,
    temperature: degrees,
    symptoms,
    ...(anyMedicine ? { medicine: { ...given, ...(time ? { time } : {}) } } : {}),
  };
}

/**
 * A scanner that reads a card twice, or a card presented twice at once, must not check the person
 * out straight after they came in: a scan this soon after the check-in only says "already in".
 */
export const SCAN_BOUNCE_MS = 60_000;

/**
 * What a scan of someone already in the building does: within SCAN_BOUNCE_MS of their check-in,
 * nothing ("already in"); after it, a child goes to the pick-up check (who takes them home is the
 * question), anyone else is checked out at once (`toggle`) or asked "签退？" first (`ask`).
 */
export function scanAgainAction(
  checkInAt: string,
  now: Date,
  person: 'child' | 'other',
  mode: 'toggle' | 'ask',
): 'alreadyIn' | 'pickup' | 'checkOut' | 'ask' {
  if (now.getTime() - Date.parse(checkInAt) < SCAN_BOUNCE_MS) return 'alreadyIn';
  if (person === 'child') return 'pickup';
  return mode === 'toggle' ? 'checkOut' : 'ask';
}
