/**
 * Several simulated desks against one real district: each desk is RxDB with the Dexie storage on
 * its own fake IndexedDB, replicating with RxDB's real client through the desk's sync code.
 *
 * RxDB's open core allows 13 open collections per process across all databases, so tests close
 * their desks after each test (`closeAll`), a test holds at most three desks, and each desk opens
 * only the collections these tests use (the desk itself opens them all).
 */
import { createHash } from 'node:crypto';
import { adoptCentre } from '../../renderer/data/enrolment';
import type { Desk } from '../../renderer/data/desk';
import { registerMember } from '../../renderer/data/members';
import { ownConsent } from '../../renderer/testing/consents';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';
import { simulatedMachine } from '../../renderer/testing/node-desk';
import type { Queryable } from '../../server/db/db';
import type { TestDistrict } from '../../server/testing/harness';
import type { CollectionName } from '../../shared/schemas';
import { stableStringify } from '../../shared/sync/conflict';

export const grandma = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1949-12-31',
};

/**
 * Members, their consents, visits and the audit log: four collections a desk, so three desks fit
 * in a process.
 */
export const SYNC_TEST_COLLECTIONS = ['members', 'consents', 'attendance', 'auditLog'] as const;

/**
 * Registers an elder who consented to sharing their data with the district, so the centre's other
 * desks receive it in full through the district (docs/DOMAIN.md "Privacy and safety").
 */
export function registerSharing(desk: Desk, member: Parameters<typeof registerMember>[1]) {
  return registerMember(desk, member, new Date(), {}, ownConsent('districtSharing'));
}

export interface TestDesk {
  desk: Desk;
  token: string;
  deviceId: string;
  connect(): Promise<SyncHandle>;
}

export function deskHarness(district: () => TestDistrict) {
  const cleanups: (() => Promise<unknown>)[] = [];

  /** A desk on its own simulated machine, enrolled with the district; `connect()` starts syncing. */
  async function enrolledDesk(
    centreId: string,
    options: {
      fetch?: typeof fetch;
      timeoutMs?: number;
      now?: () => number;
      collections?: readonly CollectionName[];
    } = {},
  ): Promise<TestDesk> {
    const { now, collections = SYNC_TEST_COLLECTIONS, ...syncOptions } = options;
    const desk = await simulatedMachine({ collections }).open(undefined, now);
    const { token, deviceId } = await district().enrolDevice(centreId, 'desk');
    await adoptCentre(desk, {
      centreId,
      centreName: centreId,
      deviceId,
      districtUrl: district().url,
    });
    cleanups.push(() => desk.db.close());
    const connect = async () => {
      const sync = await startSync(desk, { baseUrl: district().url, token, ...syncOptions });
      cleanups.push(() => sync.stop());
      return sync;
    };
    return { desk, token, deviceId, connect };
  }

  return {
    enrolledDesk,
    async closeAll(): Promise<void> {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

/** Waits until every handle has pushed and pulled everything, twice round, so echoes settle. */
export async function settle(...handles: SyncHandle[]): Promise<void> {
  for (let round = 0; round < 2; round++) {
    for (const handle of handles) await handle.awaitInSync();
  }
}

/** A desk's documents without RxDB's bookkeeping, to compare desks with each other. */
export async function snapshot(desk: Desk) {
  const strip = (doc: Record<string, unknown>) => {
    const { _meta, _rev, _attachments, ...rest } = doc;
    void _meta;
    void _rev;
    void _attachments;
    return rest;
  };
  const members = await desk.db.members.find({ sort: [{ id: 'asc' }] }).exec();
  const visits = await desk.db.attendance.find({ sort: [{ id: 'asc' }] }).exec();
  return {
    members: members.map((d) => strip(d.toJSON(true) as Record<string, unknown>)),
    visits: visits.map((d) => strip(d.toJSON(true) as Record<string, unknown>)),
  };
}

/** A fetch that can cut the link: while down, every call fails as a dead line does. */
export function cuttableLink() {
  let down = false;
  let calls = 0;
  const linkFetch: typeof fetch = (input, init) => {
    calls++;
    if (down) return Promise.reject(new TypeError('fetch failed: link down'));
    return fetch(input, init);
  };
  return {
    fetch: linkFetch,
    cut: () => (down = true),
    restore: () => (down = false),
    calls: () => calls,
  };
}

const contentHash = (doc: Record<string, unknown>, deleted: boolean) =>
  createHash('sha256')
    .update(stableStringify({ ...doc, _deleted: deleted }))
    .digest('hex');

/** Every document of the desk, as `collection/id → content hash` (the district's own hash rule). */
export async function deskHashes(desk: Desk): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const name of SYNC_TEST_COLLECTIONS) {
    for (const doc of await desk.db.collections[name].find().exec()) {
      const { _meta, _rev, _attachments, _deleted, ...data } = doc.toJSON(true) as Record<
        string,
        unknown
      >;
      void _meta;
      void _rev;
      void _attachments;
      out.set(`${name}/${doc.primary}`, contentHash(data, _deleted === true));
    }
  }
  return out;
}

/** Every document the district holds for a centre, as `collection/id → content hash`. */
export async function districtHashes(
  db: Queryable,
  centreId: string,
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ collection: string; id: string; content_hash: string }>(
    'SELECT collection, id, content_hash FROM documents WHERE centre_id = $1',
    [centreId],
  );
  return new Map(rows.map((r) => [`${r.collection}/${r.id}`, r.content_hash]));
}
