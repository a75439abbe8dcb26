/**
 * A district at scale for the monthly report and the overview (server/district/reports.test.ts,
 * the bench's `report` section): documents inserted by SQL as the sync stores them (a push of this
 * many would test the sync, not the report). Each centre, every month: 10 elders and 3 children
 * who come on the first 20 days, a lunch for every elder each of those days (age70), 5 high-risk
 * elders on the visit list (listed a month before the first month) visited on the 1st, 8th, 15th,
 * 22nd and 28th (every month has a 28th), one intergenerational activity on the 3rd, 10th, 17th
 * and 24th that everyone attends, and two incidents of children (one still open). 539 documents a
 * centre a month, besides its 13 members, 5 listings and 1 activity plan.
 */
import { format, parseISO, subMonths } from 'date-fns';
import type { Queryable } from '../db/db';

export interface DistrictScale {
  centres: number;
  /** The months of history, 'YYYY-MM', oldest first. */
  months: string[];
}

/** The `count` months up to and including `last` ('YYYY-MM'), oldest first. */
export function monthsUpTo(last: string, count: number): string[] {
  const end = parseISO(`${last}-01`);
  return Array.from({ length: count }, (_, i) => format(subMonths(end, count - 1 - i), 'yyyy-MM'));
}

/** Centres s001, s002, … with their history; returns how many documents the district then holds. */
export async function seedDistrictScale(db: Queryable, scale: DistrictScale): Promise<number> {
  await db.query(
    `INSERT INTO centres (id, name)
     SELECT 's' || lpad(i::text, 3, '0'), '中心 ' || lpad(i::text, 3, '0')
       FROM generate_series(1, $1) AS i`,
    [scale.centres],
  );
  await db.query(SCALE_SQL, [scale.centres, scale.months]);
  // As a district's year of history is: vacuumed (visibility map set) and analysed.
  await db.query('VACUUM ANALYZE documents');
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
  return rows[0]!.n;
}

const SCALE_SQL = `
WITH c AS (SELECT i, 's' || lpad(i::text, 3, '0') AS centre FROM generate_series(1, $1) i),
     m AS (SELECT c.*, j, c.centre || '-m' || j AS member,
                  CASE WHEN j <= 10 THEN 'elder' ELSE 'child' END AS kind
             FROM c, generate_series(1, 13) j),
     d AS (SELECT mon, day FROM unnest($2::text[]) mon, generate_series(1, 28) day),
     docs AS (
  SELECT 'members' AS collection, member AS id, centre,
         jsonb_build_object('kind', kind, 'status', 'active') AS data
    FROM m
  UNION ALL
  SELECT 'attendance', 'a-' || member || '-' || mon || '-' || day, centre,
         jsonb_build_object('memberId', member, 'day', mon || '-' || lpad(day::text, 2, '0'),
                            'status', 'out', 'checkInAt', mon || '-01T01:00:00Z')
    FROM m, d WHERE day <= 20
  UNION ALL
  SELECT 'meals', 's-' || member || '-' || mon || '-' || day, centre,
         jsonb_build_object('kind', 'serving', 'memberId', member, 'mealType', 'lunch',
                            'day', mon || '-' || lpad(day::text, 2, '0'), 'mode', 'dineIn',
                            'subsidyCategory', 'age70',
                            'servedAt', mon || '-' || lpad(day::text, 2, '0') || 'T04:00:00Z')
    FROM m, d WHERE day <= 20 AND kind = 'elder'
  UNION ALL
  SELECT 'visits', 'vl-' || member, centre,
         jsonb_build_object('kind', 'listing', 'memberId', member, 'risk', 'high',
                            'listedOn', to_char((($2::text[])[1] || '-01')::date - 31, 'YYYY-MM-DD'))
    FROM m WHERE j <= 5
  UNION ALL
  SELECT 'visits', 'v-' || member || '-' || mon || '-' || day, centre,
         jsonb_build_object('kind', 'visit', 'memberId', member, 'visitKind', 'home',
                            'reached', true,
                            'at', mon || '-' || lpad(day::text, 2, '0') || 'T02:00:00Z')
    FROM m, d WHERE j <= 5 AND day IN (1, 8, 15, 22, 28)
  UNION ALL
  SELECT 'activities', 'p-' || centre, centre,
         jsonb_build_object('kind', 'plan', 'planId', 'p-' || centre, 'category', 'intergenerational')
    FROM c
  UNION ALL
  SELECT 'activities', 'k-' || member || '-' || mon || '-' || day, centre,
         jsonb_build_object('kind', 'attendance', 'planId', 'p-' || centre, 'memberId', member,
                            'date', mon || '-' || lpad(day::text, 2, '0'), 'present', true,
                            'recordedAt', mon || '-' || lpad(day::text, 2, '0') || 'T02:00:00Z')
    FROM m, d WHERE day IN (3, 10, 17, 24)
  UNION ALL
  SELECT 'care', 'i-' || member || '-' || mon, centre,
         jsonb_build_object('kind', 'incident', 'memberId', member, 'incidentKind', 'fall',
                            'day', mon || '-12', 'at', mon || '-12T02:00:00Z')
           || CASE WHEN j = 11 THEN jsonb_build_object('closedAt', mon || '-13T02:00:00Z')
                   ELSE '{}'::jsonb END
    FROM m, unnest($2::text[]) mon WHERE j IN (11, 12)
)
INSERT INTO documents (collection, id, centre_id, seq, data, content_hash)
SELECT collection, id, centre, nextval('doc_seq'), data || jsonb_build_object('id', id), md5(id)
  FROM docs`;
