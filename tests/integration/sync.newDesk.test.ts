/**
 * A new desk (a replacement PC, a reinstall, a centre's second desk) set up while people are in:
 * its first pull brings who is in and today's visits ahead of the years of history
 * (PullRequest.presentFirst, issue 18 part 1), so it checks nobody in twice while the history is
 * still arriving, and it ends up holding exactly what the other desk holds, nothing twice.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { checkIn } from '../../renderer/data/attendance';
import type { AttendanceDoc, MemberDoc } from '../../shared/schemas';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { deskHarness, grandma, registerSharing, settle, snapshot } from '../support/desks';
import { newId } from '../../shared/ids';

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('阳光社区老幼共托中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('knows who is in from its first batch, while the history is still arriving', async () => {
    // The centre's desk: eight people, 150 days of their visits (1,200, all checked out), and
    // this morning four of them checked in: the newest documents of the district.
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

    // The new desk's link holds every pull of attendance past its first batch until released.
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
      expect(stored).toBeLessThanOrEqual(300);
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
