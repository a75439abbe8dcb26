import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

export const ABSENCE_REASONS = ['illness', 'family', 'leave', 'unknown'] as const;
export type AbsenceReason = (typeof ABSENCE_REASONS)[number];

/** Symptoms that count towards the outbreak rule (docs/DOMAIN.md, "Absences"). */
export const SYMPTOMS = [
  'fever',
  'rash',
  'diarrhoea',
  'vomiting',
  'jaundice',
  'cough',
  'other',
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** A child expected but absent on a day; illness absences are followed up until return. */
export const absenceSchemaLiteral = {
  title: 'absences',
  description: 'An absence of an expected child, with illness follow-up',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    memberId: { type: 'string', maxLength: 40 },
    day: { type: 'string', format: 'date', maxLength: 10 },
    reason: { type: 'string', enum: ABSENCE_REASONS, maxLength: 8 },
    illness: {
      type: 'object',
      properties: {
        onset: { type: 'string', format: 'date', maxLength: 10 },
        symptoms: { type: 'array', items: { type: 'string', enum: SYMPTOMS, maxLength: 10 } },
        doctorSeen: { type: 'boolean' },
        diagnosis: { type: 'string', maxLength: 100 },
      },
      required: ['onset', 'symptoms', 'doctorSeen'],
      additionalProperties: false,
    },
    followUps: {
      type: 'array',
      maxItems: 60,
      items: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date-time', maxLength: 32 },
          by: { type: 'string', maxLength: 40 },
          note: { type: 'string', minLength: 1, maxLength: 300 },
        },
        required: ['at', 'by', 'note'],
        additionalProperties: false,
      },
    },
    /** The day the child came back; an open illness absence has none. */
    returnedOn: { type: 'string', format: 'date', maxLength: 10 },
    recordedBy: { type: 'string', maxLength: 40 },
  },
  required: [...baseRequired, 'memberId', 'day', 'reason'],
  additionalProperties: false,
  indexes: ['day', 'memberId', 'updatedAt'],
  /** Sensitive personal information (PIPL): encrypted at rest in the desk's store. */
  encrypted: ['reason', 'illness', 'followUps'],
} as const;

export type AbsenceDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof absenceSchemaLiteral>;
