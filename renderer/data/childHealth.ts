import { groupBy } from '../../shared/groupBy';
import { combineLatest, map, type Observable } from 'rxjs';
import {
  attentionStatuses,
  growthPoints,
  scheduleOf,
  type ChildSchedule,
  type GrowthPoint,
} from '../../shared/rules/growth/child';
import type { GrowthStandard, GrowthStatus } from '../../shared/rules/growth/evaluate';
import { inCare } from '../../shared/rules/people';
import type { CareDoc, ChildHealthDoc, MemberDoc } from '../../shared/schemas';
import { CHILD_HEALTH_KINDS, type AttentionReason } from '../../shared/schemas/healthRecords';
import { localDay } from '../../shared/time';
import { CareInputError, checkFollowUpNote } from '../../shared/validation/care';
import {
  checkAttention,
  checkCheck,
  checkDoses,
  type AttentionInput,
  type CheckInput,
  type DoseInput,
} from '../../shared/validation/childHealth';
import { audit } from './audit';
import { oneDecimal, stamp } from './care';
import type { Desk } from './desk';
import { plain } from './plain';
import { rules$ } from './rules';
import { requirePermission } from './staff';

/*
 * Children's growth, health checks, vaccinations and the 体弱儿 list: the `check`, `dose` and
 * `attention` records of shared/schemas/healthRecords.ts.
 * Everything needs the health permission ('viewHealth'); each change is in the audit log (field
 * names, never values), and opening one child's growth record is a view of their record.
 */

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

async function childOf(desk: Desk, memberId: string): Promise<MemberDoc | undefined> {
  const doc = await desk.db.members.findOne(memberId).exec();
  const member = doc?.toMutableJSON();
  return member && member.kind === 'child' && member.status !== 'erased' ? member : undefined;
}

/**
 * Records a scheduled health check (its month on the national schedule) and what it measured.
 * A bad value throws a `CareInputError` naming the field, and nothing is stored.
 */
export async function recordCheck(
  desk: Desk,
  input: CheckInput,
  now = new Date(),
): Promise<ChildHealthDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  const errors = checkCheck(input, localDay(now));
  if (!(await childOf(desk, input.memberId)))
    errors.unshift({ field: 'memberId', problem: 'unknownValue' });
  if (errors.length) throw new CareInputError(errors);
  const values = defined({
    heightCm: oneDecimal(input.heightCm),
    weightKg: oneDecimal(input.weightKg),
    headCm: oneDecimal(input.headCm),
    haemoglobin: input.haemoglobin,
    findings: input.findings?.trim(),
  });
  const doc: ChildHealthDoc = {
    ...stamp(desk, now, staff.id),
    kind: 'check',
    memberId: input.memberId,
    day: input.day,
    at: now.toISOString(),
    checkMonth: input.checkMonth as ChildHealthDoc['checkMonth'],
    ...values,
  };
  await desk.db.healthRecords.insert(doc);
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'healthRecords',
    subjectId: doc.id,
    fields: ['checkMonth', ...Object.keys(values)],
  });
  return doc;
}

/**
 * Records the doses shown on the child's vaccination certificate. A dose already recorded (the
 * same vaccine and dose number) is not recorded twice; the new ones are returned.
 */
export async function recordDoses(
  desk: Desk,
  memberId: string,
  doses: readonly DoseInput[],
  now = new Date(),
): Promise<ChildHealthDoc[]> {
  const staff = requirePermission(desk, 'viewHealth');
  const child = await childOf(desk, memberId);
  if (!child) throw new CareInputError([{ field: 'memberId', problem: 'unknownValue' }]);
  if (!doses.length) throw new CareInputError([{ field: 'dose0', problem: 'required' }]);
  const errors = checkDoses(doses, child.birthDate, localDay(now));
  if (errors.length) throw new CareInputError(errors);
  const existing = plain(
    await desk.db.healthRecords.find({ selector: { kind: 'dose', memberId } }).exec(),
  );
  const has = new Set(existing.map((d) => `${d.vaccine}/${d.dose}`));
  const docs: ChildHealthDoc[] = [];
  for (const d of doses) {
    const key = `${d.vaccine}/${d.dose}`;
    if (has.has(key)) continue;
    has.add(key);
    docs.push({
      ...stamp(desk, now, staff.id),
      kind: 'dose',
      memberId,
      day: localDay(now),
      at: now.toISOString(),
      vaccine: d.vaccine,
      dose: d.dose,
      givenOn: d.givenOn,
    });
  }
  if (docs.length) await desk.db.healthRecords.bulkInsert(docs);
  for (const doc of docs)
    await audit(desk, {
      action: 'sensitive.change',
      subjectCollection: 'healthRecords',
      subjectId: doc.id,
      fields: ['vaccine', 'dose', 'givenOn'],
    });
  return docs;
}

/**
 * Puts a child on the 体弱儿 list with the reasons, the management plan and the next follow-up
 * day; a child already on it has their open record updated (one open record per child).
 */
export async function putOnAttentionList(
  desk: Desk,
  input: AttentionInput,
  now = new Date(),
): Promise<ChildHealthDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  const errors = checkAttention(input, localDay(now));
  if (!(await childOf(desk, input.memberId)))
    errors.unshift({ field: 'memberId', problem: 'unknownValue' });
  if (errors.length) throw new CareInputError(errors);
  const open = (
    await desk.db.healthRecords
      .find({ selector: { kind: 'attention', memberId: input.memberId } })
      .exec()
  ).find((d) => !d.closedAt);
  const values = {
    reasons: [...new Set(input.reasons)],
    plan: input.plan.trim(),
    followUpOn: input.followUpOn,
  };
  let doc: ChildHealthDoc;
  if (open) {
    doc = (
      await open.incrementalPatch({
        ...values,
        updatedAt: desk.clock.tick(),
        updatedBy: desk.actor(),
      })
    ).toMutableJSON() as ChildHealthDoc;
  } else {
    doc = {
      ...stamp(desk, now, staff.id),
      kind: 'attention',
      memberId: input.memberId,
      day: localDay(now),
      at: now.toISOString(),
      ...values,
      followUps: [],
    };
    await desk.db.healthRecords.insert(doc);
  }
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'healthRecords',
    subjectId: doc.id,
    fields: ['reasons', 'plan', 'followUpOn'],
  });
  return doc;
}

/**
 * A follow-up of a child on the 体弱儿 list: the note, and the next follow-up day, or `close`
 * (the child has recovered: off the list, the record kept).
 */
export async function followUpAttention(
  desk: Desk,
  id: string,
  input: { note: string; nextOn?: string; close?: boolean },
  now = new Date(),
): Promise<ChildHealthDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  const note = input.note.trim();
  const errors = checkFollowUpNote(note);
  if (!input.close && (!input.nextOn || input.nextOn < localDay(now)))
    errors.push({ field: 'nextOn', problem: input.nextOn ? ('past' as const) : ('date' as const) });
  if (errors.length) throw new CareInputError(errors);
  const doc = await desk.db.healthRecords.findOne(id).exec();
  if (!doc || doc.kind !== 'attention') throw new Error(`No 体弱儿 record with id ${id}`);
  if (doc.closedAt) throw new Error('attentionClosed');
  const updated = await doc.incrementalPatch({
    followUps: [...(doc.followUps ?? []), { at: now.toISOString(), by: staff.id, note }],
    ...(input.close
      ? { closedAt: now.toISOString(), closedBy: staff.id }
      : { followUpOn: input.nextOn }),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'healthRecords',
    subjectId: doc.id,
    fields: input.close ? ['followUps', 'closedAt'] : ['followUps', 'followUpOn'],
  });
  return updated.toMutableJSON() as ChildHealthDoc;
}

/** Everything about one child's growth and health management, as the screens show it. */
export interface ChildHealthRecord {
  standard: GrowthStandard;
  points: GrowthPoint[];
  checks: ChildHealthDoc[];
  doses: ChildHealthDoc[];
  attention: ChildHealthDoc | undefined;
  schedule: ChildSchedule;
}

const measurementsOf = (care: readonly CareDoc[], checks: readonly ChildHealthDoc[]) => [
  ...care
    .filter((c) => c.kind === 'heightWeight')
    .map((c) => defined({ day: c.day, heightCm: c.heightCm, weightKg: c.weightKg })),
  ...checks.map((c) =>
    defined({ day: c.day, heightCm: c.heightCm, weightKg: c.weightKg, headCm: c.headCm }),
  ),
];

function recordOf(
  child: MemberDoc,
  care: readonly CareDoc[],
  docs: readonly ChildHealthDoc[],
  standard: GrowthStandard,
  today: string,
): ChildHealthRecord {
  const checks = docs.filter((d) => d.kind === 'check').sort((a, b) => a.day.localeCompare(b.day));
  const doses = docs.filter((d) => d.kind === 'dose');
  const facts = { gender: child.gender, birthDate: child.birthDate };
  return {
    standard,
    points: growthPoints(facts, measurementsOf(care, checks), standard),
    checks,
    doses,
    attention: docs.find((d) => d.kind === 'attention' && !d.closedAt),
    schedule: scheduleOf(
      facts,
      checks.map((c) => c.checkMonth!),
      doses.map((d) => ({ vaccine: d.vaccine!, dose: d.dose! })),
      today,
    ),
  };
}

/**
 * Opens one child's growth record: checks the permission, logs the view, then gives the record as
 * it changes, evaluated against the growth standard in force (district rules).
 */
export async function openChildHealth(
  desk: Desk,
  memberId: string,
  now = new Date(),
): Promise<Observable<ChildHealthRecord | null>> {
  requirePermission(desk, 'viewHealth');
  await audit(
    desk,
    {
      action: 'sensitive.view',
      subjectCollection: 'healthRecords',
      subjectId: memberId,
      fields: ['growth', 'checks', 'doses', 'attention'],
    },
    now,
  );
  return combineLatest([
    desk.db.members.findOne(memberId).$,
    desk.db.care.find({ selector: { memberId } }).$,
    desk.db.healthRecords.find({ selector: { kind: { $in: [...CHILD_HEALTH_KINDS] }, memberId } })
      .$,
    rules$(desk),
  ]).pipe(
    map(([member, care, docs, rules]) =>
      member
        ? recordOf(
            member.toMutableJSON(),
            plain(care),
            plain(docs) as ChildHealthDoc[],
            rules.growthStandard,
            localDay(now),
          )
        : null,
    ),
  );
}

/** One line of the centre's lists: a child in care, their latest growth and what is due. */
export interface ChildOverview {
  memberId: string;
  /** Statuses of the latest measurement. */
  statuses: GrowthStatus[];
  /** The open 体弱儿 record, if listed. */
  attention: ChildHealthDoc | undefined;
  /** Growth statuses that call for the list while the child is not on it. */
  suggested: GrowthStatus[];
  schedule: ChildSchedule;
  lastMeasuredOn: string | undefined;
}

/**
 * Every child in care with their latest growth statuses, the 体弱儿 record, and the checks and
 * doses due: what the 体弱儿 list, the checks-due list and the vaccination lists are made of.
 */
export function childrenOverview$(desk: Desk, now = new Date()): Observable<ChildOverview[]> {
  requirePermission(desk, 'viewHealth');
  const today = localDay(now);
  return combineLatest([
    desk.db.members.find({ selector: { kind: 'child' } }).$,
    desk.db.care.find({ selector: { kind: 'heightWeight' } }).$,
    desk.db.healthRecords.find({ selector: { kind: { $in: [...CHILD_HEALTH_KINDS] } } }).$,
    rules$(desk),
  ]).pipe(
    map(([members, care, docs, rules]) => {
      const careBy = groupBy(plain(care), (d) => d.memberId);
      const docsBy = groupBy(plain(docs) as ChildHealthDoc[], (d) => d.memberId);
      return plain(members)
        .filter(inCare)
        .map((child) => {
          const r = recordOf(
            child,
            careBy.get(child.id) ?? [],
            docsBy.get(child.id) ?? [],
            rules.growthStandard,
            today,
          );
          const statuses = r.points.at(-1)?.evaluation.statuses ?? [];
          return {
            memberId: child.id,
            statuses,
            attention: r.attention,
            suggested: r.attention ? [] : attentionStatuses(statuses),
            schedule: r.schedule,
            lastMeasuredOn: r.points.at(-1)?.day,
          };
        });
    }),
  );
}

export type { AttentionReason };
