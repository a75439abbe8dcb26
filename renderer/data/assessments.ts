import { combineLatest, map, of, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import { can } from '../../shared/roles';
import {
  ASSESSMENT_REASONS,
  checkAnswers,
  finalLevel,
  holdsAssessorCertificate,
  latestAssessment,
  reassessmentDue,
  reassessmentState,
  scoresOf,
  type AnswersProblem,
  type AssessmentAnswers,
  type AssessmentReason,
} from '../../shared/rules/assessment';
import { readDay } from '../../shared/rules/dates';
import type { AssessmentRules } from '../../shared/rules/settings';
import type { AssessmentDoc, StaffDoc } from '../../shared/schemas';
import type { AbilityLevel } from '../../shared/schemas/members';
import { localDay } from '../../shared/time';
import { audit } from './audit';
import type { Desk } from './desk';
import { peopleInCare$, personInCare, type VisibleMember } from './people';
import { plain, plainDoc } from './plain';
import { loadRules } from './rules';
import { requirePermission } from './staff';
import { listElder } from './visits';

/** Why an assessment was not recorded; nothing is written. */
export type AssessmentProblem =
  'notAssessor' | 'notElder' | 'assessedOn' | 'future' | 'reason' | 'corrects' | 'answers';

export class AssessmentRefused extends Error {
  constructor(
    readonly problem: AssessmentProblem,
    readonly items: AnswersProblem[] = [],
  ) {
    super(`assessment:${problem}`);
  }
}

export interface AssessmentInput {
  memberId: string;
  /** The day, as typed (year first). */
  assessedOn: string;
  reason: AssessmentReason;
  answers: AssessmentAnswers;
  coma?: boolean;
  dementiaOrMental?: boolean;
  riskEvents?: boolean;
  /** The assessment a correction corrects (reason `correction`). */
  corrects?: string;
  note?: string;
}

async function assessmentsOf(desk: Desk, memberId: string): Promise<AssessmentDoc[]> {
  const docs = await desk.db.healthRecords.find({ selector: { kind: 'ability', memberId } }).exec();
  return docs.map((d) => d.toMutableJSON() as AssessmentDoc);
}

/**
 * Records an assessment to GB/T 42195-2022. Only a health role (viewHealth) holding a current
 * assessor certificate on their staff record may; every item must be answered with one of the
 * standard's scores. The total and the level are computed here, never taken from the form; the
 * reassessment is due by the district's rules (a correction keeps the due day of what it
 * corrects). An assessment is never changed: a correction is a new one. The level then drives the
 * visit list: the elder is listed at the risk the rules give the level.
 */
export async function recordAssessment(
  desk: Desk,
  input: AssessmentInput,
  at = new Date(),
): Promise<AssessmentDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  const today = localDay(at);
  const record = (await desk.db.collections.staff?.findOne(staff.id).exec())?.toMutableJSON();
  if (!holdsAssessorCertificate(record ?? staff, today)) throw new AssessmentRefused('notAssessor');
  const member = await personInCare(desk, input.memberId);
  if (member.kind !== 'elder') throw new AssessmentRefused('notElder');
  const day = readDay(input.assessedOn);
  if (!day) throw new AssessmentRefused('assessedOn');
  if (day > today) throw new AssessmentRefused('future');
  if (!(ASSESSMENT_REASONS as readonly string[]).includes(input.reason))
    throw new AssessmentRefused('reason');
  const problems = checkAnswers(input.answers);
  if (problems.length) throw new AssessmentRefused('answers', problems);
  const earlier = await assessmentsOf(desk, member.id);
  const corrected =
    input.reason === 'correction' ? earlier.find((a) => a.id === input.corrects) : undefined;
  if (input.reason === 'correction' && !corrected) throw new AssessmentRefused('corrects');
  const rules = (await loadRules(desk)).assessment;
  const total = scoresOf(input.answers).total;
  const level = finalLevel(total, input);
  const note = input.note?.trim();
  const doc: AssessmentDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    kind: 'ability',
    memberId: member.id,
    assessedOn: day,
    assessorId: staff.id,
    reason: input.reason,
    ...(corrected ? { corrects: corrected.id } : {}),
    answers: { ...input.answers },
    ...(input.coma ? { coma: true } : {}),
    ...(input.dementiaOrMental ? { dementiaOrMental: true } : {}),
    ...(input.riskEvents ? { riskEvents: true } : {}),
    total,
    level,
    dueOn: corrected ? corrected.dueOn : reassessmentDue(day, input.reason, rules),
    ...(note ? { note } : {}),
  };
  await desk.db.healthRecords.insert(doc);
  await audit(
    desk,
    {
      action: 'sensitive.change',
      subjectCollection: 'healthRecords',
      subjectId: doc.id,
      fields: ['assessment', `level:${level}`],
      ...(corrected ? { reason: `corrects:${corrected.id}` } : {}),
    },
    at,
  );
  const latest = latestAssessment([...earlier, doc]);
  const risk = rules.visitRisk[level];
  if (latest?.id === doc.id && risk !== 'none' && can(staff.role, 'recordVisits'))
    await listElder(desk, { memberId: member.id, risk, listedOn: day }, at);
  return doc;
}

/** A member's assessments, newest first (health roles; nothing for others). */
export function assessments$(desk: Desk, memberId: string): Observable<AssessmentDoc[]> {
  if (!can(desk.session?.staff.role, 'viewHealth')) return of([]);
  return desk.db.healthRecords.find({ selector: { kind: 'ability', memberId } }).$.pipe(
    map((docs) => {
      const list = plain(docs) as AssessmentDoc[];
      const sorted: AssessmentDoc[] = [];
      const rest = [...list];
      while (rest.length) {
        const next = latestAssessment(rest)!;
        sorted.push(next);
        rest.splice(rest.indexOf(next), 1);
      }
      return sorted;
    }),
  );
}

/**
 * An elder's ability level as the centre goes by it: the level of their latest assessment, or —
 * never assessed to the standard — the level stored on their record before (shown as "未按标准评估").
 */
export type Ability =
  | { assessed: true; level: AbilityLevel; latest: AssessmentDoc }
  | { assessed: false; storedLevel: AbilityLevel | undefined };

export function abilityOf(
  member: { abilityLevel?: AbilityLevel },
  assessments: readonly AssessmentDoc[],
): Ability {
  const latest = latestAssessment(assessments);
  return latest
    ? { assessed: true, level: latest.level as AbilityLevel, latest }
    : { assessed: false, storedLevel: member.abilityLevel };
}

/**
 * The disability category an elder is served meals under: the subsidy code the rules give the
 * level of their latest assessment (shared/rules/subsidyCategory.ts), or none.
 */
export async function disabilityCategory(
  desk: Desk,
  memberId: string,
  rules: AssessmentRules,
): Promise<string | undefined> {
  if (!desk.db.collections.healthRecords) return undefined;
  const latest = latestAssessment(await assessmentsOf(desk, memberId));
  return (latest && rules.subsidyCategory[latest.level as AbilityLevel]) || undefined;
}

export interface ReassessmentDue {
  member: VisibleMember;
  latest: AssessmentDoc;
  state: 'due' | 'overdue';
}

/**
 * Elders in care whose reassessment is overdue or due within the rules' warning days, most
 * overdue first (health roles; empty for others).
 */
export function reassessmentsDue$(
  desk: Desk,
  today: string,
  rules: AssessmentRules,
): Observable<ReassessmentDue[]> {
  if (!can(desk.session?.staff.role, 'viewHealth') || !desk.db.collections.healthRecords)
    return of([]);
  return combineLatest([
    peopleInCare$(desk, 'elder'),
    desk.db.healthRecords.find({ selector: { kind: 'ability' } }).$,
  ]).pipe(
    map(([elders, docs]) => {
      const byMember = new Map<string, AssessmentDoc[]>();
      for (const a of plain(docs) as AssessmentDoc[])
        byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), a]);
      const out: ReassessmentDue[] = [];
      for (const member of elders) {
        const latest = latestAssessment(byMember.get(member.id) ?? []);
        if (!latest) continue;
        const state = reassessmentState(latest.dueOn, today, rules.warnDays);
        if (state !== 'current') out.push({ member, latest, state });
      }
      return out.sort((a, b) => a.latest.dueOn.localeCompare(b.latest.dueOn));
    }),
  );
}

/**
 * Whether the staff member signed in may record an assessment today: a health role holding a
 * current assessor certificate on their staff record (what `recordAssessment` checks), so the
 * screen can say so before anyone fills in the 26 items.
 */
export function mayAssess$(desk: Desk, at: () => Date = () => new Date()): Observable<boolean> {
  const staff = desk.session?.staff;
  const staffCollection = desk.db.collections.staff;
  if (!staff || !can(staff.role, 'viewHealth') || !staffCollection) return of(false);
  return staffCollection
    .findOne(staff.id)
    .$.pipe(
      map((doc) => holdsAssessorCertificate(doc ? plainDoc<StaffDoc>(doc) : staff, localDay(at()))),
    );
}
