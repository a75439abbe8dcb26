import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

/**
 * Append-only log: views and changes of sensitive data, overrides, and every version of a record
 * that lost a sync conflict (so no edit is silently dropped).
 */
export const auditLogSchemaLiteral = {
  title: 'auditLog',
  description: 'Append-only audit entries',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    action: { type: 'string', enum: ['sync.conflictLost'], maxLength: 40 },
    subjectCollection: { type: 'string', maxLength: 40 },
    subjectId: { type: 'string', maxLength: 40 },
    /** The losing version, as it was. */
    data: { type: 'object' },
    winnerUpdatedAt: { type: 'string', maxLength: 80 },
  },
  required: [...baseRequired, 'action', 'subjectCollection', 'subjectId'],
  additionalProperties: false,
  indexes: ['subjectId', 'updatedAt'],
} as const;

export type AuditLogDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof auditLogSchemaLiteral>;
