import { describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES } from '../sync/protocol';
import {
  boundedSchema,
  COLLECTION_NAMES,
  COLLECTIONS,
  DOCUMENT_BYTE_LIMITS,
  documentBytes,
  documentSizeProblem,
  MAX_DOCUMENT_BYTES,
  withBounds,
} from './index';

type Schema = Record<string, unknown> & {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  maxItems?: number;
  maxLength?: number;
};

/** Objects with no fixed shape; only the collection's byte limit bounds them. */
const FREE_OBJECTS = ['auditLog/data', 'district/settings'];

/**
 * The most bytes a value valid under `schema` can take as JSON: every optional field present,
 * every list full, every character of free text a 6-byte escape (`\u0001`); patterns and formats
 * allow printable ASCII only. Unbounded parts are listed in `open`.
 */
function worstBytes(schema: Schema, path: string, open: string[]): number {
  if (schema.enum) return Math.max(...schema.enum.map((e) => JSON.stringify(e).length));
  switch (schema.type) {
    case 'object': {
      // A map with a bounded number of bounded keys (an assessment's answers by item id).
      const names = schema.propertyNames as Schema | undefined;
      const values = schema.additionalProperties as Schema | boolean | undefined;
      if (
        !schema.properties &&
        typeof schema.maxProperties === 'number' &&
        names?.maxLength !== undefined &&
        typeof values === 'object'
      )
        return (
          2 +
          schema.maxProperties * (2 + names.maxLength + 2 + worstBytes(values, `${path}/*`, open))
        );
      if (!schema.properties || schema.additionalProperties !== false) {
        open.push(path);
        return 0;
      }
      let bytes = 2;
      for (const [key, value] of Object.entries(schema.properties))
        bytes += key.length + 4 + worstBytes(value, `${path}/${key}`, open);
      return bytes;
    }
    case 'array':
      if (schema.maxItems === undefined) {
        open.push(`${path}[]`);
        return 0;
      }
      return 2 + schema.maxItems * (worstBytes(schema.items!, `${path}/*`, open) + 1);
    case 'string':
      if (schema.maxLength === undefined) {
        open.push(path);
        return 0;
      }
      return 2 + (schema.format || schema.pattern ? 1 : 6) * schema.maxLength;
    case 'integer':
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    default:
      open.push(`${path} (${String(schema.type)})`);
      return 0;
  }
}

describe('document size limits', () => {
  it('bounds every list and text of every collection, so each valid document fits its limit', () => {
    for (const name of COLLECTION_NAMES) {
      const open: string[] = [];
      const worst = worstBytes(boundedSchema(name) as Schema, name, open);
      expect(open, `${name}: unbounded parts`).toEqual(
        FREE_OBJECTS.filter((f) => f.startsWith(`${name}/`)),
      );
      // The free objects get what the rest leaves; the audit log's is a whole person's record.
      expect(worst, `${name}: largest valid document`).toBeLessThan(
        DOCUMENT_BYTE_LIMITS[name] * 0.8,
      );
    }
    expect(DOCUMENT_BYTE_LIMITS.auditLog - DOCUMENT_BYTE_LIMITS.members).toBeGreaterThan(
      worstBytes(boundedSchema('auditLog') as Schema, 'auditLog', []),
    );
  });

  it('leaves room to spare in a request: the largest document is under an eighth of the 10 MB body limit', () => {
    expect(MAX_DOCUMENT_BYTES).toBeLessThan((10 * 1024 * 1024) / 8);
    // …and the desk's own request budget, so any document can be pushed alone.
    expect(MAX_DOCUMENT_BYTES).toBeLessThan(MAX_PUSH_BYTES);
  });

  it('adds limits to the RxDB schemas without changing them', () => {
    const before = JSON.stringify(COLLECTIONS.members.schema);
    const bounded = boundedSchema('members') as Schema;
    expect(bounded.properties!.pickupAdults!.maxItems).toBe(8);
    expect(bounded.properties!.pickupAdults!.items!.properties!.name).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 40,
    });
    expect(JSON.stringify(COLLECTIONS.members.schema)).toBe(before);
    expect(withBounds({ a: { b: 1, c: 2 } }, { a: { c: 3 } })).toEqual({ a: { b: 1, c: 3 } });
  });

  it('measures a document as UTF-8 JSON without RxDB fields, and names the limit it breaks', () => {
    expect(documentBytes({ id: 'é', _rev: 'x'.repeat(100), _deleted: false })).toBe(
      new TextEncoder().encode(JSON.stringify({ id: 'é' })).length,
    );
    expect(documentBytes({ name: '张三😀' })).toBe(
      new TextEncoder().encode('{"name":"张三😀"}').length,
    );
    expect(documentSizeProblem('health', { note: 'x'.repeat(100) })).toBeNull();
    expect(documentSizeProblem('auditLog', { data: { text: 'x'.repeat(9 * 1024 * 1024) } })).toBe(
      'the document is 9 MB; auditLog documents may be at most 1.1 MB: make its longest fields and lists shorter',
    );
  });
});
