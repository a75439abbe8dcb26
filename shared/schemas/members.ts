import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

/** Elder categories that drive subsidies and visit duty (docs/DOMAIN.md, "Who is served"). */
export const ELDER_CATEGORIES = [
  'tekun', // 特困
  'dibao', // 低保
  'dibaoEdge', // 低保边缘
  'lowIncome', // 低收入
  'livingAlone', // 独居
  'emptyNest', // 空巢
  'leftBehind', // 留守
  'disabled', // 失能
  'severeDisability', // 重残
  'aged80', // 高龄 (80+)
  'familyPlanningSpecial', // 计划生育特殊家庭
] as const;
export type ElderCategory = (typeof ELDER_CATEGORIES)[number];

/** Ability assessment levels of GB/T 42195-2022. */
export const ABILITY_LEVELS = ['intact', 'mild', 'moderate', 'severe', 'total'] as const;
export type AbilityLevel = (typeof ABILITY_LEVELS)[number];

/** Children's classes: 乳儿班 6–12 months, 托小班 12–24, 托大班 24–36, and 3–6 years. */
export const CHILD_CLASSES = ['infant', 'toddler', 'older', 'preschool'] as const;
export type ChildClass = (typeof CHILD_CLASSES)[number];

/** Special diets that warn at serving time. */
export const DIETS = ['lowSalt', 'diabetic', 'soft', 'minced', 'vegetarian', 'halal'] as const;
export type Diet = (typeof DIETS)[number];

/** Visit-duty risk levels; the visit frequency for each comes from the district's rules. */
export const RISK_LEVELS = ['high', 'key', 'normal'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

const contactItem = {
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    name: { type: 'string', minLength: 1, maxLength: 40 },
    relation: { type: 'string', maxLength: 20 },
    phone: { type: 'string', maxLength: 20 },
  },
  required: ['id', 'name', 'relation'],
  additionalProperties: false,
} as const;

/** Elders and children, one registry (docs/DOMAIN.md, "Who is served"). */
export const memberSchemaLiteral = {
  title: 'members',
  description: 'An elder or a child served by the centre',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: ['elder', 'child'], maxLength: 8 },
    name: { type: 'string', minLength: 1, maxLength: 40 },
    /** Full pinyin without tones or spaces, for search ("zhangsan"). Derived from `name` on the desk. */
    pinyin: { type: 'string', maxLength: 200 },
    /** Pinyin initials for search ("zs"). */
    initials: { type: 'string', maxLength: 40 },
    gender: { type: 'string', enum: ['M', 'F'], maxLength: 1 },
    birthDate: { type: 'string', format: 'date', maxLength: 10 },
    /** Resident ID number. */
    idNumber: { type: 'string', maxLength: 18 },
    phone: { type: 'string', maxLength: 11 },
    note: { type: 'string', maxLength: 500 },
    /** The number printed on the member card (barcode/QR); unique in the centre. */
    cardNo: { type: 'string', maxLength: 20 },
    /**
     * 'left' once the person no longer comes (they may return: back to 'active'); 'merged' when a
     * manager merged this record, a duplicate, into `mergedInto`; 'erased' after an erasure
     * request (personal fields cleared).
     */
    status: { type: 'string', enum: ['active', 'left', 'merged', 'erased'], maxLength: 8 },
    /** The day the person left and why (set with status 'left'; kept as history on return). */
    leftOn: { type: 'string', format: 'date', maxLength: 10 },
    leftReason: { type: 'string', maxLength: 200 },
    /** The day a person who had left came back. */
    returnedOn: { type: 'string', format: 'date', maxLength: 10 },
    /** The record this duplicate was merged into (status 'merged'). */
    mergedInto: { type: 'string', maxLength: 40 },
    /** Subsidy category code, one of the district rules' subsidy categories. */
    subsidyCategory: { type: 'string', maxLength: 40 },
    diets: { type: 'array', items: { type: 'string', enum: DIETS, maxLength: 20 } },
    allergies: { type: 'array', items: { type: 'string', maxLength: 40 } },
    /** Health notes: not shown to reception. */
    healthNotes: { type: 'string', maxLength: 2000 },
    emergencyContacts: { type: 'array', items: contactItem },

    // Elders.
    categories: { type: 'array', items: { type: 'string', enum: ELDER_CATEGORIES, maxLength: 30 } },
    abilityLevel: { type: 'string', enum: ABILITY_LEVELS, maxLength: 10 },
    chronicConditions: { type: 'array', items: { type: 'string', maxLength: 40 } },
    /** On the visit list (探访关爱) with this risk level; absent when not on the list. */
    visitRisk: { type: 'string', enum: RISK_LEVELS, maxLength: 8 },

    // Children.
    childClass: { type: 'string', enum: CHILD_CLASSES, maxLength: 10 },
    /** Guardians; their phones are not shown to reception. */
    guardians: { type: 'array', items: contactItem },
    /** Adults allowed to pick the child up; `photo` is a small JPEG data URL. */
    pickupAdults: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          ...contactItem.properties,
          photo: { type: 'string', maxLength: 60000 },
        },
        required: ['id', 'name', 'relation'],
        additionalProperties: false,
      },
    },
    /** The day the vaccination certificate was checked on entry, and by whom. */
    vaccinationCheckedOn: { type: 'string', format: 'date', maxLength: 10 },
    vaccinationCheckedBy: { type: 'string', maxLength: 40 },
  },
  required: [...baseRequired, 'kind', 'name', 'pinyin', 'initials', 'gender', 'birthDate'],
  additionalProperties: false,
  indexes: ['name', 'updatedAt'],
  /**
   * Encrypted at rest in the desk's store: every personal field (PIPL counts every personal field
   * of a child under 14 as sensitive). In clear: the name and its search keys (indexed, searched),
   * `kind` (queried) and `status`, the record's state (docs/SECURITY.md, "What stays in clear").
   */
  encrypted: [
    'gender',
    'birthDate',
    'idNumber',
    'phone',
    'note',
    'cardNo',
    'subsidyCategory',
    'diets',
    'allergies',
    'healthNotes',
    'emergencyContacts',
    'categories',
    'abilityLevel',
    'chronicConditions',
    'visitRisk',
    'childClass',
    'guardians',
    'pickupAdults',
    'vaccinationCheckedOn',
    'vaccinationCheckedBy',
    'leftOn',
    'leftReason',
    'returnedOn',
    'mergedInto',
  ],
} as const;

export type MemberDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof memberSchemaLiteral>;
export type MemberKind = MemberDoc['kind'];
