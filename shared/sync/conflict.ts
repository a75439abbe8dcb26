import { compareHlc } from '../hlc';

interface Versioned {
  updatedAt: string;
  _deleted?: boolean;
}

/**
 * Last-writer-wins by the hybrid-clock `updatedAt`. On an exact tie the district's version
 * (the master) wins, so every desk reaches the same answer whatever the order of syncs.
 */
export function pickLastWriter<T extends Versioned>(master: T, fork: T): { winner: T; loser: T } {
  return compareHlc(fork.updatedAt, master.updatedAt) > 0
    ? { winner: fork, loser: master }
    : { winner: master, loser: fork };
}

/** Two versions are the same edit when their content is equal, ignoring key order. */
export function sameContent(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}
