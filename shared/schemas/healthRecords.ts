import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { GROWTH_STATUSES } from '../rules/growth/evaluate';
import { CHECK_MONTHS, VACCINES } from '../rules/growth/schedules';
import { baseProperties, baseRequired } from './base';
import { ABILITY_LEVELS } from './members';

/**
 * A person's structured health records, one collection of four kinds (`kind`), each about one
 * member (`memberId`). One collection, not four, because RxDB opens at most 13 collections per
 * process (shared/schemas/index.ts):
 *
 * - `ability`: an elder capability assessment to GB/T 42195-2022 (shared/rules/assessment.ts).
 *   Never changed once written: a correction is a new assessment with reason `correction` naming
 *   the one it corrects, so the history of every assessment is kept. The member's ability level
 *   is the level of their latest assessment.
 * - `check`: a child's scheduled health check (0～6岁儿童健康管理服务规范) for `checkMonth`, with
 *   what was measured (height, weight, head circumference, haemoglobin) and the findings. Height
 *   and weight measured at the door stay in `care` (`heightWeight`); both are growth measurements.
 * - `dose`: one vaccine dose as shown on the child's vaccination certificate (`vaccine`, `dose`,
 *   `givenOn`), recorded at enrolment or later.
 * - `attention`: the child on the 体弱儿 list: the reasons (growth statuses, anaemia recorded by a
 *   doctor, …), the management plan, the next follow-up day and the notes of each follow-up,
 *   until `closedAt`. One open record per child; it is edited (last writer wins), never duplicated.
 *
 * The schema requires only what every kind has; what each kind requires besides is
 * `HEALTH_RECORD_REQUIRED`, checked by `healthRecordProblems` on the desk (a hook on the
 * collection, renderer/data/database.ts) and laid over the schema for the district's check of
 * every pushed document (shared/schemas/bounds.ts). RxDB's schema checker (z-schema, draft 4)
 * knows no `if`/`then`, so the RxDB schema itself cannot say it.
 *
 * Values, answers, findings and notes are sensitive (PIPL): encrypted at rest.
 */
export const HEALTH_RECORD_KINDS = ['ability', 'check', 'dose', 'attention'] as const;
export type HealthRecordKind = (typeof HEALTH_RECORD_KINDS)[number];

export const CHILD_HEALTH_KINDS = ['check', 'dose', 'attention'] as const;
export type ChildHealthKind = (typeof CHILD_HEALTH_KINDS)[number];

/** Why a child is on the 体弱儿 list: the growth statuses, and what a doctor records. */
export const ATTENTION_REASONS = [
  ...GROWTH_STATUSES,
  'anaemia',
  'prematureLowBirthWeight',
  'other',
] as const;
export type AttentionReason = (typeof ATTENTION_REASONS)[number];

/**
 * What each kind requires beyond the schema's `required`. Only fields an erased person's records
 * keep (shared/rules/erasure.ts), so a scrubbed record still passes.
 */
export const HEALTH_RECORD_REQUIRED = {
  ability: ['assessedOn', 'assessorId', 'reason', 'total', 'level', 'dueOn'],
  check: ['day', 'at', 'by', 'checkMonth'],
  dose: ['day', 'at', 'by'],
  attention: ['day', 'at', 'by'],
} as const satisfies Record<HealthRecordKind, readonly string[]>;

export const healthRecordSchemaLiteral = {
  title: 'healthRecords',
  description:
    "An elder's ability assessment, or a child's health check, vaccine dose or place on the 体弱儿 list",
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: HEALTH_RECORD_KINDS, maxLength: 10 },
    memberId: { type: 'string', maxLength: 40 },

    // ability (GB/T 42195-2022)
    /** The day of the assessment. */
    assessedOn: { type: 'string', format: 'date', maxLength: 10 },
    /** The staff member who assessed (held the assessor certificate that day). */
    assessorId: { type: 'string', maxLength: 40 },
    reason: {
      type: 'string',
      enum: ['first', 'periodic', 'afterChange', 'correction'],
      maxLength: 12,
    },
    /** The assessment a correction corrects. */
    corrects: { type: 'string', maxLength: 40 },
    /**
     * Each item's score by its number in the standard's 附录B ('B.1.1' → 4). Always written;
     * absent only once the person was erased (shared/rules/erasure.ts).
     */
    answers: {
      type: 'object',
      additionalProperties: { type: 'integer', minimum: 0, maximum: 4 },
    },
    /** The standard's changes to the level (附录C C.3). */
    coma: { type: 'boolean' },
    dementiaOrMental: { type: 'boolean' },
    riskEvents: { type: 'boolean' },
    /** Computed from the answers on the desk, kept for the reports. */
    total: { type: 'integer', minimum: 0, maximum: 90 },
    level: { type: 'string', enum: ABILITY_LEVELS, maxLength: 10 },
    /** When the next assessment is due. */
    dueOn: { type: 'string', format: 'date', maxLength: 10 },

    // check, dose, attention (children)
    /** The day of the check, of the recording of a dose, or when the child was put on the list. */
    day: { type: 'string', format: 'date', maxLength: 10 },
    at: { type: 'string', format: 'date-time', maxLength: 32 },
    by: { type: 'string', maxLength: 40 },

    // check
    checkMonth: { type: 'integer', enum: CHECK_MONTHS },
    heightCm: { type: 'number', minimum: 40, maximum: 150 },
    weightKg: { type: 'number', minimum: 1.5, maximum: 60 },
    headCm: { type: 'number', minimum: 25, maximum: 60 },
    /** Haemoglobin, g/L. */
    haemoglobin: { type: 'integer', minimum: 30, maximum: 250 },
    findings: { type: 'string', maxLength: 500 },

    // dose
    vaccine: { type: 'string', enum: VACCINES, maxLength: 10 },
    dose: { type: 'integer', minimum: 1, maximum: 4 },
    givenOn: { type: 'string', format: 'date', maxLength: 10 },

    // attention
    reasons: {
      type: 'array',
      maxItems: 16,
      items: { type: 'string', enum: ATTENTION_REASONS, maxLength: 24 },
    },
    plan: { type: 'string', maxLength: 1000 },
    followUpOn: { type: 'string', format: 'date', maxLength: 10 },
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

    note: { type: 'string', maxLength: 500 },
  },
  required: [...baseRequired, 'kind', 'memberId'],
  additionalProperties: false,
  indexes: ['kind', 'memberId', 'updatedAt', ['kind', 'memberId']],
  /**
   * Encrypted at rest: everything a record says about the person. In clear: its kind, whom it is
   * about (queried), who assessed or recorded it and when, a check's month.
   */
  encrypted: [
    'assessedOn',
    'reason',
    'corrects',
    'answers',
    'coma',
    'dementiaOrMental',
    'riskEvents',
    'total',
    'level',
    'dueOn',
    'vaccine',
    'dose',
    'givenOn',
    'heightCm',
    'weightKg',
    'headCm',
    'haemoglobin',
    'findings',
    'reasons',
    'plan',
    'followUpOn',
    'followUps',
    'note',
  ],
} as const;

export type HealthRecordDoc = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof healthRecordSchemaLiteral
>;

type KindDoc<K extends HealthRecordKind> = HealthRecordDoc & {
  kind: K;
} & Required<Pick<HealthRecordDoc, (typeof HEALTH_RECORD_REQUIRED)[K][number]>>;

/** An elder capability assessment (`kind: 'ability'`). */
export type AssessmentDoc = KindDoc<'ability'>;
/** A child's check, dose or place on the 体弱儿 list. */
export type ChildHealthDoc = HealthRecordDoc & {
  kind: ChildHealthKind;
} & Required<Pick<HealthRecordDoc, 'day' | 'at' | 'by'>>;

/** The kind-specific fields a record lacks, as `kind: field` problems (empty when it is whole). */
export function healthRecordProblems(doc: Record<string, unknown>): string[] {
  const kind = doc.kind as HealthRecordKind;
  const required: readonly string[] | undefined = HEALTH_RECORD_REQUIRED[kind];
  if (!required) return [`kind must be one of ${HEALTH_RECORD_KINDS.join(', ')}`];
  return required
    .filter((field) => doc[field] === undefined || doc[field] === null)
    .map((field) => `a healthRecords document of kind ${kind} must have ${field}`);
}

/**
 * The kind-specific requirements as JSON Schema (draft 7 `if`/`then`), for validators that know
 * them (the district's Ajv); laid over the RxDB schema by shared/schemas/bounds.ts.
 */
export const HEALTH_RECORD_KIND_RULES = HEALTH_RECORD_KINDS.map((kind) => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  then: { required: [...HEALTH_RECORD_REQUIRED[kind]] },
}));
