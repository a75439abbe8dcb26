/**
 * Desks and district together: RxDB's real replication client (Dexie storage on fake-indexeddb)
 * against the real district server, on PGlite and on PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { revokeDevice } from '../../server/admin';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { checkIn, checkOut } from '../../renderer/data/attendance';
import type { Desk } from '../../renderer/data/desk';
import { registerMember } from '../../renderer/data/members';
import { adoptCentre } from '../../renderer/data/enrolment';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';
import { simulatedMachine } from '../../renderer/testing/node-desk';

const postgresUrl = inject('postgresUrl');
const kinds = [
  { kind: 'pglite' as const, skip: '' },
  { kind: 'postgres' as const, skip: postgresUrl ? '' : inject('postgresMissingReason') },
];

const grandma = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1949-12-31',
};

for (const { kind, skip } of kinds) {
  if (skip) console.warn(`Skipping desk⇄district replication tests on ${kind}: ${skip}`);

  describe.skipIf(!!skip)(`desk ⇄ district replication on ${kind}`, () => {
    let district: TestDistrict;
    let centreA: string;
    let centreB: string;
    const cleanups: (() => Promise<unknown>)[] = [];

    beforeAll(async () => {
      district = await startTestDistrict({ kind, postgresUrl });
      centreA = await district.createCentre('阳光社区老幼共托中心');
      centreB = await district.createCentre('河畔村日间照料站');
    });
    // RxDB's open core allows 13 open collections per process, across all databases: every test
    // closes its desks, so a test may hold at most four desks of three collections each.
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });
    afterAll(async () => {
      await district.close();
    });

    /** A desk on its own simulated machine, enrolled with the district and syncing. */
    async function enrolledDesk(centreId: string, options: { fetch?: typeof fetch } = {}) {
      const desk = await simulatedMachine().open();
      const { token, deviceId } = await district.enrolDevice(centreId, 'desk');
      await adoptCentre(desk, {
        centreId,
        centreName: centreId,
        deviceId,
        districtUrl: district.url,
      });
      cleanups.push(() => desk.db.close());
      const connect = async () => {
        const sync = await startSync(desk, { baseUrl: district.url, token, ...options });
        cleanups.push(() => sync.stop());
        return sync;
      };
      return { desk, token, deviceId, connect };
    }

    async function settle(...handles: SyncHandle[]) {
      for (let round = 0; round < 2; round++) {
        for (const handle of handles) await handle.awaitInSync();
      }
    }

    async function snapshot(desk: Desk) {
      const members = await desk.db.members.find({ sort: [{ id: 'asc' }] }).exec();
      const visits = await desk.db.attendance.find({ sort: [{ id: 'asc' }] }).exec();
      const strip = ({ _meta, _rev, _attachments, ...rest }: Record<string, unknown>) => (
        void _meta,
        void _rev,
        void _attachments,
        rest
      );
      return {
        members: members.map((d) => strip(d.toJSON(true) as never)),
        visits: visits.map((d) => strip(d.toJSON(true) as never)),
      };
    }

    it('carries what one desk records to a second desk of the same centre, and to no other centre', async () => {
      const first = await enrolledDesk(centreA);
      const member = await registerMember(first.desk, grandma);
      const { visit } = await checkIn(first.desk, member.id);
      await checkOut(first.desk, visit.id);
      const firstSync = await first.connect();
      await firstSync.awaitInSync();
      await expect.poll(() => firstSync.status$.value.pending).toBe(0);
      expect(firstSync.status$.value.mode).toBe('online');

      const serverDocs = await district.db.query<{ id: string; centre_id: string }>(
        'SELECT id, centre_id FROM documents WHERE id = ANY($1)',
        [[member.id, visit.id]],
      );
      expect(serverDocs.rows.map((r) => r.centre_id)).toEqual([centreA, centreA]);

      const second = await enrolledDesk(centreA);
      const secondSync = await second.connect();
      await settle(secondSync);
      expect(await snapshot(second.desk)).toEqual(await snapshot(first.desk));

      const other = await enrolledDesk(centreB);
      const otherSync = await other.connect();
      await settle(otherSync);
      expect(await other.desk.db.members.count().exec()).toBe(0);
      expect(await other.desk.db.attendance.count().exec()).toBe(0);
    });

    it('brings a check-in to a live desk of the same centre within seconds, by the event stream', async () => {
      const first = await enrolledDesk(centreA);
      const second = await enrolledDesk(centreA);
      const [firstSync, secondSync] = [await first.connect(), await second.connect()];
      await settle(firstSync, secondSync);

      const member = await registerMember(first.desk, { ...grandma, name: '陈建国', gender: 'M' });
      await checkIn(first.desk, member.id);
      await expect
        .poll(
          async () =>
            (await second.desk.db.attendance.find({ selector: { memberId: member.id } }).exec())
              .length,
          {
            timeout: 10_000,
          },
        )
        .toBe(1);
    });

    it('gathers every collection into one request per sync round', async () => {
      const paths: string[] = [];
      const counting: typeof fetch = (input, init) => {
        paths.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
        return fetch(input, init);
      };
      const desk = await enrolledDesk(centreA, { fetch: counting });
      for (let i = 0; i < 5; i++) await registerMember(desk.desk, { ...grandma, name: `测试${i}` });
      const sync = await desk.connect();
      await settle(sync);
      const batches = paths.filter((p) => p === '/api/sync/batch').length;
      // Three collections, each pulling and pushing: one request per round, not six.
      expect(batches).toBeGreaterThan(0);
      expect(batches).toBeLessThanOrEqual(3);
      expect(paths.some((p) => /\/api\/sync\/\w+\/(pull|push)$/.test(p))).toBe(false);
    });

    it('resolves an offline edit of the same record last-writer-wins on every desk, keeping the losing edit', async () => {
      const first = await enrolledDesk(centreA);
      const second = await enrolledDesk(centreA);
      const member = await registerMember(first.desk, { ...grandma, name: '刘桂兰' });
      const firstSync = await first.connect();
      const secondSync = await second.connect();
      await settle(firstSync, secondSync);
      await firstSync.stop();
      await secondSync.stop();

      // Both edit offline; the second desk edits later.
      const onFirst = await first.desk.db.members.findOne(member.id).exec();
      await onFirst!.incrementalPatch({ note: '改为低盐饮食', updatedAt: first.desk.clock.tick() });
      await new Promise((r) => setTimeout(r, 5));
      const onSecond = await second.desk.db.members.findOne(member.id).exec();
      await onSecond!.incrementalPatch({ note: '对花生过敏', updatedAt: second.desk.clock.tick() });

      // The later edit syncs first; the earlier one then loses on its own desk.
      const secondAgain = await second.connect();
      await settle(secondAgain);
      const firstAgain = await first.connect();
      await settle(firstAgain, secondAgain, firstAgain);

      const noteOn = async (desk: Desk) => (await desk.db.members.findOne(member.id).exec())?.note;
      expect(await noteOn(first.desk)).toBe('对花生过敏');
      await expect.poll(() => noteOn(second.desk), { timeout: 10_000 }).toBe('对花生过敏');

      const lost = await first.desk.db.auditLog.find({ selector: { subjectId: member.id } }).exec();
      expect(lost).toHaveLength(1);
      expect(lost[0]!.action).toBe('sync.conflictLost');
      expect((lost[0]!.data as { note?: string }).note).toBe('改为低盐饮食');
      // The audit entry syncs too, so a manager on any desk of the centre can see it.
      await expect
        .poll(
          async () =>
            (await second.desk.db.auditLog.find({ selector: { subjectId: member.id } }).exec())
              .length,
          {
            timeout: 10_000,
          },
        )
        .toBe(1);
    });

    it('reports a revoked device, keeps its unsent records, and stops calling the district', async () => {
      let calls = 0;
      const counting: typeof fetch = (input, init) => {
        calls++;
        return fetch(input, init);
      };
      const desk = await enrolledDesk(centreA, { fetch: counting });
      const sync = await desk.connect();
      await settle(sync);
      await revokeDevice(district.db, desk.deviceId);
      await registerMember(desk.desk, { ...grandma, name: '被停用' });
      await expect
        .poll(() => sync.status$.value.error?.code, { timeout: 15_000 })
        .toBe('device_revoked');
      expect(sync.status$.value.mode).toBe('error');
      await expect.poll(() => sync.status$.value.pending).toBe(1);
      const callsAfterRefusal = calls;
      await new Promise((r) => setTimeout(r, 3000));
      expect(calls).toBe(callsAfterRefusal);
      expect(await desk.desk.db.members.count({ selector: { name: '被停用' } }).exec()).toBe(1);
    });
  });
}
