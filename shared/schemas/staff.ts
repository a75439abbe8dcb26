import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { baseProperties, baseRequired } from './base';
import { CHILD_CLASSES } from './members';

/** What each person at the desk may see and do is decided by the role (shared/roles.ts). */
export const STAFF_ROLES = ['reception', 'caregiver', 'healthWorker', 'manager'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Certificates that must be current to work (持证上岗). */
export const CERTIFICATE_KINDS = [
  'elderCaregiver', // 养老护理员
  'childcareWorker', // 保育员
  'infantCare', // 育婴员
  'healthCertificate', // 健康证
  'firstAid', // 急救
  'other',
] as const;

/** Staff of the centre. Their PIN is only ever stored as a salted PBKDF2 hash. */
export const staffSchemaLiteral = {
  title: 'staff',
  description: 'A staff member of the centre, with role, certificates and PIN hash',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...baseProperties,
    name: { type: 'string', minLength: 1, maxLength: 40 },
    pinyin: { type: 'string', maxLength: 200 },
    initials: { type: 'string', maxLength: 40 },
    role: { type: 'string', enum: STAFF_ROLES, maxLength: 12 },
    phone: { type: 'string', maxLength: 11 },
    /** Staff card number (scanned to sign in at the door). */
    cardNo: { type: 'string', maxLength: 20 },
    /** The class a childcare worker is assigned to, for the staff-to-child ratio. */
    childClass: { type: 'string', enum: CHILD_CLASSES, maxLength: 10 },
    active: { type: 'boolean' },
    pin: {
      type: 'object',
      properties: {
        algorithm: { type: 'string', enum: ['PBKDF2-SHA256'], maxLength: 16 },
        iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
        salt: { type: 'string', maxLength: 64 },
        hash: { type: 'string', maxLength: 128 },
      },
      required: ['algorithm', 'iterations', 'salt', 'hash'],
      additionalProperties: false,
    },
    certificates: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: CERTIFICATE_KINDS, maxLength: 20 },
          number: { type: 'string', maxLength: 40 },
          expiresOn: { type: 'string', format: 'date', maxLength: 10 },
        },
        required: ['kind', 'expiresOn'],
        additionalProperties: false,
      },
    },
    /** Yearly screening of those who work with children, last done on. */
    screeningCheckedOn: { type: 'string', format: 'date', maxLength: 10 },
  },
  required: [...baseRequired, 'name', 'pinyin', 'initials', 'role', 'active'],
  additionalProperties: false,
  indexes: ['updatedAt'],
  /**
   * Encrypted at rest in the desk's store: the phone, the certificates' numbers, and the PIN's
   * hash (a 4–8 digit PIN falls to a guess at every PIN from the hash alone).
   */
  encrypted: ['phone', 'pin', 'certificates'],
} as const;

export type StaffDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof staffSchemaLiteral>;
export type StaffCertificate = NonNullable<StaffDoc['certificates']>[number];
