import { describe, expect, it } from 'vitest';
import type { RiskLevel } from '../schemas/members';
import { DEFAULT_DAILY_RULES } from './dailySettings';
import {
  addFrequency,
  monthlyCompletion,
  nextDue,
  visitDuties,
  type Incident,
  type VisitRecord,
} from './visits';

// Defaults: high risk weekly (and within 24 h of an incident), key monthly, others quarterly;
// home visits, phone and video calls count.
const rules = DEFAULT_DAILY_RULES.visits;

let n = 0;
/** A counted home visit at 10:00 local time on a day, unless `over` says otherwise. */
const visit = (memberId: string, day: string, over: Partial<VisitRecord> = {}): VisitRecord => ({
  id: `v${String(++n).padStart(4, '0')}`,
  centreId: 'c1',
  memberId,
  kind: 'home',
  at: `${day}T10:00:00`,
  visitedBy: 's1',
  ...over,
});
const visits = (memberId: string, days: string[]) => days.map((d) => visit(memberId, d));
const entry = (memberId: string, risk: RiskLevel, listedOn?: string) => ({
  memberId,
  risk,
  ...(listedOn ? { listedOn } : {}),
});
const incident = (memberId: string, at: string): Incident => ({ id: `i-${at}`, memberId, at });

describe('visit frequency', () => {
  it('ends a month on the next month’s last day when it has no such day, leap years included', () => {
    const month = { every: 1, unit: 'month' } as const;
    const quarter = { every: 3, unit: 'month' } as const;
    const week = { every: 1, unit: 'week' } as const;
    expect(addFrequency('2026-01-31', month)).toBe('2026-02-28');
    expect(addFrequency('2028-01-31', month)).toBe('2028-02-29');
    expect(addFrequency('2026-03-31', month)).toBe('2026-04-30');
    expect(addFrequency('2027-11-30', quarter)).toBe('2028-02-29');
    expect(addFrequency('2026-11-30', quarter)).toBe('2027-02-28');
    expect(addFrequency('2026-12-31', week)).toBe('2027-01-07');
    // 2028-02-26 + 7 days: 27, 28, 29 Feb, 1, 2, 3, 4 Mar.
    expect(addFrequency('2028-02-26', week)).toBe('2028-03-04');
    expect(addFrequency('2026-12-15', { every: 2, unit: 'week' })).toBe('2026-12-29');
  });
});

describe('when the next visit is due', () => {
  it('counts from the last counted visit: monthly from 31 January lands on 28 February', () => {
    const k = entry('k', 'key');
    const jan = [visit('k', '2026-01-31')];
    expect(nextDue(k, jan, [], rules)).toEqual({
      memberId: 'k',
      risk: 'key',
      lastVisitOn: '2026-01-31',
      dueOn: '2026-02-28',
      reason: 'regular',
    });
    // The next month counts from the day of the visit made: 28 Feb → 28 Mar.
    const feb = [...jan, visit('k', '2026-02-28', { kind: 'phone' })];
    expect(nextDue(k, feb, [], rules).dueOn).toBe('2026-03-28');
  });

  it('does not count an unanswered call, nor a doctor’s round unless the rules say so', () => {
    const k = entry('k', 'key');
    const records = [
      visit('k', '2026-02-28'),
      visit('k', '2026-03-20', { kind: 'phone', reached: false }),
      visit('k', '2026-03-25', { kind: 'doctorRound' }),
      visit('other', '2026-03-26'),
    ];
    expect(nextDue(k, records, [], rules)).toMatchObject({
      lastVisitOn: '2026-02-28',
      dueOn: '2026-03-28',
    });
    const withRounds = { ...rules, countedKinds: [...rules.countedKinds, 'doctorRound' as const] };
    expect(nextDue(k, records, [], withRounds)).toMatchObject({
      lastVisitOn: '2026-03-25',
      dueOn: '2026-04-25',
    });
  });

  it('brings the due date forward to the visitor’s follow-up date, never back', () => {
    const k = entry('k', 'key');
    const soon = [visit('k', '2026-03-01', { nextDueOn: '2026-03-10' })];
    expect(nextDue(k, soon, [], rules)).toMatchObject({ dueOn: '2026-03-10', reason: 'followUp' });
    const late = [visit('k', '2026-03-01', { nextDueOn: '2026-05-01' })];
    expect(nextDue(k, late, [], rules)).toMatchObject({ dueOn: '2026-04-01', reason: 'regular' });
  });

  it('makes an elder never visited due from the day they were listed', () => {
    expect(nextDue(entry('n', 'normal', '2026-11-02'), [], [], rules)).toMatchObject({
      lastVisitOn: null,
      dueOn: '2026-11-02',
      reason: 'firstVisit',
    });
    expect(nextDue(entry('n', 'normal'), [], [], rules).dueOn).toBeNull();
  });

  it('makes a high-risk elder due within 24 hours of an incident, 国庆 or not', () => {
    const h = entry('h', 'high');
    const before = [visit('h', '2026-09-28')];
    // Weekly from Mon 09-28: due Mon 10-05. A fall on 10-02 at 20:00 (国庆): due by 10-03 20:00.
    const fall = [incident('h', '2026-10-02T20:00:00')];
    expect(nextDue(h, before, [], rules)).toMatchObject({ dueOn: '2026-10-05', reason: 'regular' });
    expect(nextDue(h, before, fall, rules)).toMatchObject({
      dueOn: '2026-10-03',
      reason: 'incident',
    });
    // A visit the morning of the fall does not answer it; one the morning after does.
    const sameMorning = [...before, visit('h', '2026-10-02', { at: '2026-10-02T08:00:00' })];
    expect(nextDue(h, sameMorning, fall, rules)).toMatchObject({
      dueOn: '2026-10-03',
      reason: 'incident',
    });
    const after = [...before, visit('h', '2026-10-03', { at: '2026-10-03T09:00:00' })];
    expect(nextDue(h, after, fall, rules)).toMatchObject({
      dueOn: '2026-10-10',
      reason: 'regular',
    });
    // A key elder has no incident rule by default.
    expect(nextDue(entry('h', 'key'), before, fall, rules)).toMatchObject({ dueOn: '2026-10-28' });
  });

  it('leaves due dates on public holidays where they fall (春节 2027 is Sat 6 February)', () => {
    const h = entry('h', 'high');
    const jan = [visit('h', '2027-01-30')];
    expect(nextDue(h, jan, [], rules).dueOn).toBe('2027-02-06');
    const call = [...jan, visit('h', '2027-02-06', { kind: 'video' })];
    expect(nextDue(h, call, [], rules).dueOn).toBe('2027-02-13');
  });
});

describe('the home screen’s visit lists', () => {
  // Thu 2026-10-08, the first working day after 国庆; this week is Mon 10-05 to Sun 10-11.
  const today = '2026-10-08';
  const list = [
    entry('e1', 'high'),
    entry('e2', 'high'),
    entry('e3', 'key'),
    entry('e4', 'key'),
    entry('e5', 'normal'),
    entry('e6', 'normal'),
    entry('e7', 'key', '2026-10-01'),
  ];
  const records = [
    visit('e1', '2026-09-28'), // due 10-05: 3 days overdue
    visit('e2', '2026-10-02', { kind: 'phone' }), // due 10-09: this week
    visit('e3', '2026-09-11'), // due 10-11, Sunday: this week
    visit('e4', '2026-09-12'), // due 10-12, next Monday: neither list
    visit('e5', '2026-07-08'), // quarterly, due 10-08: today, this week
    // e6: never visited, no listing date: overdue with no count of days.
    // e7: listed 10-01 (国庆), never visited: 7 days overdue.
  ];

  it('lists the overdue, oldest first, and those due by Sunday, soonest first', () => {
    const { overdue, dueThisWeek } = visitDuties(list, records, [], rules, today);
    expect(overdue.map((d) => [d.memberId, d.dueOn, d.daysOverdue])).toEqual([
      ['e6', null, null],
      ['e7', '2026-10-01', 7],
      ['e1', '2026-10-05', 3],
    ]);
    expect(dueThisWeek.map((d) => [d.memberId, d.dueOn])).toEqual([
      ['e5', '2026-10-08'],
      ['e2', '2026-10-09'],
      ['e3', '2026-10-11'],
    ]);
  });

  it('takes the week across the year end, Monday to Sunday', () => {
    // Thu 2026-12-31: the week runs to Sun 2027-01-03. Weekly from 12-27 → 2027-01-03 (in);
    // monthly from 12-04 → 2027-01-04 (out).
    const yearEnd = [visit('a', '2026-12-27'), visit('b', '2026-12-04')];
    const { overdue, dueThisWeek } = visitDuties(
      [entry('a', 'high'), entry('b', 'key')],
      yearEnd,
      [],
      rules,
      '2026-12-31',
    );
    expect(overdue).toEqual([]);
    expect(dueThisWeek.map((d) => [d.memberId, d.dueOn])).toEqual([['a', '2027-01-03']]);
  });
});

describe('the monthly visit completion rate', () => {
  // October 2026, seen on 2026-11-05 (the month is over).
  const list = [
    entry('h1', 'high'),
    entry('h2', 'high'),
    entry('h4', 'high'),
    entry('h5', 'high'),
    entry('k1', 'key'),
    entry('k2', 'key'),
    entry('k3', 'key'),
    entry('n1', 'normal'),
    entry('n2', 'normal'),
    entry('late', 'high', '2026-11-02'),
  ];
  const records = [
    // h1: due 10-05, 12, 19, 26, each met on the day; then due 11-02. Completed.
    ...visits('h1', ['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']),
    // h2: due 10-05 met only on 10-08 (missed); then 10-15, 10-22 met; due 10-29 never met.
    ...visits('h2', ['2026-09-28', '2026-10-08', '2026-10-15', '2026-10-22']),
    // h4: due 10-03 met on 10-01 → due 10-08; a fall on 10-06 15:00 answered 10-07 10:00 → due
    // 10-14, 21, 28 met → due 11-04. Completed.
    ...visits('h4', ['2026-09-26', '2026-10-01', '2026-10-07', '2026-10-14', '2026-10-21']),
    visit('h4', '2026-10-28'),
    // h5: due 10-07 met by the visit at 16:00 that day, but the fall of 10-06 15:00 needed a visit
    // by 10-07 15:00: missed 10-07. Then due 10-14, 21, 28 met.
    ...visits('h5', ['2026-09-30', '2026-10-14', '2026-10-21', '2026-10-28']),
    visit('h5', '2026-10-07', { at: '2026-10-07T16:00:00' }),
    // k1: 09-30 → due 10-30, met that day → due 11-30. Completed.
    ...visits('k1', ['2026-09-30', '2026-10-30']),
    // k2: 09-15 → due 10-15, no visit in October. Missed.
    visit('k2', '2026-09-15'),
    // k3: 08-20 → due 09-20, unmet as October began; the visit of 10-31 meets it. Completed.
    ...visits('k3', ['2026-08-20', '2026-10-31']),
    // n1: 09-01 → due 12-01. Not due in October.
    visit('n1', '2026-09-01'),
    // n2: 08-01 → due 11-01; visited early on 10-10, still not due in October.
    ...visits('n2', ['2026-08-01', '2026-10-10']),
  ];
  const falls = [incident('h4', '2026-10-06T15:00:00'), incident('h5', '2026-10-06T15:00:00')];

  it('counts the elders who owed a visit and those who were visited on time', () => {
    const result = monthlyCompletion(list, records, falls, rules, '2026-10', '2026-11-05');
    expect(result.elders.map((e) => [e.memberId, e.status, e.visits, e.missed])).toEqual([
      ['h1', 'completed', 4, []],
      ['h2', 'missed', 3, ['2026-10-05', '2026-10-29']],
      ['h4', 'completed', 5, []],
      ['h5', 'missed', 4, ['2026-10-07']],
      ['k1', 'completed', 1, []],
      ['k2', 'missed', 0, ['2026-10-15']],
      ['k3', 'completed', 1, []],
      ['n1', 'notDue', 0, []],
      ['n2', 'notDue', 1, []],
    ]);
    // Owed: h1, h2, h4, h5, k1, k2, k3 = 7; completed: h1, h4, k1, k3 = 4.
    expect([result.due, result.completed, result.pending, result.rate]).toEqual([7, 4, 0, 4 / 7]);
  });

  it('keeps a duty not yet past as pending in the month under way', () => {
    // 2026-11-10: h1 was due 11-02 and not visited (missed); k1 is due 11-30 (pending); h4 was
    // due 11-04 and visited 11-04 → due 11-11 (pending).
    const nov = [...records, visit('h4', '2026-11-04')];
    const result = monthlyCompletion(
      [entry('h1', 'high'), entry('h4', 'high'), entry('k1', 'key')],
      nov,
      [],
      rules,
      '2026-11',
      '2026-11-10',
    );
    expect(result.elders.map((e) => [e.memberId, e.status, e.missed])).toEqual([
      ['h1', 'missed', ['2026-11-02']],
      ['h4', 'pending', []],
      ['k1', 'pending', []],
    ]);
    expect([result.due, result.completed, result.pending, result.rate]).toEqual([3, 0, 2, 0]);
  });

  it('carries a duty missed at the end of February into March, leap year or not', () => {
    // 2028: 01-31 → due 02-29, met on the leap day. February completed.
    const leap = visits('k', ['2028-01-31', '2028-02-29']);
    const feb28 = monthlyCompletion([entry('k', 'key')], leap, [], rules, '2028-02', '2028-03-10');
    expect(feb28.elders[0]).toMatchObject({ status: 'completed', visits: 1 });
    // 2027: 01-31 → due 02-28, met only on 03-01: February missed; March met the carried duty
    // with 03-01 → due 04-01, after March: completed.
    const plain = visits('k', ['2027-01-31', '2027-03-01']);
    const feb27 = monthlyCompletion([entry('k', 'key')], plain, [], rules, '2027-02', '2027-04-10');
    expect(feb27.elders[0]).toMatchObject({ status: 'missed', missed: ['2027-02-28'] });
    const mar27 = monthlyCompletion([entry('k', 'key')], plain, [], rules, '2027-03', '2027-04-10');
    expect(mar27.elders[0]).toMatchObject({ status: 'completed', visits: 1 });
  });

  it('counts weekly visits across the year end and 春节 without moving a due date', () => {
    // a: 2026-12-26 → due 2027-01-02, then weekly: 01-02, 09, 16, 23, 30 met → due 02-06.
    // b: same but skips the 春节 visit of 02-06, comes 02-08: February missed 02-06.
    const aDays = ['2026-12-26', '2027-01-02', '2027-01-09', '2027-01-16', '2027-01-23'];
    const records2 = [
      ...visits('a', [
        ...aDays,
        '2027-01-30',
        '2027-02-06',
        '2027-02-13',
        '2027-02-20',
        '2027-02-27',
      ]),
      ...visits('b', [...aDays, '2027-01-30', '2027-02-08', '2027-02-15', '2027-02-22']),
    ];
    const list2 = [entry('a', 'high'), entry('b', 'high')];
    const jan = monthlyCompletion(list2, records2, [], rules, '2027-01', '2027-03-15');
    expect([jan.due, jan.completed, jan.rate]).toEqual([2, 2, 1]);
    // February: a due 02-06, 13, 20, 27 met → due 03-06: completed. b: due 02-06 met on 02-08
    // (late), then 02-15, 02-22 met → due 03-01, after February: missed only 02-06.
    const feb = monthlyCompletion(list2, records2, [], rules, '2027-02', '2027-03-15');
    expect(feb.elders.map((e) => [e.memberId, e.status, e.visits, e.missed])).toEqual([
      ['a', 'completed', 4, []],
      ['b', 'missed', 3, ['2027-02-06']],
    ]);
    expect(feb.rate).toBe(0.5);
  });

  it('takes an incident late on the month’s last day as answered by a visit the next morning', () => {
    // x: weekly, met through 10-26 → due 11-02. A fall on 10-31 at 22:00 needs a visit by 11-01
    // 22:00; the visit of 11-01 09:00 answers it: October completed. November: due 11-01 (the
    // fall) met on 11-01 → due 11-08, not met by 11-10: missed 11-08.
    const x = [
      ...visits('x', ['2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']),
      visit('x', '2026-11-01', { at: '2026-11-01T09:00:00' }),
    ];
    const fall = [incident('x', '2026-10-31T22:00:00')];
    const oct = monthlyCompletion([entry('x', 'high')], x, fall, rules, '2026-10', '2026-11-10');
    expect(oct.elders[0]).toMatchObject({ status: 'completed', visits: 4, missed: [] });
    const nov = monthlyCompletion([entry('x', 'high')], x, fall, rules, '2026-11', '2026-11-10');
    expect(nov.elders[0]).toMatchObject({ status: 'missed', visits: 1, missed: ['2026-11-08'] });
    // Without the visit of 11-01 October misses the fall's deadline, 11-01.
    const none = monthlyCompletion(
      [entry('x', 'high')],
      x.slice(0, 5),
      fall,
      rules,
      '2026-10',
      '2026-11-10',
    );
    expect(none.elders[0]).toMatchObject({ status: 'missed', missed: ['2026-11-01'] });
  });

  it('has no rate when nobody owed a visit', () => {
    const result = monthlyCompletion(
      [entry('n', 'normal')],
      [visit('n', '2026-09-01')],
      [],
      rules,
      '2026-10',
      '2026-11-05',
    );
    expect([result.due, result.rate]).toEqual([0, null]);
  });
});
