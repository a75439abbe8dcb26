/**
 * The monthly report's count of records entered later from the paper emergency sheet (补录,
 * issue 19 part 2; docs/DOMAIN.md "The paper fallback"), so an inspector can tell them from live
 * entries. They are counted in the report's other figures as any record is (a visit from paper is
 * an attendance day); this section says how many of them came from paper.
 */
import type { Queryable } from '../db/db';
import type { PaperFigures } from './types';

export const noPaper = (): PaperFigures => ({ visits: 0, meals: 0, healthChecks: 0, days: 0 });

interface PaperRow {
  centre_id: string | null;
  visits: number;
  meals: number;
  health_checks: number;
  days: number;
}

/**
 * The month's documents of one collection entered from paper: one scan per collection, so that
 * each reads its month by its own day index (documents_attendance_day_idx, documents_meals_day_idx,
 * documents_outbreak_day_idx) rather than every document of the district.
 */
const paperOf = (collection: string, condition: string) => `
  SELECT d.centre_id, d.collection, d.data->>'day' AS day
    FROM documents d
   WHERE d.centre_id = ANY($3::text[]) AND d.collection = '${collection}' AND NOT d.deleted
     AND d.data->>'day' >= $1 AND d.data->>'day' <= $2
     AND d.data->'fromPaper' IS NOT NULL AND ${condition}`;

/** $1 the month's first day, $2 its last, $3 the centres' ids (as every report query). */
const PAPER_SQL = `
WITH paper AS (${paperOf('attendance', "d.data->>'cancelled' IS DISTINCT FROM 'true'")}
  UNION ALL ${paperOf('meals', "d.data->>'kind' = 'serving'")}
  UNION ALL ${paperOf('health', 'true')}
)
SELECT centre_id,
       count(*) FILTER (WHERE collection = 'attendance')::int AS visits,
       count(*) FILTER (WHERE collection = 'meals')::int AS meals,
       count(*) FILTER (WHERE collection = 'health')::int AS health_checks,
       count(DISTINCT (centre_id, day))::int AS days
  FROM paper
 GROUP BY GROUPING SETS ((centre_id), ())`;

/**
 * The paper figures of each centre in scope and of the district (`null` key), over the month
 * (`params`: the report's first three parameters).
 */
export async function paperFigures(
  db: Queryable,
  params: readonly unknown[],
): Promise<Map<string | null, PaperFigures>> {
  const { rows } = await db.query<PaperRow>(PAPER_SQL, params.slice(0, 3) as unknown[]);
  return new Map(
    rows.map((r) => [
      r.centre_id,
      { visits: r.visits, meals: r.meals, healthChecks: r.health_checks, days: r.days },
    ]),
  );
}
