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
  'abilityAssessor', // 老年人能力评估师 (GB/T 42195-2022 assessments)
] as const;

/**
 * Staff of the centre. A staff document carries no PIN verifier: PIN hashes stay on the desk where
 * a manager set them (renderer/data/staff.ts). Every version is signed by a manager of the centre
 * (`grant`), checked by the district on push and by each desk on pull (shared/staffAuthority.ts).
 * Version 1 dropped `pin` and added `managerKey` and `grant` (renderer/data/staffMigration.ts);
 * version 2 sealed every personal field with AES-GCM (renderer/data/fieldEncryption.ts); version 3
 * added the assessor certificate (`abilityAssessor`) to the certificate kinds.
 */
export const staffSchemaLiteral = {
  title: 'staff',
  description: 'A staff member of the centre, with role and certificates, signed by a manager',
  version: 3,
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
    /**
     * A manager's ECDSA P-256 signing key: the public key (raw point, hex), and the private key
     * (PKCS #8) encrypted with AES-GCM under a key derived from the manager's password (PBKDF2).
     */
    managerKey: {
      type: 'object',
      properties: {
        publicKey: { type: 'string', pattern: '^04[0-9a-f]{128}$', maxLength: 130 },
        iterations: { type: 'integer', minimum: 100000, maximum: 10000000 },
        salt: { type: 'string', pattern: '^[0-9a-f]{32}$', maxLength: 32 },
        iv: { type: 'string', pattern: '^[0-9a-f]{24}$', maxLength: 24 },
        wrapped: { type: 'string', pattern: '^[0-9a-f]+$', maxLength: 512 },
      },
      required: ['publicKey', 'iterations', 'salt', 'iv', 'wrapped'],
      additionalProperties: false,
    },
    /** Which manager signed this version, and the signature (ECDSA P-256, SHA-256, hex). */
    grant: {
      type: 'object',
      properties: {
        by: { type: 'string', minLength: 1, maxLength: 40 },
        signature: { type: 'string', pattern: '^[0-9a-f]{128}$', maxLength: 128 },
      },
      required: ['by', 'signature'],
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
   * Encrypted at rest in the desk's store: the phone and the certificates' numbers. PIN hashes are
   * not in the record at all (local documents of the desk that set them, renderer/data/pinVerifier.ts).
   */
  encrypted: ['phone', 'certificates'],
} as const;

export type StaffDoc = ExtractDocumentTypeFromTypedRxJsonSchema<typeof staffSchemaLiteral>;
export type StaffCertificate = NonNullable<StaffDoc['certificates']>[number];
