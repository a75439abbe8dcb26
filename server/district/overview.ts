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
 * as text, which orders ISO dates correctly and lets the day index serve the range.
 */
const OVERVIEW_SQL = `
WITH members AS (
  SELECT centre_id,
         count(*) FILTER (WHERE data->>'kind' = 'elder')::int AS elders,
         count(*) FILTER (WHERE data->>'kind' = 'child')::int AS children
    FROM documents
   WHERE collection = 'members' AND NOT deleted
     AND coalesce(data->>'status', 'active') = 'active'
   GROUP BY centre_id
), visits AS (
  SELECT a.centre_id,
         a.data->>'day' AS day,
         coalesce(a.data->>'personKind', 'member') AS person_kind,
         a.data->>'memberId' AS person_id,
         p.data->>'kind' AS member_kind
    FROM documents a
    LEFT JOIN documents p
      ON p.collection = 'members' AND p.id = a.data->>'memberId' AND p.centre_id = a.centre_id
   WHERE a.collection = 'attendance' AND NOT a.deleted
     AND a.data->>'day' >= $1 AND a.data->>'day' <= $2
     AND a.data->>'cancelled' IS DISTINCT FROM 'true'
), figures AS (
  SELECT centre_id,
         count(DISTINCT person_id) FILTER (
           WHERE day = $2 AND person_kind = 'member' AND member_kind = 'elder')::int AS today_elders,
         count(DISTINCT person_id) FILTER (
           WHERE day = $2 AND person_kind = 'member' AND member_kind = 'child')::int AS today_children,
         count(DISTINCT person_id) FILTER (WHERE day = $2 AND person_kind = 'staff')::int AS today_staff,
         count(*) FILTER (WHERE day = $2 AND person_kind = 'visitor')::int AS today_visitors,
         count(DISTINCT person_id || ' ' || day) FILTER (
           WHERE person_kind = 'member' AND member_kind = 'elder')::int AS month_elder_days,
         count(DISTINCT person_id || ' ' || day) FILTER (
           WHERE person_kind = 'member' AND member_kind = 'child')::int AS month_child_days,
         count(*) FILTER (WHERE person_kind = 'visitor')::int AS month_visitors
    FROM visits
   GROUP BY centre_id
), synced AS (
  SELECT centre_id, max(last_seen_at) AS last_sync_at
    FROM devices WHERE revoked_at IS NULL GROUP BY centre_id
)
SELECT c.id, c.name, c.child_places, s.last_sync_at,
       (s.last_sync_at IS NULL OR s.last_sync_at < now() - make_interval(days => $3)) AS stale,
       coalesce(m.elders, 0) AS elders, coalesce(m.children, 0) AS children,
       coalesce(f.today_elders, 0) AS today_elders, coalesce(f.today_children, 0) AS today_children,
       coalesce(f.today_staff, 0) AS today_staff, coalesce(f.today_visitors, 0) AS today_visitors,
       coalesce(f.month_elder_days, 0) AS month_elder_days,
       coalesce(f.month_child_days, 0) AS month_child_days,
       coalesce(f.month_visitors, 0) AS month_visitors
  FROM centres c
  LEFT JOIN synced s ON s.centre_id = c.id
  LEFT JOIN members m ON m.centre_id = c.id
  LEFT JOIN figures f ON f.centre_id = c.id
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
