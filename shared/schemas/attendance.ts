import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

/** One document per visit: created at check-in, completed at check-out. */
export const attendanceSchemaLiteral = {
  title: 'attendance',
  description: 'A visit of a member to the centre, from check-in to check-out',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    memberId: { type: 'string', maxLength: 40 },
    /** The centre's local calendar day of the check-in, YYYY-MM-DD. */
    day: { type: 'string', format: 'date', maxLength: 10 },
    status: { type: 'string', enum: ['in', 'out'], maxLength: 3 },
    checkInAt: { type: 'string', format: 'date-time', maxLength: 32 },
    checkOutAt: { type: 'string', format: 'date-time', maxLength: 32 },
  },
  required: [...baseRequired, 'memberId', 'day', 'status', 'checkInAt'],
  additionalProperties: false,
  indexes: ['status', 'day', 'memberId', 'updatedAt'],
} as const;

export type AttendanceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof attendanceSchemaLiteral
>;
