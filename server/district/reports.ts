/**
 * The district's monthly report (issue 5, docs/DOMAIN.md "Reporting to the district"): attendance,
 * meals by type and subsidy category, the visit list's completion rate, activity participation,
 * child-place use and incidents, for each centre and for the district.
 *
 * The counts are made by PostgreSQL over the synced documents' jsonb, each section one query whose
 * GROUPING SETS give the centres' rows and the district's row together, so a district figure is
 * counted over the district's documents (a person who came to two centres is two people, a rate is
 * worked from the summed counts), never added up from rounded centre figures in JS.
 *
 * One exception, on purpose: the visit completion rate follows each elder's visits one by one
 * (every due date counts from the visit actually made), which is the desk's rule in
 * shared/rules/visits.ts. Re-writing that rule in SQL would make two definitions that could drift
 * apart, so PostgreSQL selects the few rows the rule needs (the listings, each elder's last counted
 * visit before the month and the counted visits from it on, the incidents) and the desk's own
 * `monthlyCompletion` decides; the district's row sums the elders' statuses.
 *
 * Deleted documents never count; only documents of the centres themselves (not the district's own,
 * nor an unenrolled desk's); months are the centres' calendar days as the desk wrote them (`day`,
 * `date`), and a recorded instant (a visit's `at`, an incident's `closedAt`) is read as a day in
 * the district's time zone.
 */
import { groupBy } from '../../shared/groupBy';
import { outbreakMonth } from './outbreaks';
import { endOfMonth, format, parseISO } from 'date-fns';
import {
  DEFAULT_DAILY_RULES,
  validateDailyRules,
  withDailyDefaults,
  type DailyRules,
} from '../../shared/rules/dailySettings';
import { MEAL_TYPES, SERVING_MODES } from '../../shared/rules/meals';
import { ACTIVITY_CATEGORIES } from '../../shared/rules/schedule';
import {
  monthlyCompletion,
  type ElderMonth,
  type Incident,
  type VisitListEntry,
  type VisitRecord,
} from '../../shared/rules/visits';
import { INCIDENT_KINDS } from '../../shared/schemas/care';
import {
  periodsWithin,
  versionOn,
  versionsOf,
  type RulesDocLike,
} from '../../shared/rules/ruleVersions';
import { DISTRICT_RULES_ID } from '../../shared/schemas/district';
import { RISK_LEVELS, type RiskLevel } from '../../shared/schemas/members';
import type { Queryable } from '../db/db';
import { assessmentReport } from './assessmentReport';
import { growthReport } from './growthReport';
import { calendarDay } from './overview';
import { noPaper, paperFigures } from './paperReport';
import type {
  ActivityCounts,
  ActivityFigures,
  AttendanceFigures,
  ChildPlaceFigures,
  IncidentFigures,
  MealCounts,
  MealFigures,
  MonthlyReportResponse,
  ReportActivityCategory,
  ReportFigures,
  ReportIncidentKind,
  ReportRules,
  VisitCounts,
  VisitFigures,
} from './types';

export interface MonthlyReportOptions {
  /** 'YYYY-MM'. */
  month: string;
  /** One centre only; the `district` figures are then that centre's. */
  centreId?: string;
  /** The rules to use instead of the district's pushed ones (tests, what-ifs). */
  dailyRules?: DailyRules;
  /** IANA time zone of the district (config.ts `timeZone`); default Asia/Shanghai. */
  timeZone?: string;
  /** The district's calendar day now, 'YYYY-MM-DD' (default: from the clock in `timeZone`). */
  today?: string;
}

/** What is missing for the child-place rate (ChildPlaceFigures.missing), in the report's words. */
export const CHILD_PLACES_MISSING =
  'No record holds the number of child places (托位数) of a centre, so the use rate cannot be ' +
  'worked out: the report gives child attendance days and the peak day instead.';

/** The district's words when only some centres have their child places recorded. */
export function childPlacesPartial(without: number, total: number): string {
  return (
    `${without} of ${total} centres have no child places (托位数) recorded: the district's use ` +
    'rate is worked over the others only.'
  );
}

/** True for a month written YYYY-MM (years 2000 to 2999). */
export function isReportMonth(value: string): boolean {
  return /^2\d{3}-(0[1-9]|1[0-2])$/.test(value);
}

/** The month's first and last calendar days. */
export function monthDays(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  return { first, last: format(endOfMonth(parseISO(first)), 'yyyy-MM-dd') };
}

// ---- the scope every query shares: $1 first day, $2 last day, $3 the centres' ids ----

/**
 * The centres in the report, as a list rather than a join: PostgreSQL cannot estimate how many
 * documents a jsonb condition keeps, and guessing "a few" it once joined 60,000 meals to 300
 * centres by comparing every pair (4 s). A list is a plain filter on each row.
 */
const IN_SCOPE = `d.centre_id = ANY($3::text[]) AND`;

/** Counts arrive from `pg` as text when bigint: each query casts to int. Null centre: the district. */
interface Keyed {
  centre_id: string | null;
}

// ---- attendance and child places ----

interface AttendanceRow extends Keyed {
  elder_days: number;
  child_days: number;
  elders: number;
  children: number;
  open_days: number;
  peak_children: number;
}

/**
 * A member's check-in counts once per day, and not when cancelled; the member's kind comes from
 * their record (as the overview counts). A day is open when anyone checked in (staff included).
 * The busiest day's children: per centre its own; for the district, the day with the most
 * children over all centres together. All of it is read from the summary kept as check-ins arrive
 * (migration 015_report_summaries.sql): for each person and month, the days they came, as bits
 * (bit 0 the 1st), so a month of a district is a few thousand rows ($1 the month, $2 the centres).
 * The district's rows (a null centre) are joined by a flag, so that the joins can hash.
 */
export const ATTENDANCE_SQL = `
WITH months AS MATERIALIZED (
  SELECT s.centre_id, s.person_kind, s.person_id, s.days
    FROM report_attendance_months s
   WHERE s.centre_id = ANY($2::text[]) AND s.month = $1 AND s.days <> 0
), members AS MATERIALIZED (
  SELECT p.centre_id, p.id, p.data->>'kind' AS kind
    FROM documents p
   WHERE p.centre_id = ANY($2::text[]) AND p.collection = 'members'
     AND p.data->>'kind' IN ('elder', 'child')
), people AS MATERIALIZED (
  SELECT m.centre_id, p.kind, m.days, bit_count(m.days::bit(32))::int AS n
    FROM months m
    JOIN members p ON p.id = m.person_id AND p.centre_id = m.centre_id
   WHERE m.person_kind = 'member'
), people_figures AS (
  SELECT centre_id, GROUPING(centre_id) = 1 AS district,
         coalesce(sum(n) FILTER (WHERE kind = 'elder'), 0)::int AS elder_days,
         coalesce(sum(n) FILTER (WHERE kind = 'child'), 0)::int AS child_days,
         count(*) FILTER (WHERE kind = 'elder')::int AS elders,
         count(*) FILTER (WHERE kind = 'child')::int AS children
    FROM people GROUP BY GROUPING SETS ((centre_id), ())
), open_centres AS (
  SELECT centre_id, bit_count(bit_or(days)::bit(32))::int AS open_days
    FROM months GROUP BY centre_id
), open_figures AS (
  SELECT centre_id, GROUPING(centre_id) = 1 AS district,
         coalesce(sum(open_days), 0)::int AS open_days
    FROM open_centres GROUP BY GROUPING SETS ((centre_id), ())
), children_per_day AS (
  SELECT centre_id, bit AS day, count(*) AS n
    FROM people CROSS JOIN generate_series(0, 30) AS bit
   WHERE kind = 'child' AND days & (1 << bit) <> 0
   GROUP BY centre_id, bit
), peaks AS (
  SELECT centre_id, false AS district, max(n)::int AS peak
    FROM children_per_day GROUP BY centre_id
  UNION ALL
  SELECT NULL, true, max(n)::int FROM (SELECT sum(n) AS n FROM children_per_day GROUP BY day) t
)
SELECT o.centre_id, o.open_days,
       coalesce(f.elder_days, 0) AS elder_days, coalesce(f.child_days, 0) AS child_days,
       coalesce(f.elders, 0) AS elders, coalesce(f.children, 0) AS children,
       coalesce(k.peak, 0) AS peak_children
  FROM open_figures o
  LEFT JOIN people_figures f
    ON coalesce(f.centre_id, '') = coalesce(o.centre_id, '') AND f.district = o.district
  LEFT JOIN peaks k
    ON coalesce(k.centre_id, '') = coalesce(o.centre_id, '') AND k.district = o.district`;

// ---- meals ----

interface MealRowDb extends Keyed {
  meal_type: string | null;
  category: string | null;
  /** GROUPING(meal_type, category): 0 a meal type × category row, 1 a meal type's, 3 all meals. */
  level: number;
  served: number;
  claimable: number;
  subsidised: number;
  amount_fen: number;
  dine_in: number;
  collected: number;
  delivered: number;
}

/**
 * Servings of the month. The one that counts of a person's meals of one type on one day is the
 * earliest served, then the smallest id (shared/rules/meals.ts `splitDuplicates`; ids compared
 * byte by byte, as JavaScript does); its subsidy is the fen for the category copied on it by the
 * rules in force on the day it was served ($4: the month's periods as JSON, `[{from,
 * subsidies}]`, shared/rules/ruleVersions.ts), none when it has no category or the rules pay nothing.
 * Read from the summary kept as servings arrive (report_meal_days: all servings and the ones that
 * count, per day, meal type, category and mode; migration 015_report_summaries.sql), each day,
 * category and meal type priced once (no category or meal type: no price).
 */
export const MEALS_SQL = `
WITH days AS (
  SELECT s.centre_id, s.meal_type, s.category, s.day, s.mode, s.served, s.claimable
    FROM report_meal_days s
   WHERE s.centre_id = ANY($3::text[]) AND s.day >= $1 AND s.day <= $2 AND s.served > 0
), prices AS (
  SELECT k.day, k.category, k.meal_type, (
           SELECT (p.value -> 'subsidies' -> k.category ->> k.meal_type)::int
             FROM jsonb_array_elements($4::jsonb) AS p
            WHERE p.value->>'from' <= k.day
            ORDER BY p.value->>'from' DESC LIMIT 1) AS fen
    FROM (SELECT DISTINCT day, category, meal_type FROM days) k
   WHERE k.category IS NOT NULL AND k.meal_type IS NOT NULL
), priced AS (
  SELECT d.*, p.fen
    FROM days d
    LEFT JOIN prices p
      ON p.day = d.day AND p.category = d.category AND p.meal_type = d.meal_type
)
SELECT centre_id, meal_type, category,
       GROUPING(meal_type, category) AS level,
       sum(served)::int AS served,
       sum(claimable)::int AS claimable,
       coalesce(sum(claimable) FILTER (WHERE fen IS NOT NULL), 0)::int AS subsidised,
       coalesce(sum(fen * claimable), 0)::float8 AS amount_fen,
       coalesce(sum(claimable) FILTER (WHERE mode = 'dineIn'), 0)::int AS dine_in,
       coalesce(sum(claimable) FILTER (WHERE mode = 'collected'), 0)::int AS collected,
       coalesce(sum(claimable) FILTER (WHERE mode = 'delivered'), 0)::int AS delivered
  FROM priced
 GROUP BY GROUPING SETS (
   (centre_id, meal_type, category), (centre_id, meal_type), (centre_id),
   (meal_type, category), (meal_type), ())`;

// ---- activities ----

interface ActivityRow extends Keyed {
  category: string | null;
  sessions: number;
  participations: number;
}

/**
 * A member's latest mark at a session counts (shared/rules/schedule.ts `attendanceSummary`); a
 * session is held when someone's latest mark is present. The category is the plan's; a plan not
 * (yet) synced leaves it unknown. Plan ids are unique across centres (the documents' key). The
 * latest marks are the summary kept as marks arrive (report_activity_latest, migration
 * 015_report_summaries.sql); each session's plan is read once.
 */
export const ACTIVITIES_SQL = `
WITH sessions AS (
  SELECT l.centre_id, l.plan_id, l.date, count(*) AS present
    FROM report_activity_latest l
   WHERE l.centre_id = ANY($3::text[]) AND l.date >= $1 AND l.date <= $2 AND l.present
   GROUP BY l.centre_id, l.plan_id, l.date
), categorised AS (
  SELECT s.*, coalesce(p.data->>'category', 'unknown') AS category
    FROM sessions s
    LEFT JOIN documents p
      ON p.collection = 'activities' AND p.id = s.plan_id AND p.data->>'kind' = 'plan'
)
SELECT centre_id, category,
       count(DISTINCT plan_id || ' ' || date)::int AS sessions,
       sum(present)::int AS participations
  FROM categorised
 GROUP BY GROUPING SETS ((centre_id, category), (centre_id), (category), ())`;

// ---- incidents ----

interface IncidentRow extends Keyed {
  kind: string | null;
  in_month: number;
  open_at_end: number;
}

/**
 * An incident is open at the month's end when it has no `closedAt` on or before that day ($4
 * zone). As for visits (DAY_FROM below), only a `closedAt` written within three days of the
 * month's end is converted to the district's day; one further either side is open or closed
 * whatever the offsets.
 */
const INCIDENTS_SQL = `
WITH incidents AS (
  SELECT d.centre_id, coalesce(d.data->>'incidentKind', 'unrecorded') AS kind,
         d.data->>'day' >= $1 AS in_month,
         (d.data->>'closedAt' IS NULL
           OR d.data->>'closedAt' >= (SELECT to_char($2::text::date + 3, 'YYYY-MM-DD'))
           OR (d.data->>'closedAt' >= (SELECT to_char($2::text::date - 2, 'YYYY-MM-DD'))
               AND ((d.data->>'closedAt')::timestamptz AT TIME ZONE $4)::date
                   > (SELECT $2::text::date))) AS open_at_end
    FROM documents d
   WHERE ${IN_SCOPE} d.collection = 'care' AND NOT d.deleted AND d.data->>'kind' = 'incident'
     AND d.data->>'day' <= $2
)
SELECT centre_id, kind,
       count(*) FILTER (WHERE in_month)::int AS in_month,
       count(*) FILTER (WHERE open_at_end)::int AS open_at_end
  FROM incidents
 GROUP BY GROUPING SETS ((centre_id, kind), (centre_id), (kind), ())`;

// ---- visits ----

/** A recorded instant as the district's wall-clock time, 'YYYY-MM-DDTHH:MM:SS.mmm' (no zone). */
const LOCAL = (expr: string) =>
  `to_char((${expr})::timestamptz AT TIME ZONE $4, 'YYYY-MM-DD"T"HH24:MI:SS.MS')`;

/**
 * A visit's `at` as written (an RFC 3339 date-time, shared/schemas/visits.ts) starts with the day
 * in its own offset, which is at most a day from its UTC day, itself at most a day from the
 * district's: so every visit whose district day is on or after `day` has `at` ≥ `day` − 3 days
 * as text, and every one before it `at` < `day` + 3 days. These bounds only narrow what the
 * index reads (documents_visits_at_idx, documents_visits_member_at_idx); the exact condition on
 * the district's day is kept beside them. `day` is an SQL expression of type text.
 */
const AT_FROM = (day: string) => `d.data->>'at' >= to_char((${day})::date - 3, 'YYYY-MM-DD')`;
const AT_BEFORE = (day: string) => `d.data->>'at' < to_char((${day})::date + 3, 'YYYY-MM-DD')`;

/**
 * Exactly: the visit's day in the district is on or after `from` (DAY_FROM), on or before `to`
 * (DAY_TO), both SQL expressions of type text. By the same margins, a visit written three days or
 * more inside the edge is inside it whatever the offsets, so the wall-clock conversion (the costly
 * part: a month's visits of 300 centres spent most of their read on it) is left to the visits
 * written near the edge. (Each edge is a sub-select so that it is worked out once, not per row.)
 */
const DAY_FROM = (from: string) =>
  `(d.data->>'at' >= (SELECT to_char((${from})::date + 3, 'YYYY-MM-DD'))
    OR left(${LOCAL("d.data->>'at'")}, 10) >= ${from})`;
const DAY_TO = (to: string) =>
  `(d.data->>'at' < (SELECT to_char((${to})::date - 2, 'YYYY-MM-DD'))
    OR left(${LOCAL("d.data->>'at'")}, 10) <= ${to})`;

interface VisitCountRow extends Keyed {
  recorded: number;
  counted: number;
}

/** Contacts of the month, and of them the ones that count ($5: the counted kinds). */
const VISIT_COUNTS_SQL = `
WITH contacts AS (
  SELECT d.centre_id,
         (d.data->>'visitKind' = ANY($5::text[]) AND d.data->>'reached' IS DISTINCT FROM 'false')
           AS counts
    FROM documents d
   WHERE ${IN_SCOPE} d.collection = 'visits' AND NOT d.deleted AND d.data->>'kind' = 'visit'
     AND d.data->>'visitKind' IS NOT NULL AND d.data->>'at' IS NOT NULL
     AND ${AT_FROM('$1::text')} AND ${AT_BEFORE('$2::text::date + 1')}
     AND ${DAY_FROM('$1::text')} AND ${DAY_TO('$2::text')}
)
SELECT centre_id, count(*)::int AS recorded, count(*) FILTER (WHERE counts)::int AS counted
  FROM contacts
 GROUP BY GROUPING SETS ((centre_id), ())`;

interface ListingRow {
  centre_id: string;
  member_id: string;
  risk: RiskLevel;
  listed_on: string | null;
}

/**
 * Elders on the list during the month, as the desk's monthly view takes them
 * (renderer/data/visits.ts): a listing with a risk, of an elder whose record is there and not
 * erased, not taken off the list before the month began. monthlyCompletion leaves out those listed
 * after it.
 */
const LISTINGS_SQL = `
SELECT d.centre_id, d.data->>'memberId' AS member_id, d.data->>'risk' AS risk,
       d.data->>'listedOn' AS listed_on
  FROM documents d
  JOIN documents p
    ON p.collection = 'members' AND p.id = d.data->>'memberId' AND p.centre_id = d.centre_id
   AND NOT p.deleted AND p.data->>'kind' = 'elder'
   AND coalesce(p.data->>'status', 'active') NOT IN ('erased', 'merged')
 WHERE ${IN_SCOPE} d.collection = 'visits' AND NOT d.deleted AND d.data->>'kind' = 'listing'
   AND d.data->>'risk' IS NOT NULL
   AND (d.data->>'offListOn' IS NULL OR d.data->>'offListOn' >= $1)
   AND (d.data->>'listedOn' IS NULL OR d.data->>'listedOn' <= $2)
 ORDER BY d.centre_id, member_id`;

interface VisitRow {
  centre_id: string;
  id: string;
  member_id: string;
  kind: string;
  at: string;
  reached: boolean | null;
  next_due_on: string | null;
}

/** A visit the rule counts ($5: the counted kinds), of the documents `d`. */
const COUNTED_VISIT = `d.collection = 'visits' AND NOT d.deleted AND d.data->>'kind' = 'visit'
     AND d.data->>'at' IS NOT NULL
     AND d.data->>'visitKind' = ANY($5::text[]) AND d.data->>'reached' IS DISTINCT FROM 'false'`;

const VISIT_COLUMNS = `d.centre_id, d.id, d.data->>'memberId' AS member_id,
         d.data->>'visitKind' AS kind, ${LOCAL("d.data->>'at'")} AS at,
         (d.data->>'reached')::boolean AS reached, d.data->>'nextDueOn' AS next_due_on`;

/**
 * The counted visits the rule reads ($5: counted kinds): each listed elder's last one before the
 * month (nothing earlier changes when the next was due), and every one from the month's start
 * until a week after its end (a high-risk elder's incident on the 31st may be answered in the next
 * month; an incident's hours are at most 168). Instants arrive as district wall-clock times.
 *
 * Neither part reads the years of history before the month: the last one before is found from
 * the elder's latest `at` as written (an index read backwards) and then, exactly, among the visits
 * a few days either side of it (AT_FROM); the month's part reads its days by index.
 */
const VISITS_SQL = `
WITH listed AS (
  SELECT DISTINCT d.centre_id, d.data->>'memberId' AS member_id
    FROM documents d
   WHERE ${IN_SCOPE} d.collection = 'visits' AND NOT d.deleted AND d.data->>'kind' = 'listing'
     AND d.data->>'memberId' IS NOT NULL
)
SELECT last_before.* FROM listed l
 CROSS JOIN LATERAL (
   SELECT d.data->>'at' AS written FROM documents d
    WHERE ${COUNTED_VISIT} AND d.data->>'memberId' = l.member_id AND d.centre_id = l.centre_id
      AND ${AT_BEFORE('$1::text')} AND left(${LOCAL("d.data->>'at'")}, 10) < $1
    ORDER BY d.data->>'at' DESC LIMIT 1
 ) latest
 CROSS JOIN LATERAL (
   SELECT ${VISIT_COLUMNS} FROM documents d
    WHERE ${COUNTED_VISIT} AND d.data->>'memberId' = l.member_id AND d.centre_id = l.centre_id
      AND ${AT_FROM('left(latest.written, 10)')} AND ${AT_BEFORE('$1::text')}
      AND left(${LOCAL("d.data->>'at'")}, 10) < $1
    ORDER BY at DESC, d.id COLLATE "C" DESC LIMIT 1
 ) last_before
UNION ALL
SELECT ${VISIT_COLUMNS} FROM documents d
 WHERE ${IN_SCOPE} ${COUNTED_VISIT}
   AND ${AT_FROM('$1::text')} AND ${AT_BEFORE('$2::text::date + 9')}
   AND ${DAY_FROM('$1::text')} AND ${DAY_TO("to_char($2::text::date + 8, 'YYYY-MM-DD')")}`;

interface IncidentAtRow {
  centre_id: string;
  id: string;
  member_id: string;
  at: string;
}

/**
 * Incidents up to the month's end of the elders on a visit list (the rule reads no one else's),
 * with their instants as district wall-clock times (the earlier ones may still set a due date: an
 * incident after the last visit before the month). Both sides are read whole and hashed: looked up
 * elder by elder, 1,500 listed elders cost 45 ms.
 */
const INCIDENTS_AT_SQL = `
WITH listed AS MATERIALIZED (
  SELECT DISTINCT d.centre_id, d.data->>'memberId' AS member_id
    FROM documents d
   WHERE ${IN_SCOPE} d.collection = 'visits' AND NOT d.deleted AND d.data->>'kind' = 'listing'
     AND d.data->>'memberId' IS NOT NULL
), incidents AS MATERIALIZED (
  SELECT d.centre_id, d.id, d.data->>'memberId' AS member_id, d.data->>'at' AS written,
         d.data->>'day' >= $1 AS in_month
    FROM documents d
   WHERE ${IN_SCOPE} d.collection = 'care' AND NOT d.deleted AND d.data->>'kind' = 'incident'
     AND d.data->>'at' IS NOT NULL AND d.data->>'day' <= $2
)
SELECT i.centre_id, i.id, i.member_id, ${LOCAL('i.written')} AS at, i.in_month
  FROM incidents i
  JOIN listed l ON l.centre_id = i.centre_id AND l.member_id = i.member_id`;

// ---- rules ----

/** The month's periods of meal subsidies: from each day on, the rates of the rules then in force. */
export interface SubsidyPeriod {
  from: string;
  mealSubsidies: DailyRules['mealSubsidies'];
}

/**
 * The daily rules the district pushed (`settings.daily` of the version of its rules document in
 * force on `day`, shared/rules/ruleVersions.ts) over the defaults, checked as a desk checks them:
 * a push that fails the checks is not used, and the report says why. With a month (`first`…`last`)
 * also the subsidy periods of the month, each meal priced by the version in force on its day.
 */
export async function reportRules(
  db: Queryable,
  day = '9999-12-31',
  month?: { first: string; last: string },
): Promise<{
  rules: DailyRules;
  source: ReportRules['source'];
  problems: string[];
  periods: SubsidyPeriod[];
}> {
  const { rows } = await db.query<{ data: RulesDocLike }>(
    `SELECT data FROM documents WHERE collection = 'district' AND id = $1 AND NOT deleted`,
    [DISTRICT_RULES_ID],
  );
  const versions = versionsOf(rows[0]?.data);
  const checked = (daily: unknown) => checkedDaily(daily as Partial<DailyRules> | undefined);
  const now = checked(versionOn(versions, day)?.settings.daily);
  const periods = month
    ? periodsWithin(versions, month.first, month.last).map((p) => ({
        from: p.from,
        mealSubsidies: checked(p.version?.settings.daily).rules.mealSubsidies,
      }))
    : [{ from: '', mealSubsidies: now.rules.mealSubsidies }];
  return { ...now, periods };
}

function checkedDaily(daily: Partial<DailyRules> | undefined | null): {
  rules: DailyRules;
  source: ReportRules['source'];
  problems: string[];
} {
  if (!daily || typeof daily !== 'object') {
    return { rules: DEFAULT_DAILY_RULES, source: 'default', problems: [] };
  }
  let merged: DailyRules;
  try {
    merged = withDailyDefaults(daily);
    const checked = validateDailyRules(merged);
    if (checked.ok) return { rules: checked.value, source: 'district', problems: [] };
    return {
      rules: DEFAULT_DAILY_RULES,
      source: 'default',
      problems: checked.errors.map((e) => `${e.field}: ${e.problem}`),
    };
  } catch {
    // A shape the checks cannot read (a number where an object belongs…).
    return { rules: DEFAULT_DAILY_RULES, source: 'default', problems: ['settings.daily: shape'] };
  }
}

// ---- assembling the figures ----

const zeros = <K extends string, V>(keys: readonly K[], value: () => V): Record<K, V> =>
  Object.fromEntries(keys.map((k) => [k, value()])) as Record<K, V>;

const ratio = (n: number, d: number) => (d > 0 ? Math.round((n / d) * 10) / 10 : null);

const noMeals = (): MealCounts => ({ served: 0, claimable: 0, subsidised: 0, amountFen: 0 });
const noVisits = (): VisitCounts => ({ listed: 0, due: 0, completed: 0, pending: 0, missed: 0 });
const noActivity = (): ActivityCounts => ({ sessions: 0, participations: 0 });
const ACTIVITY_KEYS: readonly ReportActivityCategory[] = [...ACTIVITY_CATEGORIES, 'unknown'];
const INCIDENT_KEYS: readonly ReportIncidentKind[] = [...INCIDENT_KINDS, 'unrecorded'];

function emptyFigures(): ReportFigures {
  return {
    attendance: {
      personDays: 0,
      elderDays: 0,
      childDays: 0,
      people: 0,
      elders: 0,
      children: 0,
      openDays: 0,
      averagePerOpenDay: null,
    },
    meals: {
      ...noMeals(),
      duplicates: 0,
      byMode: zeros(SERVING_MODES, () => 0),
      byMealType: zeros(MEAL_TYPES, noMeals),
      rows: [],
    },
    visits: {
      ...noVisits(),
      rate: null,
      target: 1,
      recorded: 0,
      counted: 0,
      byRisk: zeros(RISK_LEVELS, noVisits),
    },
    activities: {
      ...noActivity(),
      intergenerational: noActivity(),
      byCategory: zeros(ACTIVITY_KEYS, noActivity),
    },
    childPlaces: {
      places: null,
      usageRate: null,
      childDays: 0,
      openDays: 0,
      peakChildren: 0,
      averageChildren: null,
      missing: CHILD_PLACES_MISSING,
    },
    incidents: { count: 0, byKind: zeros(INCIDENT_KEYS, () => 0), openAtMonthEnd: 0 },
    paper: noPaper(),
  };
}

function setAttendance(f: ReportFigures, r: AttendanceRow): void {
  const a: AttendanceFigures = {
    personDays: r.elder_days + r.child_days,
    elderDays: r.elder_days,
    childDays: r.child_days,
    people: r.elders + r.children,
    elders: r.elders,
    children: r.children,
    openDays: r.open_days,
    averagePerOpenDay: ratio(r.elder_days + r.child_days, r.open_days),
  };
  f.attendance = a;
  const c: ChildPlaceFigures = f.childPlaces;
  c.childDays = r.child_days;
  c.openDays = r.open_days;
  c.averageChildren = ratio(r.child_days, r.open_days);
  c.peakChildren = r.peak_children;
}

/**
 * The use rate of each centre with its places recorded, and the district's over those centres
 * only: their child days over their places × open days, summed before dividing (a small centre's
 * rate weighs as much as its places, not as much as a big one's). Centres without places add
 * neither to the top nor to the bottom, and the district's `missing` says how many there are.
 */
function setChildPlaces(
  district: ReportFigures,
  centres: { places: number | null; figures: ReportFigures }[],
): void {
  let places = 0;
  let childDays = 0;
  let capacity = 0;
  let without = 0;
  for (const { places: p, figures } of centres) {
    const c = figures.childPlaces;
    if (p === null) {
      without++;
      continue;
    }
    c.places = p;
    c.missing = null;
    c.usageRate = p > 0 && c.openDays > 0 ? c.childDays / (p * c.openDays) : null;
    places += p;
    childDays += c.childDays;
    capacity += p * c.openDays;
  }
  const d = district.childPlaces;
  if (without === centres.length) return;
  d.places = places;
  d.usageRate = capacity > 0 ? childDays / capacity : null;
  d.missing = without > 0 ? childPlacesPartial(without, centres.length) : null;
}

const mealCounts = (r: MealRowDb): MealCounts => ({
  served: r.served,
  claimable: r.claimable,
  subsidised: r.subsidised,
  amountFen: r.amount_fen,
});

function addMealRow(m: MealFigures, r: MealRowDb): void {
  if (r.level === 3) {
    Object.assign(m, mealCounts(r));
    m.duplicates = r.served - r.claimable;
    m.byMode = { dineIn: r.dine_in, collected: r.collected, delivered: r.delivered };
    return;
  }
  const type = r.meal_type as (typeof MEAL_TYPES)[number];
  // A meal type the schema does not know cannot have been synced; skipped all the same.
  if (!MEAL_TYPES.includes(type)) return;
  if (r.level === 1) m.byMealType[type] = mealCounts(r);
  else m.rows.push({ mealType: type, subsidyCategory: r.category, ...mealCounts(r) });
}

function addActivity(a: ActivityFigures, r: ActivityRow): void {
  const counts = { sessions: r.sessions, participations: r.participations };
  if (r.category === null) {
    a.sessions = counts.sessions;
    a.participations = counts.participations;
    return;
  }
  const key = (ACTIVITY_KEYS as readonly string[]).includes(r.category)
    ? (r.category as ReportActivityCategory)
    : 'unknown';
  const was = a.byCategory[key];
  a.byCategory[key] = {
    sessions: was.sessions + counts.sessions,
    participations: was.participations + counts.participations,
  };
  if (key === 'intergenerational') a.intergenerational = a.byCategory[key];
}

function addIncident(i: IncidentFigures, r: IncidentRow): void {
  if (r.kind === null) {
    i.count = r.in_month;
    i.openAtMonthEnd = r.open_at_end;
    return;
  }
  const key = (INCIDENT_KEYS as readonly string[]).includes(r.kind)
    ? (r.kind as ReportIncidentKind)
    : 'other';
  i.byKind[key] += r.in_month;
}

function addElder(v: VisitFigures, e: ElderMonth): void {
  for (const counts of [v as VisitCounts, v.byRisk[e.risk]]) {
    counts.listed++;
    if (e.status === 'notDue') continue;
    counts.due++;
    if (e.status === 'completed') counts.completed++;
    else if (e.status === 'pending') counts.pending++;
    else counts.missed++;
  }
}

/** The visit list's month for every centre in scope, by the desk's rule (see the opening comment). */
async function visitMonths(
  db: Queryable,
  params: unknown[],
  rules: DailyRules,
  month: string,
  today: string,
): Promise<Map<string, ElderMonth[]>> {
  const [listings, visits, incidents] = await Promise.all([
    db.query<ListingRow>(LISTINGS_SQL, params.slice(0, 3)),
    db.query<VisitRow>(VISITS_SQL, params),
    db.query<IncidentAtRow>(INCIDENTS_AT_SQL, params.slice(0, 4)),
  ]);
  const visitsOf = groupBy(visits.rows, (r) => r.centre_id);
  const incidentsOf = groupBy(incidents.rows, (r) => r.centre_id);
  const out = new Map<string, ElderMonth[]>();
  for (const [centreId, list] of groupBy(listings.rows, (r) => r.centre_id)) {
    const entries: VisitListEntry[] = list.map((l) => ({
      memberId: l.member_id,
      risk: l.risk,
      ...(l.listed_on ? { listedOn: l.listed_on } : {}),
    }));
    const records: VisitRecord[] = (visitsOf.get(centreId) ?? []).map((v) => ({
      id: v.id,
      centreId,
      memberId: v.member_id,
      kind: v.kind as VisitRecord['kind'],
      at: v.at,
      visitedBy: '',
      ...(v.reached !== null ? { reached: v.reached } : {}),
      ...(v.next_due_on ? { nextDueOn: v.next_due_on } : {}),
    }));
    const incidentList: Incident[] = (incidentsOf.get(centreId) ?? []).map((i) => ({
      id: i.id,
      memberId: i.member_id,
      at: i.at,
    }));
    out.set(
      centreId,
      monthlyCompletion(entries, records, incidentList, rules.visits, month, today).elders,
    );
  }
  return out;
}

/** The monthly report (types.ts MonthlyReportResponse; every figure defined in docs/API.md). */
export async function monthlyReport(
  db: Queryable,
  options: MonthlyReportOptions,
): Promise<MonthlyReportResponse> {
  const { month } = options;
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const today = options.today ?? calendarDay(new Date(), timeZone);
  const { first, last } = monthDays(month);
  const pushed = options.dailyRules
    ? {
        rules: options.dailyRules,
        source: 'district' as const,
        problems: [],
        periods: [{ from: first, mealSubsidies: options.dailyRules.mealSubsidies }],
      }
    : await reportRules(db, last < today ? last : today, { first, last });
  const { rules } = pushed;
  const centreId = options.centreId ?? null;
  const centres = await db.query<{ id: string; name: string; child_places: number | null }>(
    `SELECT id, name, child_places FROM centres WHERE $1::text IS NULL OR id = $1 ORDER BY name, id`,
    [centreId],
  );
  const base = [first, last, centres.rows.map((c) => c.id)];
  const withZone = [...base, timeZone];
  const withKinds = [...withZone, rules.visits.countedKinds];

  const centreIds = base[2] as string[];
  // Every section at once (the pool runs them side by side); the visit list's, the longest, first.
  const [
    elders,
    attendance,
    meals,
    activities,
    incidents,
    visitCounts,
    paper,
    assessments,
    growth,
    outbreaks,
  ] = await Promise.all([
    visitMonths(db, withKinds, rules, month, today),
    db.query<AttendanceRow>(ATTENDANCE_SQL, [month, centreIds]),
    db.query<MealRowDb>(MEALS_SQL, [
      ...base,
      JSON.stringify(pushed.periods.map((p) => ({ from: p.from, subsidies: p.mealSubsidies }))),
    ]),
    db.query<ActivityRow>(ACTIVITIES_SQL, base),
    db.query<IncidentRow>(INCIDENTS_SQL, withZone),
    db.query<VisitCountRow>(VISIT_COUNTS_SQL, withKinds),
    // 补录 (issue 19 part 2): what of the month was entered later from paper.
    paperFigures(db, base),
    assessmentReport(db, { first, last, today, centreIds }),
    // Issue 17, part 5: children's growth, checks and vaccinations (./growthReport.ts).
    growthReport(db, { first, last, today, centreIds }),
    // Issue 17, part 5: outbreaks and reports made (server/district/outbreaks.ts).
    outbreakMonth(db, { first, last, today, centreId }),
  ]);

  const district = emptyFigures();
  const figures = new Map<string, ReportFigures>(centres.rows.map((c) => [c.id, emptyFigures()]));
  // A row of a centre outside `centres` cannot occur (every query keeps to them); skip it anyway.
  const of = (r: Keyed) => (r.centre_id === null ? district : figures.get(r.centre_id));

  for (const r of attendance.rows) {
    const f = of(r);
    if (f) setAttendance(f, r);
  }
  for (const r of meals.rows) {
    const f = of(r);
    if (f) addMealRow(f.meals, r);
  }
  for (const r of activities.rows) {
    const f = of(r);
    if (f) addActivity(f.activities, r);
  }
  for (const r of incidents.rows) {
    const f = of(r);
    if (f) addIncident(f.incidents, r);
  }
  for (const r of visitCounts.rows) {
    const f = of(r);
    if (f) Object.assign(f.visits, { recorded: r.recorded, counted: r.counted });
  }
  for (const [id, list] of elders) {
    const f = figures.get(id);
    for (const e of list) {
      if (f) addElder(f.visits, e);
      addElder(district.visits, e);
    }
  }
  for (const [id, counts] of paper) {
    const f = id === null ? district : figures.get(id);
    if (f) f.paper = counts;
  }
  setChildPlaces(
    district,
    centres.rows.map((c) => ({ places: c.child_places, figures: figures.get(c.id)! })),
  );
  for (const f of [district, ...figures.values()]) {
    f.visits.rate = f.visits.due > 0 ? f.visits.completed / f.visits.due : null;
    f.meals.rows.sort(
      (a, b) =>
        MEAL_TYPES.indexOf(a.mealType) - MEAL_TYPES.indexOf(b.mealType) ||
        (a.subsidyCategory ?? '').localeCompare(b.subsidyCategory ?? ''),
    );
  }

  return {
    month,
    firstDay: first,
    lastDay: last,
    today,
    timeZone,
    centreId,
    rules: {
      source: pushed.source,
      problems: pushed.problems,
      mealSubsidies: rules.mealSubsidies,
      subsidyPeriods: pushed.periods,
      visitFrequency: rules.visits.frequency,
      visitCountedKinds: [...rules.visits.countedKinds],
    },
    district,
    centres: centres.rows.map((c) => ({ id: c.id, name: c.name, figures: figures.get(c.id)! })),
    outbreaks,
    assessments,
    growth,
  };
}
