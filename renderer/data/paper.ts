/**
 * The paper fallback (补录, issue 19 part 2; docs/DOMAIN.md "The paper fallback"): the emergency
 * sheet printed ahead of a day without the computer, and the rows of that sheet typed in
 * afterwards as records marked `fromPaper`, by the rules of shared/rules/paper.ts.
 *
 * Each row is all or nothing, and rows are taken one by one: a row is checked in full before any
 * of its documents is written, and should a write still fail, what the row already wrote is taken
 * back. A refused row stays on the screen with its problems; the rows accepted before and after it
 * are kept (one unreadable line must not hold back a sheet of forty good ones, and re-typing an
 * accepted row is refused by the rules themselves: the visit would overlap, the meal and the check
 * are already there).
 */
import { combineLatest, map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import type { MealType } from '../../shared/rules/dailySettings';
import {
  readPaperRow,
  type PaperPlan,
  type PaperProblem,
  type PaperRowEntry,
} from '../../shared/rules/paper';
import { inCare, onRecord } from '../../shared/rules/people';
import { subsidyCategoryOf } from '../../shared/rules/subsidyCategory';
import type { AttendanceDoc, HealthDoc, MealDoc, MemberDoc } from '../../shared/schemas';
import { compareNames } from '../../shared/search';
import { audit } from './audit';
import type { Desk } from './desk';
import { plain, plainDoc } from './plain';
import { loadDailyRules, loadRules } from './rules';
import { requirePermission } from './staff';

/** The code printed as the barcode of a person on the sheet: their card number, as on the card. */
export const sheetCode = (m: Pick<MemberDoc, 'cardNo' | 'id'>) => m.cardNo ?? m.id;

/** One delivered meal asked for on the sheet's day (a delivery reservation). */
export interface PaperDelivery {
  memberId: string;
  mealType: MealType;
}

export interface PaperSheetData {
  day: string;
  /** Everyone in the centre's care: children first, then elders, each in pinyin order. */
  members: MemberDoc[];
  deliveries: PaperDelivery[];
}

/**
 * What the emergency sheet of a day lists: every person in care, and the day's delivered meals
 * (reservations of mode `delivered` not called off), as they change.
 */
export function paperSheet$(desk: Desk, day: string): Observable<PaperSheetData> {
  requirePermission(desk, 'checkIn');
  return combineLatest([
    desk.db.members.find().$.pipe(map((docs) => plain(docs).filter(inCare))),
    desk.db.meals
      .find({ selector: { day, kind: 'reservation' } })
      .$.pipe(map((docs) => plain(docs))),
  ]).pipe(
    map(([members, reservations]) => {
      const sorted = [...members].sort((a, b) =>
        a.kind === b.kind ? compareNames(a, b) : a.kind === 'child' ? -1 : 1,
      );
      const inCareIds = new Set(sorted.map((m) => m.id));
      const deliveries = reservations
        .filter((r) => r.mode === 'delivered' && !r.cancelled && inCareIds.has(r.memberId ?? ''))
        .map((r) => ({ memberId: r.memberId!, mealType: r.mealType }));
      return { day, members: sorted, deliveries };
    }),
  );
}

/** The emergency sheet, with every person's name, was printed: who, of which day, is logged. */
export async function logPaperSheetPrinted(desk: Desk, day: string): Promise<void> {
  await audit(desk, {
    action: 'sheet.export',
    subjectCollection: 'attendance',
    subjectId: day,
    reason: 'paper',
  });
}

/**
 * The person a scanned (or typed) code on the sheet names, among those given; null if none. By the
 * code alone, never the name: namesakes have each their own. Should two records carry one card
 * number (cards made on two desks), the code names no one rather than the wrong one.
 */
export function personByCode<M extends Pick<MemberDoc, 'cardNo' | 'id'>>(
  members: readonly M[],
  scanned: string,
): M | null {
  const code = scanned.trim();
  if (!code) return null;
  const byId = members.find((m) => m.id === code);
  if (byId) return byId;
  const byCard = members.filter((m) => m.cardNo === code);
  return byCard.length === 1 ? byCard[0]! : null;
}

/**
 * Everyone on the centre's record (someone who left too, so that scanning their code says why no
 * row can be typed in for them, rather than that the code is unknown), as they change.
 */
export function paperPeople$(desk: Desk): Observable<MemberDoc[]> {
  requirePermission(desk, 'checkIn');
  return desk.db.members.find().$.pipe(map((docs) => plain(docs).filter(onRecord)));
}

/** The centre's active managers, one of whom may have let a child go with someone not listed. */
export function paperManagers$(desk: Desk): Observable<{ id: string; name: string }[]> {
  requirePermission(desk, 'correctRecords');
  return desk.db.staff
    .find({ selector: { role: 'manager', active: true } })
    .$.pipe(map((docs) => docs.map((d) => ({ id: d.id, name: d.name }))));
}

/** A row refused: every problem, each naming its field (paper.problem.* says the fix). */
export class PaperRowRefused extends Error {
  constructor(readonly problems: PaperProblem[]) {
    super(`paper:${problems.map((p) => `${p.field}.${p.code}`).join(',')}`);
  }
}

export interface PaperRowSaved {
  memberId: string;
  visit?: AttendanceDoc;
  meal?: MealDoc;
  check?: HealthDoc;
}

/**
 * Types one row of the paper sheet of `day` in: the records are created with the paper's times and
 * `fromPaper` (when and by whom typed in), and one `paper.backfill` audit entry names the person,
 * the day and what was recorded. Needs `correctRecords` (entering a past day is a correction of
 * the record), plus `viewHealth` for a morning check. Refused as a whole: `PaperRowRefused`.
 */
export async function backfillPaperRow(
  desk: Desk,
  day: string,
  mealType: MealType,
  row: PaperRowEntry,
  now = new Date(),
): Promise<PaperRowSaved> {
  const staff = requirePermission(desk, 'correctRecords');
  const memberDoc = await desk.db.members.findOne(row.memberId).exec();
  const member = memberDoc ? plainDoc(memberDoc) : null;
  const [visits, meals, checks, rules, managers] = await Promise.all([
    desk.db.attendance.find({ selector: { day, memberId: row.memberId } }).exec(),
    desk.db.meals.find({ selector: { day, mealType } }).exec(),
    desk.db.health.find({ selector: { day, memberId: row.memberId } }).exec(),
    loadRules(desk),
    desk.db.staff.find({ selector: { role: 'manager', active: true } }).exec(),
  ]);
  const own = meals.map((d) => plainDoc(d)).filter((d) => d.memberId === row.memberId);
  const reading = readPaperRow(row, {
    day,
    now,
    member,
    visits: visits.map((v) => plainDoc(v)),
    mealType,
    mealServed: own.some((d) => d.kind === 'serving'),
    deliveryReserved: own.some(
      (d) => d.kind === 'reservation' && d.mode === 'delivered' && !d.cancelled,
    ),
    morningCheckDone: checks.some((c) => c.kind === 'morningCheck'),
    feverFrom: rules.feverFrom,
    managerIds: managers.map((m) => m.id),
  });
  if (!reading.ok) throw new PaperRowRefused(reading.problems);
  const { plan } = reading;
  if (plan.check) requirePermission(desk, 'viewHealth');
  const fromPaper = { enteredAt: now.toISOString(), enteredBy: staff.id };
  const docs = await paperDocs(desk, day, member!, plan, fromPaper, now);

  const written: { remove(): Promise<unknown> }[] = [];
  const override = docs.visit?.pickup?.override;
  try {
    if (docs.visit) written.push(await desk.db.attendance.insert(docs.visit));
    if (docs.meal) written.push(await desk.db.meals.insert(docs.meal));
    if (docs.check) written.push(await desk.db.health.insert(docs.check));
    // As at the desk: a child let go with someone not on their list is logged with the manager
    // who allowed it and why.
    if (docs.visit && override)
      await audit(
        desk,
        {
          action: 'override.pickup',
          subjectCollection: 'attendance',
          subjectId: docs.visit.id,
          reason: override.reason,
          staffId: override.managerId,
        },
        now,
      );
    await audit(
      desk,
      {
        action: 'paper.backfill',
        subjectCollection: 'members',
        subjectId: row.memberId,
        reason: day,
        fields: [
          ...(docs.visit ? ['attendance'] : []),
          ...(docs.visit?.pickup ? ['pickup'] : []),
          ...(docs.meal ? ['meals'] : []),
          ...(docs.check ? ['health'] : []),
        ],
      },
      now,
    );
  } catch (error) {
    // Nothing half-written: what this row wrote before the failure is taken back.
    for (const doc of written.reverse()) await doc.remove().catch(() => undefined);
    throw error;
  }
  return { memberId: row.memberId, ...docs };
}

async function paperDocs(
  desk: Desk,
  day: string,
  member: MemberDoc,
  plan: PaperPlan,
  fromPaper: { enteredAt: string; enteredBy: string },
  now: Date,
): Promise<Omit<PaperRowSaved, 'memberId'>> {
  const base = () => ({
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: now.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    fromPaper,
  });
  const out: Omit<PaperRowSaved, 'memberId'> = {};
  if (plan.visit)
    out.visit = {
      ...base(),
      memberId: member.id,
      day,
      status: plan.visit.checkOutAt ? 'out' : 'in',
      checkInAt: plan.visit.checkInAt,
      ...(plan.visit.checkOutAt ? { checkOutAt: plan.visit.checkOutAt } : {}),
      ...(plan.visit.pickup ? { pickup: plan.visit.pickup } : {}),
    };
  if (plan.meal) {
    const staff = requirePermission(desk, 'serveMeals');
    const daily = await loadDailyRules(desk, day);
    const subsidyCategory = subsidyCategoryOf(member, day, daily.mealSubsidies);
    out.meal = {
      ...base(),
      kind: 'serving',
      day,
      mealType: plan.meal.mealType,
      memberId: member.id,
      mode: plan.meal.mode,
      servedAt: plan.meal.servedAt,
      servedBy: staff.id,
      ...(subsidyCategory !== undefined ? { subsidyCategory } : {}),
      ...(plan.meal.delivery
        ? {
            deliveredBy: plan.meal.delivery.by,
            deliveredAt: plan.meal.delivery.at,
            deliveryRecordedBy: staff.id,
          }
        : {}),
    };
  }
  if (plan.check)
    out.check = {
      ...base(),
      kind: 'morningCheck',
      memberId: member.id,
      day,
      at: plan.check.at,
      by: fromPaper.enteredBy,
      temperature: Math.round(plan.check.temperature * 10) / 10,
      ...(plan.check.fever ? { symptoms: ['fever' as const] } : {}),
      outcome: plan.check.outcome,
    };
  return out;
}

export type PaperRowResult =
  | { index: number; kind: 'saved'; saved: PaperRowSaved }
  | { index: number; kind: 'refused'; problems: PaperProblem[] }
  /** The store failed (full, a permission): the row wrote nothing. */
  | { index: number; kind: 'failed'; error: unknown };

/**
 * The rows of one sheet, in order, each accepted or refused on its own (see the file's comment);
 * a later row of the same person is checked against what the earlier ones wrote.
 */
export async function backfillPaperSheet(
  desk: Desk,
  day: string,
  mealType: MealType,
  rows: readonly PaperRowEntry[],
  now = new Date(),
): Promise<PaperRowResult[]> {
  requirePermission(desk, 'correctRecords');
  const results: PaperRowResult[] = [];
  for (const [index, row] of rows.entries()) {
    try {
      results.push({
        index,
        kind: 'saved',
        saved: await backfillPaperRow(desk, day, mealType, row, now),
      });
    } catch (error) {
      results.push(
        error instanceof PaperRowRefused
          ? { index, kind: 'refused', problems: error.problems }
          : { index, kind: 'failed', error },
      );
    }
  }
  return results;
}
