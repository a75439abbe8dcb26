import { describe, expect, it } from 'vitest';
import { DEFAULT_DAILY_RULES } from '../../shared/rules/dailySettings';
import { DISTRICT_RULES_ID, type DistrictDoc } from '../../shared/schemas';
import { dailyInForce, inForce } from './rules';

const push = (settings: Record<string, unknown>): DistrictDoc => ({
  id: DISTRICT_RULES_ID,
  centreId: 'district',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '001761984000000-00000-district',
  updatedBy: 'district:admin',
  kind: 'rules',
  title: '2026 年助餐补贴调整',
  publishedAt: '2026-11-01T08:00:00.000Z',
  settings,
});

describe('the daily rules the district pushes', () => {
  it('keeps the defaults until the district sends its own', () => {
    expect(dailyInForce(null)).toEqual({
      rules: DEFAULT_DAILY_RULES,
      district: null,
      districtProblems: [],
    });
    // A rules push with centre rules only leaves the daily rules alone.
    expect(dailyInForce(push({ feverFrom: 37.5 })).district).toBeNull();
  });

  it('applies pushed subsidies and visit frequencies, and keeps the defaults it leaves out', () => {
    const state = dailyInForce(
      push({
        daily: {
          mealSubsidies: { neediest: { lunch: 1800 }, disabled: { lunch: 800, dinner: 800 } },
          visits: { frequency: { key: { every: 2, unit: 'week' } } },
        },
      }),
    );
    expect(state.district?.title).toBe('2026 年助餐补贴调整');
    // The district's categories are the only ones: age70 and age65 are no longer subsidised.
    expect(state.rules.mealSubsidies).toEqual({
      neediest: { lunch: 1800 },
      disabled: { lunch: 800, dinner: 800 },
    });
    expect(state.rules.visits.frequency.key).toEqual({ every: 2, unit: 'week' });
    expect(state.rules.visits.frequency.high).toEqual(DEFAULT_DAILY_RULES.visits.frequency.high);
    expect(state.rules.foodSample).toEqual(DEFAULT_DAILY_RULES.foodSample);
  });

  it('refuses a push with figures out of range, says which, and keeps the defaults', () => {
    const state = dailyInForce(
      push({ daily: { mealSubsidies: { age70: { lunch: -5 } }, foodSample: { keepHours: 2 } } }),
    );
    expect(state.rules).toEqual(DEFAULT_DAILY_RULES);
    expect(state.district).toBeNull();
    expect(state.districtProblems.map((p) => p.field).sort()).toEqual([
      'foodSample.keepHours',
      'mealSubsidies.age70.lunch',
    ]);
    // A shape the checks cannot read at all is refused the same way.
    expect(dailyInForce(push({ daily: { visits: { countedKinds: 'home' } } })).district).toBeNull();
  });

  it('does not take the daily rules for centre rules', () => {
    const state = inForce(undefined, push({ daily: { foodSample: { minGrams: 150 } } }));
    expect(state.district).toBeNull();
    expect(state.fromDistrict).toEqual([]);
    expect(Object.keys(state.rules)).not.toContain('daily');
  });
});
