/**
 * Two desks editing the same record offline: RxDB's real replication client (Dexie storage on fake-indexeddb) against the real district
 * server, on PGlite and on PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Desk } from '../../renderer/data/desk';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { deskHarness, grandma, registerSharing, settle, snapshot } from '../support/desks';

forEachBackend((backend) => {
  let district: TestDistrict;
  let centreA: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centreA = await district.createCentre('阳光社区老幼共托中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('resolves an offline edit of the same record last-writer-wins on every desk, keeping the losing edit', async () => {
    const first = await enrolledDesk(centreA);
    const second = await enrolledDesk(centreA);
    const member = await registerSharing(first.desk, { ...grandma, name: '刘桂兰' });
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
    await settle(firstAgain, secondAgain);
    expect(await snapshot(second.desk)).toEqual(await snapshot(first.desk));

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
  it('reaches the same answer when the earlier edit reaches the district first', async () => {
    const first = await enrolledDesk(centreA);
    const second = await enrolledDesk(centreA);
    const member = await registerSharing(first.desk, { ...grandma, name: '周玉珍' });
    const [firstSync, secondSync] = [await first.connect(), await second.connect()];
    await settle(firstSync, secondSync);
    await firstSync.stop();
    await secondSync.stop();

    const onFirst = await first.desk.db.members.findOne(member.id).exec();
    await onFirst!.incrementalPatch({ note: '早一些的修改', updatedAt: first.desk.clock.tick() });
    await new Promise((r) => setTimeout(r, 5));
    const onSecond = await second.desk.db.members.findOne(member.id).exec();
    await onSecond!.incrementalPatch({ note: '晚一些的修改', updatedAt: second.desk.clock.tick() });

    // The earlier edit goes up first and is accepted; the later one then wins over it.
    const firstAgain = await first.connect();
    await settle(firstAgain);
    const secondAgain = await second.connect();
    await settle(secondAgain, firstAgain, secondAgain, firstAgain);

    const noteOn = async (desk: Desk) => (await desk.db.members.findOne(member.id).exec())?.note;
    expect(await noteOn(second.desk)).toBe('晚一些的修改');
    await expect.poll(() => noteOn(first.desk), { timeout: 10_000 }).toBe('晚一些的修改');
    const onServer = await district.db.query<{ note: string }>(
      `SELECT data->>'note' AS note FROM documents WHERE id = $1`,
      [member.id],
    );
    expect(onServer.rows).toEqual([{ note: '晚一些的修改' }]);
    // The overwritten edit is kept: here the desk that won records the version it replaced.
    const lost = await second.desk.db.auditLog.find({ selector: { subjectId: member.id } }).exec();
    expect(lost.map((entry) => (entry.data as { note?: string }).note)).toEqual(['早一些的修改']);
  });
});
