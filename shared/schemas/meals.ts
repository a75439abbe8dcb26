import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { MEAL_TYPES } from '../rules/dailySettings';
import { SERVING_MODES } from '../rules/meals';
import { DIETS } from './members';
import { baseProperties, baseRequired, fromPaperProperty } from './base';

/**
 * What the meals collection holds, one kind per document (one collection: RxDB's open core allows
 * 13 per process, docs/DESIGN.md):
 *
 * - `menu`: a day's dishes for one meal type. Mutable (last writer wins); should two desks write
 *   the same day's meal offline, the newest `updatedAt` is the menu.
 * - `reservation`: a person booked for a meal on a day, optionally to be delivered.
 * - `serving`: one meal served to one person (an event, shared/rules/meals.ts `MealServing`),
 *   with the person's subsidy category copied at serving time, the warnings the staff confirmed
 *   and, for a delivered meal, who delivered it and when.
 * - `sample`: a food sample kept from one dish (食品留样, `FoodSample`).
 *
 * Every figure (counts, the claim, reminders) is derived from these documents, never stored.
 */
export const MEAL_DOC_KINDS = ['menu', 'reservation', 'serving', 'sample'] as const;
export type MealDocKind = (typeof MEAL_DOC_KINDS)[number];

const dish = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 40 },
    /** Absent: nobody recorded what it contains (an allergic person is warned of that too). */
    allergens: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 20 } },
    suits: { type: 'array', items: { type: 'string', enum: DIETS, maxLength: 20 } },
  },
  required: ['name'],
  additionalProperties: false,
} as const;

export const mealSchemaLiteral = {
  title: 'meals',
  description: 'Menus, reservations, meals served and food samples (助餐)',
  /** 3: `fromPaper`, a meal served entered later from the paper emergency sheet (补录). */
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: MEAL_DOC_KINDS, maxLength: 12 },
    /** The centre's local day the document is about, 'yyyy-MM-dd'. */
    day: { type: 'string', format: 'date', maxLength: 10 },
    mealType: { type: 'string', enum: MEAL_TYPES, maxLength: 10 },

    // menu
    dishes: { type: 'array', maxItems: 20, items: dish },

    // reservation, serving
    memberId: { type: 'string', maxLength: 40 },
    mode: { type: 'string', enum: SERVING_MODES, maxLength: 10 },
    /** A reservation called off. */
    cancelled: { type: 'boolean' },

    // serving
    servedAt: { type: 'string', format: 'date-time', maxLength: 32 },
    servedBy: { type: 'string', maxLength: 40 },
    subsidyCategory: { type: 'string', maxLength: 40 },
    /** The warnings shown and confirmed by `servedBy` before the meal was served. */
    confirmedWarnings: {
      type: 'array',
      maxItems: 40,
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['allergy', 'allergensUnknown', 'diet'], maxLength: 20 },
          dish: { type: 'string', maxLength: 40 },
          /** The allergy or the diet warned of. */
          about: { type: 'string', maxLength: 120 },
        },
        required: ['kind', 'dish', 'about'],
        additionalProperties: false,
      },
    },
    /** A delivered meal handed over at the door: by whom (a name: staff or volunteer) and when. */
    deliveredBy: { type: 'string', minLength: 1, maxLength: 40 },
    deliveredAt: { type: 'string', format: 'date-time', maxLength: 32 },
    deliveryRecordedBy: { type: 'string', maxLength: 40 },
    /** 补录: a serving entered later from the paper emergency sheet. */
    fromPaper: fromPaperProperty,

    // sample
    dish: { type: 'string', minLength: 1, maxLength: 40 },
    grams: { type: 'integer', minimum: 1, maximum: 5000 },
    takenAt: { type: 'string', format: 'date-time', maxLength: 32 },
    /** Who took it: a name (kitchen staff need not have a desk login). */
    takenBy: { type: 'string', minLength: 1, maxLength: 40 },
    discardedAt: { type: 'string', format: 'date-time', maxLength: 32 },
    discardedBy: { type: 'string', minLength: 1, maxLength: 40 },
  },
  required: [...baseRequired, 'kind', 'day', 'mealType'],
  additionalProperties: false,
  indexes: [['day', 'kind'], 'updatedAt'],
  /**
   * Encrypted at rest in the desk's store: the warnings confirmed at serving (a person's allergies
   * and diets) and the person's subsidy category (low income and the like).
   */
  encrypted: ['confirmedWarnings', 'subsidyCategory'],
} as const;

export type MealDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof mealSchemaLiteral>;
