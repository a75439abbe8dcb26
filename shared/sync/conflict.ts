import { compareHlc } from '../hlc';
import { erasedMember, isErasedMember } from '../rules/erasure';

interface Versioned {
  updatedAt: string;
  _deleted?: boolean;
  status?: unknown;
}

/**
 * Last-writer-wins by the hybrid-clock `updatedAt`. On an exact tie the district's version
 * (the master) wins, so every desk reaches the same answer whatever the order of syncs.
 *
 * An erasure is final: an erased person's record wins over any version that is not, however
 * late that edit was made (a desk offline since before the erasure must not bring the person
 * back). The district refuses such an edit the same way (server/sync/service.ts).
 */
export function pickLastWriter<T extends Versioned>(master: T, fork: T): { winner: T; loser: T } {
  const masterErased = isErasedMember(master);
  if (masterErased !== isErasedMember(fork))
    return masterErased ? { winner: master, loser: fork } : { winner: fork, loser: master };
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

/** Who stamped a version: not part of what it says. */
function withoutStamps(doc: Record<string, unknown>): Record<string, unknown> {
  const { updatedAt, updatedBy, _meta, _rev, _attachments, ...rest } = doc;
  void updatedAt;
  void updatedBy;
  void _meta;
  void _rev;
  void _attachments;
  return rest;
}

/**
 * What the audit log keeps of the version that lost a conflict, or null when nothing was lost:
 * the two say the same apart from who stamped them and when (two desks, or a desk and the
 * district, scrubbing the same record for an erasure). Next to an erased person's record, the
 * losing version is kept as a shell too: the erasure removed what it held.
 */
export function conflictCopy(
  winner: Record<string, unknown>,
  loser: Record<string, unknown>,
): Record<string, unknown> | null {
  if (sameContent(withoutStamps(winner), withoutStamps(loser))) return null;
  if (isErasedMember(winner) || isErasedMember(loser)) return erasedMember({ ...loser });
  return { ...loser };
}
