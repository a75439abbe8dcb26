import { addMinutes, addWeeks, format, parse } from 'date-fns';
import { map, of, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import {
  ACTIVITY_CATEGORIES,
  attendanceSummary,
  expandSessions,
  findClashes,
  validatePlan,
  weekSessions,
  type ActivityAttendance,
  type ActivityPlan,
  type ActivitySession,
  type AttendanceSummary,
  type Clash,
  type PlanError,
  type PlanInput,
  type Recurrence,
  type SessionException,
} from '../../shared/rules/schedule';
import type { ActivityDoc, DistrictDoc } from '../../shared/schemas';
import type { Desk } from './desk';
import { plainDoc } from './plain';
import { personInCare } from './people';
import { requirePermission } from './staff';

export type { PlanInput };

/** A plan the rules refuse: each error names its field (shared/rules/schedule.ts validatePlan). */
export class PlanRefused extends Error {
  constructor(readonly errors: PlanError[]) {
    super(`planInvalid: ${errors.map((e) => `${e.field} ${e.problem}`).join(', ')}`);
  }
}

/** How far ahead a new or changed plan is checked for clashes with the rest of the timetable. */
export const CLASH_WEEKS = 12;

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function cleanRecurrence(r: Recurrence): Recurrence {
  return r.kind === 'once'
    ? { kind: 'once', date: r.date }
    : clean({
        kind: 'weekly',
        weekdays: [...new Set(r.weekdays)].sort(),
        everyWeeks: r.everyWeeks,
        from: r.from,
        until: r.until || undefined,
      });
}

/** The plan's own fields, trimmed and without empty optional ones. */
function planFields(input: PlanInput): PlanInput {
  return clean({
    title: input.title.trim(),
    category: input.category,
    room: input.room.trim(),
    leaderId: input.leaderId,
    capacity: input.capacity,
    enrolled: [...new Set(input.enrolled)],
    start: input.start,
    end: input.end,
    recurrence: cleanRecurrence(input.recurrence),
    exceptions: input.exceptions?.length ? input.exceptions.map((e) => clean(e)) : undefined,
    templateId: input.templateId,
  });
}

export function toPlan(doc: ActivityDoc): ActivityPlan {
  return clean({
    id: doc.id,
    centreId: doc.centreId,
    title: doc.title ?? '',
    category: doc.category ?? 'elder',
    room: doc.room ?? '',
    leaderId: doc.leaderId ?? '',
    capacity: doc.capacity ?? 0,
    enrolled: [...(doc.enrolled ?? [])],
    start: doc.start ?? '',
    end: doc.end ?? '',
    recurrence: doc.recurrence as Recurrence,
    exceptions: doc.exceptions?.map((e) => ({ ...e })),
    templateId: doc.templateId,
  });
}

export function toAttendance(doc: ActivityDoc): ActivityAttendance {
  return clean({
    id: doc.id,
    centreId: doc.centreId,
    planId: doc.planId,
    date: doc.date ?? '',
    memberId: doc.memberId ?? '',
    present: doc.present ?? false,
    note: doc.note,
    recordedAt: doc.recordedAt ?? doc.createdAt,
    recordedBy: doc.recordedBy ?? doc.updatedBy,
  });
}

/** The first day a plan can run, and the last day its clashes are looked for. */
function clashWindow(plan: ActivityPlan, today: string): { from: string; to: string } {
  const r = plan.recurrence;
  if (r.kind === 'once') return { from: r.date, to: r.date };
  const from = r.from > today ? r.from : today;
  const ahead = format(
    addWeeks(parse(from, 'yyyy-MM-dd', new Date(0)), CLASH_WEEKS * (r.everyWeeks ?? 1)),
    'yyyy-MM-dd',
  );
  return { from, to: r.until !== undefined && r.until < ahead ? r.until : ahead };
}

export async function allPlans(desk: Desk): Promise<ActivityPlan[]> {
  const docs = await desk.db.activities.find({ selector: { kind: 'plan' } }).exec();
  return docs.map((d) => toPlan(plainDoc(d)));
}

export interface PlanCheck {
  errors: PlanError[];
  /** Clashes of this plan with the timetable (and its own capacity), over the coming weeks. */
  clashes: Clash[];
}

/**
 * Checks a plan before saving, as the form does on every submit: the rules' field errors (and a
 * category the timetable knows), then its clashes with every other activity on the timetable.
 * `id` is the plan being changed, so it is not compared with its own older version.
 */
export async function checkPlan(
  desk: Desk,
  input: PlanInput,
  id = 'new-plan',
  today = format(new Date(), 'yyyy-MM-dd'),
): Promise<PlanCheck> {
  const plan: ActivityPlan = { ...planFields(input), id, centreId: desk.settings.centreId };
  const errors = validatePlan(plan);
  if (!(ACTIVITY_CATEGORIES as readonly string[]).includes(plan.category))
    errors.push({ field: 'category', problem: 'range' });
  if (errors.length) return { errors, clashes: [] };
  const others = (await allPlans(desk)).filter((p) => p.id !== id);
  const { from, to } = clashWindow(plan, today);
  return { errors, clashes: findClashes([...others, plan], from, to, id) };
}

/**
 * Puts an activity on the timetable. Refused (PlanRefused) when the rules find errors; clashes do
 * not stop it (the manager has seen them in the form and chose to go on), they are returned.
 */
export async function planActivity(
  desk: Desk,
  input: PlanInput,
  at = new Date(),
): Promise<{ plan: ActivityPlan; clashes: Clash[] }> {
  requirePermission(desk, 'planActivities');
  const id = newId();
  const { errors, clashes } = await checkPlan(desk, input, id, format(at, 'yyyy-MM-dd'));
  if (errors.length) throw new PlanRefused(errors);
  const fields = planFields(input);
  const doc: ActivityDoc = {
    id,
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    kind: 'plan',
    planId: id,
    ...fields,
  };
  await desk.db.activities.insert(doc);
  return { plan: toPlan(doc), clashes };
}

async function planDoc(desk: Desk, planId: string) {
  const doc = await desk.db.activities.findOne(planId).exec();
  if (!doc || doc.kind !== 'plan') throw new Error(`noSuchActivity: ${planId}`);
  return doc;
}

/** Changes an activity (its whole plan, as the form holds it); same checks as a new one. */
export async function updateActivity(
  desk: Desk,
  planId: string,
  input: PlanInput,
  at = new Date(),
): Promise<{ plan: ActivityPlan; clashes: Clash[] }> {
  requirePermission(desk, 'planActivities');
  const doc = await planDoc(desk, planId);
  const { errors, clashes } = await checkPlan(desk, input, planId, format(at, 'yyyy-MM-dd'));
  if (errors.length) throw new PlanRefused(errors);
  const fields = planFields(input);
  const updated = await doc.incrementalModify((old) => ({
    id: old.id,
    centreId: old.centreId,
    createdAt: old.createdAt,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    kind: 'plan',
    planId: old.id,
    ...fields,
  }));
  return { plan: toPlan(plainDoc(updated)), clashes };
}

/** Cancels one date of an activity (a holiday, the leader ill), with the reason for the timetable. */
export async function cancelSession(
  desk: Desk,
  planId: string,
  date: string,
  reason = '',
): Promise<ActivityPlan> {
  requirePermission(desk, 'planActivities');
  const doc = await planDoc(desk, planId);
  const plan = toPlan(plainDoc(doc));
  if (expandSessions([plan], date, date).length === 0) throw new Error('noSessionThatDay');
  const exception: SessionException = clean({
    date,
    cancelled: true,
    reason: reason.trim() || undefined,
  });
  const exceptions = [...(plan.exceptions ?? []).filter((e) => e.date !== date), exception];
  const updated = await doc.incrementalPatch({
    exceptions,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  return toPlan(plainDoc(updated));
}

/** The district's activity templates (read-only on the desk), by title. */
export function templates$(desk: Desk): Observable<DistrictDoc[]> {
  const collection = desk.db.collections.district;
  if (!collection) return of([]);
  return collection
    .find({ selector: { kind: 'activityTemplate' } })
    .$.pipe(
      map((docs) =>
        docs.map((d) => plainDoc(d)).sort((a, b) => a.title.localeCompare(b.title, 'zh-CN')),
      ),
    );
}

/** What a centre adds to a template to put it on its timetable. */
export interface Adoption {
  room: string;
  leaderId: string;
  start: string;
  recurrence: Recurrence;
  /** The template's capacity when left out. */
  capacity?: number;
  enrolled?: string[];
}

/** The plan a template makes: its title, category and length; the centre's room, leader, time. */
export function planFromTemplate(template: DistrictDoc, adoption: Adoption): PlanInput {
  const minutes = template.template?.minutes ?? 60;
  const start = parse(adoption.start, 'HH:mm', new Date(0));
  const end = addMinutes(start, minutes);
  return {
    title: template.title,
    category: (template.template?.category ?? '') as ActivityPlan['category'],
    room: adoption.room,
    leaderId: adoption.leaderId,
    capacity: adoption.capacity ?? template.template?.capacity ?? 0,
    enrolled: adoption.enrolled ?? [],
    start: adoption.start,
    // A template longer than the rest of the day ends at 23:59 rather than after midnight.
    end: Number.isNaN(end.getTime())
      ? ''
      : end.getDate() === start.getDate()
        ? format(end, 'HH:mm')
        : '23:59',
    recurrence: adoption.recurrence,
    templateId: template.id,
  };
}

/** Adopts a district template into the centre's timetable: a plan of its own, with templateId. */
export async function adoptTemplate(
  desk: Desk,
  templateId: string,
  adoption: Adoption,
  at = new Date(),
): Promise<{ plan: ActivityPlan; clashes: Clash[] }> {
  requirePermission(desk, 'planActivities');
  const doc = await desk.db.collections.district?.findOne(templateId).exec();
  const template = doc ? plainDoc(doc) : undefined;
  if (!template || template.kind !== 'activityTemplate') throw new Error('noSuchTemplate');
  return planActivity(desk, planFromTemplate(template, adoption), at);
}

/** Every activity on the timetable, kept up to date. */
export function plans$(desk: Desk): Observable<ActivityPlan[]> {
  return desk.db.activities
    .find({ selector: { kind: 'plan' } })
    .$.pipe(map((docs) => docs.map((d) => toPlan(plainDoc(d)))));
}

/** The sessions of the Monday-to-Sunday week of `anyDay`, in time order. */
export function weekSessions$(desk: Desk, anyDay: string): Observable<ActivitySession[]> {
  return plans$(desk).pipe(map((plans) => weekSessions(plans, anyDay)));
}

async function sessionOf(desk: Desk, planId: string, date: string): Promise<ActivitySession> {
  const plan = toPlan(plainDoc(await planDoc(desk, planId)));
  const session = expandSessions([plan], date, date)[0];
  if (!session) throw new Error('noSessionThatDay');
  return session;
}

/**
 * Marks one member present or absent at a session: a new event each time (a later mark corrects
 * an earlier one), so two desks marking the same session never overwrite each other. Anyone may
 * be marked present: those not enrolled count as walk-ins.
 */
export async function logAttendance(
  desk: Desk,
  input: { planId: string; date: string; memberId: string; present: boolean; note?: string },
  at = new Date(),
): Promise<ActivityAttendance> {
  const staff = requirePermission(desk, 'logActivities');
  await sessionOf(desk, input.planId, input.date);
  // Marking someone absent is a record of the past; attending needs them in care now.
  const member = input.present
    ? await personInCare(desk, input.memberId)
    : await desk.db.members.findOne(input.memberId).exec();
  if (!member) throw new Error(`noSuchMember: ${input.memberId}`);
  const doc: ActivityDoc = clean({
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    kind: 'attendance' as const,
    planId: input.planId,
    date: input.date,
    memberId: input.memberId,
    present: input.present,
    note: input.note?.trim() || undefined,
    recordedAt: at.toISOString(),
    recordedBy: staff.id,
  });
  await desk.db.activities.insert(doc);
  return toAttendance(doc);
}

export interface SessionNote {
  id: string;
  note: string;
  recordedAt: string;
  recordedBy: string;
}

/** A note about a session as a whole (what was made, who led it instead, what to bring next time). */
export async function addSessionNote(
  desk: Desk,
  planId: string,
  date: string,
  note: string,
  at = new Date(),
): Promise<SessionNote> {
  const staff = requirePermission(desk, 'logActivities');
  if (!note.trim()) throw new Error('noteRequired');
  await sessionOf(desk, planId, date);
  const doc: ActivityDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    kind: 'attendance',
    planId,
    date,
    note: note.trim(),
    recordedAt: at.toISOString(),
    recordedBy: staff.id,
  };
  await desk.db.activities.insert(doc);
  return { id: doc.id, note: doc.note!, recordedAt: doc.recordedAt!, recordedBy: staff.id };
}

export interface SessionLogState {
  /** Every member mark of the session (the latest of each member counts). */
  records: ActivityAttendance[];
  /** The latest mark of each member. */
  latest: Map<string, ActivityAttendance>;
  notes: SessionNote[];
}

/** The marks and notes of one session, kept up to date. */
export function sessionLog$(desk: Desk, planId: string, date: string): Observable<SessionLogState> {
  return desk.db.activities.find({ selector: { kind: 'attendance', planId, date } }).$.pipe(
    map((docs) => {
      const all = docs.map((d) => plainDoc(d));
      const records = all.filter((d) => d.memberId !== undefined).map(toAttendance);
      const latest = new Map<string, ActivityAttendance>();
      // attendanceSummary's order: by recordedAt, then id.
      for (const r of [...records].sort(
        (a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id),
      ))
        latest.set(r.memberId, r);
      const notes = all
        .filter((d) => d.memberId === undefined && d.note)
        .map((d) => ({
          id: d.id,
          note: d.note!,
          recordedAt: d.recordedAt ?? d.createdAt,
          recordedBy: d.recordedBy ?? d.updatedBy,
        }))
        .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
      return { records, latest, notes };
    }),
  );
}

/** A session's attendance against its capacity, from its events. */
export async function sessionSummary(
  desk: Desk,
  planId: string,
  date: string,
): Promise<AttendanceSummary> {
  const session = await sessionOf(desk, planId, date);
  const docs = await desk.db.activities
    .find({ selector: { kind: 'attendance', planId, date } })
    .exec();
  const records = docs
    .map((d) => plainDoc(d))
    .filter((d) => d.memberId !== undefined)
    .map(toAttendance);
  return attendanceSummary(session, records);
}
