import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';

/** What a consent covers (PIPL: sensitive personal information needs separate consent). */
export const CONSENT_SCOPES = [
  'idNumber',
  'health',
  'photo',
  'childData',
  'districtSharing',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** A consent record: who consented, for whom, when, to what. Withdrawn consents are kept. */
export const consentSchemaLiteral = {
  title: 'consents',
  description: 'Consent to process sensitive personal data',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    memberId: { type: 'string', maxLength: 40 },
    givenBy: { type: 'string', minLength: 1, maxLength: 40 },
    /** 'self' for an elder consenting for themselves; 'mother', 'son'… otherwise. */
    relation: { type: 'string', minLength: 1, maxLength: 20 },
    scopes: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', enum: CONSENT_SCOPES, maxLength: 20 },
    },
    givenOn: { type: 'string', format: 'date', maxLength: 10 },
    expiresOn: { type: 'string', format: 'date', maxLength: 10 },
    withdrawnOn: { type: 'string', format: 'date', maxLength: 10 },
    recordedBy: { type: 'string', maxLength: 40 },
  },
  required: [...baseRequired, 'memberId', 'givenBy', 'relation', 'scopes', 'givenOn'],
  additionalProperties: false,
  indexes: ['memberId', 'updatedAt'],
  /** Encrypted at rest in the desk's store: who consented, and how they are related. */
  encrypted: ['givenBy', 'relation'],
} as const;

export type ConsentDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof consentSchemaLiteral>;
