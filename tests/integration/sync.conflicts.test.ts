/**
 * Two desks changing the same record offline: RxDB's real replication client (Dexie storage on
 * fake-indexeddb) against the real district server, on PGlite and on PostgreSQL. The later change
 * wins on every desk and on the district, whichever reaches the district first, and the version
 * that lost is kept as a conflict copy in the audit log, which syncs like any record. A deletion
 * is a change like an edit: a later edit brings the record back, a later deletion removes it.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  allPlans,
  planActivity,
  updateActivity,
  type PlanInput,
} from '../../renderer/data/activities';
import type { Desk } from '../../renderer/data/desk';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import {
  deleteDocument,
  deskHarness,
  grandma,
  registerSharing,
  logInManager,
  manualWall,
  settle,
  snapshot,
  type TestDesk,
} from '../support/desks';

/** A minute: how much later the second of two offline changes is made. */
const LATER = 60_000;

// 2026-11-23 is a Monday.
const crafts: PlanInput = {
  title: '祖孙剪纸',
  category: 'intergenerational',
  room: '多功能室',
  leaderId: 'manager-1',
  capacity: 12,
  enrolled: [],
  start: '09:30',
  end: '10:30',
  recurrence: { kind: 'weekly', weekdays: [1, 3], from: '2026-11-23' },
};
const moved: PlanInput = { ...crafts, room: '二楼活动室' };
const planningDay = new Date('2026-11-20T08:00:00+08:00');

/** The activities on a desk's timetable, as the manager sees them. */
async function timetable(desk: Desk) {
  return (await allPlans(desk)).map((p) => ({ id: p.id, title: p.title, room: p.room }));
}

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
  });
  // Each test has a centre of its own, so one test's records and conflict copies stay its own.
  beforeEach(async () => {
    centre = await district.createCentre('阳光社区老幼共托中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  describe('members', () => {
    it('resolves an offline edit of the same record last-writer-wins on every desk, keeping the losing edit', async () => {
      const wall = manualWall();
      const first = await enrolledDesk(centre, { now: wall.now });
      const second = await enrolledDesk(centre, { now: wall.now });
      const member = await registerSharing(first.desk, { ...grandma, name: '刘桂兰' });
      const firstSync = await first.connect();
      const secondSync = await second.connect();
      await settle(firstSync, secondSync);
      await expect.poll(() => second.collection('members').count().exec()).toBe(1);
      await firstSync.stop();
      await secondSync.stop();

      // Both edit offline; the second desk edits a minute later.
      const onFirst = await first.desk.db.members.findOne(member.id).exec();
      await onFirst!.incrementalPatch({ note: '改为低盐饮食', updatedAt: first.desk.clock.tick() });
      wall.advance(LATER);
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
      const wall = manualWall();
      const first = await enrolledDesk(centre, { now: wall.now });
      const second = await enrolledDesk(centre, { now: wall.now });
      const member = await registerSharing(first.desk, { ...grandma, name: '周玉珍' });
      const [firstSync, secondSync] = [await first.connect(), await second.connect()];
      await settle(firstSync, secondSync);
      await expect.poll(() => second.collection('members').count().exec()).toBe(1);
      await firstSync.stop();
      await secondSync.stop();

      const onFirst = await first.desk.db.members.findOne(member.id).exec();
      await onFirst!.incrementalPatch({ note: '早一些的修改', updatedAt: first.desk.clock.tick() });
      wall.advance(LATER);
      const onSecond = await second.desk.db.members.findOne(member.id).exec();
      await onSecond!.incrementalPatch({
        note: '晚一些的修改',
        updatedAt: second.desk.clock.tick(),
      });

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
      const lost = await second.desk.db.auditLog
        .find({ selector: { subjectId: member.id } })
        .exec();
      expect(lost.map((entry) => (entry.data as { note?: string }).note)).toEqual(['早一些的修改']);
    });
  });

  describe('an activity deleted on one desk and changed on another', () => {
    type PlanDesk = TestDesk<'activities'>;

    /** Two desks of the centre with the same activity on their timetable, then both offline. */
    async function twoDesksWithAPlan() {
      const wall = manualWall();
      const options = { collections: ['activities'] as const, now: wall.now };
      const first = await enrolledDesk(centre, options);
      const second = await enrolledDesk(centre, options);
      logInManager(first.desk);
      logInManager(second.desk);
      const { plan } = await planActivity(first.desk, crafts, planningDay);
      const [firstSync, secondSync] = [await first.connect(), await second.connect()];
      await settle(firstSync, secondSync);
      const before = [{ id: plan.id, title: '祖孙剪纸', room: '多功能室' }];
      await expect.poll(() => timetable(second.desk), { timeout: 10_000 }).toEqual(before);
      await firstSync.stop();
      await secondSync.stop();
      return { first, second, planId: plan.id, wall };
    }

    /** The activity's version on a desk, deleted or not (queries leave deletions out). */
    async function versionOn(desk: PlanDesk, id: string) {
      const [doc] = await desk
        .collection('activities')
        .storageInstance.findDocumentsById([id], true);
      return { deleted: doc!._deleted, room: doc!.room, updatedAt: doc!.updatedAt };
    }

    async function onDistrict(id: string) {
      const { rows } = await district.db.query<{ deleted: boolean; room: string; at: string }>(
        `SELECT deleted, data->>'room' AS room, data->>'updatedAt' AS at
           FROM documents WHERE collection = 'activities' AND id = $1`,
        [id],
      );
      return rows;
    }

    /** The conflict copies of a record kept on a desk: the versions that lost, as they were. */
    async function copiesOn(desk: PlanDesk, id: string) {
      const entries = await desk
        .collection('auditLog')
        .find({ selector: { subjectId: id } })
        .exec();
      return entries.map((e) => ({
        action: e.action,
        subjectCollection: e.subjectCollection,
        winnerUpdatedAt: e.winnerUpdatedAt,
        lost: e.data as { _deleted?: boolean; room?: string; updatedAt?: string },
      }));
    }

    /** The same copies as the district keeps them (the audit log syncs like any record). */
    async function copiesOnDistrict(id: string) {
      const { rows } = await district.db.query<{ data: { winnerUpdatedAt: string } }>(
        `SELECT data FROM documents
          WHERE collection = 'auditLog' AND centre_id = $1 AND data->>'subjectId' = $2`,
        [centre, id],
      );
      return rows.map((r) => r.data.winnerUpdatedAt);
    }

    /** `up` syncs alone first, then `after` joins; both run until neither has anything to send. */
    async function syncInTurn(up: PlanDesk, after: PlanDesk) {
      const upSync = await up.connect();
      await settle(upSync);
      const afterSync = await after.connect();
      await settle(afterSync, upSync, afterSync, upSync);
    }

    for (const firstUp of ['deleting', 'editing'] as const) {
      it(`brings the activity back with an edit made after its deletion (the ${firstUp} desk syncs first)`, async () => {
        const { first, second, planId, wall } = await twoDesksWithAPlan();
        await deleteDocument(first.desk, 'activities', planId);
        const deletion = await versionOn(first, planId);
        wall.advance(LATER);
        await updateActivity(second.desk, planId, moved, planningDay);
        const edit = await versionOn(second, planId);
        expect(deletion.deleted).toBe(true);

        await (firstUp === 'deleting' ? syncInTurn(first, second) : syncInTurn(second, first));

        // The edit is later: both desks show the activity again, as edited; so does the district.
        const shown = [{ id: planId, title: '祖孙剪纸', room: '二楼活动室' }];
        await expect.poll(() => timetable(first.desk), { timeout: 10_000 }).toEqual(shown);
        expect(await timetable(second.desk)).toEqual(shown);
        expect(await onDistrict(planId)).toEqual([
          { deleted: false, room: '二楼活动室', at: edit.updatedAt },
        ]);
        // The deletion is not lost: one conflict copy of it, on both desks and the district.
        const copy = {
          action: 'sync.conflictLost',
          subjectCollection: 'activities',
          winnerUpdatedAt: edit.updatedAt,
          lost: expect.objectContaining({ _deleted: true, updatedAt: deletion.updatedAt }),
        };
        for (const desk of [first, second])
          await expect.poll(() => copiesOn(desk, planId), { timeout: 10_000 }).toEqual([copy]);
        await expect.poll(() => copiesOnDistrict(planId)).toEqual([edit.updatedAt]);
      });

      it(`removes the activity edited before its deletion (the ${firstUp} desk syncs first)`, async () => {
        const { first, second, planId, wall } = await twoDesksWithAPlan();
        await updateActivity(first.desk, planId, moved, planningDay);
        const edit = await versionOn(first, planId);
        wall.advance(LATER);
        await deleteDocument(second.desk, 'activities', planId);
        const deletion = await versionOn(second, planId);

        await (firstUp === 'deleting' ? syncInTurn(second, first) : syncInTurn(first, second));

        // The deletion is later: the activity is gone from both timetables and the district.
        await expect.poll(() => timetable(first.desk), { timeout: 10_000 }).toEqual([]);
        expect(await timetable(second.desk)).toEqual([]);
        expect(await versionOn(first, planId)).toEqual(deletion);
        expect(await onDistrict(planId)).toEqual([
          { deleted: true, room: '多功能室', at: deletion.updatedAt },
        ]);
        // The edit it overrode is kept as the conflict copy, on both desks and the district.
        const copy = {
          action: 'sync.conflictLost',
          subjectCollection: 'activities',
          winnerUpdatedAt: deletion.updatedAt,
          lost: expect.objectContaining({
            _deleted: false,
            room: '二楼活动室',
            updatedAt: edit.updatedAt,
          }),
        };
        for (const desk of [first, second])
          await expect.poll(() => copiesOn(desk, planId), { timeout: 10_000 }).toEqual([copy]);
        await expect.poll(() => copiesOnDistrict(planId)).toEqual([deletion.updatedAt]);
      });
    }

    it('keeps an activity deleted on both desks deleted everywhere', async () => {
      const { first, second, planId, wall } = await twoDesksWithAPlan();
      await deleteDocument(first.desk, 'activities', planId);
      const earlier = await versionOn(first, planId);
      wall.advance(LATER);
      await deleteDocument(second.desk, 'activities', planId);
      const later = await versionOn(second, planId);

      await syncInTurn(first, second);

      // Nothing comes back: the later deletion stands on both desks and the district.
      expect(await timetable(first.desk)).toEqual([]);
      expect(await timetable(second.desk)).toEqual([]);
      await expect.poll(() => versionOn(first, planId), { timeout: 10_000 }).toEqual(later);
      expect(await onDistrict(planId)).toEqual([
        { deleted: true, room: '多功能室', at: later.updatedAt },
      ]);
      // The earlier deletion lost, but it said what the later one says: nothing was lost, so no
      // conflict copy is kept (shared/sync/conflict.ts conflictCopy), on either desk or the district.
      expect(earlier.updatedAt).not.toBe(later.updatedAt);
      for (const desk of [first, second]) expect(await copiesOn(desk, planId)).toEqual([]);
      expect(await copiesOnDistrict(planId)).toEqual([]);
    });
  });
});
