/**
 * The synced collections as the server sees them, and the check of a pushed document against its
 * collection's JSON schema (the same schema the desk's RxDB uses).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import {
  boundedSchema,
  COLLECTION_NAMES,
  COLLECTIONS,
  DOCUMENT_BYTE_LIMITS,
} from '../../shared/schemas';
import { stableStringify } from '../../shared/sync/conflict';
import type { DocumentProblem, WireDoc } from '../../shared/sync/protocol';
import { clip } from '../errors';

export type CollectionScope = 'centre' | 'district';

export interface CollectionDef {
  schema: object;
  scope: CollectionScope;
  /** The most bytes of a document's JSON (default DEFAULT_MAX_DOCUMENT_BYTES). */
  maxBytes?: number;
}

export type CollectionRegistry = Readonly<Record<string, CollectionDef>>;

/** The byte limit of a collection that does not set its own. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024;

/**
 * The synced collections: each one's RxDB schema with the size limits of shared/schemas/bounds.ts
 * laid over it, and its byte limit.
 */
export const DEFAULT_COLLECTIONS: CollectionRegistry = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [
    name,
    {
      schema: boundedSchema(name),
      scope: COLLECTIONS[name].scope,
      maxBytes: DOCUMENT_BYTE_LIMITS[name],
    },
  ]),
);

/** Fields of a wire document that are RxDB's bookkeeping, not the document's content. */
const RXDB_FIELDS = ['_deleted', '_meta', '_rev', '_attachments'] as const;

/** A pushed document split into its stored content and its deletion flag. */
export interface CleanDoc {
  id: string;
  data: Record<string, unknown>;
  deleted: boolean;
}

/**
 * The document's content without RxDB's fields, or null when it is not a document at all (or its
 * `_deleted` is there but not true or false: "yes" must not make a live document of a deletion).
 */
export function cleanWireDoc(value: unknown): CleanDoc | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const data: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (data._deleted !== undefined && typeof data._deleted !== 'boolean') return null;
  const deleted = data._deleted === true;
  for (const key of RXDB_FIELDS) delete data[key];
  if (typeof data.id !== 'string' || data.id === '') return null;
  return { id: data.id, data, deleted };
}

/** The content of a version as compared for conflicts and idempotency: fields + deletion flag. */
export function contentOf(data: Record<string, unknown>, deleted: boolean): string {
  return stableStringify({ ...data, _deleted: deleted });
}

export function toWireDoc(data: Record<string, unknown>, deleted: boolean): WireDoc {
  return { ...data, _deleted: deleted } as WireDoc;
}

/** The deepest nesting a document may have (the schemas need 3; audit entries carry documents). */
export const MAX_DOC_DEPTH = 32;

const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | null {
  if (text.includes('\u0000'))
    return 'contains a NUL character (\\u0000), which cannot be stored: remove it';
  if (UNPAIRED_SURROGATE.test(text)) {
    return 'contains a broken character (an unpaired UTF-16 surrogate), which cannot be stored: send well-formed text';
  }
  return null;
}

/**
 * What in a pushed document PostgreSQL's jsonb cannot store, or what is nested too deep to handle,
 * as "<path> <reason>" (the first found), or null. A JSON Schema cannot say any of this: a NUL
 * character, an unpaired surrogate, a number too large for a double, 10,000 nested objects.
 */
export function findUnstorable(value: unknown, at = ''): string | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: at, depth: 0 },
  ];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const path = item.path || '/';
    const v = item.value;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) return `${path} ${problem}`;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path} is a number too large to store`;
    } else if (v !== null && typeof v === 'object') {
      if (item.depth >= MAX_DOC_DEPTH) {
        return `${path} is nested more than ${MAX_DOC_DEPTH} levels deep: send the document as its collection's schema describes it`;
      }
      const entries: Array<[string, unknown]> = Array.isArray(v)
        ? v.map((child, i) => [String(i), child])
        : Object.entries(v);
      for (const [key, child] of entries) {
        const childPath = `${item.path}/${clip(key, 40)}`;
        const keyProblem = textProblem(key);
        if (keyProblem) return `${childPath} (a field name) ${keyProblem}`;
        stack.push({ value: child, path: childPath, depth: item.depth + 1 });
      }
    }
  }
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  return !!m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * An instant as RFC 3339 writes it, that JavaScript and PostgreSQL both read as the same instant:
 * no leap second (JavaScript reads 23:59:60 as no date at all) and an offset of at most 14 hours
 * (the widest any place uses; PostgreSQL refuses one past 15:59, and the district's reports read
 * every instant: one such document would fail them all).
 */
function validDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  if (!(Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60)) return false;
  return m[8] === undefined || (Number(m[8]) <= 14 && Number(m[9]) < 60);
}

/** What a value of each checked format must look like, with an example to copy. */
const FORMAT_HINTS: Record<string, string> = {
  date: 'must be a calendar day written YYYY-MM-DD, such as 2026-10-05',
  'date-time':
    'must be an instant written YYYY-MM-DDTHH:MM:SS with Z or an offset of at most ±14:00 and ' +
    'no leap second, such as 2026-10-05T10:00:00+08:00',
};

function describeError(e: ErrorObject): string {
  const path = clip(e.instancePath || '/', 120);
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    return `${path} must not have the field "${clip(String(params.additionalProperty))}"`;
  }
  if (e.keyword === 'required') {
    return `${path === '/' ? '' : path}/${clip(String(params.missingProperty))} is required`;
  }
  if (e.keyword === 'format' && FORMAT_HINTS[String(params.format)]) {
    return `${path} ${FORMAT_HINTS[String(params.format)]}`;
  }
  if (e.keyword === 'enum') {
    return `${path} ${e.message ?? 'is not allowed'}: ${JSON.stringify(params.allowedValues)}`;
  }
  return `${path} ${e.message ?? 'is not valid'}`;
}

/** Compiles every collection's schema once and checks pushed documents against it. */
export class DocumentValidator {
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(registry: CollectionRegistry) {
    // `strict: false`: RxDB's schema keywords (primaryKey, indexes, version…) are not JSON Schema.
    const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    ajv.addFormat('date', { type: 'string', validate: validDate });
    ajv.addFormat('date-time', { type: 'string', validate: validDateTime });
    for (const [name, def] of Object.entries(registry)) {
      this.validators.set(name, ajv.compile(def.schema));
    }
  }

  /** The reasons this document breaks its schema (empty when it is valid). */
  check(collection: string, doc: CleanDoc): string[] {
    const validate = this.validators.get(collection);
    if (!validate) return [`unknown collection ${collection}`];
    if (validate(doc.data)) return [];
    return (validate.errors ?? []).map(describeError);
  }

  problem(collection: string, id: string, reason: string): DocumentProblem {
    return { collection, id, reason };
  }
}
