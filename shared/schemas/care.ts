import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

/**
 * Light health records and incidents (docs/DOMAIN.md "Daily operations" 6), one collection:
 *
 * - measurements, one event document each: elders' blood pressure and blood sugar, children's
 *   height and weight;
 * - `incident`: a fall, choking, a scald, wandering… (the risks GB 38600-2019 names), what happened
 *   and what was done, followed up until closed. The incident itself is kept as written; the
 *   follow-ups are appended to it and `closedAt` ends it.
 *
 * The values and the incident's details are sensitive (PIPL): encrypted at rest. `memberId`, `day`
 * and `at` stay clear, because the visit rules need an incident's time (a high-risk elder is due a
 * visit within 24 hours) and the desk queries by them.
 */
export const CARE_KINDS = ['bloodPressure', 'bloodSugar', 'heightWeight', 'incident'] as const;
export type CareKind = (typeof CARE_KINDS)[number];
export const MEASUREMENT_KINDS = ['bloodPressure', 'bloodSugar', 'heightWeight'] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

export const INCIDENT_KINDS = [
  'fall', // 跌倒
  'choking', // 噎食
  'scald', // 烫伤
  'wandering', // 走失
  'injury', // 磕碰外伤
  'medication', // 用药差错
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** When blood sugar was taken. */
export const SUGAR_TIMINGS = ['fasting', 'afterMeal', 'random'] as const;
export type SugarTiming = (typeof SUGAR_TIMINGS)[number];

export const careSchemaLiteral = {
  title: 'care',
  description: 'A health measurement of a member, or an incident with its follow-ups',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: CARE_KINDS, maxLength: 16 },
    memberId: { type: 'string', maxLength: 40 },
    day: { type: 'string', format: 'date', maxLength: 10 },
    at: { type: 'string', format: 'date-time', maxLength: 32 },
    /** The staff member who measured or recorded. */
    by: { type: 'string', maxLength: 40 },

    // Blood pressure, mmHg, and pulse per minute.
    systolic: { type: 'integer', minimum: 60, maximum: 260 },
    diastolic: { type: 'integer', minimum: 30, maximum: 160 },
    pulse: { type: 'integer', minimum: 30, maximum: 220 },
    // Blood sugar, mmol/L, one decimal.
    sugar: { type: 'number', minimum: 1, maximum: 35 },
    sugarTiming: { type: 'string', enum: SUGAR_TIMINGS, maxLength: 10 },
    // Children's growth: centimetres and kilograms, one decimal.
    heightCm: { type: 'number', minimum: 40, maximum: 150 },
    weightKg: { type: 'number', minimum: 1.5, maximum: 60 },
    note: { type: 'string', maxLength: 300 },

    // Incidents.
    incidentKind: { type: 'string', enum: INCIDENT_KINDS, maxLength: 12 },
    happened: { type: 'string', maxLength: 1000 },
    actionTaken: { type: 'string', maxLength: 1000 },
    followUps: {
      type: 'array',
      maxItems: 100,
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time', maxLength: 32 },
          by: { type: 'string', maxLength: 40 },
          note: { type: 'string', minLength: 1, maxLength: 500 },
        },
        required: ['at', 'by', 'note'],
        additionalProperties: false,
      },
    },
    closedAt: { type: 'string', format: 'date-time', maxLength: 32 },
    closedBy: { type: 'string', maxLength: 40 },
  },
  required: [...baseRequired, 'kind', 'memberId', 'day', 'at', 'by'],
  additionalProperties: false,
  indexes: ['kind', 'memberId', 'day', 'updatedAt'],
  /** Sensitive personal information (PIPL): encrypted at rest in the desk's store. */
  encrypted: [
    'systolic',
    'diastolic',
    'pulse',
    'sugar',
    'sugarTiming',
    'heightCm',
    'weightKg',
    'note',
    'incidentKind',
    'happened',
    'actionTaken',
    'followUps',
  ],
} as const;

export type CareDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof careSchemaLiteral>;
