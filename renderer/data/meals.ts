import { combineLatest, map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import type { DailyRules } from '../../shared/rules/dailySettings';
import {
  countMeals,
  checkedOutWarning,
  mealClaim,
  missingSamples,
  noMenuWarnings,
  sampleReminders,
  servingWarnings,
  type Dish,
  type FoodSample,
  type MealClaim,
  type MealCount,
  type MealServing,
  type MealType,
  type MenuMeal,
  type SampleReminders,
  type ServingMode,
  type ServingWarning,
} from '../../shared/rules/meals';
import { subsidyCategoryOf } from '../../shared/rules/subsidyCategory';
import { disabilityCategory } from './assessments';
import type { MealDoc, MemberDoc } from '../../shared/schemas';
import type { Desk } from './desk';
import { personInCare } from './people';
import { plain } from './plain';
import { dailyRulesByDay$, dailyRulesInForce$, loadDailyRules, loadRules } from './rules';
import { requirePermission } from './staff';

/** The daily rules in force (meal subsidies in fen, food-sample figures): the district's. */
export function dailyRules$(desk: Desk): Observable<DailyRules> {
  return dailyRulesInForce$(desk).pipe(map((r) => r.rules));
}

const stamp = (desk: Desk, at: Date) => ({
  id: newId(),
  centreId: desk.settings.centreId,
  createdAt: at.toISOString(),
  updatedAt: desk.clock.tick(),
  updatedBy: desk.actor(),
});

/** The menu document in force for a day's meal: the newest, should two desks have written one. */
function newestMenu(docs: readonly MealDoc[]): MealDoc | undefined {
  return [...docs]
    .filter((d) => d.kind === 'menu')
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

const cleanList = (list: readonly string[] | undefined) => [
  ...new Set((list ?? []).map((s) => s.trim()).filter((s) => s !== '')),
];

/** Sets (or replaces) the dishes of a day's meal. Needs `planMenus`. */
export async function setMenu(
  desk: Desk,
  input: { day: string; mealType: MealType; dishes: Dish[] },
  at = new Date(),
): Promise<MealDoc> {
  requirePermission(desk, 'planMenus');
  const dishes: Dish[] = input.dishes
    .map((d) => ({ ...d, name: d.name.trim() }))
    .filter((d) => d.name !== '')
    .map((d) => ({
      name: d.name,
      ...(d.allergens !== undefined ? { allergens: cleanList(d.allergens) } : {}),
      ...(d.suits?.length ? { suits: [...new Set(d.suits)] } : {}),
    }));
  const existing = await desk.db.meals
    .find({ selector: { day: input.day, kind: 'menu', mealType: input.mealType } })
    .exec();
  const current = newestMenu(existing.map((d) => d.toMutableJSON()));
  if (current) {
    const doc = existing.find((d) => d.id === current.id)!;
    const updated = await doc.incrementalPatch({
      dishes,
      updatedAt: desk.clock.tick(),
      updatedBy: desk.actor(),
    });
    return updated.toMutableJSON();
  }
  const doc: MealDoc = {
    ...stamp(desk, at),
    kind: 'menu',
    day: input.day,
    mealType: input.mealType,
    dishes,
  };
  await desk.db.meals.insert(doc);
  return doc;
}

/** Books a person for a meal; a second booking of the same meal is the first one. */
export async function reserveMeal(
  desk: Desk,
  input: { memberId: string; day: string; mealType: MealType; mode?: ServingMode },
  at = new Date(),
): Promise<MealDoc> {
  requirePermission(desk, 'serveMeals');
  await personInCare(desk, input.memberId);
  const existing = await desk.db.meals
    .find({ selector: { day: input.day, kind: 'reservation', mealType: input.mealType } })
    .exec();
  const same = existing.find((d) => d.memberId === input.memberId && !d.cancelled);
  if (same) return same.toMutableJSON();
  const doc: MealDoc = {
    ...stamp(desk, at),
    kind: 'reservation',
    day: input.day,
    mealType: input.mealType,
    memberId: input.memberId,
    ...(input.mode ? { mode: input.mode } : {}),
  };
  await desk.db.meals.insert(doc);
  return doc;
}

export async function cancelReservation(desk: Desk, reservationId: string): Promise<MealDoc> {
  requirePermission(desk, 'serveMeals');
  const doc = await desk.db.meals.findOne(reservationId).exec();
  if (!doc || doc.kind !== 'reservation')
    throw new Error(`No reservation with id ${reservationId}`);
  const updated = await doc.incrementalPatch({
    cancelled: true,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  return updated.toMutableJSON();
}

/** The menu of a day's meal, if one was set. */
export async function menuOf(desk: Desk, day: string, mealType: MealType): Promise<Dish[] | null> {
  const docs = await desk.db.meals.find({ selector: { day, kind: 'menu', mealType } }).exec();
  const menu = newestMenu(docs.map((d) => d.toMutableJSON()));
  return menu ? ((menu.dishes ?? []) as Dish[]) : null;
}

/**
 * Warnings of the allergy kinds, and a meal at the centre for someone already checked out:
 * serving despite one needs an explicit confirm.
 */
export const needsConfirm = (w: ServingWarning) =>
  w.kind === 'allergy' || w.kind === 'allergensUnknown' || w.kind === 'checkedOut';

/**
 * What to warn of before serving this person this meal, against the day's menu. With no menu set,
 * an allergic person gets an `allergensUnknown` warning and a person on a special diet a reminder
 * of it, for the whole meal (dish ''). A meal eaten in (`dineIn`) by someone who checked out today
 * and has not come back is asked about (`checkedOut`, issue 15 point 6).
 */
export async function warningsFor(
  desk: Desk,
  member: Pick<MemberDoc, 'id' | 'allergies' | 'diets'>,
  day: string,
  mealType: MealType,
  mode: ServingMode = 'dineIn',
): Promise<ServingWarning[]> {
  const dishes = await menuOf(desk, day, mealType);
  // No menu set: nothing to check the allergies against, which is itself a warning; each diet a
  // reminder.
  const warnings = dishes === null ? noMenuWarnings(member) : servingWarnings(member, dishes);
  const attendance = desk.db.collections.attendance;
  if (mode === 'dineIn' && attendance) {
    const visits = await attendance.find({ selector: { day, memberId: member.id } }).exec();
    const out = checkedOutWarning(visits.map((v) => v.toMutableJSON()));
    if (out) warnings.unshift(out);
  }
  return warnings;
}

/** Serving despite an allergy warning was tried without the confirm; nothing was written. */
export class ServingNeedsConfirm extends Error {
  constructor(readonly warnings: ServingWarning[]) {
    super('meals:confirmWarnings');
  }
}

export type ServeResult =
  | { kind: 'served'; serving: MealDoc; warnings: ServingWarning[] }
  /** The person already had this meal today: nothing written unless served `again`. */
  | { kind: 'alreadyServed'; serving: MealDoc };

const warningAbout = (w: Exclude<ServingWarning, { kind: 'checkedOut' }>) =>
  w.kind === 'allergy'
    ? w.allergy
    : w.kind === 'allergensUnknown'
      ? w.allergies.join('、')
      : w.diet;

/**
 * Records one meal served. The warnings for the person against the menu are worked out again
 * here, not trusted from the screen: with an allergy warning the call must carry `confirmed`, and
 * the warnings confirmed are kept on the serving. A second serving of the same meal on the same
 * day is written only with `again` (it is then recorded, and never counted: shared/rules/meals.ts).
 */
export async function serveMeal(
  desk: Desk,
  input: {
    member: MemberDoc;
    day: string;
    mealType: MealType;
    mode: ServingMode;
    confirmed?: boolean;
    again?: boolean;
    delivery?: { by: string; at: Date };
  },
  at = new Date(),
): Promise<ServeResult> {
  const staff = requirePermission(desk, 'serveMeals');
  const { member, day, mealType } = input;
  await personInCare(desk, member.id);
  if (!input.again) {
    const earlier = await servingsOn(desk, day, mealType, member.id);
    if (earlier[0]) return { kind: 'alreadyServed', serving: earlier[0] };
  }
  const warnings = await warningsFor(desk, member, day, mealType, input.mode);
  if (warnings.some(needsConfirm) && !input.confirmed) throw new ServingNeedsConfirm(warnings);
  const rules = await loadDailyRules(desk, day);
  // The disability category follows the elder's latest ability assessment (GB/T 42195-2022).
  const disability = await disabilityCategory(desk, member.id, (await loadRules(desk)).assessment);
  const subsidyCategory = subsidyCategoryOf(member, day, rules.mealSubsidies, disability);
  const deliveredBy = input.delivery?.by.trim();
  // The serving keeps the warnings about the food; the question about a checked-out person was
  // answered at the desk and leaves nothing on the meal.
  const stored = warnings.filter(
    (w): w is Exclude<ServingWarning, { kind: 'checkedOut' }> => w.kind !== 'checkedOut',
  );
  const doc: MealDoc = {
    ...stamp(desk, at),
    kind: 'serving',
    day,
    mealType,
    memberId: member.id,
    mode: input.mode,
    servedAt: at.toISOString(),
    servedBy: staff.id,
    ...(subsidyCategory !== undefined ? { subsidyCategory } : {}),
    ...(stored.length
      ? {
          confirmedWarnings: stored.map((w) => ({
            kind: w.kind,
            dish: w.dish,
            about: warningAbout(w).slice(0, 120),
          })),
        }
      : {}),
    ...(input.mode === 'delivered' && deliveredBy && input.delivery
      ? {
          deliveredBy,
          deliveredAt: input.delivery.at.toISOString(),
          deliveryRecordedBy: staff.id,
        }
      : {}),
  };
  await desk.db.meals.insert(doc);
  return { kind: 'served', serving: doc, warnings };
}

async function servingsOn(
  desk: Desk,
  day: string,
  mealType: MealType,
  memberId: string,
): Promise<MealDoc[]> {
  const docs = await desk.db.meals.find({ selector: { day, kind: 'serving', mealType } }).exec();
  return docs
    .map((d) => d.toMutableJSON())
    .filter((d) => d.memberId === memberId)
    .sort((a, b) => (a.servedAt ?? '').localeCompare(b.servedAt ?? ''));
}

/** A delivered meal handed over: who took it to the door (a name) and when. */
export async function recordDelivery(
  desk: Desk,
  servingId: string,
  delivery: { by: string; at: Date },
): Promise<MealDoc> {
  const staff = requirePermission(desk, 'serveMeals');
  const by = delivery.by.trim();
  if (!by) throw new Error('deliveredByRequired');
  const doc = await desk.db.meals.findOne(servingId).exec();
  if (!doc || doc.kind !== 'serving' || doc.mode !== 'delivered')
    throw new Error(`No delivered meal with id ${servingId}`);
  const updated = await doc.incrementalPatch({
    deliveredBy: by,
    deliveredAt: delivery.at.toISOString(),
    deliveryRecordedBy: staff.id,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  return updated.toMutableJSON();
}

/** A food sample kept from one dish (食品留样). */
export async function logSample(
  desk: Desk,
  input: { day: string; mealType: MealType; dish: string; grams: number; takenBy: string },
  at = new Date(),
): Promise<MealDoc> {
  requirePermission(desk, 'serveMeals');
  const dish = input.dish.trim();
  const takenBy = input.takenBy.trim();
  if (!dish) throw new Error('dishRequired');
  if (!takenBy) throw new Error('takenByRequired');
  if (!Number.isInteger(input.grams) || input.grams < 1 || input.grams > 5000)
    throw new Error('gramsRange');
  const doc: MealDoc = {
    ...stamp(desk, at),
    kind: 'sample',
    day: input.day,
    mealType: input.mealType,
    dish,
    grams: input.grams,
    takenAt: at.toISOString(),
    takenBy,
  };
  await desk.db.meals.insert(doc);
  return doc;
}

export async function discardSample(
  desk: Desk,
  sampleId: string,
  by: string,
  at = new Date(),
): Promise<MealDoc> {
  requirePermission(desk, 'serveMeals');
  const doc = await desk.db.meals.findOne(sampleId).exec();
  if (!doc || doc.kind !== 'sample') throw new Error(`No food sample with id ${sampleId}`);
  const updated = await doc.incrementalPatch({
    discardedAt: at.toISOString(),
    discardedBy: by.trim() || desk.actor(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  return updated.toMutableJSON();
}

// ---- reading: documents into the shapes of shared/rules/meals.ts ----------------------------

export function asServing(d: MealDoc): MealServing {
  return {
    id: d.id,
    centreId: d.centreId,
    memberId: d.memberId ?? '',
    day: d.day,
    mealType: d.mealType,
    mode: d.mode ?? 'dineIn',
    servedAt: d.servedAt ?? d.createdAt,
    servedBy: d.servedBy ?? d.updatedBy,
    ...(d.subsidyCategory !== undefined ? { subsidyCategory: d.subsidyCategory } : {}),
  };
}

export function asSample(d: MealDoc): FoodSample {
  return {
    id: d.id,
    centreId: d.centreId,
    day: d.day,
    mealType: d.mealType,
    dish: d.dish ?? '',
    grams: d.grams ?? 0,
    takenAt: d.takenAt ?? d.createdAt,
    takenBy: d.takenBy ?? d.updatedBy,
    ...(d.discardedAt ? { discardedAt: d.discardedAt } : {}),
    ...(d.discardedBy ? { discardedBy: d.discardedBy } : {}),
  };
}

/** Every meals document of the days from `from` to `to` (inclusive), live. */
export function mealDocs$(desk: Desk, from: string, to: string): Observable<MealDoc[]> {
  return desk.db.meals.find({ selector: { day: { $gte: from, $lte: to } } }).$.pipe(map(plain));
}

/** The menus in force of a day, one per meal type. */
export function menusOf(docs: readonly MealDoc[], day: string): MenuMeal[] {
  const byMeal = new Map<MealType, MealDoc[]>();
  for (const d of docs)
    if (d.kind === 'menu' && d.day === day)
      byMeal.set(d.mealType, [...(byMeal.get(d.mealType) ?? []), d]);
  return [...byMeal.entries()].map(([mealType, list]) => ({
    day,
    mealType,
    dishes: (newestMenu(list)?.dishes ?? []) as Dish[],
  }));
}

export interface MealsDay {
  day: string;
  menus: MenuMeal[];
  servings: MealDoc[];
  reservations: MealDoc[];
  counts: MealCount[];
}

/** A day's menus, servings, live reservations and counts (per meal type and subsidy category). */
export function mealsDay$(desk: Desk, day: string): Observable<MealsDay> {
  requirePermission(desk, 'serveMeals');
  return mealDocs$(desk, day, day).pipe(
    map((docs) => {
      const servings = docs.filter((d) => d.kind === 'serving');
      return {
        day,
        menus: menusOf(docs, day),
        servings,
        reservations: docs.filter((d) => d.kind === 'reservation' && !d.cancelled),
        counts: countMeals(servings.map(asServing)),
      };
    }),
  );
}

export interface DeliveryRow {
  memberId: string;
  mealType: MealType;
  /** The delivered meal served, once it is; until then the reservation that asks for it. */
  serving?: MealDoc;
  reservation?: MealDoc;
}

/**
 * Who gets a delivered meal on a day: every meal served as delivered (the first of each person and
 * meal), and every delivery reservation not served yet.
 */
export function deliveryList(day: MealsDay): DeliveryRow[] {
  const rows = new Map<string, DeliveryRow>();
  const ordered = [...day.servings].sort((a, b) =>
    (a.servedAt ?? '').localeCompare(b.servedAt ?? ''),
  );
  for (const s of ordered) {
    const key = `${s.memberId}|${s.mealType}`;
    if (s.mode === 'delivered' && !rows.has(key))
      rows.set(key, { memberId: s.memberId!, mealType: s.mealType, serving: s });
  }
  const served = new Set(ordered.map((s) => `${s.memberId}|${s.mealType}`));
  for (const r of day.reservations) {
    const key = `${r.memberId}|${r.mealType}`;
    if (r.mode === 'delivered' && !served.has(key) && !rows.has(key))
      rows.set(key, { memberId: r.memberId!, mealType: r.mealType, reservation: r });
  }
  return [...rows.values()];
}

export interface SampleStatus {
  /** The samples kept from `from` on, newest first. */
  samples: FoodSample[];
  reminders: SampleReminders;
  missing: ReturnType<typeof missingSamples>;
}

/**
 * Food samples from `from` to `day`, the reminders at `now` (may be discarded, under weight,
 * discarded early) and `day`'s dishes with no sample yet.
 */
export function samples$(
  desk: Desk,
  from: string,
  day: string,
  now: () => Date = () => new Date(),
): Observable<SampleStatus> {
  requirePermission(desk, 'serveMeals');
  return combineLatest([mealDocs$(desk, from, day), dailyRules$(desk)]).pipe(
    map(([docs, rules]) => {
      const samples = docs.filter((d) => d.kind === 'sample').map(asSample);
      return {
        samples: [...samples].sort((a, b) => b.takenAt.localeCompare(a.takenAt)),
        reminders: sampleReminders(samples, rules.foodSample, now().toISOString()),
        missing: missingSamples(menusOf(docs, day), samples),
      };
    }),
  );
}

/** The monthly meal subsidy claim ('yyyy-MM') per subsidy category. Needs `mealClaims`. */
export function mealClaim$(desk: Desk, month: string): Observable<MealClaim> {
  requirePermission(desk, 'mealClaims');
  return combineLatest([
    mealDocs$(desk, `${month}-01`, `${month}-31`),
    dailyRulesByDay$(desk),
  ]).pipe(
    map(([docs, rulesOn]) =>
      mealClaim(
        docs.filter((d) => d.kind === 'serving').map(asServing),
        // Each meal at the rate in force on the day it was served (issue 15, point 8).
        (day) => rulesOn(day).mealSubsidies,
        month,
      ),
    ),
  );
}

/** Amounts in fen as 元 with two decimals ("¥1,234.50"). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${whole}.${String(abs % 100).padStart(2, '0')}`;
}
