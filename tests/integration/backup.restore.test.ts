/**
 * Restoring a backup on a desk that syncs: real RxDB desks (Dexie on fake IndexedDB) against the
 * real district, on PGlite and on PostgreSQL. An old backup merges in by the hybrid clock: it
 * brings back what the desk lost, and never a record deleted since or an edit older than the
 * district's, on the desk or on the district. A bad file is refused and changes nothing.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkIn } from '../../renderer/data/attendance';
import { makeBackup, restoreFromBytes } from '../../renderer/data/backup';
import type { Desk } from '../../renderer/data/desk';
import { TEST_STORE_KEY } from '../../renderer/testing/node-desk';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { BackupError, derivePassphraseKey, type BackupProblem } from '../../shared/backup';
import {
  deleteDocument,
  deskHarness,
  deskHashes,
  districtHashes as hashesOf,
  grandma,
  registerSharing,
  logInManager,
  settle,
} from '../support/desks';

async function editNote(desk: Desk, id: string, note: string): Promise<void> {
  const doc = await desk.db.members.findOne(id).exec();
  await doc!.incrementalPatch({ note, updatedAt: desk.clock.tick(), updatedBy: desk.actor() });
}

async function memberOn(desk: Desk, id: string) {
  const [doc] = await desk.db.members.storageInstance.findDocumentsById([id], true);
  return doc ? { note: doc.note, deleted: doc._deleted } : null;
}

/**
 * A fresh desk's first sync sometimes stalls for 20–60 s on a loaded machine before it carries on
 * (seen in sync.conflicts.test.ts on the commit before backups too, in the first settle() after
 * connect()), so these tests, which sync three desks, get twice the usual time.
 */
const SYNCING_TEST_MS = 120_000;

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
  });
  // Each test has a centre of its own, so one test's records do not show in another's.
  beforeEach(async () => {
    centre = await district.createCentre('备份测试中心');
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  const districtHashes = () => hashesOf(district.db, centre);

  async function districtMember(id: string) {
    const { rows } = await district.db.query<{ note: string | null; deleted: boolean }>(
      `SELECT data->>'note' AS note, deleted FROM documents WHERE id = $1`,
      [id],
    );
    return rows[0] ? { note: rows[0].note ?? undefined, deleted: rows[0].deleted } : null;
  }

  it(
    'restores an old backup on the synced desk without undoing a deletion, an edit or a new record',
    async () => {
      const a = await enrolledDesk(centre);
      logInManager(a.desk);
      const gone = await registerSharing(a.desk, { ...grandma, name: '将被删除' });
      const edited = await registerSharing(a.desk, {
        ...grandma,
        name: '将被修改',
        note: '旧备注',
      });
      const kept = await registerSharing(a.desk, { ...grandma, name: '不变' });
      await checkIn(a.desk, kept.id);
      const sync = await a.connect();
      await settle(sync);

      await a.desk.db.upsertLocal('centre-rules', { feverFrom: 37.5 });
      const backup = await makeBackup(a.desk, { storeKey: TEST_STORE_KEY });
      expect(backup.counts.members).toEqual({ docs: 3, deleted: 0 });
      // The manager changes the rules after the backup: the desk's own rules stay.
      await a.desk.db.upsertLocal('centre-rules', { feverFrom: 38 });

      await deleteDocument(a.desk, 'members', gone.id);
      await editNote(a.desk, edited.id, '新备注');
      const added = await registerSharing(a.desk, { ...grandma, name: '备份之后新登记' });
      await settle(sync);
      const before = await deskHashes(a.desk);
      expect(await districtHashes()).toEqual(before);

      const { result } = await restoreFromBytes(a.desk, backup.bytes, { storeKey: TEST_STORE_KEY });
      // Every backed-up version is the desk's own or older: nothing is written.
      expect(result.restored).toBe(0);
      expect(result.rulesRestored).toBe(false);
      expect((await a.desk.db.getLocal('centre-rules'))?.toJSON().data).toEqual({ feverFrom: 38 });
      // Three people, a visit, their three consents, the audit log.
      expect(result.skipped).toBe(3 + 1 + 3 + (backup.counts.auditLog?.docs ?? 0));
      await settle(sync);

      expect(await deskHashes(a.desk)).toEqual(before);
      expect(await districtHashes()).toEqual(before);
      expect(await memberOn(a.desk, gone.id)).toMatchObject({ deleted: true });
      expect(await memberOn(a.desk, edited.id)).toEqual({ note: '新备注', deleted: false });
      expect(await memberOn(a.desk, added.id)).toMatchObject({ deleted: false });
      expect(await districtMember(gone.id)).toMatchObject({ deleted: true });
      expect(await districtMember(edited.id)).toEqual({ note: '新备注', deleted: false });
    },
    SYNCING_TEST_MS,
  );

  it(
    'brings back on a replacement desk what was never synced, while the district keeps its later deletion, edit and new record',
    async () => {
      // The old desk syncs three members, then goes offline and registers a fourth: never synced.
      const old = await enrolledDesk(centre);
      logInManager(old.desk);
      const gone = await registerSharing(old.desk, { ...grandma, name: '后来删除' });
      const edited = await registerSharing(old.desk, { ...grandma, name: '后来修改', note: '旧' });
      const kept = await registerSharing(old.desk, { ...grandma, name: '一直在' });
      const oldSync = await old.connect();
      await settle(oldSync);
      await oldSync.stop();
      const unsynced = await registerSharing(old.desk, { ...grandma, name: '只在备份里' });
      await checkIn(old.desk, unsynced.id);
      await old.desk.db.upsertLocal('centre-rules', { feverFrom: 37.8 });
      // The daily backup, sealed for the old desk's key and for the centre's passphrase.
      const passphraseKey = await derivePassphraseKey('山高水长 1949');
      const backup = await makeBackup(old.desk, { storeKey: 'old-desk-key', passphraseKey });

      // Meanwhile another desk of the centre deletes one, edits one and registers a new one.
      const other = await enrolledDesk(centre);
      const otherSync = await other.connect();
      await settle(otherSync);
      await deleteDocument(other.desk, 'members', gone.id);
      await editNote(other.desk, edited.id, '新');
      const added = await registerSharing(other.desk, { ...grandma, name: '另一台新登记' });
      await settle(otherSync);

      // The old desk's disk dies. Its replacement has its own store key: the passphrase opens it.
      const fresh = await enrolledDesk(centre);
      logInManager(fresh.desk);
      const wrongKey = await restoreFromBytes(fresh.desk, backup.bytes, {
        storeKey: TEST_STORE_KEY,
      }).catch((e: unknown) => e);
      expect((wrongKey as BackupError).problem).toBe('wrongKey');
      const { opened, result } = await restoreFromBytes(fresh.desk, backup.bytes, {
        storeKey: TEST_STORE_KEY,
        passphrase: '山高水长 1949',
      });
      expect(opened.openedWith).toBe('passphrase');
      // The new desk had nothing: every backed-up version is written.
      expect(result.byCollection.members).toEqual({ restored: 4, skipped: 0 });
      expect(result.byCollection.attendance).toEqual({ restored: 1, skipped: 0 });
      // The rules the manager set come back too, as this desk has none of its own.
      expect(result.rulesRestored).toBe(true);
      expect((await fresh.desk.db.getLocal('centre-rules'))?.toJSON().data).toEqual({
        feverFrom: 37.8,
      });

      const freshSync = await fresh.connect();
      await expect
        .poll(async () => (await memberOn(fresh.desk, gone.id))?.deleted, { timeout: 20_000 })
        .toBe(true);
      await settle(freshSync, otherSync, freshSync, otherSync);
      await expect
        .poll(async () => (await deskHashes(fresh.desk)).size, { timeout: 20_000 })
        .toBe((await districtHashes()).size);
      await settle(freshSync, otherSync);

      // The district kept its deletion and its edit; the lost record came back, everywhere.
      expect(await districtMember(gone.id)).toMatchObject({ deleted: true });
      expect(await districtMember(edited.id)).toEqual({ note: '新', deleted: false });
      expect(await districtMember(unsynced.id)).toEqual({ deleted: false });
      expect(await districtMember(kept.id)).toEqual({ deleted: false });
      expect(await memberOn(fresh.desk, gone.id)).toMatchObject({ deleted: true });
      expect(await memberOn(fresh.desk, edited.id)).toEqual({ note: '新', deleted: false });
      expect(await memberOn(fresh.desk, added.id)).toMatchObject({ deleted: false });
      expect(await memberOn(other.desk, unsynced.id)).toMatchObject({ deleted: false });
      const onDistrict = await districtHashes();
      expect(await deskHashes(fresh.desk)).toEqual(onDistrict);
      expect(await deskHashes(other.desk)).toEqual(onDistrict);
    },
    SYNCING_TEST_MS,
  );

  describe('a bad file', () => {
    async function problemOf(promise: Promise<unknown>): Promise<BackupProblem | 'none'> {
      try {
        await promise;
        return 'none';
      } catch (error) {
        if (error instanceof BackupError) return error.problem;
        throw error;
      }
    }

    it('is refused with what is wrong with it, and the store is exactly as before', async () => {
      const a = await enrolledDesk(centre);
      logInManager(a.desk);
      const member = await registerSharing(a.desk, { ...grandma, name: '坏文件测试' });
      const good = await makeBackup(a.desk, { storeKey: TEST_STORE_KEY });
      // Since the backup: one deleted, so a restore that slipped through would show.
      await deleteDocument(a.desk, 'members', member.id);
      const neighbour = await enrolledDesk(await district.createCentre('隔壁中心'));
      await registerSharing(neighbour.desk, { ...grandma, name: '隔壁的人' });
      const fromNeighbour = await makeBackup(neighbour.desk, { storeKey: TEST_STORE_KEY });

      const flipped = good.bytes.slice();
      flipped[good.bytes.length - 50]! ^= 0x20;
      const files: [string, Uint8Array, BackupProblem][] = [
        ['a spreadsheet', new TextEncoder().encode('姓名,性别\n王秀英,女\n'), 'notBackup'],
        ['cut short', good.bytes.slice(0, Math.floor(good.bytes.length / 2)), 'truncated'],
        ['damaged', flipped, 'corrupt'],
        ['another desk’s, without the passphrase', good.bytes, 'wrongKey'],
        ['another centre’s', fromNeighbour.bytes, 'otherCentre'],
      ];
      const before = await deskHashes(a.desk);
      const rulesBefore = (await a.desk.db.getLocal('centre-rules'))?.toJSON().data;
      for (const [what, bytes, problem] of files) {
        const keys = { storeKey: what.startsWith('another desk') ? 'other-key' : TEST_STORE_KEY };
        expect(await problemOf(restoreFromBytes(a.desk, bytes, keys)), what).toBe(problem);
      }
      expect(await deskHashes(a.desk)).toEqual(before);
      expect((await a.desk.db.getLocal('centre-rules'))?.toJSON().data).toEqual(rulesBefore);
      expect(await memberOn(a.desk, member.id)).toMatchObject({ deleted: true });
    });
  });
});
