/**
 * The monthly report's lines on elder ability assessments (GB/T 42195-2022) and on staff
 * certificates, per centre and for the district (docs/API.md, "Monthly report"). Rules from
 * shared/rules/assessment.ts and shared/rules/staffCertificates.ts, as on the desk.
 */
import { groupBy } from '../../shared/groupBy';
import { latestAssessment } from '../../shared/rules/assessment';
import { certificateGaps } from '../../shared/rules/staffCertificates';
import { ABILITY_LEVELS, type AbilityLevel } from '../../shared/schemas/members';
import type { StaffDoc } from '../../shared/schemas';
import type { Queryable } from '../db/db';
import type { AssessmentFigures, AssessmentReport } from './types';
import { IN_CARE_AT_MONTH_END } from './inCare';

export function emptyAssessmentFigures(): AssessmentFigures {
  return {
    done: 0,
    corrections: 0,
    byLevel: Object.fromEntries(ABILITY_LEVELS.map((l) => [l, 0])) as Record<AbilityLevel, number>,
    notAssessed: 0,
    dueInMonth: 0,
    overdue: 0,
    certificatesExpired: 0,
    certificatesMissing: 0,
  };
}

interface AssessmentRow {
  centre_id: string;
  member_id: string;
  assessed_on: string;
  created_at: string;
  level: AbilityLevel;
  due_on: string;
  reason: string;
}

/** Assessments up to the month's end, of elders whose record is there and in care ($1: last day). */
const ASSESSMENTS_SQL = `
SELECT a.centre_id, a.data->>'memberId' AS member_id, a.data->>'assessedOn' AS assessed_on,
       a.data->>'createdAt' AS created_at, a.data->>'level' AS level, a.data->>'dueOn' AS due_on,
       a.data->>'reason' AS reason
  FROM documents a
 WHERE a.centre_id = ANY($2::text[]) AND a.collection = 'healthRecords'
   AND a.data->>'kind' = 'ability' AND NOT a.deleted AND a.data->>'assessedOn' <= $1`;

const ELDERS_SQL = `
SELECT p.centre_id, p.id
  FROM documents p
 WHERE p.centre_id = ANY($2::text[]) AND p.collection = 'members' AND NOT p.deleted
   AND p.data->>'kind' = 'elder' AND left(p.data->>'createdAt', 10) <= $1
   AND ${IN_CARE_AT_MONTH_END}`;

const STAFF_SQL = `
SELECT s.centre_id, s.data
  FROM documents s
 WHERE s.centre_id = ANY($1::text[]) AND s.collection = 'staff' AND NOT s.deleted`;

export async function assessmentReport(
  db: Queryable,
  opts: { first: string; last: string; today: string; centreIds: readonly string[] },
): Promise<AssessmentReport> {
  const { first, last, centreIds } = opts;
  const asOf = last < opts.today ? last : opts.today;
  const ids = [...centreIds];
  const [assessments, elders, staff] = await Promise.all([
    db.query<AssessmentRow>(ASSESSMENTS_SQL, [last, ids]),
    db.query<{ centre_id: string; id: string }>(ELDERS_SQL, [last, ids]),
    db.query<{ centre_id: string; data: StaffDoc }>(STAFF_SQL, [ids]),
  ]);
  const district = emptyAssessmentFigures();
  const centres: Record<string, AssessmentFigures> = Object.fromEntries(
    ids.map((id) => [id, emptyAssessmentFigures()]),
  );
  const both = (centreId: string, add: (f: AssessmentFigures) => void) => {
    const f = centres[centreId];
    if (!f) return;
    add(f);
    add(district);
  };
  const byMember = new Map<
    string,
    { assessedOn: string; createdAt: string; row: AssessmentRow }[]
  >();
  for (const row of assessments.rows) {
    if (row.assessed_on >= first)
      both(row.centre_id, (f) => {
        f.done++;
        if (row.reason === 'correction') f.corrections++;
      });
    const list = byMember.get(row.member_id) ?? [];
    list.push({ assessedOn: row.assessed_on, createdAt: row.created_at, row });
    byMember.set(row.member_id, list);
  }
  for (const elder of elders.rows) {
    const latest = latestAssessment(byMember.get(elder.id) ?? [])?.row;
    both(elder.centre_id, (f) => {
      if (!latest) return void f.notAssessed++;
      if (Object.hasOwn(f.byLevel, latest.level)) f.byLevel[latest.level]++;
      if (latest.due_on >= first && latest.due_on <= last) f.dueInMonth++;
      if (latest.due_on < asOf) f.overdue++;
    });
  }
  for (const [centreId, rows] of groupBy(staff.rows, (s) => s.centre_id)) {
    const gaps = certificateGaps(
      rows.map((s) => s.data),
      asOf,
    );
    both(centreId, (f) => {
      f.certificatesExpired += gaps.expired.length;
      f.certificatesMissing += gaps.missing.length;
    });
  }
  return { district, centres };
}
