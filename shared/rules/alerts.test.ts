import { describe, expect, it } from 'vitest';
import type { CareDoc, HealthDoc } from '../schemas';
import { admissionProblem, checkConcerns, followUps, healthFlags, vitalFlag } from './alerts';
import { DEFAULT_VITALS, validateRules, withDefaults } from './settings';

const check = (over: Partial<HealthDoc> = {}): HealthDoc =>
  ({
    id: 'h1',
    centreId: 'c',
    createdAt: '',
    updatedAt: '',
    updatedBy: 's',
    kind: 'morningCheck',
    memberId: 'k1',
    day: '2026-11-25',
    at: '2026-11-25T00:30:00.000Z',
    temperature: 36.6,
    ...over,
  }) as HealthDoc;

describe('a morning or noon check that finds something', () => {
  it('is a fever from the threshold on, not below it', () => {
    expect(checkConcerns({ temperature: 37.2 }, 37.3)).toEqual([]);
    expect(checkConcerns({ temperature: 37.3 }, 37.3)).toEqual([
      { kind: 'fever', temperature: 37.3 },
    ]);
  });
  it('counts any symptom or abnormal observation, and says a fever once', () => {
    expect(
      checkConcerns(
        { temperature: 38.3, symptoms: ['fever', 'cough'], observations: ['throatRed'] },
        37.3,
      ).map((c) => c.kind),
    ).toEqual(['fever', 'symptom', 'observation']);
  });
  it('cannot be 正常入班 without an override reason; watched or sent home needs none', () => {
    const fever = { temperature: 38.3, symptoms: ['fever' as const] };
    expect(admissionProblem({ ...fever, outcome: 'admitted' }, 37.3)).toBe('overrideReasonNeeded');
    expect(admissionProblem({ ...fever, outcome: 'admitted', overrideReason: '  ' }, 37.3)).toBe(
      'overrideReasonNeeded',
    );
    expect(
      admissionProblem({ ...fever, outcome: 'admitted', overrideReason: '家长说明已服药' }, 37.3),
    ).toBeNull();
    expect(admissionProblem({ ...fever, outcome: 'watch' }, 37.3)).toBeNull();
    expect(admissionProblem({ ...fever, outcome: 'sentHome' }, 37.3)).toBeNull();
    expect(admissionProblem({ observations: ['skinRash'], outcome: 'admitted' }, 37.3)).toBe(
      'overrideReasonNeeded',
    );
    expect(admissionProblem({ temperature: 36.8, outcome: 'admitted' }, 37.3)).toBeNull();
    expect(
      admissionProblem({ ...fever, outcome: 'admitted', overrideReason: 'x'.repeat(201) }, 37.3),
    ).toBe('overrideReasonTooLong');
  });
  it('flags the child by their latest check of the day: a normal noon check clears the morning fever', () => {
    const morning = check({
      id: 'a',
      temperature: 38.3,
      outcome: 'admitted',
      overrideReason: '已服药',
    });
    const flags = healthFlags([morning, check({ id: 'b', memberId: 'k2' })], 37.3);
    expect([...flags.keys()]).toEqual(['k1']);
    expect(flags.get('k1')).toMatchObject({ overrideReason: '已服药', outcome: 'admitted' });
    const noon = check({ id: 'c', kind: 'noonCheck', at: '2026-11-25T04:00:00.000Z' });
    expect(healthFlags([morning, noon], 37.3).size).toBe(0);
  });
});

const bp = (systolic: number, diastolic: number) =>
  ({ kind: 'bloodPressure', systolic, diastolic }) as CareDoc;
const sugar = (value: number, sugarTiming: CareDoc['sugarTiming']) =>
  ({ kind: 'bloodSugar', sugar: value, sugarTiming }) as CareDoc;

describe('blood pressure and blood sugar against the thresholds', () => {
  it('flags blood pressure at its boundaries (中国高血压防治指南 defaults)', () => {
    expect(vitalFlag(bp(139, 89), DEFAULT_VITALS)).toBeNull();
    expect(vitalFlag(bp(140, 80), DEFAULT_VITALS)?.level).toBe('high');
    expect(vitalFlag(bp(130, 90), DEFAULT_VITALS)?.level).toBe('high');
    expect(vitalFlag(bp(168, 98), DEFAULT_VITALS)?.level).toBe('high');
    expect(vitalFlag(bp(179, 109), DEFAULT_VITALS)?.level).toBe('high');
    expect(vitalFlag(bp(180, 100), DEFAULT_VITALS)?.level).toBe('severe');
    expect(vitalFlag(bp(150, 110), DEFAULT_VITALS)?.level).toBe('severe');
    expect(vitalFlag(bp(90, 60), DEFAULT_VITALS)).toBeNull();
    expect(vitalFlag(bp(89, 70), DEFAULT_VITALS)?.level).toBe('low');
    expect(vitalFlag(bp(100, 59), DEFAULT_VITALS)?.level).toBe('low');
  });
  it('flags blood sugar by when it was taken (中国2型糖尿病防治指南 defaults)', () => {
    expect(vitalFlag(sugar(6.9, 'fasting'), DEFAULT_VITALS)).toBeNull();
    expect(vitalFlag(sugar(7.0, 'fasting'), DEFAULT_VITALS)).toEqual({
      level: 'high',
      what: 'fastingSugar',
    });
    expect(vitalFlag(sugar(11.0, 'random'), DEFAULT_VITALS)).toBeNull();
    expect(vitalFlag(sugar(11.1, 'afterMeal'), DEFAULT_VITALS)?.level).toBe('high');
    expect(vitalFlag(sugar(3.9, 'fasting'), DEFAULT_VITALS)).toBeNull();
    expect(vitalFlag(sugar(3.8, 'random'), DEFAULT_VITALS)?.level).toBe('low');
  });
  it('uses the district’s thresholds, checked for sane ranges', () => {
    const rules = withDefaults({ vitals: { ...DEFAULT_VITALS, systolicHigh: 130 } });
    expect(vitalFlag(bp(132, 80), rules.vitals)?.level).toBe('high');
    const bad = validateRules(withDefaults({ vitals: { ...DEFAULT_VITALS, systolicSevere: 130 } }));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors.map((e) => e.field)).toContain('vitals.systolicSevere');
  });
  it('lists each person’s latest out-of-range reading for follow-up, severe first', () => {
    const m = (id: string, memberId: string, at: string, over: Partial<CareDoc>) =>
      ({ id, memberId, at, day: at.slice(0, 10), ...over }) as CareDoc;
    const list = followUps(
      [
        m('1', 'e1', '2026-11-20T01:00:00Z', bp(168, 98)),
        m('2', 'e2', '2026-11-20T01:00:00Z', bp(150, 90)),
        m('3', 'e2', '2026-11-21T01:00:00Z', bp(128, 80)), // back in range: off the list
        m('4', 'e3', '2026-11-22T01:00:00Z', bp(185, 112)),
        m('5', 'e1', '2026-11-22T02:00:00Z', sugar(7.4, 'fasting')),
        m('6', 'e4', '2026-09-01T01:00:00Z', bp(170, 100)), // before `since`
      ],
      DEFAULT_VITALS,
      '2026-10-26',
    );
    expect(list.map((f) => [f.memberId, f.measurement.id, f.flag.level])).toEqual([
      ['e3', '4', 'severe'],
      ['e1', '5', 'high'],
      ['e1', '1', 'high'],
    ]);
  });
});
