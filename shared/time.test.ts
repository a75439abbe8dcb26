import { describe, expect, it } from 'vitest';
import { dateTimeInput, localDateTime, localDay, localTime } from './time';

describe('the desk’s local day and time (shared/time.ts)', () => {
  // Built from local parts, so the test holds in whatever time zone it runs.
  const morning = new Date(2026, 10, 23, 8, 5, 30);

  it('gives the day and the clock time of an instant', () => {
    expect(localDay(morning)).toBe('2026-11-23');
    expect(localTime(morning)).toBe('08:05');
  });

  it('reads a stored ISO timestamp as the same local time', () => {
    expect(localTime(morning.toISOString())).toBe('08:05');
  });

  it('gives the day and time to the minute, as a record shows it and a datetime field takes it', () => {
    expect(localDateTime(morning)).toBe('2026-11-23 08:05');
    expect(localDateTime(morning.toISOString())).toBe('2026-11-23 08:05');
    expect(dateTimeInput(morning)).toBe('2026-11-23T08:05');
  });
});
