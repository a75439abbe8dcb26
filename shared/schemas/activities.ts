import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { ACTIVITY_CATEGORIES } from '../rules/schedule';
import { baseProperties, baseRequired } from './base';

/**
 * The shared activity schedule in one collection (RxDB allows 13 per process, docs/DESIGN.md):
 *
 * - `plan`: an activity on the timetable, as shared/rules/schedule.ts's ActivityPlan. A mutable
 *   record (last writer wins); its `planId` is its own id, so one index finds a plan with its
 *   attendance.
 * - `attendance`: an event, never changed once written. With `memberId` and `present` it marks one
 *   member at one session (the latest mark of a member counts, as ActivityAttendance expects);
 *   without a member it is a note about the session as a whole. Counts come from these events.
 */
export const ACTIVITY_KINDS = ['plan', 'attendance'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const time = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', maxLength: 5 } as const;
const date = { type: 'string', format: 'date', maxLength: 10 } as const;
const id = { type: 'string', maxLength: 40 } as const;

export const activitySchemaLiteral = {
  title: 'activities',
  description: 'Activities on the shared timetable, and the attendance and notes of their sessions',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: ACTIVITY_KINDS, maxLength: 10 },
    /** The activity: for a plan, its own id; for attendance, the activity of the session. */
    planId: id,
    // ---- plan ----
    title: { type: 'string', minLength: 1, maxLength: 60 },
    category: { type: 'string', enum: ACTIVITY_CATEGORIES, maxLength: 20 },
    room: { type: 'string', maxLength: 40 },
    leaderId: id,
    capacity: { type: 'integer', minimum: 1, maximum: 500 },
    enrolled: { type: 'array', maxItems: 500, uniqueItems: true, items: id },
    start: time,
    end: time,
    recurrence: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['once', 'weekly'], maxLength: 6 },
        date,
        weekdays: {
          type: 'array',
          minItems: 1,
          maxItems: 7,
          uniqueItems: true,
          items: { type: 'integer', minimum: 1, maximum: 7 },
        },
        everyWeeks: { type: 'integer', minimum: 1, maximum: 52 },
        from: date,
        until: date,
      },
      required: ['kind'],
      additionalProperties: false,
    },
    exceptions: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          date,
          cancelled: { type: 'boolean' },
          reason: { type: 'string', maxLength: 100 },
          start: time,
          end: time,
          room: { type: 'string', maxLength: 40 },
          leaderId: id,
        },
        required: ['date'],
        additionalProperties: false,
      },
    },
    /** The district template (a `district` document of kind activityTemplate) it was adopted from. */
    templateId: id,
    // ---- attendance ----
    /** The session's day. */
    date,
    memberId: id,
    present: { type: 'boolean' },
    note: { type: 'string', maxLength: 300 },
    recordedAt: { type: 'string', format: 'date-time', maxLength: 32 },
    recordedBy: id,
  },
  required: [...baseRequired, 'kind', 'planId'],
  additionalProperties: false,
  // Dexie indexes only required fields: a session's attendance is found by kind and plan, then date.
  indexes: ['updatedAt', ['kind', 'planId']],
  /** Encrypted at rest in the desk's store: the note about a member at a session (free text). */
  encrypted: ['note'],
} as const;

export type ActivityDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof activitySchemaLiteral>;
