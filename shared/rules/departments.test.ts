import { describe, expect, it } from 'vitest';
import { DEPARTMENTS, sees } from './departments';

describe('dashboard views by department', () => {
  it('never shows disease control a person, and lets it report outbreaks', () => {
    expect(sees('cdc', 'people')).toBe(false);
    expect(sees('cdc', 'reports')).toBe(false);
    expect(sees('cdc', 'outbreaks')).toBe(true);
    expect(sees('cdc', 'outbreakReport')).toBe(true);
  });
  it('lets civil affairs see outbreaks but not report them; health and the district office do all', () => {
    expect(sees('civil', 'outbreaks')).toBe(true);
    expect(sees('civil', 'outbreakReport')).toBe(false);
    for (const view of ['people', 'reports', 'outbreaks', 'outbreakReport'] as const) {
      expect(sees('health', view)).toBe(true);
      expect(sees(null, view)).toBe(true);
    }
    expect(DEPARTMENTS).toEqual(['civil', 'health', 'cdc']);
  });
});
