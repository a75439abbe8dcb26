import { describe, expect, it } from 'vitest';
import { finishedDay, readDay } from './dates';

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
