import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

/**
 * What the district sends every centre (issue 5, "Rules and content pushed to centres"): read by
 * every desk, written only by the district (the server refuses a device's write: `read_only`).
 *
 * - `rules`: settings that override the centre's own (ratio limits, outbreak thresholds, …). The
 *   figures are checked on the desk by the same rules as a manager's entries (shared/rules/
 *   settings.ts), so a bad push is shown and ignored rather than applied.
 * - `announcement`: a notice shown on every desk between two dates.
 * - `activityTemplate`: an activity the centres may adopt into their own timetable.
 */
export const DISTRICT_KINDS = ['rules', 'announcement', 'activityTemplate'] as const;
export type DistrictKind = (typeof DISTRICT_KINDS)[number];

export const districtSchemaLiteral = {
  title: 'district',
  description: 'Rules, announcements and templates the district pushes to every centre',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: DISTRICT_KINDS, maxLength: 20 },
    title: { type: 'string', minLength: 1, maxLength: 100 },
    text: { type: 'string', maxLength: 2000 },
    /** `rules`: a partial set of the centre rules; what it leaves out stays the centre's own. */
    settings: { type: 'object' },
    /** `announcement`: shown from and until these days (inclusive). */
    shownFrom: { type: 'string', format: 'date', maxLength: 10 },
    shownUntil: { type: 'string', format: 'date', maxLength: 10 },
    /** `activityTemplate`: what an adopted activity starts with. */
    template: {
      type: 'object',
      properties: {
        category: { type: 'string', maxLength: 20 },
        minutes: { type: 'integer', minimum: 5, maximum: 600 },
        capacity: { type: 'integer', minimum: 1, maximum: 500 },
      },
      required: ['category', 'minutes'],
      additionalProperties: false,
    },
    /** When the district published it (ISO time), as shown on the desks. */
    publishedAt: { type: 'string', format: 'date-time', maxLength: 32 },
  },
  required: [...baseRequired, 'kind', 'title', 'publishedAt'],
  additionalProperties: false,
  indexes: ['kind', 'updatedAt'],
} as const;

export type DistrictDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof districtSchemaLiteral>;

/** The one `rules` document: each push replaces it. */
export const DISTRICT_RULES_ID = 'district-rules';
