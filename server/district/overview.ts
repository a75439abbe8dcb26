/**
 * The centres overview: every centre with its devices, when it last synced, whether it has gone
 * quiet, and today's and this month's figures. The figures are counted by PostgreSQL over the
 * synced documents' jsonb (one query for all centres); nothing here reads a person's fields
 * beyond what a count needs, and nothing returned names or describes anyone.
 */
import { listDevices } from '../admin';
import type { Queryable } from '../db/db';
import type { CentreFigures, CentreOverview, OverviewDevice, OverviewResponse } from './types';

export interface OverviewOptions {
  /** The calendar day "today" means, YYYY-MM-DD. */
  day: string;
  /** A centre none of whose devices synced for this many days is `stale`. */
  staleDays: number;
}

interface CentreRow {
  id: string;
  name: string;
  child_places: number | null;
  last_sync_at: Date | null;
  stale: boolean;
  elders: number;
  children: number;
  today_elders: number;
  today_children: number;
  today_staff: number;
  today_visitors: number;
  month_elder_days: number;
  month_child_days: number;
  month_visitors: number;
}

/**
 * Visits count once per person and day, and not when cancelled; a visit's person kind is absent
 * on older documents, which are all members. A member counts as registered until they leave or
 * are erased. `day` values are the centre's own calendar days (the desk writes them), compared
 * as text, which orders ISO dates correctly. The visits are read from their summaries, kept as
 * check-ins arrive (migration 015_report_summaries.sql): today's per person; the month's as each
 * person's days of the month in bits (bit 0 the 1st), of which the days up to today count (the
 * first bits, as many as $2's day of the month); visitors' check-ins, which each count, by day.
 */
export const OVERVIEW_SQL = `
WITH members AS (
  SELECT centre_id,
         count(*) FILTER (WHERE data->>'kind' = 'elder')::int AS elders,
         count(*) FILTER (WHERE data->>'kind' = 'child')::int AS children
    FROM documents
   WHERE collection = 'members' AND NOT deleted
     AND coalesce(data->>'status', 'active') = 'active'
   GROUP BY centre_id
), today AS (
  SELECT a.centre_id,
         count(DISTINCT a.person_id) FILTER (
           WHERE a.person_kind = 'member' AND p.data->>'kind' = 'elder')::int AS elders,
         count(DISTINCT a.person_id) FILTER (
           WHERE a.person_kind = 'member' AND p.data->>'kind' = 'child')::int AS children,
         count(DISTINCT a.person_id) FILTER (WHERE a.person_kind = 'staff')::int AS staff,
         coalesce(sum(a.checkins) FILTER (WHERE a.person_kind = 'visitor'), 0)::int AS visitors
    FROM report_attendance_days a
    LEFT JOIN documents p
      ON p.collection = 'members' AND p.id = a.person_id AND p.centre_id = a.centre_id
   WHERE a.day = $2 AND a.checkins > 0
   GROUP BY a.centre_id
), month AS (
  SELECT m.centre_id,
         coalesce(sum(m.n) FILTER (WHERE p.data->>'kind' = 'elder'), 0)::int AS elder_days,
         coalesce(sum(m.n) FILTER (WHERE p.data->>'kind' = 'child'), 0)::int AS child_days
    FROM (SELECT centre_id, person_id,
                 bit_count((days & ((1::bigint << substr($2, 9, 2)::int) - 1)::int)::bit(32))::int AS n
            FROM report_attendance_months
           WHERE month = left($1, 7) AND person_kind = 'member' AND days <> 0) m
    JOIN documents p
      ON p.collection = 'members' AND p.id = m.person_id AND p.centre_id = m.centre_id
   GROUP BY m.centre_id
), visitors AS (
  SELECT centre_id, sum(checkins)::int AS visitors
    FROM report_attendance_days
   WHERE person_kind = 'visitor' AND day >= $1 AND day <= $2 AND checkins > 0
   GROUP BY centre_id
), synced AS (
  SELECT centre_id, max(last_seen_at) AS last_sync_at
    FROM devices WHERE revoked_at IS NULL GROUP BY centre_id
)
SELECT c.id, c.name, c.child_places, s.last_sync_at,
       (s.last_sync_at IS NULL OR s.last_sync_at < now() - make_interval(days => $3)) AS stale,
       coalesce(m.elders, 0) AS elders, coalesce(m.children, 0) AS children,
       coalesce(t.elders, 0) AS today_elders, coalesce(t.children, 0) AS today_children,
       coalesce(t.staff, 0) AS today_staff, coalesce(t.visitors, 0) AS today_visitors,
       coalesce(f.elder_days, 0) AS month_elder_days,
       coalesce(f.child_days, 0) AS month_child_days,
       coalesce(v.visitors, 0) AS month_visitors
  FROM centres c
  LEFT JOIN synced s ON s.centre_id = c.id
  LEFT JOIN members m ON m.centre_id = c.id
  LEFT JOIN today t ON t.centre_id = c.id
  LEFT JOIN month f ON f.centre_id = c.id
  LEFT JOIN visitors v ON v.centre_id = c.id
 ORDER BY c.name, c.id`;

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function figuresOf(r: CentreRow): CentreFigures {
  return {
    members: { elders: r.elders, children: r.children },
    today: {
      elders: r.today_elders,
      children: r.today_children,
      staff: r.today_staff,
      visitors: r.today_visitors,
    },
    month: {
      elderAttendanceDays: r.month_elder_days,
      childAttendanceDays: r.month_child_days,
      visitors: r.month_visitors,
    },
  };
}

export async function centresOverview(
  db: Queryable,
  options: OverviewOptions,
): Promise<OverviewResponse> {
  const month = options.day.slice(0, 7);
  const [{ rows }, devices] = await Promise.all([
    db.query<CentreRow>(OVERVIEW_SQL, [`${month}-01`, options.day, options.staleDays]),
    listDevices(db),
  ]);
  const byCentre = new Map<string, OverviewDevice[]>();
  for (const d of devices) {
    const list = byCentre.get(d.centreId) ?? [];
    list.push({
      id: d.id,
      name: d.name,
      lastSeenAt: iso(d.lastSeenAt),
      revokedAt: iso(d.revokedAt),
    });
    byCentre.set(d.centreId, list);
  }
  const centres: CentreOverview[] = rows.map((r) => ({
    id: r.id,
    name: r.name,
    childPlaces: r.child_places,
    lastSyncAt: iso(r.last_sync_at),
    stale: r.stale,
    devices: byCentre.get(r.id) ?? [],
    figures: figuresOf(r),
  }));
  return { day: options.day, month, staleDays: options.staleDays, centres };
}

/** Today's date in `timeZone` (an IANA name such as Asia/Shanghai), YYYY-MM-DD. */
export function calendarDay(now: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
