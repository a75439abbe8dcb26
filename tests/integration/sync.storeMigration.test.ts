/**
 * A desk that has been syncing under a version that stored its records with crypto-js (schema
 * version 0) is updated. Its store is migrated in place, the replication's own bookkeeping (a copy
 * of every synced record) included, and the sync carries on where it stopped: nothing is sent
 * again, and what the desk records next reaches the district and the centre's other desks.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { checkIn, checkOut } from '../../renderer/data/attendance';
import { openDesk, type Desk } from '../../renderer/data/desk';
import { adoptCentre } from '../../renderer/data/enrolment';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';
import { openVersion0Store } from '../../renderer/testing/legacy-store';
import { simulatedMachine } from '../../renderer/testing/node-desk';
import { everythingStored, notSealed } from '../../renderer/testing/raw-store';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import {
  SYNC_TEST_COLLECTIONS,
  deskHarness,
  grandma,
  registerSharing,
  settle,
  snapshot,
} from '../support/desks';

const CRYPTO_JS = 'U2FsdGVkX1';

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('老版本升级中心');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await closeAll();
  });
  afterAll(() => district.close());

  const versionsAtDistrict = async () =>
    Number(
      (
        await district.db.query<{ n: string }>(
          'SELECT count(*) AS n FROM document_versions WHERE centre_id = $1',
          [centre],
        )
      ).rows[0]!.n,
    );

  it('migrates a syncing desk in place, and its sync carries on without sending anything again', async () => {
    const machine = simulatedMachine({ collections: SYNC_TEST_COLLECTIONS });
    const name = 'desk-synced-before-version-1';
    const { token, deviceId } = await district.enrolDevice(centre, 'old desk');
    const sync = (desk: Desk) => startSync(desk, { baseUrl: district.url, token });

    // The desk as it was: a morning recorded and synced under version 0.
    const oldDb = await openVersion0Store(machine.indexedDB, name, SYNC_TEST_COLLECTIONS);
    const old = await openDesk(oldDb);
    await adoptCentre(old, {
      centreId: centre,
      centreName: centre,
      deviceId,
      districtUrl: district.url,
    });
    for (const person of ['陈建国', '刘桂兰', '赵德胜']) {
      const member = await registerSharing(old, { ...grandma, name: person, phone: '13588889999' });
      const { visit } = await checkIn(old, member.id);
      await checkOut(old, visit.id);
    }
    const oldSync: SyncHandle = await sync(old);
    await settle(oldSync);
    await expect.poll(() => oldSync.status$.value.pending).toBe(0);
    await oldSync.stop();
    const before = await snapshot(old);
    await oldDb.close();
    const sent = await versionsAtDistrict();
    const stored = await everythingStored(machine.indexedDB);
    expect(stored).toContain(CRYPTO_JS);
    expect(stored).toContain('13588889999'); // phones were stored in clear

    // Updated: the new version opens the same store, and syncs again.
    const desk = await machine.open(name);
    cleanups.push(() => desk.db.close());
    expect(await snapshot(desk)).toEqual(before);
    const after = await everythingStored(machine.indexedDB);
    expect(after).not.toContain(CRYPTO_JS);
    expect(after).not.toContain('13588889999');
    expect(await notSealed(machine.indexedDB)).toEqual([]);

    const resumed = await sync(desk);
    cleanups.push(() => resumed.stop());
    await settle(resumed);
    expect(resumed.status$.value.pending).toBe(0);
    expect(await versionsAtDistrict()).toBe(sent);

    // What it records now reaches the district, and a second desk of the centre.
    const member = await registerSharing(desk, { ...grandma, name: '周玉珍' });
    await checkIn(desk, member.id);
    await settle(resumed);
    await expect.poll(() => resumed.status$.value.pending).toBe(0);
    // The person, their consent to sharing, the visit.
    expect(await versionsAtDistrict()).toBe(sent + 3);
    const second = await enrolledDesk(centre);
    await settle(await second.connect());
    expect(await snapshot(second.desk)).toEqual(await snapshot(desk));
    expect(await notSealed(machine.indexedDB)).toEqual([]);
  });
});
