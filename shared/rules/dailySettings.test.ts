import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DAILY_RULES,
  validateDailyRules,
  withDailyDefaults,
  type DailyRules,
} from './dailySettings';

describe('the daily rules', () => {
  it('accepts the defaults: weekly, monthly, quarterly visits; ¥15/¥5/¥1 meals; 125 g for 48 h', () => {
    expect(validateDailyRules(DEFAULT_DAILY_RULES).ok).toBe(true);
    expect(DEFAULT_DAILY_RULES.visits.frequency.normal).toEqual({ every: 3, unit: 'month' });
    expect(DEFAULT_DAILY_RULES.mealSubsidies['neediest']?.lunch).toBe(1500);
    expect(DEFAULT_DAILY_RULES.foodSample).toEqual({ minGrams: 125, keepHours: 48 });
  });

  it('refuses figures out of range or not whole and words it does not know, naming the field', () => {
    const bad: DailyRules = {
      visits: {
        frequency: {
          high: { every: 0, unit: 'week' },
          key: { every: 1.5, unit: 'month' },
          normal: { every: 1, unit: 'year' as 'month' },
        },
        afterIncidentHours: { high: 200, urgent: 12 } as DailyRules['visits']['afterIncidentHours'],
        countedKinds: ['home', 'letter' as 'home'],
      },
      mealSubsidies: { age70: { lunch: -100, supper: 500 } as Record<string, number> },
      foodSample: { minGrams: 100.5, keepHours: 12 },
    };
    const result = validateDailyRules(bad);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        { field: 'visits.frequency.high.every', problem: 'range', min: 1, max: 52 },
        { field: 'visits.frequency.key.every', problem: 'wholeNumber', min: 1, max: 12 },
        { field: 'visits.frequency.normal.unit', problem: 'unknown' },
        { field: 'visits.afterIncidentHours.high', problem: 'range', min: 1, max: 168 },
        { field: 'visits.afterIncidentHours.urgent', problem: 'unknown' },
        { field: 'visits.countedKinds.1', problem: 'unknown' },
        { field: 'mealSubsidies.age70.lunch', problem: 'range', min: 0, max: 10000 },
        { field: 'mealSubsidies.age70.supper', problem: 'unknown' },
        { field: 'foodSample.minGrams', problem: 'wholeNumber', min: 50, max: 1000 },
        { field: 'foodSample.keepHours', problem: 'range', min: 24, max: 168 },
      ]);
    const none = {
      ...DEFAULT_DAILY_RULES,
      visits: { ...DEFAULT_DAILY_RULES.visits, countedKinds: [] },
    };
    expect(validateDailyRules(none)).toEqual({
      ok: false,
      errors: [{ field: 'visits.countedKinds', problem: 'empty' }],
    });
  });

  it('fills rules a desk has not stored yet with the defaults; the district’s subsidies replace them', () => {
    const rules = withDailyDefaults({
      visits: { frequency: { key: { every: 2, unit: 'week' } } } as DailyRules['visits'],
      mealSubsidies: { dibao: { lunch: 800 } },
    });
    expect(rules.visits.frequency).toEqual({
      ...DEFAULT_DAILY_RULES.visits.frequency,
      key: { every: 2, unit: 'week' },
    });
    expect(rules.visits.countedKinds).toEqual(['home', 'phone', 'video']);
    expect(rules.mealSubsidies).toEqual({ dibao: { lunch: 800 } });
    expect(rules.foodSample).toEqual({ minGrams: 125, keepHours: 48 });
  });
});
