import type { RxDocument } from 'rxdb';

/**
 * Each stored version of a document as a plain object, made once. RxDB's `toJSON()` copies the
 * document at every call, so each emission of a live query would hand the screens new objects
 * for documents that did not change, and every memoised row would render again: on a busy day,
 * each check-in re-rendered the hundred people already in the building. RxDB replaces a
 * document's data object with every new version and never changes one in place, so the data
 * object is the key.
 */
const made = new WeakMap<object, unknown>();

/**
 * Documents as the plain objects the schemas type. RxDB types `toJSON()` as deep-readonly; the
 * screens and rules take the schema's own types, so the one cast of the whole desk lives here.
 * The same version of a document gives the same object: treat it as read-only.
 */
export function plain<T>(docs: readonly RxDocument<T>[]): T[] {
  return docs.map((doc) => plainDoc(doc));
}

/** One document as the plain object its schema types (see `plain`). */
export function plainDoc<T>(doc: RxDocument<T>): T {
  const version = doc._data as object;
  let value = made.get(version);
  if (value === undefined) {
    value = doc.toJSON();
    made.set(version, value);
  }
  return value as T;
}
