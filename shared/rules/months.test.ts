import { describe, expect, it } from 'vitest';
import { recentMonths } from './months';

describe('recentMonths', () => {
  it('counts back from the month of now, newest first, across the new year', () => {
    expect(recentMonths(new Date(2026, 1, 28, 12), 4)).toEqual([
      '2026-02',
      '2026-01',
      '2025-12',
      '2025-11',
    ]);
  });

  it('offers two years by default, and never skips a short month', () => {
    const months = recentMonths(new Date(2026, 2, 31, 12));
    expect(months).toHaveLength(24);
    expect(months.slice(0, 3)).toEqual(['2026-03', '2026-02', '2026-01']);
    expect(months.at(-1)).toBe('2024-04');
  });
});
