import { groupBy } from '../groupBy';
import {
  addDays,
  addHours,
  addMonths,
  addWeeks,
  differenceInCalendarDays,
  endOfMonth,
  format,
  parseISO,
  startOfISOWeek,
} from 'date-fns';
import { RISK_LEVELS, type RiskLevel } from '../schemas/members';
import { localDay } from '../time';
import { VISIT_KINDS, type DailyRules, type VisitFrequency, type VisitKind } from './dailySettings';

export { VISIT_KINDS, type VisitKind };

/*
 * Visit duty for elders on the visit list (探访关爱, docs/DOMAIN.md "Daily operations" 5).
 *
 * What counts as a visit: a contact of a kind in `rules.visits.countedKinds` (by default a home
 * visit, a phone call or a video call: docs/DOMAIN.md's (a)) that reached the elder (`reached` not
 * false: an unanswered call or nobody at home does not count). Doctor rounds and health-worker
 * visits (docs/DOMAIN.md's (b)) are recorded with the same shape but are a different service and do not
 * count unless the district's rules add them.
 *
 * When the next visit is due: the last counted visit's day plus the risk level's frequency. A week
 * is 7 days; a month is the same day of the next month, or its last day when it has none (31 Jan →
 * 28/29 Feb). Each due date counts from the visit actually made, so after 28 Feb the next is
 * 28 Mar, not 31 Mar. A follow-up date the visitor wrote on the record (`nextDueOn`) brings it
 * forward, never pushes it back. An elder of a risk level with an incident rule (high risk: within
 * 24 h) who has an incident after their last counted visit is due by the day the incident's hours
 * run out. An elder never visited is due from the day they were listed (overdue at once when that
 * day is unknown). docs/DOMAIN.md says nothing of holidays, so due dates do not move for them: a visit
 * due on 国庆 or 春节 is due that day (a phone call will do).
 *
 * The monthly completion rate (the district's monthly report; national target 100 %): of the
 * elders on the list who owed a visit during the month, the share who were visited on time. An
 * elder owed a visit in a month when a due date fell in it, an earlier due date was still unmet as
 * it began, or an incident gave them one. They "completed" the month when every due date that fell
 * in it was met by a counted visit on or before it, a duty carried in from an earlier month was met
 * by any counted visit in the month, and every incident in it was followed by a counted visit within
 * its hours. In the month that holds `today`, a duty not yet past is "pending": it stays in the
 * denominator but is not completed, so the rate of a month under way is what is done so far.
 */

/** One visit or call, as its record holds it (the notes on living conditions etc. do not count). */
export interface VisitRecord {
  id: string;
  centreId: string;
  memberId: string;
  kind: VisitKind;
  /** When it happened: an ISO timestamp, read in the desk's time zone for its day. */
  at: string;
  visitedBy: string;
  /** False when the call went unanswered or nobody was home. */
  reached?: boolean;
  /** The follow-up date the visitor set, 'yyyy-MM-dd'. */
  nextDueOn?: string;
}

/** An elder on the visit list; `listedOn` is the day they were put on it. */
export interface VisitListEntry {
  memberId: string;
  risk: RiskLevel;
  listedOn?: string;
}

/** An incident (a fall, choking, wandering…) of an elder; `at` is an ISO timestamp. */
export interface Incident {
  id: string;
  memberId: string;
  at: string;
}

/**
 * An instant's day and time (and a day plus a frequency), worked out once per instant during one
 * `monthlyCompletion` run (the district's report runs it for every listed elder of 300 centres,
 * and parsing the same instants again for each elder took most of a second). Scoped to one
 * synchronous run, never kept after it, so a change of the process's time zone is never served
 * from an old answer.
 */
let instants: {
  day: Map<string, string>;
  time: Map<string, number>;
  after: Map<string, string>;
} | null = null;

/**
 * A wall-clock time with no zone (as the district's report gives instants, already in its own
 * zone): its day in the desk's zone is the day it is written with, read without parsing it.
 */
const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;

function day(at: string): string {
  const known = instants?.day.get(at);
  if (known !== undefined) return known;
  const value = WALL_CLOCK.test(at) ? at.slice(0, 10) : localDay(parseISO(at));
  instants?.day.set(at, value);
  return value;
}

function time(at: string): number {
  const known = instants?.time.get(at);
  if (known !== undefined) return known;
  const value = parseISO(at).getTime();
  instants?.time.set(at, value);
  return value;
}

/** The day a frequency after `from` lands on (months end on the month's last day if shorter). */
export function addFrequency(from: string, f: VisitFrequency): string {
  const key = `${from} ${f.unit} ${f.every}`;
  const known = instants?.after.get(key);
  if (known !== undefined) return known;
  const d = parseISO(from);
  const value = format(
    f.unit === 'week' ? addWeeks(d, f.every) : addMonths(d, f.every),
    'yyyy-MM-dd',
  );
  instants?.after.set(key, value);
  return value;
}

/** Whether a record counts as a visit for the visit list. */
export function countsAsVisit(v: VisitRecord, rules: DailyRules['visits']): boolean {
  return rules.countedKinds.includes(v.kind) && v.reached !== false;
}

export type DueReason = 'regular' | 'followUp' | 'incident' | 'firstVisit';

export interface VisitDue {
  memberId: string;
  risk: RiskLevel;
  /** The day of the last counted visit, null if never. */
  lastVisitOn: string | null;
  /** The day the next visit is due; null for an elder never visited with no listing date. */
  dueOn: string | null;
  reason: DueReason;
}

/** The due date a counted visit sets: its day plus the frequency, or the visitor's earlier date. */
function dueAfterVisit(v: VisitRecord, f: VisitFrequency): { dueOn: string; reason: DueReason } {
  const regular = addFrequency(day(v.at), f);
  return v.nextDueOn !== undefined && v.nextDueOn < regular
    ? { dueOn: v.nextDueOn, reason: 'followUp' }
    : { dueOn: regular, reason: 'regular' };
}

const countedOf = (memberId: string, visits: readonly VisitRecord[], rules: DailyRules['visits']) =>
  visits
    .filter((v) => v.memberId === memberId && countsAsVisit(v, rules))
    .sort((a, b) => time(a.at) - time(b.at) || a.id.localeCompare(b.id));

/** When an elder's next visit is due, from their visits and incidents so far. */
export function nextDue(
  entry: VisitListEntry,
  visits: readonly VisitRecord[],
  incidents: readonly Incident[],
  rules: DailyRules['visits'],
): VisitDue {
  const counted = countedOf(entry.memberId, visits, rules);
  const last = counted.at(-1);
  const due: VisitDue = last
    ? {
        memberId: entry.memberId,
        risk: entry.risk,
        lastVisitOn: day(last.at),
        ...dueAfterVisit(last, rules.frequency[entry.risk]),
      }
    : {
        memberId: entry.memberId,
        risk: entry.risk,
        lastVisitOn: null,
        dueOn: entry.listedOn ?? null,
        reason: 'firstVisit',
      };
  const hours = rules.afterIncidentHours[entry.risk];
  if (hours === undefined) return due;
  for (const incident of incidents) {
    if (incident.memberId !== entry.memberId) continue;
    if (last && time(last.at) >= time(incident.at)) continue;
    const by = localDay(addHours(parseISO(incident.at), hours));
    if (due.dueOn === null || by < due.dueOn) {
      due.dueOn = by;
      due.reason = 'incident';
    }
  }
  return due;
}

const riskOrder = (r: RiskLevel) => RISK_LEVELS.indexOf(r);
const byDue = (a: VisitDue, b: VisitDue) =>
  (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
  riskOrder(a.risk) - riskOrder(b.risk) ||
  a.memberId.localeCompare(b.memberId);

/**
 * The desk's home-screen lists on `today`: overdue (due before today, or never visited with no
 * listing date), oldest first with the days overdue; and due from today to the end of this week
 * (Monday to Sunday), soonest first.
 */
export function visitDuties(
  list: readonly VisitListEntry[],
  visits: readonly VisitRecord[],
  incidents: readonly Incident[],
  rules: DailyRules['visits'],
  today: string,
): { overdue: (VisitDue & { daysOverdue: number | null })[]; dueThisWeek: VisitDue[] } {
  const sunday = format(addDays(startOfISOWeek(parseISO(today)), 6), 'yyyy-MM-dd');
  const dues = list.map((e) => nextDue(e, visits, incidents, rules)).sort(byDue);
  return {
    overdue: dues
      .filter((d) => d.dueOn === null || d.dueOn < today)
      .map((d) => ({
        ...d,
        daysOverdue:
          d.dueOn === null ? null : differenceInCalendarDays(parseISO(today), parseISO(d.dueOn)),
      })),
    dueThisWeek: dues.filter((d) => d.dueOn !== null && d.dueOn >= today && d.dueOn <= sunday),
  };
}

export type MonthStatus = 'completed' | 'missed' | 'pending' | 'notDue';

export interface ElderMonth {
  memberId: string;
  risk: RiskLevel;
  status: MonthStatus;
  /** Counted visits in the month. */
  visits: number;
  /** Due dates of the month (and incident deadlines, which may run into the next) left unmet. */
  missed: string[];
}

export interface VisitCompletion {
  /** 'yyyy-MM'. */
  month: string;
  /** Elders who owed a visit during the month. */
  due: number;
  completed: number;
  pending: number;
  /** completed ÷ due; null when nobody owed a visit. */
  rate: number | null;
  elders: ElderMonth[];
}

/** One elder's month on the visit list (the rule is in this module's opening comment). */
function elderMonth(
  entry: VisitListEntry,
  visits: readonly VisitRecord[],
  incidents: readonly Incident[],
  rules: DailyRules['visits'],
  first: string,
  last: string,
  today: string,
): ElderMonth {
  const before = (at: string) => day(at) < first;
  const start = nextDue(
    entry,
    visits.filter((v) => before(v.at)),
    incidents.filter((i) => before(i.at)),
    rules,
  );
  const counted = countedOf(entry.memberId, visits, rules);
  const inMonth = counted.filter(
    (v) => day(v.at) >= first && day(v.at) <= last && day(v.at) <= today,
  );
  const missed: string[] = [];
  let pending = false;
  let owed = false;
  // A duty carried in from before the month is met by any visit in it.
  let deadline = start.dueOn === null || start.dueOn < first ? last : start.dueOn;
  for (const v of inMonth) {
    if (deadline <= last) {
      owed = true;
      if (day(v.at) > deadline) missed.push(deadline);
    }
    deadline = dueAfterVisit(v, rules.frequency[entry.risk]).dueOn;
  }
  if (deadline <= last) {
    owed = true;
    if (deadline < today) missed.push(deadline);
    else pending = true;
  }
  const hours = rules.afterIncidentHours[entry.risk];
  if (hours !== undefined)
    for (const incident of incidents) {
      if (incident.memberId !== entry.memberId) continue;
      if (day(incident.at) < first || day(incident.at) > last) continue;
      owed = true;
      const limit = addHours(parseISO(incident.at), hours).getTime();
      // The answering visit may fall in the next month (an incident on the evening of the 31st).
      const met = counted.some((v) => time(v.at) >= time(incident.at) && time(v.at) <= limit);
      const by = localDay(new Date(limit));
      if (met) continue;
      if (by < today) missed.push(by);
      else pending = true;
    }
  const status: MonthStatus = !owed
    ? 'notDue'
    : missed.length
      ? 'missed'
      : pending
        ? 'pending'
        : 'completed';
  return {
    memberId: entry.memberId,
    risk: entry.risk,
    status,
    visits: inMonth.length,
    missed: [...new Set(missed)].sort(),
  };
}

/**
 * The visit list's completion for a month ('yyyy-MM') as seen on `today`: each elder's status and
 * the rate (defined in this module's opening comment). Elders listed after the month are left out.
 */
export function monthlyCompletion(
  list: readonly VisitListEntry[],
  visits: readonly VisitRecord[],
  incidents: readonly Incident[],
  rules: DailyRules['visits'],
  month: string,
  today: string,
): VisitCompletion {
  const first = `${month}-01`;
  const last = format(endOfMonth(parseISO(first)), 'yyyy-MM-dd');
  // Each elder's month reads only their own visits and incidents (elderMonth keeps to them).
  const visitsOf = groupBy(visits, (v) => v.memberId);
  const incidentsOf = groupBy(incidents, (i) => i.memberId);
  const outer = instants;
  instants ??= { day: new Map(), time: new Map(), after: new Map() };
  let elders: ElderMonth[];
  try {
    elders = list
      .filter((e) => e.listedOn === undefined || e.listedOn <= last)
      .map((e) =>
        elderMonth(
          e,
          visitsOf.get(e.memberId) ?? [],
          incidentsOf.get(e.memberId) ?? [],
          rules,
          first,
          last,
          today,
        ),
      )
      .sort(
        (a, b) => riskOrder(a.risk) - riskOrder(b.risk) || a.memberId.localeCompare(b.memberId),
      );
  } finally {
    instants = outer;
  }
  const owing = elders.filter((e) => e.status !== 'notDue');
  const completed = owing.filter((e) => e.status === 'completed').length;
  return {
    month,
    due: owing.length,
    completed,
    pending: owing.filter((e) => e.status === 'pending').length,
    rate: owing.length ? completed / owing.length : null,
    elders,
  };
}
