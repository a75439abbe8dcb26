import { describe, expect, it } from 'vitest';
import type { ConsentDoc, MemberDoc, StaffDoc } from '../schemas';
import { can } from '../roles';
import { findOutbreaks, type IllnessCase } from './outbreak';
import {
  ageParts,
  certificateWarnings,
  classForAge,
  consentsInForce,
  doorWarnings,
  pickupDecision,
  screeningDue,
} from './people';
import { classRatios } from './ratio';
import { DEFAULT_RULES, mergeRules, rulePaths, validateRules, withDefaults } from './settings';

const base = { centreId: 'c1', createdAt: '2026-01-01T00:00:00Z', updatedAt: 'x', updatedBy: 'd' };
const child = (over: Partial<MemberDoc> = {}): MemberDoc => ({
  ...base,
  id: 'm1',
  kind: 'child',
  name: '李小满',
  pinyin: 'lixiaoman',
  initials: 'lxm',
  gender: 'M',
  birthDate: '2024-03-01',
  ...over,
});
const consent = (over: Partial<ConsentDoc> = {}): ConsentDoc => ({
  ...base,
  id: 'k1',
  memberId: 'm1',
  givenBy: '李建国',
  relation: '父亲',
  scopes: ['childData', 'health'],
  givenOn: '2026-01-05',
  ...over,
});

describe('outbreak rule', () => {
  const c = (memberId: string, day: string, symptoms: IllnessCase['symptoms'] = ['fever']) => ({
    memberId,
    childClass: 'toddler' as const,
    day,
    symptoms,
  });

  it('alerts on 3 children of one class with the same symptom on one day, not on 2', () => {
    const two = [c('a', '2026-11-23'), c('b', '2026-11-23')];
    expect(findOutbreaks(two, DEFAULT_RULES.outbreak, '2026-11-23')).toEqual([]);
    const three = [...two, c('c', '2026-11-23')];
    const [alert] = findOutbreaks(three, DEFAULT_RULES.outbreak, '2026-11-23');
    expect(alert).toMatchObject({ childClass: 'toddler', symptom: 'fever', rule: 'sameDay' });
    expect(alert?.cases.map((x) => x.memberId)).toEqual(['a', 'b', 'c']);
  });

  it('alerts on 5 children over 3 consecutive days across a month end, counting each child once', () => {
    const cases = [
      c('a', '2026-11-30'),
      c('b', '2026-11-30'),
      c('a', '2026-12-01'), // the same child again: still one case
      c('c', '2026-12-01'),
      c('d', '2026-12-02'),
    ];
    expect(findOutbreaks(cases, DEFAULT_RULES.outbreak, '2026-12-02')).toEqual([]);
    const five = [...cases, c('e', '2026-12-02')];
    const [alert] = findOutbreaks(five, DEFAULT_RULES.outbreak, '2026-12-02');
    expect(alert).toMatchObject({ rule: 'window', symptom: 'fever' });
    expect(alert?.cases).toHaveLength(5);
    // A day later the 30 November cases fall out of the window.
    expect(findOutbreaks(five, DEFAULT_RULES.outbreak, '2026-12-03')).toEqual([]);
  });

  it('keeps classes and symptoms apart and ignores symptoms outside the rule', () => {
    const mixed = [
      c('a', '2026-11-23'),
      c('b', '2026-11-23', ['rash']),
      { ...c('c', '2026-11-23'), childClass: 'infant' as const },
      c('d', '2026-11-23', ['cough']),
      c('e', '2026-11-23', ['cough']),
      c('f', '2026-11-23', ['cough']),
    ];
    expect(findOutbreaks(mixed, DEFAULT_RULES.outbreak, '2026-11-23')).toEqual([]);
  });
});

describe('children', () => {
  it('puts a child in the class of their age in months', () => {
    expect(classForAge('2026-05-20', '2026-11-23')).toBe('infant');
    expect(classForAge('2025-11-23', '2026-11-23')).toBe('toddler'); // 12 months today
    expect(classForAge('2024-11-24', '2026-11-23')).toBe('toddler'); // a day short of 24 months
    expect(classForAge('2024-11-23', '2026-11-23')).toBe('older');
    expect(classForAge('2023-11-23', '2026-11-23')).toBe('preschool');
    expect(ageParts('2024-03-01', '2026-11-23')).toEqual({ years: 2, months: 8 });
  });

  it('lets a child go only with an adult on the list', () => {
    const kid = child({ pickupAdults: [{ id: 'p1', name: '王芳', relation: '母亲' }] });
    expect(pickupDecision(kid, 'p1')).toMatchObject({ allowed: true, adult: { name: '王芳' } });
    expect(pickupDecision(kid, 'p2')).toEqual({ allowed: false, reason: 'notOnList' });
    expect(pickupDecision(child(), undefined)).toEqual({ allowed: false, reason: 'notOnList' });
  });
});

describe('door warnings', () => {
  it('warns of allergies, a missing health check and an unchecked vaccination for a child', () => {
    const kid = child({ allergies: ['花生'] });
    const kinds = doorWarnings(kid, [consent()], '2026-11-23', false).map((w) => w.kind);
    expect(kinds).toEqual(['allergy', 'healthCheckDue', 'vaccinationUnchecked']);
    const checked = child({ vaccinationCheckedOn: '2026-01-05' });
    expect(doorWarnings(checked, [consent()], '2026-11-23', true)).toEqual([]);
  });

  it('warns when the only consent has expired or was withdrawn, and when there is none', () => {
    const kid = child({ vaccinationCheckedOn: '2026-01-05' });
    expect(doorWarnings(kid, [], '2026-11-23', true)).toEqual([{ kind: 'consentMissing' }]);
    expect(doorWarnings(kid, [consent({ expiresOn: '2026-11-22' })], '2026-11-23', true)).toEqual([
      { kind: 'consentExpired', expiredOn: '2026-11-22' },
    ]);
    expect(consentsInForce([consent({ expiresOn: '2026-11-23' })], '2026-11-23')).toHaveLength(1);
    expect(consentsInForce([consent({ withdrawnOn: '2026-11-23' })], '2026-11-23')).toHaveLength(0);
  });
});

describe('ratios and certificates', () => {
  it('flags a class with more children than its staff may look after', () => {
    const kids = Array.from({ length: 6 }, () => ({ childClass: 'toddler' as const }));
    const [toddlers] = classRatios(kids, [{ childClass: 'toddler' }], DEFAULT_RULES.ratioLimits);
    expect(toddlers).toMatchObject({ children: 6, staff: 1, limit: 5, staffNeeded: 2, ok: false });
    const [ok] = classRatios(
      kids.slice(0, 5),
      [{ childClass: 'toddler' }],
      DEFAULT_RULES.ratioLimits,
    );
    expect(ok?.ok).toBe(true);
  });

  it('lists expired and soon-expiring certificates of active staff, soonest first', () => {
    const s = (id: string, expiresOn: string, active = true): StaffDoc => ({
      ...base,
      id,
      name: id,
      pinyin: id,
      initials: id,
      role: 'caregiver',
      active,
      certificates: [{ kind: 'childcareWorker', expiresOn }],
    });
    const staff = [
      s('a', '2026-12-23'),
      s('b', '2026-12-24'),
      s('c', '2026-11-01'),
      s('d', '2026-11-01', false),
    ];
    const warnings = certificateWarnings(staff, '2026-11-23', 30);
    expect(warnings.map((w) => [w.staffId, w.state, w.daysLeft])).toEqual([
      ['c', 'expired', -22],
      ['a', 'expiring', 30],
    ]);
  });
});

describe('staff screening', () => {
  it('is due for staff of a class never screened or screened more than a year ago', () => {
    const s = (id: string, over: Partial<StaffDoc>): StaffDoc => ({
      ...base,
      id,
      name: id,
      pinyin: id,
      initials: id,
      role: 'caregiver',
      active: true,
      ...over,
    });
    const staff = [
      s('never', { childClass: 'toddler' }),
      s('old', { childClass: 'infant', screeningCheckedOn: '2025-11-22' }),
      s('fresh', { childClass: 'infant', screeningCheckedOn: '2025-11-23' }),
      s('elders', {}),
    ];
    expect(screeningDue(staff, '2026-11-23').map((x) => x.staffId)).toEqual(['never', 'old']);
  });
});

describe('roles', () => {
  it('keeps health notes from reception and overrides to managers', () => {
    expect(can('reception', 'viewHealth')).toBe(false);
    expect(can('reception', 'viewSensitive')).toBe(false);
    expect(can('healthWorker', 'viewHealth')).toBe(true);
    expect(can('caregiver', 'approveOverride')).toBe(false);
    expect(can('manager', 'approveOverride')).toBe(true);
    expect(can(undefined, 'checkIn')).toBe(false);
  });
});

describe('the centre’s rules', () => {
  it('refuses figures out of range or not whole, naming the field', () => {
    expect(validateRules(DEFAULT_RULES).ok).toBe(true);
    const bad = withDefaults({
      ratioLimits: { ...DEFAULT_RULES.ratioLimits, toddler: 0 },
      closingTime: '25:00',
      feverFrom: 39,
      idleLockMinutes: 2.5,
    });
    const result = validateRules(bad);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        { field: 'ratioLimits.toddler', problem: 'range', min: 1, max: 40 },
        { field: 'closingTime', problem: 'timeFormat' },
        { field: 'feverFrom', problem: 'range', min: 37, max: 38.5 },
        { field: 'idleLockMinutes', problem: 'wholeNumber', min: 1, max: 60 },
      ]);
  });

  it('knows what a second scan does: toggles by default, asks when set so, nothing else', () => {
    expect(DEFAULT_RULES.scanAgain).toBe('toggle');
    expect(validateRules({ ...DEFAULT_RULES, scanAgain: 'ask' }).ok).toBe(true);
    const odd = validateRules({ ...DEFAULT_RULES, scanAgain: 'sometimes' as never });
    expect(odd.ok ? [] : odd.errors).toEqual([{ field: 'scanAgain', problem: 'unknown' }]);
    // A desk whose stored rules predate the setting toggles.
    expect(withDefaults({ closingTime: '18:00' }).scanAgain).toBe('toggle');
  });

  it('fills rules a desk has not stored yet with the defaults', () => {
    const rules = withDefaults({ ratioLimits: { toddler: 4 } as never, closingTime: '18:00' });
    expect(rules.ratioLimits).toEqual({ ...DEFAULT_RULES.ratioLimits, toddler: 4 });
    expect(rules.closingTime).toBe('18:00');
    expect(rules.outbreak).toEqual(DEFAULT_RULES.outbreak);
  });
});

describe('rules pushed by the district', () => {
  it('override the centre’s own figure by figure, and say which they set', () => {
    const own = { feverFrom: 37.5, ratioLimits: { ...DEFAULT_RULES.ratioLimits, toddler: 4 } };
    const district = { ratioLimits: { infant: 2 }, closingTime: '18:00' } as never;
    const merged = mergeRules(own, district);
    expect(merged.ratioLimits).toEqual({ infant: 2, toddler: 4, older: 7, preschool: 15 });
    expect(merged.feverFrom).toBe(37.5);
    expect(merged.closingTime).toBe('18:00');
    expect(rulePaths(district)).toEqual(['ratioLimits.infant', 'closingTime']);
    expect(rulePaths({ nonsense: 1, outbreak: { sameDay: 4, bogus: 1 } } as never)).toEqual([
      'outbreak.sameDay',
    ]);
  });
});
