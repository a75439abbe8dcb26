import { describe, expect, it } from 'vitest';
import { finishedDay, readDateTime, readDay, readTime, showDateTime } from './dates';

describe('a day as staff type it (readDay)', () => {
  it('reads year-first days in the usual Chinese and ISO ways', () => {
    for (const typed of [
      '2024-03-01',
      '2024/3/1',
      '2024.3.1',
      '2024年3月1日',
      '20240301',
      ' ２０２４-０３-０１ ',
    ])
      expect(readDay(typed), typed).toBe('2024-03-01');
  });

  it('refuses month-first or day-first days and days that do not exist', () => {
    for (const typed of ['03/01/2024', '1/3/2024', '2024-02-30', '2024-13-01', '24-3-1', '', 'abc'])
      expect(readDay(typed), typed).toBeNull();
  });

  it('tidies a day as it is typed only once it cannot go on (a two-digit day, or 日)', () => {
    expect(finishedDay('2024/3/01')).toBe('2024-03-01');
    expect(finishedDay('2024年3月1日')).toBe('2024-03-01');
    expect(finishedDay('2024/3/1')).toBeNull(); // may still become 2024/3/14
    expect(finishedDay('2024/3/')).toBeNull();
  });
});

describe('times and days with a time, typed whatever the computer’s language', () => {
  it('reads a 24-hour time as typed', () => {
    expect(readTime('8:30')).toBe('08:30');
    expect(readTime('０８：３０')).toBe('08:30');
    expect(readTime('0830')).toBe('08:30');
    expect(readTime('8点30')).toBe('08:30');
    expect(readTime('17点')).toBe('17:00');
    expect(readTime('24:00')).toBeNull();
    expect(readTime('7:31 PM')).toBeNull();
  });

  it('reads a day and a time in one box, year first, and shows it the same way', () => {
    expect(readDateTime('2026-12-05 08:30')).toBe('2026-12-05T08:30');
    expect(readDateTime('2026/12/5 8:30')).toBe('2026-12-05T08:30');
    expect(readDateTime('2026年12月5日 8点30')).toBe('2026-12-05T08:30');
    expect(readDateTime('2026年12月5日8:30')).toBe('2026-12-05T08:30');
    expect(readDateTime('2026-12-05T08:30')).toBe('2026-12-05T08:30');
    expect(readDateTime('12/05/2026 08:30 AM')).toBeNull();
    expect(showDateTime('2026-12-05T08:30')).toBe('2026-12-05 08:30');
  });
});
