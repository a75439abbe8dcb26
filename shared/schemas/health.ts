import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired, fromPaperProperty } from './base';
import { SYMPTOMS } from './absences';

/** The morning check "一摸二看三问四查" and the noon check (docs/DOMAIN.md). */
export const CHECK_OBSERVATIONS = [
  'alertnessPoor', // 精神差
  'complexionPale', // 面色异常
  'throatRed', // 咽部红肿
  'skinRash', // 皮疹
  'eatingPoor', // 在家进食差
  'sleepPoor', // 睡眠差
  'bowelAbnormal', // 大小便异常
  'unsafeObject', // 携带危险物品
] as const;
export type CheckObservation = (typeof CHECK_OBSERVATIONS)[number];

export const HEALTH_KINDS = ['morningCheck', 'noonCheck'] as const;

/** Health records of a person (children's daily checks; later elders' vitals and incidents). */
export const healthSchemaLiteral = {
  title: 'health',
  description: 'A health check or measurement of a member',
  /** 4: `fromPaper`, a check entered later from the paper emergency sheet (补录). */
  version: 4,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: HEALTH_KINDS, maxLength: 16 },
    memberId: { type: 'string', maxLength: 40 },
    day: { type: 'string', format: 'date', maxLength: 10 },
    at: { type: 'string', format: 'date-time', maxLength: 32 },
    by: { type: 'string', maxLength: 40 },
    /** Degrees Celsius, one decimal. */
    temperature: { type: 'number', minimum: 34, maximum: 43 },
    observations: {
      type: 'array',
      items: { type: 'string', enum: CHECK_OBSERVATIONS, maxLength: 16 },
    },
    symptoms: { type: 'array', items: { type: 'string', enum: SYMPTOMS, maxLength: 10 } },
    /** Medicine the guardian handed in, to be given at the centre. */
    medicine: {
      type: 'object',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 60 },
        dose: { type: 'string', minLength: 1, maxLength: 40 },
        time: { type: 'string', maxLength: 20 },
        handedInBy: { type: 'string', minLength: 1, maxLength: 40 },
      },
      required: ['name', 'dose', 'handedInBy'],
      additionalProperties: false,
    },
    /** Admitted, or sent home with the guardian. */
    outcome: { type: 'string', enum: ['admitted', 'sentHome', 'watch'], maxLength: 10 },
    /**
     * Why the health worker admitted as normal (正常入班) a child whose check found a fever, a
     * symptom or something abnormal (shared/rules/alerts.ts `admissionProblem`): required then.
     */
    overrideReason: { type: 'string', maxLength: 200 },
    note: { type: 'string', maxLength: 300 },
    /** 补录: a check entered later from the paper emergency sheet. */
    fromPaper: fromPaperProperty,
  },
  required: [...baseRequired, 'kind', 'memberId', 'day', 'at'],
  additionalProperties: false,
  indexes: ['day', 'memberId', 'updatedAt'],
  /** Sensitive personal information (PIPL): encrypted at rest in the desk's store. */
  encrypted: [
    'temperature',
    'observations',
    'symptoms',
    'medicine',
    'outcome',
    'overrideReason',
    'note',
  ],
} as const;

export type HealthDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof healthSchemaLiteral>;
