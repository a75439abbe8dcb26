import { describe, expect, it } from 'vitest';
import { healthCheckOffered } from './checkIn';

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
