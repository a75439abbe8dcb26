/**
 * The district server killed outright (SIGKILL, as in a power cut) in the middle of a desk's
 * batch, while the batch is still arriving and again while it is being written, then started
 * again on the same data. The desk's sync carries on by itself; afterwards desk and district hold
 * exactly the same documents (same ids, same content hashes), none lost, none duplicated.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { checkIn } from '../../renderer/data/attendance';
import { adoptCentre } from '../../renderer/data/enrolment';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';
import { simulatedMachine } from '../../renderer/testing/node-desk';
import { createCentre, enrolDevice, issueEnrolmentCode } from '../../server/admin';
import { openDatabase, type Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { forEachBackend } from '../../server/testing/backends';
import { createTestDatabase, type TestDatabase } from '../../server/testing/harness';
import { freePort, startDistrictProcess, type DistrictProcess } from '../../server/testing/process';
import {
  deskHashes,
  districtHashes,
  grandma,
  registerSharing,
  settle,
  SYNC_TEST_COLLECTIONS,
} from '../support/desks';
import { startLinkProxy, type LinkProxy } from '../support/link-proxy';

forEachBackend((backend) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const openDb = (place: TestDatabase): Promise<Db> =>
    openDatabase({ databaseUrl: place.databaseUrl, dataDir: place.dataDir ?? '' });

  it('loses and duplicates nothing when the server is killed mid-batch and started again', async () => {
    // The district's data: a centre and an enrolled desk, written before the server process runs
    // (PGlite allows one process at a time on its folder).
    const place = await createTestDatabase(backend);
    cleanups.push(() => place.drop());
    const setup = await openDb(place);
    await migrate(setup);
    const centre = (await createCentre(setup, { name: '停电测试中心' })).id;
    // Any key does for a code issued and used here; the server process has its own.
    const key = randomBytes(32);
    const { code } = await issueEnrolmentCode(setup, { centreId: centre }, key);
    const { token, deviceId } = await enrolDevice(setup, { code, deviceName: 'desk' }, key);
    await setup.close();

    const port = await freePort();
    let server: DistrictProcess = await startDistrictProcess({ port, ...place });
    cleanups.push(() => server.kill());
    // A slow line, so the batch takes a while to arrive and there is a moment to cut into.
    const link: LinkProxy = await startLinkProxy({ targetPort: port, bytesPerSecond: 60_000 });
    cleanups.push(() => link.close());

    // A busy morning recorded offline: 150 elders registered and checked in.
    const desk = await simulatedMachine({ collections: SYNC_TEST_COLLECTIONS }).open();
    cleanups.push(() => desk.db.close());
    await adoptCentre(desk, {
      centreId: centre,
      centreName: centre,
      deviceId,
      districtUrl: link.url,
    });
    for (let i = 0; i < 150; i++) {
      const member = await registerSharing(desk, { ...grandma, name: `停电${i}号` });
      await checkIn(desk, member.id);
    }
    const local = await deskHashes(desk);

    const sync: SyncHandle = await startSync(desk, { baseUrl: link.url, token, timeoutMs: 5_000 });
    cleanups.push(() => sync.stop());

    // First kill: while the batch is still coming up the line.
    await expect.poll(() => link.stats().bytesUp, { timeout: 20_000 }).toBeGreaterThan(8_000);
    await server.kill();
    server = await startDistrictProcess({ port, ...place });

    // Second kill: once a whole request has arrived and the server is answering or writing it —
    // the moment the upload goes quiet.
    let last = link.stats().bytesUp;
    await expect
      .poll(
        () => {
          const now = link.stats().bytesUp;
          const quiet = now === last && now > 0;
          last = now;
          return quiet;
        },
        { timeout: 20_000, interval: 15 },
      )
      .toBe(true);
    await server.kill();
    server = await startDistrictProcess({ port, ...place });

    await expect.poll(() => sync.status$.value.pending, { timeout: 90_000 }).toBe(0);
    await settle(sync);
    // On failure, the error the desk shows says which answer left it there.
    expect(sync.status$.value.mode, String(sync.status$.value.error?.message)).toBe('online');
    await sync.stop();
    await server.stop();

    const db = await openDb(place);
    try {
      expect(await deskHashes(desk)).toEqual(local);
      expect(await districtHashes(db, centre)).toEqual(local);
      // Each record was written once, however often its batch was sent.
      const versions = await db.query<{ id: string; n: string }>(
        'SELECT id, count(*) AS n FROM document_versions GROUP BY id HAVING count(*) > 1',
      );
      expect(versions.rows).toEqual([]);
    } finally {
      await db.close();
    }
  }, 300_000);
});
