import { newId } from '../../shared/ids';
import type { AuditLogDoc, CollectionName } from '../../shared/schemas';
import type { AuditAction } from '../../shared/schemas/auditLog';
import type { Desk } from './desk';

/** Appends an audit entry: who (the staff member at the desk), what, to which record. */
export async function audit(
  desk: Desk,
  entry: {
    action: AuditAction;
    subjectCollection: CollectionName;
    subjectId: string;
    fields?: string[];
    reason?: string;
    staffId?: string;
  },
  at = new Date(),
): Promise<AuditLogDoc> {
  const staffId = entry.staffId ?? desk.session?.staff.id;
  const doc: AuditLogDoc = {
    id: newId(),
    centreId: desk.settings.centreId,
    createdAt: at.toISOString(),
    updatedAt: desk.clock.tick(),
    updatedBy: desk.actor(),
    at: at.toISOString(),
    action: entry.action,
    subjectCollection: entry.subjectCollection,
    subjectId: entry.subjectId,
    ...(staffId ? { staffId } : {}),
    ...(entry.fields ? { fields: entry.fields } : {}),
    ...(entry.reason ? { reason: entry.reason } : {}),
  };
  await desk.db.auditLog.insert(doc);
  return doc;
}
