/**
 * The monthly report's attendance, meals and activities sections and the centres overview as they
 * were counted before the summaries (migration 015_report_summaries.sql): straight from the
 * documents' jsonb, every time. Kept only so that tests hold what the summaries give to exactly
 * these definitions (tests/integration/reportSummaries.test.ts); the parameters are the same as
 * the section's in server/district/reports.ts and overview.ts, except that the attendance here
 * takes ($1 first day, $2 last day, $3 centres) and the overview ($1 first day, $2 day, $3 stale
 * days).
 */

export const ATTENDANCE_FROM_DOCUMENTS = `
WITH visits AS MATERIALIZED (
  SELECT d.centre_id, d.data->>'day' AS day,
         coalesce(d.data->>'personKind', 'member') AS person_kind,
         d.data->>'memberId' AS person_id
    FROM documents d
   WHERE d.centre_id = ANY($3::text[]) AND d.collection = 'attendance' AND NOT d.deleted
     AND d.data->>'day' >= $1 AND d.data->>'day' <= $2
     AND d.data->>'cancelled' IS DISTINCT FROM 'true'
), members AS MATERIALIZED (
  SELECT p.centre_id, p.id, p.data->>'kind' AS kind
    FROM documents p
   WHERE p.centre_id = ANY($3::text[]) AND p.collection = 'members'
     AND p.data->>'kind' IN ('elder', 'child')
), member_days AS MATERIALIZED (
  SELECT DISTINCT v.centre_id, v.day, v.person_id, p.kind
    FROM visits v
    JOIN members p ON p.id = v.person_id AND p.centre_id = v.centre_id
   WHERE v.person_kind = 'member'
), people AS (
  SELECT centre_id, kind, count(*) AS days FROM member_days GROUP BY centre_id, kind, person_id
), people_figures AS (
  SELECT centre_id,
         coalesce(sum(days) FILTER (WHERE kind = 'elder'), 0)::int AS elder_days,
         coalesce(sum(days) FILTER (WHERE kind = 'child'), 0)::int AS child_days,
         count(*) FILTER (WHERE kind = 'elder')::int AS elders,
         count(*) FILTER (WHERE kind = 'child')::int AS children
    FROM people GROUP BY GROUPING SETS ((centre_id), ())
), open_figures AS (
  SELECT centre_id, count(*)::int AS open_days
    FROM (SELECT DISTINCT centre_id, day FROM visits) open_days
   GROUP BY GROUPING SETS ((centre_id), ())
), children_per_day AS (
  SELECT centre_id, day, count(*) AS n FROM member_days WHERE kind = 'child' GROUP BY centre_id, day
), peaks AS (
  SELECT centre_id, max(n)::int AS peak FROM children_per_day GROUP BY centre_id
  UNION ALL
  SELECT NULL, max(n)::int FROM (SELECT sum(n) AS n FROM children_per_day GROUP BY day) t
)
SELECT o.centre_id, o.open_days,
       coalesce(f.elder_days, 0) AS elder_days, coalesce(f.child_days, 0) AS child_days,
       coalesce(f.elders, 0) AS elders, coalesce(f.children, 0) AS children,
       coalesce(k.peak, 0) AS peak_children
  FROM open_figures o
  LEFT JOIN people_figures f ON f.centre_id IS NOT DISTINCT FROM o.centre_id
  LEFT JOIN peaks k ON k.centre_id IS NOT DISTINCT FROM o.centre_id`;

export const MEALS_FROM_DOCUMENTS = `
WITH servings AS (
  SELECT d.centre_id, d.data->>'mealType' AS meal_type, d.data->>'subsidyCategory' AS category,
         d.data->>'day' AS day,
         coalesce(d.data->>'mode', 'dineIn') AS mode,
         row_number() OVER (
           PARTITION BY d.centre_id, d.data->>'memberId', d.data->>'day', d.data->>'mealType'
           ORDER BY (d.data->>'servedAt')::timestamptz, d.id COLLATE "C") AS nth
    FROM documents d
   WHERE d.centre_id = ANY($3::text[]) AND d.collection = 'meals' AND NOT d.deleted AND d.data->>'kind' = 'serving'
     AND d.data->>'day' >= $1 AND d.data->>'day' <= $2
), priced AS (
  SELECT *, CASE WHEN nth = 1 THEN (
           SELECT (p.value -> 'subsidies' -> category ->> meal_type)::int
             FROM jsonb_array_elements($4::jsonb) AS p
            WHERE p.value->>'from' <= day
            ORDER BY p.value->>'from' DESC LIMIT 1) END AS fen
    FROM servings
)
SELECT centre_id, meal_type, category,
       GROUPING(meal_type, category) AS level,
       count(*)::int AS served,
       count(*) FILTER (WHERE nth = 1)::int AS claimable,
       count(fen)::int AS subsidised,
       coalesce(sum(fen), 0)::float8 AS amount_fen,
       count(*) FILTER (WHERE nth = 1 AND mode = 'dineIn')::int AS dine_in,
       count(*) FILTER (WHERE nth = 1 AND mode = 'collected')::int AS collected,
       count(*) FILTER (WHERE nth = 1 AND mode = 'delivered')::int AS delivered
  FROM priced
 GROUP BY GROUPING SETS (
   (centre_id, meal_type, category), (centre_id, meal_type), (centre_id),
   (meal_type, category), (meal_type), ())`;

export const ACTIVITIES_FROM_DOCUMENTS = `
WITH marks AS (
  SELECT d.centre_id, d.data->>'planId' AS plan_id, d.data->>'date' AS date,
         (d.data->>'present')::boolean AS present,
         row_number() OVER (
           PARTITION BY d.centre_id, d.data->>'planId', d.data->>'date', d.data->>'memberId'
           ORDER BY (d.data->>'recordedAt')::timestamptz DESC, d.id COLLATE "C" DESC) AS nth
    FROM documents d
   WHERE d.centre_id = ANY($3::text[]) AND d.collection = 'activities' AND NOT d.deleted AND d.data->>'kind' = 'attendance'
     AND d.data->>'memberId' IS NOT NULL AND d.data->>'present' IS NOT NULL
     AND d.data->>'date' >= $1 AND d.data->>'date' <= $2
), present AS (
  SELECT m.centre_id, m.plan_id, m.date, coalesce(p.data->>'category', 'unknown') AS category
    FROM marks m
    LEFT JOIN documents p
      ON p.collection = 'activities' AND p.id = m.plan_id AND p.data->>'kind' = 'plan'
   WHERE m.nth = 1 AND m.present
)
SELECT centre_id, category,
       count(DISTINCT plan_id || ' ' || date)::int AS sessions,
       count(*)::int AS participations
  FROM present
 GROUP BY GROUPING SETS ((centre_id, category), (centre_id), (category), ())`;

export const OVERVIEW_FROM_DOCUMENTS = `
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
