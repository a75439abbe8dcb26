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
  members: [0, '61a8819c93ddd612'],
  attendance: [0, '35fceceb45752a47'],
  auditLog: [1, '9f698efe82558afb'],
  staff: [1, '01e998c4d0a68191'],
  visits: [0, 'aa4582ebe004c4b6'],
  care: [0, '968cb22a0a2732d5'],
  consents: [0, '0d88c9e6d95ff2cc'],
  absences: [0, '473f0def8878aebb'],
  health: [0, '59f07cce41ddaa94'],
  district: [0, '4238b87f3e2d444c'],
  meals: [0, '4f9e2cfa0225832e'],
  activities: [0, '74a22c9b87f830dc'],
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
