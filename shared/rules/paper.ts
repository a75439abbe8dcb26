/**
 * The paper fallback (issue 19, part 2; docs/DOMAIN.md "The paper fallback (补录)"): a row of the
 * emergency sheet, as staff type it in afterwards, checked by the same rules as a live entry
 * before anything is written. Pure: the desk's data layer (renderer/data/paper.ts) reads what the
 * rules need (the person, the day's visits, meals and checks) and writes what `readPaperRow` plans.
 */
import type { MemberDoc } from '../schemas';
import { admissionProblem } from './alerts';
import { readHealthCheck } from './checkIn';
import type { MealType } from './dailySettings';
import { readTime } from './dates';
import { pickupDecision } from './people';
import { localDay, localTime } from '../time';

/** A morning-check result as the sheet has it: a temperature and 正常入园 or 劝返. */
export const PAPER_CHECK_OUTCOMES = ['admitted', 'sentHome'] as const;
export type PaperCheckOutcome = (typeof PAPER_CHECK_OUTCOMES)[number];

/** One row of the sheet as typed at the backfill screen (text as typed; '' for an empty box). */
export interface PaperRowEntry {
  memberId: string;
  timeIn: string;
  timeOut: string;
  /**
   * Children: the id of the adult on the child's pick-up list who took them home, or
   * `PICKUP_OTHER` for someone not on the list whom a manager let take the child (`pickupOther`).
   */
  pickupAdultId: string;
  /** Someone not on the list: who they are, the manager who allowed it that day, and why. */
  pickupOther: { name: string; relation: string; managerId: string; reason: string };
  /** The meal box ticked. */
  meal: boolean;
  /** A delivered meal: who took it to the door and when (both or neither). */
  deliveredBy: string;
  deliveredAt: string;
  /** The morning check's temperature ('' when no check is on the sheet) and its result. */
  temperature: string;
  checkOutcome: PaperCheckOutcome | '';
}

/** The pick-up choice for someone not on the child's list (a manager's authorisation). */
export const PICKUP_OTHER = '(other)';

export const emptyPaperRow = (memberId: string): PaperRowEntry => ({
  memberId,
  timeIn: '',
  timeOut: '',
  pickupAdultId: '',
  pickupOther: { name: '', relation: '', managerId: '', reason: '' },
  meal: false,
  deliveredBy: '',
  deliveredAt: '',
  temperature: '',
  checkOutcome: '',
});

/** The field of the row a problem is about (the screen puts the message under it). */
export type PaperField =
  | 'day'
  | 'person'
  | 'timeIn'
  | 'timeOut'
  | 'pickup'
  | 'meal'
  | 'delivery'
  | 'temperature'
  | 'checkOutcome';

/** What is wrong with a row; each has a message naming the field and the fix (paper.problem.*). */
export type PaperProblemCode =
  | 'dayInFuture'
  | 'notInCare'
  | 'leftBefore'
  | 'rowEmpty'
  | 'timeUnreadable'
  | 'timeInMissing'
  | 'timeOutMissing'
  | 'outBeforeIn'
  | 'inFuture'
  | 'overlapsVisit'
  | 'pickupRequired'
  | 'pickupNotOnList'
  | 'pickupOtherIncomplete'
  | 'pickupNotManager'
  | 'mealAlreadyServed'
  | 'deliveryIncomplete'
  | 'childrenOnly'
  | 'checkNeedsTimeIn'
  | 'checkAlreadyRecorded'
  | 'temperatureUnreadable'
  | 'outcomeMissing'
  | 'feverAdmitted';

export interface PaperProblem {
  field: PaperField;
  code: PaperProblemCode;
  /** For `overlapsVisit`: the other visit's times, HH:mm ('' when it is still open). */
  from?: string;
  to?: string;
}

/** A visit of the same person on the paper's day, already on the desk (live or from paper). */
export interface DayVisit {
  checkInAt: string;
  checkOutAt?: string;
  cancelled?: boolean;
}

/** What the rules need to know besides the row (read by the data layer). */
export interface PaperContext {
  /** The paper's day, YYYY-MM-DD, and the moment the row is typed in. */
  day: string;
  now: Date;
  /** The person scanned, or null when the card belongs to no one on the centre's record. */
  member: PaperMember | null;
  /** The ids of the centre's active managers (who may let a child go with someone not listed). */
  managerIds?: readonly string[];
  visits: readonly DayVisit[];
  /** The meal type the sheet's meal box stands for. */
  mealType: MealType;
  mealServed: boolean;
  /** The person had a delivered meal reserved that day (the sheet's delivery list). */
  deliveryReserved: boolean;
  morningCheckDone: boolean;
  feverFrom: number;
}

/** What a row will write, once every rule passed. Instants are ISO strings. */
export interface PaperPlan {
  visit?: {
    checkInAt: string;
    checkOutAt?: string;
    pickup?:
      | { adultId: string; name: string; relation: string }
      | { name: string; relation: string; override: { managerId: string; reason: string } };
  };
  meal?: {
    mealType: MealType;
    servedAt: string;
    mode: 'dineIn' | 'delivered';
    delivery?: { by: string; at: string };
  };
  check?: { at: string; temperature: number; outcome: PaperCheckOutcome; fever: boolean };
}

export type PaperReading = { ok: true; plan: PaperPlan } | { ok: false; problems: PaperProblem[] };

export type PaperMember = Pick<
  MemberDoc,
  'kind' | 'status' | 'pickupAdults' | 'leftOn' | 'returnedOn'
>;

/**
 * Whether the person was in the centre's care on `day`, so a row of that day's sheet may be
 * entered for them: one who has left since was (a row of a day before they left), one who left
 * before it was not, unless they had come back by then; a merged duplicate or an erased person
 * never is (their card is the other record's now, or no one's). Someone written by hand on the
 * paper and registered only afterwards may be entered: registration is no bound.
 */
export function inCareOn(
  member: PaperMember,
  day: string,
): { ok: true } | { ok: false; code: 'notInCare' | 'leftBefore'; from?: string } {
  const state = member.status ?? 'active';
  if (state === 'merged' || state === 'erased') return { ok: false, code: 'notInCare' };
  if (member.leftOn && day > member.leftOn) {
    // Left before the day: in care again only if they came back by then.
    const back = member.returnedOn && member.returnedOn >= member.leftOn ? member.returnedOn : null;
    if (state === 'left' || (back !== null && day < back))
      return { ok: false, code: 'leftBefore', from: member.leftOn };
  }
  if (state === 'left' && !member.leftOn) return { ok: false, code: 'notInCare' };
  return { ok: true };
}

/** A time of the paper's day as the local instant it names. */
export function paperInstant(day: string, time: string): Date {
  return new Date(`${day}T${time}:00`);
}

/**
 * Checks one row against the rules of a live entry and says what to write, or every problem found
 * (all of them, so staff fix the row once): the day and times are not in the future, time out is
 * after time in, a visit on a day already over has both times (the desk closes no visit by
 * itself from paper), no second visit overlaps one the person already has that day (one visit per
 * person at a time), a child goes home only with an adult on their list, one meal of the type per
 * day, the morning check only for children, once a day, with a readable temperature, and never a
 * fever admitted as normal (that needs the health worker's reason, at the care screen).
 */
export function readPaperRow(row: PaperRowEntry, ctx: PaperContext): PaperReading {
  const problems: PaperProblem[] = [];
  const today = localDay(ctx.now);
  if (ctx.day > today) return { ok: false, problems: [{ field: 'day', code: 'dayInFuture' }] };
  if (!ctx.member) return { ok: false, problems: [{ field: 'person', code: 'notInCare' }] };
  const cared = inCareOn(ctx.member, ctx.day);
  if (!cared.ok)
    return {
      ok: false,
      problems: [
        { field: 'person', code: cared.code, ...(cared.from ? { from: cared.from } : {}) },
      ],
    };
  const member = ctx.member;
  const typedIn = row.timeIn.trim();
  const typedOut = row.timeOut.trim();
  const hasCheck = row.temperature.trim() !== '' || row.checkOutcome !== '';
  if (!typedIn && !typedOut && !row.meal && !hasCheck)
    return { ok: false, problems: [{ field: 'person', code: 'rowEmpty' }] };

  const plan: PaperPlan = {};
  const timeIn = typedIn ? readTime(typedIn) : null;
  const timeOut = typedOut ? readTime(typedOut) : null;
  if (typedIn && !timeIn) problems.push({ field: 'timeIn', code: 'timeUnreadable' });
  if (typedOut && !timeOut) problems.push({ field: 'timeOut', code: 'timeUnreadable' });
  if (!typedIn && typedOut) problems.push({ field: 'timeIn', code: 'timeInMissing' });
  const inAt = timeIn ? paperInstant(ctx.day, timeIn) : null;
  const outAt = timeOut ? paperInstant(ctx.day, timeOut) : null;
  if (inAt && inAt > ctx.now) problems.push({ field: 'timeIn', code: 'inFuture' });
  if (outAt && outAt > ctx.now) problems.push({ field: 'timeOut', code: 'inFuture' });
  if (inAt && outAt && outAt <= inAt) problems.push({ field: 'timeOut', code: 'outBeforeIn' });
  if (inAt && !typedOut && ctx.day < today)
    problems.push({ field: 'timeOut', code: 'timeOutMissing' });

  if (inAt) {
    // One visit per person at a time: the paper's visit may not overlap one already recorded
    // that day (an open one runs on to now).
    const start = inAt.getTime();
    const end = outAt ? outAt.getTime() : ctx.now.getTime();
    const clash = ctx.visits.find((v) => {
      if (v.cancelled) return false;
      const vStart = Date.parse(v.checkInAt);
      const vEnd = v.checkOutAt ? Date.parse(v.checkOutAt) : Number.POSITIVE_INFINITY;
      return start < vEnd && vStart < Math.max(end, start + 1);
    });
    if (clash)
      problems.push({
        field: 'timeIn',
        code: 'overlapsVisit',
        from: localTime(clash.checkInAt),
        to: clash.checkOutAt ? localTime(clash.checkOutAt) : '',
      });
  }

  let pickup: NonNullable<PaperPlan['visit']>['pickup'];
  if (member.kind === 'child' && outAt) {
    if (!row.pickupAdultId) problems.push({ field: 'pickup', code: 'pickupRequired' });
    else if (row.pickupAdultId === PICKUP_OTHER) {
      // As at the desk: someone not on the list only as a manager allowed it, with the reason.
      const other = row.pickupOther;
      const name = other.name.trim();
      const reason = other.reason.trim();
      if (!name || !other.managerId || !reason)
        problems.push({ field: 'pickup', code: 'pickupOtherIncomplete' });
      else if (!(ctx.managerIds ?? []).includes(other.managerId))
        problems.push({ field: 'pickup', code: 'pickupNotManager' });
      else
        pickup = {
          name,
          relation: other.relation.trim(),
          override: { managerId: other.managerId, reason },
        };
    } else {
      const decision = pickupDecision(member as MemberDoc, row.pickupAdultId);
      if (!decision.allowed) problems.push({ field: 'pickup', code: 'pickupNotOnList' });
      else
        pickup = {
          adultId: decision.adult.id,
          name: decision.adult.name,
          relation: decision.adult.relation,
        };
    }
  }
  if (inAt)
    plan.visit = {
      checkInAt: inAt.toISOString(),
      ...(outAt ? { checkOutAt: outAt.toISOString() } : {}),
      ...(pickup ? { pickup } : {}),
    };

  const deliveredBy = row.deliveredBy.trim();
  const typedDeliveredAt = row.deliveredAt.trim();
  if (row.meal) {
    if (ctx.mealServed) problems.push({ field: 'meal', code: 'mealAlreadyServed' });
    const deliveredAt = typedDeliveredAt ? readTime(typedDeliveredAt) : null;
    if (typedDeliveredAt && !deliveredAt)
      problems.push({ field: 'delivery', code: 'timeUnreadable' });
    else if (!!deliveredBy !== !!deliveredAt)
      problems.push({ field: 'delivery', code: 'deliveryIncomplete' });
    const deliveredInstant = deliveredAt ? paperInstant(ctx.day, deliveredAt) : null;
    if (deliveredInstant && deliveredInstant > ctx.now)
      problems.push({ field: 'delivery', code: 'inFuture' });
    const delivered = ctx.deliveryReserved || !!deliveredBy;
    // Served at the time delivered, or while in the building (time in), or at noon of the day.
    const servedAt = deliveredInstant ?? inAt ?? paperInstant(ctx.day, '12:00');
    plan.meal = {
      mealType: ctx.mealType,
      servedAt: (servedAt > ctx.now ? ctx.now : servedAt).toISOString(),
      mode: delivered ? 'delivered' : 'dineIn',
      ...(deliveredBy && deliveredInstant
        ? { delivery: { by: deliveredBy, at: deliveredInstant.toISOString() } }
        : {}),
    };
  } else if (deliveredBy || typedDeliveredAt)
    problems.push({ field: 'meal', code: 'deliveryIncomplete' });

  if (hasCheck) {
    if (member.kind !== 'child') problems.push({ field: 'temperature', code: 'childrenOnly' });
    else {
      if (ctx.morningCheckDone)
        problems.push({ field: 'temperature', code: 'checkAlreadyRecorded' });
      if (!inAt && !typedIn) problems.push({ field: 'timeIn', code: 'checkNeedsTimeIn' });
      const reading = readHealthCheck(
        {
          temperature: row.temperature,
          symptoms: [],
          medicine: { name: '', dose: '', time: '', handedInBy: '' },
        },
        ctx.feverFrom,
      );
      if (!reading.ok) problems.push({ field: 'temperature', code: 'temperatureUnreadable' });
      if (!row.checkOutcome) problems.push({ field: 'checkOutcome', code: 'outcomeMissing' });
      if (reading.ok && row.checkOutcome) {
        const fever =
          admissionProblem(
            { temperature: reading.temperature, symptoms: reading.symptoms, outcome: 'admitted' },
            ctx.feverFrom,
          ) !== null;
        if (fever && row.checkOutcome === 'admitted')
          problems.push({ field: 'checkOutcome', code: 'feverAdmitted' });
        if (inAt)
          plan.check = {
            at: inAt.toISOString(),
            temperature: reading.temperature,
            outcome: row.checkOutcome,
            fever,
          };
      }
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, plan };
}
