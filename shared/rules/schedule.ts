import {
  addDays,
  differenceInCalendarDays,
  format,
  getISODay,
  isValid,
  parseISO,
  startOfISOWeek,
} from 'date-fns';

/** The kinds of activity on the shared timetable (docs/DOMAIN.md, "Daily operations" 3). */
export const ACTIVITY_CATEGORIES = [
  'elder',
  'child',
  'intergenerational', // 代际: crafts, plant adoption, kite flying, storytelling
  'healthLecture',
  'exercise',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const satisfies readonly Weekday[];

/** The ISO weekday of a day ('yyyy-MM-dd'), as plans and the timetable's headings name it. */
export function weekdayOf(day: string): Weekday {
  const iso = getISODay(parseISO(day));
  const weekday = WEEKDAYS.find((w) => w === iso);
  if (weekday === undefined) throw new RangeError(`weekdayOf: "${day}" is not a date (yyyy-MM-dd)`);
  return weekday;
}

export type Recurrence =
  | { kind: 'once'; date: string }
  | {
      kind: 'weekly';
      weekdays: Weekday[];
      /** Every N weeks, counted from the week (Monday to Sunday) of `from`; 1 when absent. */
      everyWeeks?: number;
      from: string;
      /** The last day it may run (inclusive); open-ended when absent. */
      until?: string;
    };

/** One day's change to a recurring activity: another time, room or leader, or a cancellation. */
export interface SessionException {
  date: string;
  cancelled?: boolean;
  /** Why it was cancelled or moved, for the timetable's note. */
  reason?: string;
  start?: string;
  end?: string;
  room?: string;
  leaderId?: string;
}

/** An activity on the timetable, as its document holds it (times are local 'HH:mm'). */
export interface ActivityPlan {
  id: string;
  centreId: string;
  title: string;
  category: ActivityCategory;
  room: string;
  /** The staff member (or volunteer) who leads it. */
  leaderId: string;
  capacity: number;
  /** Members enrolled. */
  enrolled: string[];
  start: string;
  end: string;
  recurrence: Recurrence;
  exceptions?: SessionException[];
  /** The district template it was made from, if any. */
  templateId?: string;
}

/** What a planner fills in: an ActivityPlan before it has an id and a centre. */
export type PlanInput = Omit<ActivityPlan, 'id' | 'centreId'>;

export type PlanProblem = 'required' | 'timeFormat' | 'dateFormat' | 'endBeforeStart' | 'range';
export interface PlanError {
  /** A dotted path into ActivityPlan: `end`, `recurrence.weekdays`, `exceptions.0.start`… */
  field: string;
  problem: PlanProblem;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && isValid(parseISO(s));

/** Checks a plan before it is saved: every error names its field, so the form can point at it. */
export function validatePlan(plan: ActivityPlan): PlanError[] {
  const errors: PlanError[] = [];
  for (const field of ['title', 'room', 'leaderId'] as const)
    if (plan[field].trim() === '') errors.push({ field, problem: 'required' });
  if (!Number.isInteger(plan.capacity) || plan.capacity < 1)
    errors.push({ field: 'capacity', problem: 'range' });
  const times = (prefix: string, start: string, end: string) => {
    if (!TIME.test(start)) errors.push({ field: `${prefix}start`, problem: 'timeFormat' });
    if (!TIME.test(end)) errors.push({ field: `${prefix}end`, problem: 'timeFormat' });
    else if (TIME.test(start) && end <= start)
      errors.push({ field: `${prefix}end`, problem: 'endBeforeStart' });
  };
  times('', plan.start, plan.end);
  const r = plan.recurrence;
  if (r.kind === 'once') {
    if (!isDate(r.date)) errors.push({ field: 'recurrence.date', problem: 'dateFormat' });
  } else {
    if (r.weekdays.length === 0 || r.weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
      errors.push({ field: 'recurrence.weekdays', problem: 'range' });
    if (r.everyWeeks !== undefined && (!Number.isInteger(r.everyWeeks) || r.everyWeeks < 1))
      errors.push({ field: 'recurrence.everyWeeks', problem: 'range' });
    if (!isDate(r.from)) errors.push({ field: 'recurrence.from', problem: 'dateFormat' });
    if (r.until !== undefined) {
      if (!isDate(r.until)) errors.push({ field: 'recurrence.until', problem: 'dateFormat' });
      else if (isDate(r.from) && r.until < r.from)
        errors.push({ field: 'recurrence.until', problem: 'endBeforeStart' });
    }
  }
  (plan.exceptions ?? []).forEach((ex, i) => {
    if (!isDate(ex.date)) errors.push({ field: `exceptions.${i}.date`, problem: 'dateFormat' });
    if (ex.start !== undefined || ex.end !== undefined)
      times(`exceptions.${i}.`, ex.start ?? plan.start, ex.end ?? plan.end);
  });
  return errors;
}

/** One dated occurrence of an activity, with that day's exception applied. */
export interface ActivitySession {
  planId: string;
  title: string;
  category: ActivityCategory;
  date: string;
  start: string;
  end: string;
  room: string;
  leaderId: string;
  capacity: number;
  enrolled: string[];
  /** True when an exception moved its time, room or leader on this date. */
  changed: boolean;
}

function runsOn(plan: ActivityPlan, date: string): boolean {
  const r = plan.recurrence;
  if (r.kind === 'once') return r.date === date;
  if (date < r.from || (r.until !== undefined && date > r.until)) return false;
  const day = parseISO(date);
  if (!r.weekdays.includes(getISODay(day) as Weekday)) return false;
  const weeks = differenceInCalendarDays(startOfISOWeek(day), startOfISOWeek(parseISO(r.from))) / 7;
  return weeks % (r.everyWeeks ?? 1) === 0;
}

function sessionOn(plan: ActivityPlan, date: string): ActivitySession | null {
  if (!runsOn(plan, date)) return null;
  const ex = plan.exceptions?.find((e) => e.date === date);
  if (ex?.cancelled) return null;
  const session: ActivitySession = {
    planId: plan.id,
    title: plan.title,
    category: plan.category,
    date,
    start: ex?.start ?? plan.start,
    end: ex?.end ?? plan.end,
    room: ex?.room ?? plan.room,
    leaderId: ex?.leaderId ?? plan.leaderId,
    capacity: plan.capacity,
    enrolled: plan.enrolled,
    changed: false,
  };
  session.changed =
    session.start !== plan.start ||
    session.end !== plan.end ||
    session.room !== plan.room ||
    session.leaderId !== plan.leaderId;
  return session;
}

const byTime = (a: ActivitySession, b: ActivitySession) =>
  a.date.localeCompare(b.date) ||
  a.start.localeCompare(b.start) ||
  a.end.localeCompare(b.end) ||
  a.room.localeCompare(b.room) ||
  a.planId.localeCompare(b.planId);

/**
 * The sessions from `from` to `to` (both inclusive, 'yyyy-MM-dd'), cancelled dates left out, in time
 * order (date, start, end, then room and id so that equal times list the same way on every desk).
 */
export function expandSessions(
  plans: readonly ActivityPlan[],
  from: string,
  to: string,
): ActivitySession[] {
  const sessions: ActivitySession[] = [];
  const last = parseISO(to);
  for (let day = parseISO(from); day <= last; day = addDays(day, 1)) {
    const date = format(day, 'yyyy-MM-dd');
    for (const plan of plans) {
      const session = sessionOn(plan, date);
      if (session) sessions.push(session);
    }
  }
  return sessions.sort(byTime);
}

/** The seven days ('yyyy-MM-dd') of the Monday-to-Sunday week that holds `anyDay`. */
export function weekDays(anyDay: string): string[] {
  const monday = startOfISOWeek(parseISO(anyDay));
  return Array.from({ length: 7 }, (_, i) => format(addDays(monday, i), 'yyyy-MM-dd'));
}

/** The Monday of the week `weeks` after the week of `anyDay` (before it when negative). */
export function mondayOfWeekAfter(anyDay: string, weeks: number): string {
  return format(addDays(startOfISOWeek(parseISO(anyDay)), 7 * weeks), 'yyyy-MM-dd');
}

/** The Monday-to-Sunday week of a day: its sessions in time order. */
export function weekSessions(plans: readonly ActivityPlan[], anyDay: string): ActivitySession[] {
  const days = weekDays(anyDay);
  return expandSessions(plans, days[0]!, days[6]!);
}

export type Clash =
  | {
      kind: 'room' | 'leader';
      /** The room or the leader both sessions need. */
      what: string;
      date: string;
      /** The time both sessions take, 'HH:mm'. */
      from: string;
      to: string;
      a: ActivitySession;
      b: ActivitySession;
    }
  | {
      kind: 'member';
      /** Members enrolled in both. */
      memberIds: string[];
      date: string;
      from: string;
      to: string;
      a: ActivitySession;
      b: ActivitySession;
    }
  | { kind: 'overCapacity'; planId: string; title: string; enrolled: number; capacity: number };

/**
 * What clashes in the timetable from `from` to `to`: two sessions overlapping in time (a session
 * ending as the next begins does not) in one room, with one leader, or with a member enrolled in
 * both; and activities with more members enrolled than places. With `onlyPlanId`, only clashes
 * that involve that activity (the one being planned).
 */
export function findClashes(
  plans: readonly ActivityPlan[],
  from: string,
  to: string,
  onlyPlanId?: string,
): Clash[] {
  const clashes: Clash[] = [];
  for (const plan of plans) {
    if (onlyPlanId !== undefined && plan.id !== onlyPlanId) continue;
    const enrolled = new Set(plan.enrolled).size;
    if (enrolled > plan.capacity)
      clashes.push({
        kind: 'overCapacity',
        planId: plan.id,
        title: plan.title,
        enrolled,
        capacity: plan.capacity,
      });
  }
  const sessions = expandSessions(plans, from, to);
  for (let i = 0; i < sessions.length; i++) {
    const a = sessions[i]!;
    for (let j = i + 1; j < sessions.length; j++) {
      const b = sessions[j]!;
      // Sorted by date and start: once b starts as a ends (or later), no later session overlaps a.
      if (b.date !== a.date || b.start >= a.end) break;
      if (onlyPlanId !== undefined && a.planId !== onlyPlanId && b.planId !== onlyPlanId) continue;
      const when = {
        date: a.date,
        from: a.start > b.start ? a.start : b.start,
        to: a.end < b.end ? a.end : b.end,
        a,
        b,
      };
      if (a.room === b.room) clashes.push({ kind: 'room', what: a.room, ...when });
      if (a.leaderId === b.leaderId) clashes.push({ kind: 'leader', what: a.leaderId, ...when });
      const both = a.enrolled.filter((m) => b.enrolled.includes(m));
      if (both.length)
        clashes.push({ kind: 'member', memberIds: [...new Set(both)].sort(), ...when });
    }
  }
  return clashes;
}

/** One member's attendance at one session; a later record (by `recordedAt`) corrects an earlier. */
export interface ActivityAttendance {
  id: string;
  centreId: string;
  planId: string;
  date: string;
  memberId: string;
  present: boolean;
  note?: string;
  recordedAt: string;
  recordedBy: string;
}

export interface AttendanceSummary {
  /** Members marked present, enrolled or not. */
  present: number;
  /** Members marked absent. */
  absent: number;
  /** Enrolled members nobody has marked yet. */
  unmarked: number;
  /** Present but not enrolled (a walk-in). */
  walkIns: number;
  /** Everyone enrolled or marked: present + absent + unmarked. */
  total: number;
  capacity: number;
  /** Places left by those present; negative when more came than there are places. */
  spare: number;
  overCapacity: boolean;
}

const laterThan = (a: ActivityAttendance, b: ActivityAttendance) => {
  const d = parseISO(a.recordedAt).getTime() - parseISO(b.recordedAt).getTime();
  return d > 0 || (d === 0 && a.id > b.id);
};

/** A session's attendance from its records (the latest record of each member counts). */
export function attendanceSummary(
  session: ActivitySession,
  records: readonly ActivityAttendance[],
): AttendanceSummary {
  const latest = new Map<string, ActivityAttendance>();
  for (const r of records) {
    if (r.planId !== session.planId || r.date !== session.date) continue;
    const prev = latest.get(r.memberId);
    if (!prev || laterThan(r, prev)) latest.set(r.memberId, r);
  }
  const enrolled = new Set(session.enrolled);
  const marks = [...latest.values()];
  const present = marks.filter((r) => r.present).length;
  const absent = marks.length - present;
  const unmarked = [...enrolled].filter((m) => !latest.has(m)).length;
  const walkIns = marks.filter((r) => r.present && !enrolled.has(r.memberId)).length;
  return {
    present,
    absent,
    unmarked,
    walkIns,
    total: present + absent + unmarked,
    capacity: session.capacity,
    spare: session.capacity - present,
    overCapacity: present > session.capacity,
  };
}

/**
 * A day's sessions as the home screen tells them at `time` (HH:mm): those on now, the next few,
 * and how many have ended, so a day whose activities are over says so rather than "none today".
 */
export function sessionsAt(
  sessions: readonly ActivitySession[],
  time: string,
  nextCount = 3,
): { current: ActivitySession[]; next: ActivitySession[]; ended: number } {
  return {
    current: sessions.filter((s) => s.start <= time && time < s.end),
    next: sessions.filter((s) => s.start > time).slice(0, nextCount),
    ended: sessions.filter((s) => s.end <= time).length,
  };
}
