/**
 * A desk whose link goes down: it keeps working, counts what waits to go up, backs off, and
 * catches up by itself when the link returns. RxDB's real client against the real server.
 */
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { checkIn } from '../../renderer/data/attendance';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import {
  cuttableLink,
  deskHarness,
  deskTimersOnTestClock,
  grandma,
  registerSharing,
  settle,
} from '../support/desks';

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('山脚村老幼共托点');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('keeps working with the link down and sends everything once it is back', async () => {
    const link = cuttableLink();
    const desk = await enrolledDesk(centre, { fetch: link.fetch });
    const sync = await desk.connect();
    await settle(sync);
    expect(
      sync.status$.value.mode,
      String(sync.status$.value.error?.code + ': ' + sync.status$.value.error?.message),
    ).toBe('online');

    // From here the desk's timers run on a test clock the test can move on at once.
    const clock = deskTimersOnTestClock();
    const names = ['赵大爷', '钱奶奶', '孙爷爷'];
    try {
      link.cut();
      for (const name of names) {
        const member = await registerSharing(desk.desk, { ...grandma, name });
        await checkIn(desk.desk, member.id);
      }
      await expect.poll(() => sync.status$.value.mode, { timeout: 15_000 }).toBe('offline');
      // Three people, each with their consent to sharing and a visit.
      await expect.poll(() => sync.status$.value.pending, { timeout: 5_000 }).toBe(9);
      expect(sync.status$.value.error?.code).toBe('offline');

      // While down it backs off instead of calling as fast as it can.
      const before = link.calls();
      await vi.advanceTimersByTimeAsync(3000);
      expect(link.calls() - before).toBeLessThan(8);

      link.restore();
      await expect.poll(() => sync.status$.value.pending, { timeout: 45_000 }).toBe(0);
      expect(
        sync.status$.value.mode,
        String(sync.status$.value.error?.code + ': ' + sync.status$.value.error?.message),
      ).toBe('online');
    } finally {
      // The desk stops while its timers still run; then the real ones come back.
      await closeAll();
      await clock.realTimersAgain();
    }
    const onServer = await district.db.query<{ name: string }>(
      `SELECT data->>'name' AS name FROM documents WHERE collection = 'members' AND centre_id = $1 ORDER BY name`,
      [centre],
    );
    expect(onServer.rows.map((r) => r.name).sort()).toEqual([...names].sort());
    const visits = await district.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM documents WHERE collection = 'attendance' AND centre_id = $1`,
      [centre],
    );
    expect(Number(visits.rows[0]!.n)).toBe(3);
  });
});
