import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { VISIT_KINDS } from '../rules/dailySettings';
import { baseProperties, baseRequired } from './base';
import { RISK_LEVELS } from './members';

/**
 * The visit list and the visits made (探访关爱, docs/DOMAIN.md "Daily operations" 5), one collection:
 *
 * - `listing`: an elder on the visit list, with a risk level and the day listed. One document per
 *   elder, its id made from the member's id (`listingId`), so two desks that list the same elder
 *   write the same document and the sync resolves them last-writer-wins (the losing version goes
 *   to the audit log) instead of leaving two listings. A change of risk updates it and appends to
 *   `riskHistory`, so the reason an elder was weekly in March survives; taking an elder off the
 *   list sets `offListOn` rather than deleting.
 * - `visit`: one contact, an event document never edited: a home visit, a phone or video call, a
 *   doctor round or a health-worker visit (shared/rules/visits.ts decides which count), with what
 *   was found and the follow-up date the visitor set.
 */
export const VISIT_DOC_KINDS = ['listing', 'visit'] as const;

/** Free-text findings of a visit (docs/DOMAIN.md: a visit record holds these). */
export const VISIT_FINDINGS = [
  'livingConditions',
  'safetyRisks',
  'familySupport',
  'servicesGiven',
  'followUp',
] as const;
export type VisitFinding = (typeof VISIT_FINDINGS)[number];

const finding = { type: 'string', maxLength: 500 } as const;

export const visitSchemaLiteral = {
  title: 'visits',
  description: 'Elders on the visit list, and each visit or call made to them',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    kind: { type: 'string', enum: VISIT_DOC_KINDS, maxLength: 8 },
    memberId: { type: 'string', maxLength: 40 },

    // Listings.
    risk: { type: 'string', enum: RISK_LEVELS, maxLength: 8 },
    listedOn: { type: 'string', format: 'date', maxLength: 10 },
    /** The day the elder was taken off the list; absent while on it. */
    offListOn: { type: 'string', format: 'date', maxLength: 10 },
    riskHistory: {
      type: 'array',
      maxItems: 200,
      items: {
        type: 'object',
        properties: {
          risk: { type: 'string', enum: RISK_LEVELS, maxLength: 8 },
          from: { type: 'string', format: 'date', maxLength: 10 },
          by: { type: 'string', maxLength: 40 },
        },
        required: ['risk', 'from', 'by'],
        additionalProperties: false,
      },
    },

    // Visits.
    visitKind: { type: 'string', enum: VISIT_KINDS, maxLength: 16 },
    at: { type: 'string', format: 'date-time', maxLength: 32 },
    /** The staff member who visited or called. */
    visitedBy: { type: 'string', maxLength: 40 },
    /** A visitor from outside (the township clinic's doctor), by name. */
    visitorName: { type: 'string', maxLength: 40 },
    /** False when the call went unanswered or nobody was home. */
    reached: { type: 'boolean' },
    livingConditions: finding,
    safetyRisks: finding,
    familySupport: finding,
    servicesGiven: finding,
    followUp: finding,
    /** The follow-up date the visitor set. */
    nextDueOn: { type: 'string', format: 'date', maxLength: 10 },
  },
  required: [...baseRequired, 'kind', 'memberId'],
  additionalProperties: false,
  indexes: ['kind', 'memberId', 'updatedAt'],
  /**
   * Encrypted at rest in the desk's store: what a visit found, and an elder's risk level and its
   * history (how vulnerable the elder is). `kind` and `memberId` stay clear: the desk queries by them.
   */
  encrypted: ['risk', 'riskHistory', ...VISIT_FINDINGS],
} as const;

export type VisitDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof visitSchemaLiteral>;

/** The one listing document of an elder (see above). */
export const listingId = (memberId: string) => `vl-${memberId}`;
