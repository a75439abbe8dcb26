/**
 * Desks whose clocks are days wrong. Their edits still sync, a desk orders its own edits in the
 * order they were made (even when its clock is put back), an edit made after seeing another
 * desk's wins over it whatever the clocks say, and the desk is told its clock is wrong.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Desk } from '../../renderer/data/desk';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import {
  deskHarness,
  deskHashes,
  districtHashes,
  grandma,
  registerSharing,
  settle,
} from '../support/desks';

const DAY = 24 * 60 * 60_000;

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('时钟测试中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  const note = async (desk: Desk, id: string) => (await desk.db.members.findOne(id).exec())?.note;
  const edit = async (desk: Desk, id: string, text: string) => {
    const doc = await desk.db.members.findOne(id).exec();
    await doc!.incrementalPatch({ note: text, updatedAt: desk.clock.tick() });
  };

  it('syncs a desk three days slow, tells it so, and lets its later edit win', async () => {
    const slow = await enrolledDesk(centre, { now: () => Date.now() - 3 * DAY });
    const right = await enrolledDesk(centre);
    const member = await registerSharing(slow.desk, { ...grandma, name: '钱桂芳' });
    const slowSync = await slow.connect();
    const rightSync = await right.connect();
    await settle(slowSync, rightSync);

    // The district's answers show the slow desk how far off it is (about +3 days).
    expect(slowSync.status$.value.clockOffsetMs).toBeGreaterThan(3 * DAY - 60_000);
    expect(slowSync.status$.value.clockOffsetMs).toBeLessThan(3 * DAY + 60_000);
    expect(Math.abs(rightSync.status$.value.clockOffsetMs!)).toBeLessThan(60_000);

    // The right desk edits; the slow desk, having seen that edit, edits after it. By wall clocks
    // the slow desk's edit is three days older, but it was made later and must win.
    await edit(right.desk, member.id, '午餐改软食');
    await expect.poll(() => note(slow.desk, member.id), { timeout: 10_000 }).toBe('午餐改软食');
    await edit(slow.desk, member.id, '午餐改软食，少盐');
    await settle(slowSync, rightSync, slowSync);
    await expect
      .poll(() => note(right.desk, member.id), { timeout: 10_000 })
      .toBe('午餐改软食，少盐');
    expect(await note(slow.desk, member.id)).toBe('午餐改软食，少盐');

    const onDistrict = await districtHashes(district.db, centre);
    expect(await deskHashes(slow.desk)).toEqual(onDistrict);
    expect(await deskHashes(right.desk)).toEqual(onDistrict);
  });

  it('keeps a desk’s own edits in order when its fast clock is put right between them', async () => {
    let offset = 4 * DAY;
    const desk = await enrolledDesk(centre, { now: () => Date.now() + offset });
    const member = await registerSharing(desk.desk, { ...grandma, name: '孙玉珍' });
    await edit(desk.desk, member.id, '第一次：四天后的时钟');
    const before = desk.desk.clock.current();
    // Somebody sets the computer's clock right; the next edit is still the later one.
    offset = 0;
    await edit(desk.desk, member.id, '第二次：时钟已校正');
    expect(desk.desk.clock.current() > before).toBe(true);

    const sync = await desk.connect();
    await settle(sync);
    await expect.poll(() => sync.status$.value.pending).toBe(0);
    expect(await note(desk.desk, member.id)).toBe('第二次：时钟已校正');
    const { rows } = await district.db.query<{ note: string }>(
      "SELECT data->>'note' AS note FROM documents WHERE collection = 'members' AND id = $1",
      [member.id],
    );
    expect(rows[0]?.note).toBe('第二次：时钟已校正');
  });
});
