/**
 * Desks of one centre sharing their records through the district: RxDB's real replication client (Dexie storage on fake-indexeddb) against the real district
 * server, on PGlite and on PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { revokeDevice } from '../../server/admin';
import { checkIn, checkOut } from '../../renderer/data/attendance';
import { newId } from '../../shared/ids';
import { PULL_BATCH } from '../../renderer/sync/replication';
import type { AttendanceDoc, MemberDoc } from '../../shared/schemas';
import { registerMember } from '../../renderer/data/members';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import {
  deskHarness,
  deskTimersOnTestClock,
  grandma,
  registerSharing,
  settle,
  snapshot,
} from '../support/desks';

forEachBackend((backend) => {
  let district: TestDistrict;
  let centreA: string;
  let centreB: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centreA = await district.createCentre('阳光社区老幼共托中心');
    centreB = await district.createCentre('河畔村日间照料站');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('carries what one desk records to a second desk of the same centre, and to no other centre', async () => {
    const first = await enrolledDesk(centreA);
    const member = await registerSharing(first.desk, grandma);
    const { visit } = await checkIn(first.desk, member.id);
    await checkOut(first.desk, visit.id);
    const firstSync = await first.connect();
    await firstSync.awaitInSync();
    await expect.poll(() => firstSync.status$.value.pending).toBe(0);
    expect(
      firstSync.status$.value.mode,
      String(firstSync.status$.value.error?.code + ': ' + firstSync.status$.value.error?.message),
    ).toBe('online');

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

    const member = await registerSharing(first.desk, { ...grandma, name: '陈建国', gender: 'M' });
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
    for (let i = 0; i < 5; i++) await registerSharing(desk.desk, { ...grandma, name: `测试${i}` });
    const sync = await desk.connect();
    await settle(sync);
    const batches = paths.filter((p) => p === '/api/sync/batch').length;
    // Three collections, each pulling and pushing: one request per round, not six.
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThanOrEqual(3);
    expect(paths.some((p) => /\/api\/sync\/\w+\/(pull|push)$/.test(p))).toBe(false);
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
    // From here the desk's timers run on a test clock the test can move on at once.
    const clock = deskTimersOnTestClock();
    try {
      await revokeDevice(district.db, desk.deviceId);
      await registerMember(desk.desk, { ...grandma, name: '被停用' });
      await expect
        .poll(() => sync.status$.value.error?.code, { timeout: 15_000 })
        .toBe('device_revoked');
      expect(sync.status$.value.mode).toBe('error');
      await expect.poll(() => sync.status$.value.pending).toBe(1);
      const callsAfterRefusal = calls;
      // A minute on the desk's clock: every retry and reconnect it had planned comes due.
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toBe(callsAfterRefusal);
      expect(await desk.desk.db.members.count({ selector: { name: '被停用' } }).exec()).toBe(1);
    } finally {
      // The desk stops while its timers still run; then the real ones come back.
      await closeAll();
      await clock.realTimersAgain();
    }
  });

  it('counts only its own unsent records, never the records it pulled from another desk', async () => {
    const centre = await district.createCentre('北岭村老幼站');
    const first = await enrolledDesk(centre);
    const people = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        registerMember(first.desk, { ...grandma, name: `长者${i}` }),
      ),
    );
    for (const person of people) await checkIn(first.desk, person.id);
    const firstSync = await first.connect();
    await settle(firstSync);

    let online = true;
    const switchable: typeof fetch = (input, init) =>
      online ? fetch(input, init) : Promise.reject(new TypeError('network down'));
    const second = await enrolledDesk(centre, { fetch: switchable });
    const secondSync = await second.connect();
    await settle(secondSync);
    expect(await second.desk.db.attendance.count().exec()).toBe(40);
    await expect.poll(() => secondSync.status$.value.pending).toBe(0);

    online = false;
    const mine = await registerMember(second.desk, { ...grandma, name: '本机登记' });
    await checkIn(second.desk, mine.id);
    await checkOut(second.desk, (await checkIn(second.desk, people[0]!.id)).visit.id);
    // Three of its own: a member, their visit, and the first desk's visit it checked out.
    await expect.poll(() => secondSync.status$.value.pending, { timeout: 5_000 }).toBe(3);

    online = true;
    await expect.poll(() => secondSync.status$.value.pending, { timeout: 30_000 }).toBe(0);
    const server = await district.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM documents WHERE collection = 'attendance' AND centre_id = $1`,
      [centre],
    );
    expect(Number(server.rows[0]!.n)).toBe(41);
  });

  // A new desk (a replacement PC, a reinstall) set up while people are in: its first pull brings
  // who is in and today's visits ahead of the years of history (PullRequest.presentFirst, issue
  // 18 part 1), so it checks nobody in twice while the history arrives, and it ends up holding
  // exactly what the other desk holds, nothing twice.
  it('knows who is in from its first batch, while the history is still arriving', async () => {
    // The centre's desk: eight people, 150 days of their visits (1,200, all checked out), and
    // this morning four of them checked in: the newest documents of the district.
    const centre = await district.createCentre('东坡社区老幼共托中心');
    const first = await enrolledDesk(centre);
    const people: MemberDoc[] = [];
    for (let i = 0; i < 8; i++)
      people.push(await registerSharing(first.desk, { ...grandma, name: `历史${i}号` }));
    const history: AttendanceDoc[] = people.flatMap((m) =>
      Array.from({ length: 150 }, (_, d) => {
        const day = new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
        return {
          id: newId(),
          centreId: centre,
          createdAt: `${day}T01:00:00.000Z`,
          updatedAt: first.desk.clock.tick(),
          updatedBy: first.desk.actor(),
          memberId: m.id,
          day,
          status: 'out' as const,
          checkInAt: `${day}T01:00:00.000Z`,
          checkOutAt: `${day}T08:00:00.000Z`,
        };
      }),
    );
    await first.desk.db.attendance.bulkInsert(history);
    const inNow: AttendanceDoc[] = [];
    for (const m of people.slice(0, 4)) {
      const result = await checkIn(first.desk, m.id);
      inNow.push(result.visit);
    }
    const firstSync = await first.connect();
    await settle(firstSync);
    const total = history.length + inNow.length;

    // The new desk's link holds every pull of attendance past its first batch until released
    // (the one asked ahead too).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = 0;
    const holding: typeof fetch = async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
      const seq = (body as { pulls?: { attendance?: { checkpoint?: { seq?: number } } } } | null)
        ?.pulls?.attendance?.checkpoint?.seq;
      if (typeof seq === 'number' && seq > 0) {
        held++;
        await released;
      }
      return fetch(input, init);
    };
    const second = await enrolledDesk(centre, { fetch: holding });
    const secondSync = await second.connect();
    const ids = inNow.map((v) => v.id);
    try {
      await expect
        .poll(async () => (await second.desk.db.attendance.findByIds(ids).exec()).size, {
          timeout: 15_000,
        })
        .toBe(inNow.length);
      await expect.poll(() => held, { timeout: 10_000 }).toBeGreaterThan(0);
      const stored = await second.desk.db.attendance.count().exec();
      expect(stored).toBeLessThanOrEqual(PULL_BATCH);
      expect(await second.desk.db.members.count().exec()).toBe(people.length);
      // A card scanned again at the new desk: already in, not a second visit.
      const again = await checkIn(second.desk, people[0]!.id);
      expect(again.kind).toBe('alreadyIn');
      expect(again.visit.id).toBe(inNow[0]!.id);
    } finally {
      // Released on failure too, or the held pull would keep the sync from stopping.
      release();
    }
    await settle(secondSync);
    expect(await second.desk.db.attendance.count().exec()).toBe(total);
    expect(await snapshot(second.desk)).toEqual(await snapshot(first.desk));
  });
});
