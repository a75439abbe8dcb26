import { describe, expect, it } from 'vitest';
import {
  attendanceSummary,
  expandSessions,
  findClashes,
  mondayOfWeekAfter,
  sessionsAt,
  validatePlan,
  weekDays,
  weekdayOf,
  weekSessions,
  type ActivityAttendance,
  type ActivityPlan,
  type ActivitySession,
} from './schedule';

const plan = (
  over: Partial<ActivityPlan> & Pick<ActivityPlan, 'id' | 'recurrence'>,
): ActivityPlan => ({
  centreId: 'c1',
  title: over.id,
  category: 'elder',
  room: 'hall',
  leaderId: 's1',
  capacity: 20,
  enrolled: [],
  start: '09:00',
  end: '10:00',
  ...over,
});

/** [date, start, planId] of each session: enough to see order and which ran. */
const brief = (sessions: ActivitySession[]) => sessions.map((s) => [s.date, s.start, s.planId]);

describe('the weekly timetable', () => {
  // 2026-11-23 is a Monday.
  const taiChi = plan({
    id: 'taiChi',
    category: 'exercise',
    recurrence: { kind: 'weekly', weekdays: [1, 3, 5], from: '2026-11-02' },
  });
  // Every 2 weeks from the week of Mon 2026-11-09: weeks of 11-09, 11-23, 12-07… not 11-16 or 11-30.
  const stories = plan({
    id: 'stories',
    category: 'intergenerational',
    room: 'library',
    leaderId: 's2',
    start: '10:00',
    end: '11:00',
    recurrence: { kind: 'weekly', weekdays: [3], everyWeeks: 2, from: '2026-11-11' },
  });
  const lecture = plan({
    id: 'lecture',
    category: 'healthLecture',
    room: 'library',
    leaderId: 's3',
    start: '09:30',
    end: '10:30',
    recurrence: { kind: 'once', date: '2026-11-25' },
  });

  it('lists a week’s sessions in time order, every-other-week and one-off activities included', () => {
    // Mon 23: tai chi; Wed 25: tai chi 09:00, lecture 09:30, stories 10:00 (a stories week);
    // Fri 27: tai chi. Nothing at the weekend.
    expect(brief(weekSessions([stories, lecture, taiChi], '2026-11-26'))).toEqual([
      ['2026-11-23', '09:00', 'taiChi'],
      ['2026-11-25', '09:00', 'taiChi'],
      ['2026-11-25', '09:30', 'lecture'],
      ['2026-11-25', '10:00', 'stories'],
      ['2026-11-27', '09:00', 'taiChi'],
    ]);
    // The week after (11-30 to 12-06) is not a stories week: only tai chi, three times.
    expect(brief(weekSessions([stories, lecture, taiChi], '2026-11-30'))).toEqual([
      ['2026-11-30', '09:00', 'taiChi'],
      ['2026-12-02', '09:00', 'taiChi'],
      ['2026-12-04', '09:00', 'taiChi'],
    ]);
  });

  it('leaves out cancelled dates and applies a day’s other time, room or leader', () => {
    const changed = {
      ...taiChi,
      exceptions: [
        { date: '2026-11-23', cancelled: true, reason: '停电' },
        { date: '2026-11-25', start: '08:00', end: '08:45', room: 'yard' },
      ],
    };
    const week = weekSessions([changed], '2026-11-23');
    expect(week.map((s) => [s.date, s.start, s.end, s.room, s.changed])).toEqual([
      ['2026-11-25', '08:00', '08:45', 'yard', true],
      ['2026-11-27', '09:00', '10:00', 'hall', false],
    ]);
  });

  it('counts every-N-weeks across the year end and stops after the end date', () => {
    // Weeks from Mon 2026-12-14: 12-14 (0), 12-21 (1), 12-28 (2), 2027-01-04 (3), 01-11 (4).
    // Wednesdays of weeks 0, 2, 4: 12-16, 12-30, 2027-01-13.
    const fortnightly = plan({
      id: 'kites',
      recurrence: { kind: 'weekly', weekdays: [3], everyWeeks: 2, from: '2026-12-16' },
    });
    expect(brief(expandSessions([fortnightly], '2026-12-01', '2027-01-17'))).toEqual([
      ['2026-12-16', '09:00', 'kites'],
      ['2026-12-30', '09:00', 'kites'],
      ['2027-01-13', '09:00', 'kites'],
    ]);
    const ending = {
      ...fortnightly,
      recurrence: { ...fortnightly.recurrence, until: '2027-01-12' },
    } as ActivityPlan;
    expect(expandSessions([ending], '2026-12-01', '2027-01-17').map((s) => s.date)).toEqual([
      '2026-12-16',
      '2026-12-30',
    ]);
    // The week across the year end: Mon 2026-12-28 to Sun 2027-01-03; Sunday classes included.
    const sundays = plan({
      id: 'sun',
      recurrence: { kind: 'weekly', weekdays: [7], from: '2026-01-01' },
    });
    expect(weekSessions([sundays], '2026-12-31').map((s) => s.date)).toEqual(['2027-01-03']);
  });

  it('runs on the leap day', () => {
    // Tuesdays from 2028-02-01: 02-01, 02-08, 02-15, 02-22, 02-29, 03-07.
    const tuesdays = plan({
      id: 'garden',
      recurrence: { kind: 'weekly', weekdays: [2], from: '2028-02-01' },
    });
    expect(expandSessions([tuesdays], '2028-02-20', '2028-03-06').map((s) => s.date)).toEqual([
      '2028-02-22',
      '2028-02-29',
    ]);
  });

  it('skips the 国庆 holiday when its days are cancelled, and keeps a make-up one-off', () => {
    // Weekdays from 2026-09-01; 国庆 Thu 10-01 to Wed 10-07 cancelled (Oct 1, 2, 5, 6, 7 are
    // weekdays). Week of Mon 09-28: Mon, Tue, Wed only. A make-up session on Sat 10-10.
    const daily = plan({
      id: 'daycare',
      recurrence: { kind: 'weekly', weekdays: [1, 2, 3, 4, 5], from: '2026-09-01' },
      exceptions: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'].map(
        (date) => ({ date, cancelled: true, reason: '国庆' }),
      ),
    });
    const makeUp = plan({ id: 'makeUp', recurrence: { kind: 'once', date: '2026-10-10' } });
    expect(expandSessions([daily, makeUp], '2026-09-28', '2026-10-11').map((s) => s.date)).toEqual([
      '2026-09-28',
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
  });
});

describe('clashes', () => {
  // Wed 2026-11-25.
  const a = plan({
    id: 'a',
    title: '剪纸',
    room: 'hall',
    leaderId: 's1',
    start: '09:00',
    end: '10:00',
    enrolled: ['m1', 'm2'],
    recurrence: { kind: 'weekly', weekdays: [3], from: '2026-11-01' },
  });

  it('names both activities, the day and the overlapping time when a room is double-booked', () => {
    const b = plan({
      id: 'b',
      title: '健康讲座',
      room: 'hall',
      leaderId: 's2',
      start: '09:30',
      end: '11:00',
      recurrence: { kind: 'once', date: '2026-11-25' },
    });
    const clashes = findClashes([a, b], '2026-11-23', '2026-11-29');
    expect(clashes).toHaveLength(1);
    expect(clashes[0]).toMatchObject({
      kind: 'room',
      what: 'hall',
      date: '2026-11-25',
      from: '09:30',
      to: '10:00',
      a: { planId: 'a', title: '剪纸' },
      b: { planId: 'b', title: '健康讲座' },
    });
  });

  it('finds a leader in two places and a member enrolled in both', () => {
    const b = plan({
      id: 'b',
      room: 'yard',
      leaderId: 's1',
      start: '08:30',
      end: '09:15',
      enrolled: ['m2', 'm3'],
      recurrence: { kind: 'weekly', weekdays: [3], from: '2026-11-01' },
    });
    // Two Wednesdays (11-25, 12-02), each with a leader and a member clash over 09:00–09:15.
    const clashes = findClashes([a, b], '2026-11-23', '2026-12-06');
    expect(
      clashes.map((c) => (c.kind === 'overCapacity' ? c.kind : [c.kind, c.date, c.from, c.to])),
    ).toEqual([
      ['leader', '2026-11-25', '09:00', '09:15'],
      ['member', '2026-11-25', '09:00', '09:15'],
      ['leader', '2026-12-02', '09:00', '09:15'],
      ['member', '2026-12-02', '09:00', '09:15'],
    ]);
    expect(clashes[1]).toMatchObject({ memberIds: ['m2'], a: { planId: 'b' }, b: { planId: 'a' } });
  });

  it('lets one session follow another in the same room without a clash', () => {
    const b = plan({
      id: 'b',
      start: '10:00',
      end: '11:00',
      recurrence: { kind: 'once', date: '2026-11-25' },
    });
    expect(findClashes([a, b], '2026-11-23', '2026-11-29')).toEqual([]);
  });

  it('flags more enrolments than places, counting each member once', () => {
    const full = { ...a, capacity: 2, enrolled: ['m1', 'm2', 'm2'] };
    expect(findClashes([full], '2026-11-23', '2026-11-29')).toEqual([]);
    const over = { ...a, capacity: 2, enrolled: ['m1', 'm2', 'm3'] };
    expect(findClashes([over], '2026-11-23', '2026-11-29')).toEqual([
      { kind: 'overCapacity', planId: 'a', title: '剪纸', enrolled: 3, capacity: 2 },
    ]);
  });

  it('reports only the clashes of the activity being planned', () => {
    // b and c clash with each other in the yard; the new activity d clashes with a in the hall.
    const b = plan({
      id: 'b',
      room: 'yard',
      leaderId: 's2',
      recurrence: { kind: 'once', date: '2026-11-25' },
    });
    const c = plan({
      id: 'c',
      room: 'yard',
      leaderId: 's3',
      recurrence: { kind: 'once', date: '2026-11-25' },
    });
    const d = plan({
      id: 'd',
      room: 'hall',
      leaderId: 's4',
      start: '09:45',
      end: '10:30',
      recurrence: { kind: 'once', date: '2026-11-25' },
    });
    expect(findClashes([a, b, c, d], '2026-11-23', '2026-11-29')).toHaveLength(2);
    const mine = findClashes([a, b, c, d], '2026-11-23', '2026-11-29', 'd');
    expect(
      mine.map((x) =>
        x.kind === 'overCapacity' ? x.kind : [x.kind, x.a.planId, x.b.planId, x.from, x.to],
      ),
    ).toEqual([['room', 'a', 'd', '09:45', '10:00']]);
  });
});

describe('attendance', () => {
  const [session] = expandSessions(
    [
      plan({
        id: 'a',
        capacity: 3,
        enrolled: ['m1', 'm2', 'm3', 'm4'],
        recurrence: { kind: 'once', date: '2026-11-25' },
      }),
    ],
    '2026-11-25',
    '2026-11-25',
  );
  const mark = (
    id: string,
    memberId: string,
    present: boolean,
    recordedAt: string,
    over: Partial<ActivityAttendance> = {},
  ): ActivityAttendance => ({
    id,
    centreId: 'c1',
    planId: 'a',
    date: '2026-11-25',
    memberId,
    present,
    recordedAt,
    recordedBy: 's1',
    ...over,
  });

  it('counts present, absent and unmarked against the places, the latest mark of each member', () => {
    const records = [
      mark('r1', 'm1', true, '2026-11-25T01:05:00Z'),
      // m2 marked absent, then corrected to present (the correction synced first): present.
      mark('r3', 'm2', true, '2026-11-25T01:20:00Z'),
      mark('r2', 'm2', false, '2026-11-25T01:05:00Z'),
      mark('r4', 'm3', false, '2026-11-25T01:05:00Z'),
      // A walk-in, not enrolled.
      mark('r5', 'w1', true, '2026-11-25T01:10:00Z'),
      // Another session's and another day's marks do not count.
      mark('r6', 'm4', true, '2026-11-25T01:05:00Z', { planId: 'b' }),
      mark('r7', 'm4', true, '2026-11-18T01:05:00Z', { date: '2026-11-18' }),
    ];
    // Present: m1, m2, w1 = 3; absent: m3 = 1; unmarked: m4 = 1; total 5; capacity 3, spare 0.
    expect(attendanceSummary(session!, records)).toEqual({
      present: 3,
      absent: 1,
      unmarked: 1,
      walkIns: 1,
      total: 5,
      capacity: 3,
      spare: 0,
      overCapacity: false,
    });
    // Without the walk-in: present m1, m2 = 2; total 4 (the enrolled); one place spare.
    const enrolledOnly = records.filter((r) => r.memberId !== 'w1');
    expect(attendanceSummary(session!, enrolledOnly)).toMatchObject({
      present: 2,
      walkIns: 0,
      total: 4,
      spare: 1,
    });
    const crowded = [...records, mark('r8', 'm4', true, '2026-11-25T01:30:00Z')];
    expect(attendanceSummary(session!, crowded)).toMatchObject({
      present: 4,
      unmarked: 0,
      total: 5,
      spare: -1,
      overCapacity: true,
    });
  });
});

describe('checking a plan', () => {
  it('accepts a sound plan and names each field of an unsound one', () => {
    const good = plan({
      id: 'a',
      recurrence: { kind: 'weekly', weekdays: [1, 3], from: '2026-11-02' },
    });
    expect(validatePlan(good)).toEqual([]);
    const bad = plan({
      id: 'b',
      title: ' ',
      capacity: 0,
      start: '10:00',
      end: '09:30',
      recurrence: {
        kind: 'weekly',
        weekdays: [],
        everyWeeks: 0,
        from: '2026-03-01',
        until: '2026-01-01',
      },
      exceptions: [
        { date: '2026-11-04', start: '9:00' },
        { date: '2026-11-11', end: '09:00' },
        { date: '2026-02-30', cancelled: true },
      ],
    });
    // It would end before it starts; the 11-11 exception ends (09:00) before the plan's start
    // (10:00); 2026-02-30 does not exist.
    expect(validatePlan(bad)).toEqual([
      { field: 'title', problem: 'required' },
      { field: 'capacity', problem: 'range' },
      { field: 'end', problem: 'endBeforeStart' },
      { field: 'recurrence.weekdays', problem: 'range' },
      { field: 'recurrence.everyWeeks', problem: 'range' },
      { field: 'recurrence.until', problem: 'endBeforeStart' },
      { field: 'exceptions.0.start', problem: 'timeFormat' },
      { field: 'exceptions.1.end', problem: 'endBeforeStart' },
      { field: 'exceptions.2.date', problem: 'dateFormat' },
    ]);
  });
});

describe('weeks', () => {
  it('runs Monday to Sunday, whichever day of it is given, across a month end', () => {
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04'];
    expect(weekDays('2026-12-03')).toEqual([...week, '2026-12-05', '2026-12-06']);
    expect(weekDays('2026-11-30')).toEqual(weekDays('2026-12-06'));
  });

  it('names each day by its ISO weekday, Monday 1 to Sunday 7, and refuses a non-date', () => {
    expect(weekDays('2026-12-03').map(weekdayOf)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(() => weekdayOf('2026-13-01')).toThrow('"2026-13-01" is not a date');
  });

  it('steps to the Monday of the next or an earlier week', () => {
    expect(mondayOfWeekAfter('2026-12-03', 1)).toBe('2026-12-07');
    expect(mondayOfWeekAfter('2026-12-06', -1)).toBe('2026-11-23');
    expect(mondayOfWeekAfter('2026-12-29', 1)).toBe('2027-01-04');
  });
});

describe('the day’s sessions at a time of day (sessionsAt)', () => {
  const session = (start: string, end: string) =>
    ({ planId: start, title: start, start, end }) as unknown as ActivitySession;
  const day = [session('09:00', '10:00'), session('10:30', '11:30'), session('14:00', '15:00')];

  it('tells the sessions on now, the next ones, and how many have ended', () => {
    const at = sessionsAt(day, '10:45');
    expect(at.current.map((s) => s.start)).toEqual(['10:30']);
    expect(at.next.map((s) => s.start)).toEqual(['14:00']);
    expect(at.ended).toBe(1);
  });

  it('counts them all ended after the last, and none before the first', () => {
    expect(sessionsAt(day, '15:00')).toEqual({ current: [], next: [], ended: 3 });
    expect(sessionsAt(day, '08:00').ended).toBe(0);
    expect(sessionsAt([], '12:00')).toEqual({ current: [], next: [], ended: 0 });
  });
});
