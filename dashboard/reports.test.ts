import { describe, expect, it } from 'vitest';
import { recentMonths } from './pages/Reports';

describe('the report page’s months', () => {
  it('offers this month first and the 23 before it, across the new year', () => {
    const months = recentMonths(new Date(2026, 0, 31));
    expect(months).toHaveLength(24);
    expect(months.slice(0, 3)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(months.at(-1)).toBe('2024-02');
  });
});
