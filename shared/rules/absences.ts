import type { AbsenceDoc, AttendanceDoc } from '../schemas';

/** The people who came: those with a visit that was not cancelled (a visit opened by mistake). */
export function arrivedIds(visits: readonly Pick<AttendanceDoc, 'memberId' | 'cancelled'>[]) {
  return new Set(visits.filter((v) => !v.cancelled).map((v) => v.memberId));
}

/** Illness absences still followed up (the child is not back yet), the oldest first. */
export function illnessFollowUps<A extends Pick<AbsenceDoc, 'reason' | 'returnedOn' | 'day'>>(
  absences: readonly A[],
): A[] {
  return absences
    .filter((a) => a.reason === 'illness' && !a.returnedOn)
    .sort((a, b) => a.day.localeCompare(b.day));
}
