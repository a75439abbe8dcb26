/**
 * How large a synced document may be: one definition for the district's check of every pushed
 * document, the desk's check before it sends one, and the desk's forms (docs/API.md, "Document
 * size limits").
 *
 * The limits are kept apart from the RxDB schemas on purpose. RxDB stores a hash of each schema
 * with the desk's data; adding `maxItems` to a schema changes that hash, and an existing desk's
 * store then opens only after a version bump and a migration that rewrites every document of the
 * collection (a year of health checks and audit entries, decrypted and encrypted again, before
 * the desk can be used) and that would have to cut down any stored document over the new limits.
 * So the RxDB schemas stay as they are (hashes.test.ts keeps them so), and
 * `boundedSchema` lays these limits over them for the validators.
 */
import { absenceSchemaLiteral, SYMPTOMS } from './absences';
import { activitySchemaLiteral } from './activities';
import { attendanceSchemaLiteral } from './attendance';
import { auditLogSchemaLiteral } from './auditLog';
import { careSchemaLiteral } from './care';
import { consentSchemaLiteral, CONSENT_SCOPES } from './consents';
import { districtSchemaLiteral } from './district';
import { CHECK_OBSERVATIONS, healthSchemaLiteral } from './health';
import { HEALTH_RECORD_KIND_RULES, healthRecordSchemaLiteral } from './healthRecords';
import type { CollectionName } from './index';
import { mealSchemaLiteral } from './meals';
import { DIETS, ELDER_CATEGORIES, memberSchemaLiteral } from './members';
import { staffSchemaLiteral } from './staff';
import { visitSchemaLiteral } from './visits';

/** JSON Schema keywords laid over a schema, property by property. */
export interface SchemaBounds {
  [keyword: string]: unknown;
  properties?: Record<string, SchemaBounds>;
  items?: SchemaBounds;
}

/** Most pick-up adults of a child (the form offers four). */
export const MAX_PICKUP_ADULTS = 8;
/** Most characters of a pick-up adult's photo, a small JPEG as a data URL. */
export const MAX_PHOTO_CHARS = 60_000;
/** Most allergies, and most chronic conditions, of one person. */
export const MAX_LIST_ITEMS = 20;
/** Most guardians, and most emergency contacts, of one person. */
export const MAX_CONTACTS = 5;

/** A data URL in printable ASCII: one byte a character, so a photo's size is its length. */
const photo = { pattern: '^data:[!-~]*$' };

/** The limits the RxDB schemas leave out: arrays without `maxItems`, photos of any characters. */
const BOUNDS = {
  members: {
    properties: {
      diets: { maxItems: DIETS.length },
      allergies: { maxItems: MAX_LIST_ITEMS },
      emergencyContacts: { maxItems: MAX_CONTACTS },
      categories: { maxItems: ELDER_CATEGORIES.length },
      chronicConditions: { maxItems: MAX_LIST_ITEMS },
      guardians: { maxItems: MAX_CONTACTS },
      pickupAdults: { maxItems: MAX_PICKUP_ADULTS, items: { properties: { photo } } },
    },
  },
  absences: {
    properties: { illness: { properties: { symptoms: { maxItems: SYMPTOMS.length } } } },
  },
  consents: { properties: { scopes: { maxItems: CONSENT_SCOPES.length } } },
  health: {
    properties: {
      observations: { maxItems: CHECK_OBSERVATIONS.length },
      symptoms: { maxItems: SYMPTOMS.length },
    },
  },
  /**
   * The 26 items of GB/T 42195-2022 (shared/rules/assessment.ts); what each kind requires besides
   * the schema's `required` (shared/schemas/healthRecords.ts).
   */
  healthRecords: {
    properties: {
      answers: {
        maxProperties: 26,
        propertyNames: { pattern: '^B\\.[1-4]\\.[0-9]{1,2}$', maxLength: 6 },
      },
    },
    allOf: HEALTH_RECORD_KIND_RULES,
  },
  meals: {
    properties: { dishes: { items: { properties: { suits: { maxItems: DIETS.length } } } } },
  },
} satisfies Partial<Record<CollectionName, SchemaBounds>>;

const KB = 1024;

/** A person's record with eight photos and every field at its longest is about 510 KB. */
const MEMBER_BYTES = 1024 * KB;

/**
 * The most bytes of a document's JSON (UTF-8, without RxDB's `_deleted`, `_meta`, `_rev`,
 * `_attachments`), per collection. Every document within its schema's limits fits (proved by
 * bounds.test.ts); the audit log's `data` and the district's `settings` are free objects that
 * only this limit bounds. The audit log keeps the losing version of any record, so it holds a
 * whole person's record and its own fields.
 */
export const DOCUMENT_BYTE_LIMITS = {
  members: MEMBER_BYTES,
  attendance: 128 * KB,
  auditLog: MEMBER_BYTES + 64 * KB,
  staff: 16 * KB,
  visits: 128 * KB,
  care: 512 * KB,
  consents: 8 * KB,
  absences: 256 * KB,
  health: 16 * KB,
  district: 64 * KB,
  meals: 128 * KB,
  activities: 512 * KB,
  healthRecords: 512 * KB,
} as const satisfies Record<CollectionName, number>;

/** The largest document of any collection: a push of one document always fits a request. */
export const MAX_DOCUMENT_BYTES = Math.max(...Object.values(DOCUMENT_BYTE_LIMITS));

const SCHEMAS = {
  members: memberSchemaLiteral,
  attendance: attendanceSchemaLiteral,
  auditLog: auditLogSchemaLiteral,
  staff: staffSchemaLiteral,
  visits: visitSchemaLiteral,
  care: careSchemaLiteral,
  consents: consentSchemaLiteral,
  absences: absenceSchemaLiteral,
  health: healthSchemaLiteral,
  district: districtSchemaLiteral,
  meals: mealSchemaLiteral,
  activities: activitySchemaLiteral,
  healthRecords: healthRecordSchemaLiteral,
} as const satisfies Record<CollectionName, object>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `schema` with `bounds` laid over it: objects merged key by key, other values replaced. */
export function withBounds(schema: object, bounds: SchemaBounds): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
  for (const [key, value] of Object.entries(bounds)) {
    const current = out[key];
    out[key] =
      isPlainObject(current) && isPlainObject(value)
        ? withBounds(current, value as SchemaBounds)
        : value;
  }
  return out;
}

/** The collection's RxDB schema with the size limits the district checks. */
export function boundedSchema(collection: CollectionName): Record<string, unknown> {
  const bounds: SchemaBounds = (BOUNDS as Record<string, SchemaBounds>)[collection] ?? {};
  return withBounds(SCHEMAS[collection], bounds);
}

/** RxDB's bookkeeping fields: not part of a document's content, not counted. */
const RXDB_FIELDS = new Set(['_deleted', '_meta', '_rev', '_attachments']);

/** UTF-8 bytes of a string as JSON.stringify writes it, without building the bytes. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The size of a value as JSON, in UTF-8 bytes. */
export function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? '');
}

/** The size of a document's content as JSON, in UTF-8 bytes (RxDB's fields left out). */
export function documentBytes(doc: Record<string, unknown>): number {
  let content: Record<string, unknown> = doc;
  if (Object.keys(doc).some((key) => RXDB_FIELDS.has(key))) {
    content = {};
    for (const [key, value] of Object.entries(doc)) if (!RXDB_FIELDS.has(key)) content[key] = value;
  }
  return jsonBytes(content);
}

/** "1.5 MB", "64 KB", "900 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * KB) return `${Math.round((bytes / 1024 / KB) * 10) / 10} MB`;
  if (bytes >= KB) return `${Math.round((bytes / KB) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/** Why the document is too large for its collection, or null. */
export function documentSizeProblem(
  collection: CollectionName,
  doc: Record<string, unknown>,
): string | null {
  const limit = DOCUMENT_BYTE_LIMITS[collection];
  const bytes = documentBytes(doc);
  if (bytes <= limit) return null;
  return `the document is ${formatBytes(bytes)}; ${collection} documents may be at most ${formatBytes(limit)}: make its longest fields and lists shorter`;
}
