import { map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import type { HealthDoc } from '../../shared/schemas';
import { localDay } from '../../shared/time';
import { audit } from './audit';
import type { Desk } from './desk';
import { plain } from './plain';
import { requirePermission } from './staff';

export type HealthCheckInput = Pick<
  HealthDoc,
  | 'kind'
  | 'memberId'
  | 'temperature'
  | 'observations'
  | 'symptoms'
  | 'medicine'
  | 'outcome'
  | 'note'
>;

/** A child's morning or noon check, by the health worker (or a manager). */
export async function recordHealthCheck(
  desk: Desk,
  input: HealthCheckInput,
  at = new Date(),
): Promise<HealthDoc> {
  const staff = requirePermission(desk, 'viewHealth');
  if (input.temperature !== undefined && !(input.temperature >= 34 && input.temperature <= 43))
    throw new Error('temperatureRange');
  const doc: HealthDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    day: localDay(at),
    at: at.toISOString(),
    by: staff.id,
    ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== '')),
    kind: input.kind,
    memberId: input.memberId,
  };
  if (doc.temperature !== undefined) doc.temperature = Math.round(doc.temperature * 10) / 10;
  await desk.db.health.insert(doc);
  await audit(desk, {
    action: 'sensitive.change',
    subjectCollection: 'health',
    subjectId: doc.id,
    fields: Object.keys(input).filter((k) => k !== 'kind' && k !== 'memberId'),
  });
  return doc;
}

/** The health checks recorded from day `from` to day `to` (both included), as they change. */
export function healthChecks$(desk: Desk, from: string, to: string): Observable<HealthDoc[]> {
  return desk.db.health
    .find({ selector: { day: { $gte: from, $lte: to } } })
    .$.pipe(map((docs) => plain(docs)));
}
