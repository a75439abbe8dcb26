import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, fromPaperProperty } from './base';

/** Who a visit is of: a registered member, a staff member on shift, or a visitor signed in. */
export const PERSON_KINDS = ['member', 'staff', 'visitor'] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

const correction = {
  type: 'object',
  properties: {
    at: { type: 'string', format: 'date-time', maxLength: 32 },
    by: { type: 'string', maxLength: 40 },
    field: { type: 'string', enum: ['checkInAt', 'checkOutAt', 'cancelled'], maxLength: 12 },
    from: { type: 'string', maxLength: 32 },
    to: { type: 'string', maxLength: 32 },
    reason: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['at', 'by', 'field', 'reason'],
  additionalProperties: false,
} as const;

/** One document per visit: created at check-in, completed at check-out. */
export const attendanceSchemaLiteral = {
  title: 'attendance',
  description:
    'A visit of a member, staff member or visitor to the centre, from check-in to check-out',
  /** 3: `fromPaper`, a visit entered later from the paper emergency sheet (补录). */
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    /** The member's id; for a staff member the staff record's id; for a visitor, the visit's own id. */
    memberId: { type: 'string', maxLength: 40 },
    /** Absent on older documents, which are all members. */
    personKind: { type: 'string', enum: PERSON_KINDS, maxLength: 8 },
    /** Visitors only: who they are and whom they came for. */
    visitor: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 40 },
        phone: { type: 'string', maxLength: 20 },
        purpose: { type: 'string', maxLength: 100 },
      },
      required: ['name'],
      additionalProperties: false,
    },
    /** The centre's local calendar day of the check-in, YYYY-MM-DD. */
    day: { type: 'string', format: 'date', maxLength: 10 },
    status: { type: 'string', enum: ['in', 'out'], maxLength: 3 },
    checkInAt: { type: 'string', format: 'date-time', maxLength: 32 },
    checkOutAt: { type: 'string', format: 'date-time', maxLength: 32 },
    /** Staff ids of who checked the person in and out at the desk. */
    checkInBy: { type: 'string', maxLength: 40 },
    checkOutBy: { type: 'string', maxLength: 40 },
    /** Children: the adult the child was handed to. */
    pickup: {
      type: 'object',
      properties: {
        /** The authorised adult's id in the child's `pickupAdults`; absent for an override. */
        adultId: { type: 'string', maxLength: 40 },
        name: { type: 'string', minLength: 1, maxLength: 40 },
        relation: { type: 'string', maxLength: 20 },
        /** Someone not on the list: the manager who allowed it and why. */
        override: {
          type: 'object',
          properties: {
            managerId: { type: 'string', maxLength: 40 },
            reason: { type: 'string', minLength: 1, maxLength: 200 },
            phone: { type: 'string', maxLength: 20 },
          },
          required: ['managerId', 'reason'],
          additionalProperties: false,
        },
      },
      required: ['name'],
      additionalProperties: false,
    },
    /** Closed by the closing-time sweep rather than by a real check-out. */
    closedAtClosing: { type: 'boolean' },
    /** A visit opened by mistake, kept for the record but not counted. */
    cancelled: { type: 'boolean' },
    /** Later corrections, by whom and why; the original values stay in `from`. */
    corrections: { type: 'array', maxItems: 50, items: correction },
    /** 补录: entered later from the paper emergency sheet; the times above are the paper's. */
    fromPaper: fromPaperProperty,
  },
  required: [...baseRequired, 'memberId', 'day', 'status', 'checkInAt'],
  additionalProperties: false,
  indexes: ['status', 'day', 'memberId', 'updatedAt'],
  /**
   * Encrypted at rest in the desk's store: visitors, who took a child home, the times and their
   * corrections. `memberId`, `day` and `status` stay clear: the desk queries by them.
   */
  encrypted: ['visitor', 'pickup', 'checkInAt', 'checkOutAt', 'corrections'],
} as const;

export type AttendanceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof attendanceSchemaLiteral
>;
export type AttendanceCorrection = NonNullable<AttendanceDoc['corrections']>[number];
