import { map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import { can } from '../../shared/roles';
import type { AbsenceDoc } from '../../shared/schemas';
import type { AbsenceReason } from '../../shared/schemas/absences';
import { audit } from './audit';
import type { Desk } from './desk';
import { plain } from './plain';
import { requirePermission } from './staff';

/** Records why an expected child is not in. Illness details need the health permission. */
export async function recordAbsence(
  desk: Desk,
  input: { memberId: string; day: string; reason: AbsenceReason; illness?: AbsenceDoc['illness'] },
  at = new Date(),
): Promise<AbsenceDoc> {
  const staff = requirePermission(desk, 'recordAbsence');
  if (input.reason === 'illness' && !input.illness) throw new Error('illnessDetailsRequired');
  const existing = await desk.db.absences
    .findOne({ selector: { memberId: input.memberId, day: input.day } })
    .exec();
  if (existing) throw new Error('absenceExists');
  const doc: AbsenceDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    memberId: input.memberId,
    day: input.day,
    reason: input.reason,
    recordedBy: staff.id,
    ...(input.reason === 'illness' && input.illness ? { illness: input.illness } : {}),
  };
  await desk.db.absences.insert(doc);
  if (doc.illness)
    await audit(desk, {
      action: 'sensitive.change',
      subjectCollection: 'absences',
      subjectId: doc.id,
      fields: ['illness'],
    });
  return doc;
}

/** A follow-up call or note on an illness absence (因病缺勤追踪). */
export async function followUpAbsence(
  desk: Desk,
  absenceId: string,
  note: string,
  at = new Date(),
): Promise<AbsenceDoc> {
  const staff = requirePermission(desk, 'recordAbsence');
  if (!note.trim()) throw new Error('noteRequired');
  const doc = await desk.db.absences.findOne(absenceId).exec();
  if (!doc) throw new Error(`No absence with id ${absenceId}`);
  const updated = await doc.incrementalPatch({
    followUps: [
      ...(doc.followUps ?? []),
      { at: at.toISOString(), by: staff.id, note: note.trim() },
    ],
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  return updated.toMutableJSON();
}

/** The child is back: the illness follow-up ends. */
export async function markReturned(
  desk: Desk,
  absenceId: string,
  day: string,
): Promise<AbsenceDoc> {
  requirePermission(desk, 'recordAbsence');
  const doc = await desk.db.absences.findOne(absenceId).exec();
  if (!doc) throw new Error(`No absence with id ${absenceId}`);
  const updated = await doc.incrementalPatch({
    returnedOn: day,
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
  });
  return updated.toMutableJSON();
}

/**
 * Absences (from day `from` on, or all), as they change. The illness details (symptoms, onset,
 * doctor) are health data: a role without `viewHealth` receives the absence without them, so no
 * screen has to remember to hide them.
 */
export function absences$(desk: Desk, from?: string): Observable<AbsenceDoc[]> {
  const query = from
    ? desk.db.absences.find({ selector: { day: { $gte: from } } })
    : desk.db.absences.find();
  return query.$.pipe(
    map((docs) => {
      const absences = plain(docs);
      if (can(desk.session?.staff.role, 'viewHealth')) return absences;
      return absences.map((absence) => {
        const visible = { ...absence };
        delete visible.illness;
        return visible;
      });
    }),
  );
}
