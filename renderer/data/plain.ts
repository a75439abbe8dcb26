import type { RxDocument } from 'rxdb';

/**
 * Documents as the plain objects the schemas type. RxDB types `toJSON()` as deep-readonly; the
 * screens and rules take the schema's own types, so the one cast of the whole desk lives here.
 */
export function plain<T>(docs: readonly RxDocument<T>[]): T[] {
  return docs.map((doc) => doc.toJSON() as T);
}

/** One document as the plain object its schema types (see `plain`). */
export function plainDoc<T>(doc: RxDocument<T>): T {
  return doc.toJSON() as T;
}
