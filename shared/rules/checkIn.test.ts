import { describe, expect, it } from 'vitest';
import {
  healthCheckOffered,
  isFever,
  readHealthCheck,
  scanAgainAction,
  SCAN_BOUNCE_MS,
  type HealthCheckEntry,
} from './checkIn';

const none = { morning: false, noon: false };
const morningDone = { morning: true, noon: false };

describe('the health check offered in the in-building list (shared/rules/checkIn.ts)', () => {
  it('offers a child the morning check until it is done, at any hour', () => {
    expect(healthCheckOffered('child', none, '08:10')).toBe('morningCheck');
    expect(healthCheckOffered('child', none, '14:00')).toBe('morningCheck');
  });

  it('offers the noon check from 11:00 once the morning check is done, and nothing after it', () => {
    expect(healthCheckOffered('child', morningDone, '10:59')).toBeNull();
    expect(healthCheckOffered('child', morningDone, '11:00')).toBe('noonCheck');
    expect(healthCheckOffered('child', { morning: true, noon: true }, '12:30')).toBeNull();
  });

  it('offers no check to elders, staff or visitors', () => {
    for (const kind of ['elder', 'staff', 'visitor'] as const)
      expect(healthCheckOffered(kind, none, '09:00')).toBeNull();
  });
});

describe('reading a typed health check', () => {
  const noMedicine = { name: '', dose: '', time: '', handedInBy: '' };
  const entry = (temperature: string, over: Partial<HealthCheckEntry> = {}): HealthCheckEntry => ({
    temperature,
    symptoms: [],
    medicine: noMedicine,
    ...over,
  });

  it('takes a temperature between 34 and 43 ℃ with at most one decimal', () => {
    expect(readHealthCheck(entry('36.6'), 37.3)).toEqual({
      ok: true,
      temperature: 36.6,
      symptoms: [],
    });
    // A decimal comma, or a Chinese IME's full-width figures, mean the same.
    for (const typed of ['36,6', '３６．６', '36。6'])
      expect(readHealthCheck(entry(typed), 37.3)).toMatchObject({ ok: true, temperature: 36.6 });
    for (const typed of ['', '366', '36.66', '36,66', '33.9', '43.1', '3a'])
      expect(readHealthCheck(entry(typed), 37.3)).toEqual({ ok: false, field: 'temperature' });
  });

  it('counts a fever by the centre’s rule as the symptom, once', () => {
    expect(isFever('37.3', 37.3)).toBe(true);
    expect(isFever('37.2', 37.3)).toBe(false);
    expect(isFever('', 37.3)).toBe(false);
    expect(isFever('37,5', 37.3)).toBe(true);
    const read = readHealthCheck(entry('38.1', { symptoms: ['cough'] }), 37.3);
    expect(read.ok && read.symptoms).toEqual(['cough', 'fever']);
    const ticked = readHealthCheck(entry('38.1', { symptoms: ['fever'] }), 37.3);
    expect(ticked.ok && ticked.symptoms).toEqual(['fever']);
  });

  it('needs the medicine’s name, dose and who handed it in once any of it is typed', () => {
    const partial = { ...noMedicine, name: '小儿氨酚黄那敏颗粒' };
    expect(readHealthCheck(entry('36.6', { medicine: partial }), 37.3)).toEqual({
      ok: false,
      field: 'medicine',
    });
    const whole = { name: ' 小儿氨酚黄那敏颗粒 ', dose: '半包', time: '', handedInBy: '王芳' };
    const read = readHealthCheck(entry('36.6', { medicine: whole }), 37.3);
    expect(read.ok && read.medicine).toEqual({
      name: '小儿氨酚黄那敏颗粒',
      dose: '半包',
      handedInBy: '王芳',
    });
  });
});

describe('a second scan of someone in the building (scanAgainAction)', () => {
  const inAt = '2026-12-04T01:00:00.000Z';
  const after = (ms: number) => new Date(Date.parse(inAt) + ms);

  it('only says "already in" right after the check-in, whatever the setting (a double read)', () => {
    for (const mode of ['toggle', 'ask'] as const) {
      expect(scanAgainAction(inAt, after(2_000), 'other', mode)).toBe('alreadyIn');
      expect(scanAgainAction(inAt, after(SCAN_BOUNCE_MS - 1), 'child', mode)).toBe('alreadyIn');
    }
  });

  it('checks an adult out at once when scans toggle, and asks first when the centre says so', () => {
    expect(scanAgainAction(inAt, after(SCAN_BOUNCE_MS), 'other', 'toggle')).toBe('checkOut');
    expect(scanAgainAction(inAt, after(3 * 3600_000), 'other', 'ask')).toBe('ask');
  });

  it('sends a child to the pick-up check in either mode', () => {
    expect(scanAgainAction(inAt, after(3 * 3600_000), 'child', 'toggle')).toBe('pickup');
    expect(scanAgainAction(inAt, after(3 * 3600_000), 'child', 'ask')).toBe('pickup');
  });
});
