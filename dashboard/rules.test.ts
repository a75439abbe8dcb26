import { describe, expect, it } from 'vitest';
import type { PublishedDoc } from '../server/district/types';
import { settingsWithVersion } from '../shared/rules/ruleVersions';
import {
  fen,
  initialValues,
  isYuan,
  rulesFieldOf,
  settingsInForce,
  settingsToPublish,
  yuan,
} from './rules';

const published = (settings: Record<string, unknown>): PublishedDoc => ({
  id: 'district-rules',
  kind: 'rules',
  title: '区级规则',
  publishedAt: '2026-11-23T06:00:00.000Z',
  updatedBy: 'wang',
  settings,
});

describe('the rules form', () => {
  it('publishes nothing when every rule is at its default and the district set none', () => {
    expect(settingsToPublish(initialValues(null), {})).toEqual({});
  });

  it('publishes what differs from the default, subsidies in fen, and leaves the rest to the centres', () => {
    const values = initialValues(null);
    values.ratioLimits.infant = 2;
    values.feverFrom = 37.5;
    values.subsidies = [{ code: 'age70', breakfast: '', lunch: '6.5', dinner: '1.15' }];
    values.frequency.high = { every: 2, unit: 'week' };
    expect(settingsToPublish(values, {})).toEqual({
      ratioLimits: { infant: 2 },
      feverFrom: 37.5,
      daily: {
        mealSubsidies: { age70: { lunch: 650, dinner: 115 } },
        visits: {
          frequency: {
            high: { every: 2, unit: 'week' },
            key: { every: 1, unit: 'month' },
            normal: { every: 3, unit: 'month' },
          },
        },
      },
    });
  });

  it('shows the rules in force and keeps publishing a rule the district set, even back at its default', () => {
    const before = { feverFrom: 37.5, daily: { foodSample: { minGrams: 150, keepHours: 48 } } };
    const values = initialValues(published(before));
    expect(values.feverFrom).toBe(37.5);
    expect(values.foodSample.minGrams).toBe(150);
    expect(values.subsidies.map((s) => [s.code, s.lunch])).toEqual([
      ['neediest', '15'],
      ['age70', '5'],
      ['age65', '1'],
    ]);
    values.feverFrom = 37.3;
    values.foodSample.minGrams = 125;
    expect(settingsToPublish(values, before)).toEqual({
      feverFrom: 37.3,
      daily: { foodSample: { minGrams: 125, keepHours: 48 } },
    });
  });

  it('turns yuan into fen and back without rounding errors', () => {
    expect([fen('6'), fen('0.5'), fen('1.15'), fen('15.99')]).toEqual([600, 50, 115, 1599]);
    expect([yuan(600), yuan(50), yuan(115), yuan(undefined)]).toEqual(['6', '0.50', '1.15', '']);
  });

  it('takes a subsidy typed with a decimal comma, and refuses what is not yuan', () => {
    expect([fen('0,5'), fen('1,15'), fen('３')]).toEqual([50, 115, 300]);
    for (const ok of ['', '6', '3,5', '3.50', '100']) expect(isYuan(ok), ok).toBe(true);
    for (const bad of ['101', '1,200', '0.555', 'abc', '-1']) expect(isYuan(bad), bad).toBe(false);
  });

  it("puts the server's field errors beside the form's fields", () => {
    const values = initialValues(null);
    const fieldOf = rulesFieldOf(values);
    expect(fieldOf('settings.feverFrom')).toBe('feverFrom');
    expect(fieldOf('settings.ratioLimits.toddler')).toBe('ratioLimits.toddler');
    expect(fieldOf('settings.daily.mealSubsidies.age70.lunch')).toBe('subsidies.1.lunch');
    expect(fieldOf('settings.daily.visits.frequency.key.every')).toBe('frequency.key.every');
    expect(fieldOf('settings.daily.foodSample.keepHours')).toBe('foodSample.keepHours');
    expect(fieldOf('settings.colour')).toBeNull();
  });
});

describe('rules that take effect from a date', () => {
  it('shows the version in force today as 现行, publishes the thresholds changed, and dates it today by default', () => {
    const first = published({ feverFrom: 37.5 });
    const later = published(
      settingsWithVersion(
        first,
        {
          effectiveFrom: '2026-12-01',
          publishedAt: '2026-11-25T00:00:00.000Z',
          title: '12 月起',
          settings: { feverFrom: 37.8 },
        },
        '2026-11-25',
      ),
    );
    expect(initialValues(later, '2026-11-30').feverFrom).toBe(37.5);
    expect(initialValues(later, '2026-12-01').feverFrom).toBe(37.8);
    expect(settingsInForce(later, '2026-12-02')).toEqual({ feverFrom: 37.8 });
    const values = initialValues(null, '2026-11-25');
    expect(values.effectiveFrom).toBe('2026-11-25');
    expect(values.vitals.systolicHigh).toBe(140);
    values.vitals.systolicHigh = 135;
    expect(settingsToPublish(values, {})).toEqual({ vitals: { systolicHigh: 135 } });
    expect(rulesFieldOf(values)('settings.vitals.fastingHigh')).toBe('vitals.fastingHigh');
    expect(rulesFieldOf(values)('effectiveFrom')).toBe('effectiveFrom');
  });
});
