/**
 * The synced collections as the server sees them, and the check of a pushed document against its
 * collection's JSON schema (the same schema the desk's RxDB uses).
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { COLLECTIONS } from '../../shared/schemas';
import type { DocumentProblem, WireDoc } from '../../shared/sync/protocol';

export type CollectionScope = 'centre' | 'district';

export interface CollectionDef {
  schema: object;
  scope: CollectionScope;
}

export type CollectionRegistry = Readonly<Record<string, CollectionDef>>;

export const DEFAULT_COLLECTIONS: CollectionRegistry = COLLECTIONS;

/** Fields of a wire document that are RxDB's bookkeeping, not the document's content. */
const RXDB_FIELDS = ['_deleted', '_meta', '_rev', '_attachments'] as const;

/** A pushed document split into its stored content and its deletion flag. */
export interface CleanDoc {
  id: string;
  data: Record<string, unknown>;
  deleted: boolean;
}

/** The document's content without RxDB's fields, or null when it is not a document at all. */
export function cleanWireDoc(value: unknown): CleanDoc | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const data: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const deleted = data._deleted === true;
  for (const key of RXDB_FIELDS) delete data[key];
  if (typeof data.id !== 'string' || data.id === '') return null;
  return { id: data.id, data, deleted };
}

export function toWireDoc(data: Record<string, unknown>, deleted: boolean): WireDoc {
  return { ...data, _deleted: deleted } as WireDoc;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function validDate(value: string): boolean {
  const m = DATE.exec(value);
  return !!m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 61;
}

function describeError(e: ErrorObject): string {
  const path = e.instancePath || '/';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') {
    return `${path} must not have the field "${String(params.additionalProperty)}"`;
  }
  if (e.keyword === 'required') {
    return `${path === '/' ? '' : path}/${String(params.missingProperty)} is required`;
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
