import { map, type Observable } from 'rxjs';
import { newId } from '../../shared/ids';
import type { AuditLogDoc, CollectionName } from '../../shared/schemas';
import type { AuditAction } from '../../shared/schemas/auditLog';
import type { Desk } from './desk';
import { plain } from './plain';

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

/** The newest `limit` entries of the audit log, newest first: all of them, or of one action. */
export function auditEntries$(
  desk: Desk,
  action: AuditAction | null,
  limit: number,
): Observable<AuditLogDoc[]> {
  return desk.db.auditLog
    .find({ selector: action ? { action } : {}, sort: [{ updatedAt: 'desc' }], limit })
    .$.pipe(map(plain));
}

/**
 * The whole audit log, oldest first, for the manager to take away; that it was taken is itself
 * recorded (after the reading, so the copy ends with what was there when it was asked for).
 */
export async function exportAuditLog(desk: Desk, at = new Date()): Promise<AuditLogDoc[]> {
  const entries = plain(await desk.db.auditLog.find({ sort: [{ updatedAt: 'asc' }] }).exec());
  await audit(
    desk,
    { action: 'audit.export', subjectCollection: 'auditLog', subjectId: 'all' },
    at,
  );
  return entries;
}
