import { map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import { pickupDecision } from '../../shared/rules/people';
import type { AttendanceDoc, MemberDoc } from '../../shared/schemas';
import type { AttendanceCorrection } from '../../shared/schemas/attendance';
import { localDay } from '../../shared/time';
import { audit } from './audit';
import type { Desk } from './desk';
import { personInCare } from './people';
import { plain } from './plain';
import { managerApproves, requirePermission } from './staff';

export type Visitor = NonNullable<AttendanceDoc['visitor']>;

/** A visitor signing in at the desk: their visit is its own record (no member behind it). */
export async function signInVisitor(desk: Desk, visitor: Visitor, at = new Date()) {
  const name = visitor.name.trim();
  if (!name) throw new Error('visitorNameRequired');
  const clean: Visitor = { name };
  if (visitor.phone?.trim()) clean.phone = visitor.phone.trim();
  if (visitor.purpose?.trim()) clean.purpose = visitor.purpose.trim();
  const result = await checkIn(desk, newId(), at, { personKind: 'visitor', visitor: clean });
  return result.visit;
}

export type CheckInResult =
  | { kind: 'checkedIn'; visit: AttendanceDoc }
  /** The person is already in the building: no second visit is opened. */
  | { kind: 'alreadyIn'; visit: AttendanceDoc };

export async function openVisitOf(desk: Desk, memberId: string): Promise<AttendanceDoc | null> {
  // Among the open visits, the few people in the building: the member's own index would read
  // every visit of theirs (a year's history scanned per scan). It is the in-building list's own
  // query (`openVisits$`), so while that list is shown RxDB answers from the results it keeps,
  // without reading the store at each scan.
  const open = await desk.db.attendance.find({ selector: { status: 'in' } }).exec();
  const doc = open.find((d) => d.memberId === memberId);
  return doc ? doc.toMutableJSON() : null;
}

export async function checkIn(
  desk: Desk,
  memberId: string,
  at = new Date(),
  who: { personKind: 'member' | 'staff' } | { personKind: 'visitor'; visitor: Visitor } = {
    personKind: 'member',
  },
): Promise<CheckInResult> {
  const open = who.personKind === 'visitor' ? null : await openVisitOf(desk, memberId);
  if (open) return { kind: 'alreadyIn', visit: open };
  if (who.personKind === 'member') await personInCare(desk, memberId);
  const visit: AttendanceDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    memberId,
    day: localDay(at),
    status: 'in',
    checkInAt: at.toISOString(),
    ...(desk.session ? { checkInBy: desk.session.staff.id } : {}),
    ...(who.personKind !== 'member' ? { personKind: who.personKind } : {}),
    ...(who.personKind === 'visitor' ? { visitor: who.visitor } : {}),
  };
  await desk.db.attendance.insert(visit);
  return { kind: 'checkedIn', visit };
}

export async function checkOut(
  desk: Desk,
  visitId: string,
  at = new Date(),
  extra: Pick<Partial<AttendanceDoc>, 'pickup' | 'closedAtClosing'> = {},
): Promise<AttendanceDoc> {
  const doc = await desk.db.attendance.findOne(visitId).exec();
  if (!doc) throw new Error(`No visit with id ${visitId}`);
  if (doc.status === 'out') return doc.toMutableJSON();
  const updated = await doc.incrementalPatch({
    status: 'out',
    checkOutAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    ...(desk.session ? { checkOutBy: desk.session.staff.id } : {}),
    ...extra,
  });
  return updated.toMutableJSON();
}

export class PickupRefused extends Error {
  constructor(readonly reason: 'notOnList' | 'managerPin' | 'notManager' | 'reasonRequired') {
    super(`pickup:${reason}`);
  }
}

export type Pickup =
  | { adultId: string }
  | {
      /** Someone not on the child's list, let go by a manager who enters their own password. */
      override: { name: string; relation: string; phone?: string; reason: string };
      managerId: string;
      managerPin: string;
    };

/**
 * A child's check-out: only to an adult on the child's list; anyone else needs a manager's password
 * and a reason, and the override is written to the visit and the audit log.
 */
export async function checkOutChild(
  desk: Desk,
  child: MemberDoc,
  visitId: string,
  pickup: Pickup,
  at = new Date(),
): Promise<AttendanceDoc> {
  if ('adultId' in pickup) {
    const decision = pickupDecision(child, pickup.adultId);
    if (!decision.allowed) throw new PickupRefused('notOnList');
    const { adult } = decision;
    return checkOut(desk, visitId, at, {
      pickup: { adultId: adult.id, name: adult.name, relation: adult.relation },
    });
  }
  const reason = pickup.override.reason.trim();
  if (!reason) throw new PickupRefused('reasonRequired');
  const approval = await managerApproves(desk, pickup.managerId, pickup.managerPin);
  if (approval === 'notManager') throw new PickupRefused('notManager');
  if (approval === 'wrong') throw new PickupRefused('managerPin');
  const visit = await checkOut(desk, visitId, at, {
    pickup: {
      name: pickup.override.name.trim(),
      relation: pickup.override.relation.trim(),
      override: {
        managerId: pickup.managerId,
        reason,
        ...(pickup.override.phone ? { phone: pickup.override.phone } : {}),
      },
    },
  });
  await audit(
    desk,
    {
      action: 'override.pickup',
      subjectCollection: 'attendance',
      subjectId: visitId,
      reason,
      staffId: pickup.managerId,
    },
    at,
  );
  return visit;
}

/**
 * A later correction of a visit (a forgotten check-out, a wrong time, a visit opened by
 * mistake): the old value, who changed it and why are kept on the visit and in the audit log.
 */
export async function correctVisit(
  desk: Desk,
  visitId: string,
  change: { field: 'checkInAt' | 'checkOutAt'; to: Date } | { field: 'cancelled' },
  reason: string,
  at = new Date(),
): Promise<AttendanceDoc> {
  const staff = requirePermission(desk, 'correctRecords');
  if (!reason.trim()) throw new Error('reasonRequired');
  const doc = await desk.db.attendance.findOne(visitId).exec();
  if (!doc) throw new Error(`No visit with id ${visitId}`);
  const correction: AttendanceCorrection = {
    at: at.toISOString(),
    by: staff.id,
    field: change.field,
    reason: reason.trim(),
  };
  const patch: Partial<AttendanceDoc> = {};
  if (change.field === 'cancelled') {
    patch.cancelled = true;
    patch.status = 'out';
    if (!doc.checkOutAt) patch.checkOutAt = at.toISOString();
  } else {
    const to = change.to.toISOString();
    const inAt = change.field === 'checkInAt' ? to : doc.checkInAt;
    const outAt = change.field === 'checkOutAt' ? to : doc.checkOutAt;
    if (outAt && outAt < inAt) throw new Error('outBeforeIn');
    const from = doc[change.field];
    if (from) correction.from = from;
    correction.to = to;
    patch[change.field] = to;
    if (change.field === 'checkOutAt') patch.status = 'out';
    if (change.field === 'checkInAt') patch.day = localDay(change.to);
  }
  const updated = await doc.incrementalPatch({
    ...patch,
    corrections: [...(doc.corrections ?? []), correction],
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  await audit(
    desk,
    {
      action: 'attendance.correct',
      subjectCollection: 'attendance',
      subjectId: visitId,
      fields: [change.field],
      reason: reason.trim(),
    },
    at,
  );
  return updated.toMutableJSON();
}

/** Everyone checked in and not yet out (the people in the building), as it changes. */
export function openVisits$(desk: Desk): Observable<AttendanceDoc[]> {
  return desk.db.attendance.find({ selector: { status: 'in' } }).$.pipe(map((docs) => plain(docs)));
}

/** The visits begun on one day, cancelled ones too, as they change. */
export function visitsOn$(desk: Desk, day: string): Observable<AttendanceDoc[]> {
  return desk.db.attendance.find({ selector: { day } }).$.pipe(map((docs) => plain(docs)));
}

/** The visits still open from a day before `today` (see `visitsLeftOpen`), as they change. */
export function visitsLeftOpen$(desk: Desk, today: string): Observable<AttendanceDoc[]> {
  return desk.db.attendance
    .find({ selector: { status: 'in', day: { $lt: today } } })
    .$.pipe(map((docs) => plain(docs)));
}

/**
 * Visits still open from an earlier day (someone not checked out at closing): the desk asks for
 * each at its next start; `closeAtClosing` ends one at that day's closing time, marked as such.
 */
export async function visitsLeftOpen(desk: Desk, today: string): Promise<AttendanceDoc[]> {
  const docs = await desk.db.attendance
    .find({ selector: { status: 'in', day: { $lt: today } } })
    .exec();
  return docs.map((d) => d.toMutableJSON());
}

export async function closeAtClosing(
  desk: Desk,
  visitId: string,
  closingTime: string,
): Promise<AttendanceDoc> {
  const doc = await desk.db.attendance.findOne(visitId).exec();
  if (!doc) throw new Error(`No visit with id ${visitId}`);
  const closing = new Date(`${doc.day}T${closingTime}:00`);
  return checkOut(desk, visitId, closing, { closedAtClosing: true });
}
