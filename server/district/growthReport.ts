/**
 * The monthly report's lines on children's growth, health checks and vaccinations, per centre and
 * for the district (docs/API.md, "Monthly report"; docs/DOMAIN.md "Children's growth"). The rules
 * are the desk's own (shared/rules/growth/child.ts): growth statuses against the district's growth
 * standard (WS/T 423—2022 or WHO 2006), checks on the 0～6岁儿童健康管理服务规范 schedule, doses
 * against the 国家免疫规划疫苗儿童免疫程序（2021年版）.
 *
 * What the district can work out depends on what it holds (shared/rules/districtShare.ts): a
 * child shared as counts only has no day of birth, so their checks and doses are not worked out
 * (`notShared`); without the health consent the measurements are not shared, so the child counts
 * as `notMeasured`. The 体弱儿 list and the check months are counted either way.
 */
import { groupBy } from '../../shared/groupBy';
import {
  attentionStatuses,
  growthPoints,
  latestStatuses,
  scheduleOf,
  type MeasurementFact,
} from '../../shared/rules/growth/child';
import {
  GROWTH_STANDARDS,
  GROWTH_STATUSES,
  type GrowthStandard,
  type GrowthStatus,
} from '../../shared/rules/growth/evaluate';
import { VACCINES, type Vaccine } from '../../shared/rules/growth/schedules';
import { versionOn, versionsOf, type RulesDocLike } from '../../shared/rules/ruleVersions';
import { NOT_SHARED } from '../../shared/rules/districtShare';
import { DISTRICT_RULES_ID } from '../../shared/schemas/district';
import type { Queryable } from '../db/db';
import type { GrowthFigures, GrowthReport } from './types';
import { IN_CARE_AT_MONTH_END } from './inCare';

export type { GrowthFigures, GrowthReport };

export function emptyGrowthFigures(): GrowthFigures {
  return {
    children: 0,
    notShared: 0,
    notMeasured: 0,
    byStatus: Object.fromEntries(GROWTH_STATUSES.map((s) => [s, 0])) as Record<
      GrowthStatus,
      number
    >,
    normal: 0,
    needingAttention: 0,
    onAttentionList: 0,
    checksDueInMonth: 0,
    checksOverdue: 0,
    vaccinationsDue: 0,
    vaccinationsMissing: 0,
    dosesMissing: 0,
  };
}

/** Children in care at the month's end ($1: last day, $2: centres). */
const CHILDREN_SQL = `
SELECT p.centre_id, p.id, p.data->>'gender' AS gender, p.data->>'birthDate' AS birth_date,
       p.data->>'name' AS name
  FROM documents p
 WHERE p.centre_id = ANY($2::text[]) AND p.collection = 'members' AND NOT p.deleted
   AND p.data->>'kind' = 'child' AND left(p.data->>'createdAt', 10) <= $1
   AND ${IN_CARE_AT_MONTH_END}`;

/** Heights and weights at the door (care) and at checks (healthRecords), up to the month's end. */
const MEASURES_SQL = `
SELECT d.data->>'memberId' AS member_id, d.data->>'day' AS day,
       (d.data->>'heightCm')::float8 AS height_cm, (d.data->>'weightKg')::float8 AS weight_kg,
       (d.data->>'headCm')::float8 AS head_cm
  FROM documents d
 WHERE d.centre_id = ANY($2::text[]) AND NOT d.deleted AND d.data->>'day' <= $1
   AND ((d.collection = 'care' AND d.data->>'kind' = 'heightWeight')
     OR (d.collection = 'healthRecords' AND d.data->>'kind' = 'check'))`;

/** Checks, doses and 体弱儿 records of children, up to the month's end. */
const RECORDS_SQL = `
SELECT d.data->>'memberId' AS member_id, d.data->>'kind' AS kind,
       (d.data->>'checkMonth')::int AS check_month, d.data->>'vaccine' AS vaccine,
       (d.data->>'dose')::int AS dose, left(d.data->>'closedAt', 10) AS closed_on
  FROM documents d
 WHERE d.centre_id = ANY($2::text[]) AND d.collection = 'healthRecords' AND NOT d.deleted
   AND d.data->>'kind' IN ('check', 'dose', 'attention') AND d.data->>'day' <= $1`;

interface ChildRow {
  centre_id: string;
  id: string;
  gender: 'M' | 'F';
  birth_date: string;
  name: string;
}
interface MeasureRow {
  member_id: string;
  day: string;
  height_cm: number | null;
  weight_kg: number | null;
  head_cm: number | null;
}
interface RecordRow {
  member_id: string;
  kind: 'check' | 'dose' | 'attention';
  check_month: number | null;
  vaccine: string | null;
  dose: number | null;
  closed_on: string | null;
}

/** The growth standard the district's rules name on `day` (WS/T 423—2022 unless WHO 2006 is chosen). */
async function standardOn(db: Queryable, day: string): Promise<GrowthStandard> {
  const { rows } = await db.query<{ data: RulesDocLike }>(
    `SELECT data FROM documents WHERE collection = 'district' AND id = $1 AND NOT deleted`,
    [DISTRICT_RULES_ID],
  );
  const settings = versionOn(versionsOf(rows[0]?.data), day)?.settings as
    { growthStandard?: unknown } | undefined;
  const chosen = settings?.growthStandard;
  return (GROWTH_STANDARDS as readonly unknown[]).includes(chosen)
    ? (chosen as GrowthStandard)
    : 'wst423';
}

export async function growthReport(
  db: Queryable,
  opts: { first: string; last: string; today: string; centreIds: readonly string[] },
): Promise<GrowthReport> {
  const { first, last, centreIds } = opts;
  const asOf = last < opts.today ? last : opts.today;
  const ids = [...centreIds];
  const [children, measures, records, standard] = await Promise.all([
    db.query<ChildRow>(CHILDREN_SQL, [last, ids]),
    db.query<MeasureRow>(MEASURES_SQL, [last, ids]),
    db.query<RecordRow>(RECORDS_SQL, [last, ids]),
    standardOn(db, asOf),
  ]);
  const district = emptyGrowthFigures();
  const centres: Record<string, GrowthFigures> = Object.fromEntries(
    ids.map((id) => [id, emptyGrowthFigures()]),
  );
  const measuresOf = groupBy(measures.rows, (r) => r.member_id);
  const recordsOf = groupBy(records.rows, (r) => r.member_id);

  for (const child of children.rows) {
    const f = centres[child.centre_id];
    if (!f) continue;
    const add = (change: (g: GrowthFigures) => void) => {
      change(f);
      change(district);
    };
    const mine = recordsOf.get(child.id) ?? [];
    add((g) => g.children++);
    if (mine.some((r) => r.kind === 'attention' && (r.closed_on === null || r.closed_on > asOf)))
      add((g) => g.onAttentionList++);
    if (child.name === NOT_SHARED || !/^\d{4}-\d{2}-\d{2}$/.test(child.birth_date ?? '')) {
      add((g) => g.notShared++);
      continue;
    }
    const facts = { gender: child.gender, birthDate: child.birth_date };

    const measured: MeasurementFact[] = (measuresOf.get(child.id) ?? []).map((m) => ({
      day: m.day,
      ...(m.height_cm !== null ? { heightCm: m.height_cm } : {}),
      ...(m.weight_kg !== null ? { weightKg: m.weight_kg } : {}),
      ...(m.head_cm !== null ? { headCm: m.head_cm } : {}),
    }));
    const points = growthPoints(facts, measured, standard);
    if (!points.length) add((g) => g.notMeasured++);
    else {
      const statuses = latestStatuses(points, last);
      add((g) => {
        for (const s of statuses) g.byStatus[s]++;
        if (!statuses.length) g.normal++;
        if (attentionStatuses(statuses).length) g.needingAttention++;
      });
    }

    const schedule = scheduleOf(
      facts,
      mine.filter((r) => r.kind === 'check' && r.check_month !== null).map((r) => r.check_month!),
      mine
        .filter(
          (r) => r.kind === 'dose' && VACCINES.includes(r.vaccine as Vaccine) && r.dose !== null,
        )
        .map((r) => ({ vaccine: r.vaccine as Vaccine, dose: r.dose! })),
      asOf,
    );
    const dueInMonth = schedule.checks.some(
      (c) => c.state !== 'done' && c.dueOn >= first && c.dueOn <= last,
    );
    const reached = schedule.checks.filter((c) => c.dueOn <= asOf).at(-1);
    const missing = schedule.doses.filter((d) => d.state === 'missing').length;
    const due = schedule.doses.some((d) => d.state === 'due');
    add((g) => {
      if (dueInMonth) g.checksDueInMonth++;
      if (reached?.state === 'overdue') g.checksOverdue++;
      if (due) g.vaccinationsDue++;
      if (missing) {
        g.vaccinationsMissing++;
        g.dosesMissing += missing;
      }
    });
  }
  return { standard, district, centres };
}
