import { newId } from '../../shared/ids';
import type { AttendanceDoc } from '../../shared/schemas';
import { localDay } from '../../shared/time';
import type { Desk } from './desk';

export type CheckInResult =
  | { kind: 'checkedIn'; visit: AttendanceDoc }
  /** The person is already in the building: no second visit is opened. */
  | { kind: 'alreadyIn'; visit: AttendanceDoc };

export async function openVisitOf(desk: Desk, memberId: string): Promise<AttendanceDoc | null> {
  const doc = await desk.db.attendance.findOne({ selector: { memberId, status: 'in' } }).exec();
  return doc ? doc.toMutableJSON() : null;
}

export async function checkIn(
  desk: Desk,
  memberId: string,
  at = new Date(),
): Promise<CheckInResult> {
  const open = await openVisitOf(desk, memberId);
  if (open) return { kind: 'alreadyIn', visit: open };
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
  };
  await desk.db.attendance.insert(visit);
  return { kind: 'checkedIn', visit };
}

export async function checkOut(
  desk: Desk,
  visitId: string,
  at = new Date(),
): Promise<AttendanceDoc> {
  const doc = await desk.db.attendance.findOne(visitId).exec();
  if (!doc) throw new Error(`No visit with id ${visitId}`);
  if (doc.status === 'out') return doc.toMutableJSON();
  const updated = await doc.incrementalPatch({
    status: 'out',
    checkOutAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  return updated.toMutableJSON();
}
