/**
 * Every desk's store keeps each collection's RxDB schema and opens only with the very same one
 * for the same `version` (RxDB error DB6). A change to a schema therefore needs a version bump and
 * a migration strategy in renderer/data/database.ts, or existing desks stop opening. This test
 * holds each schema to the fingerprint of its version: change a schema, and it fails until the
 * version moves on (then record the new fingerprint here).
 */
import { expect, it } from 'vitest';
import { stableStringify } from '../sync/conflict';
import { COLLECTIONS, type CollectionName } from './index';

const SHIPPED: Record<CollectionName, [version: number, fingerprint: string]> = {
  members: [3, 'a4f61533166b8857'],
  attendance: [3, '48c6f83b698a5e0b'],
  auditLog: [4, '775a23db9e6e5985'],
  staff: [3, '8f41f646b690d858'],
  visits: [2, '3adcef59f741c0f2'],
  care: [2, 'e3b84a9b892b5c4f'],
  consents: [2, 'a1fb975d9cc81fec'],
  absences: [2, '6a9ce06b1dfcbe30'],
  health: [4, '369b38893b36d5d3'],
  district: [0, '4238b87f3e2d444c'],
  meals: [3, 'ad1f3081a820f072'],
  activities: [2, '81308da2f0396151'],
  healthRecords: [0, '85f2b63e1bb7b55b'],
};

async function fingerprint(schema: object): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(stableStringify(schema)),
  );
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

it('changes no RxDB schema without a new version, so the stores of existing desks still open', async () => {
  const now = Object.fromEntries(
    await Promise.all(
      Object.entries(COLLECTIONS).map(async ([name, def]) => [
        name,
        [def.schema.version, await fingerprint(def.schema)],
      ]),
    ),
  );
  expect(now).toEqual(SHIPPED);
});
