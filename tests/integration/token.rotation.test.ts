/**
 * A desk whose device token is due gets a new one while it syncs, stores it and carries on with it,
 * without an error or a break: the desk's real sync code (RxDB replication, the batching transport)
 * against the real district, on PGlite and PostgreSQL. A desk that cannot store the new token
 * keeps syncing with its old one.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { adoptCentre } from '../../renderer/data/enrolment';
import { registerMember } from '../../renderer/data/members';
import { startSync, type SyncHandle } from '../../renderer/sync/replication';
import { simulatedMachine } from '../../renderer/testing/node-desk';
import { sha256 } from '../../server/crypto';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { grandma, settle, SYNC_TEST_COLLECTIONS } from '../support/desks';

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const cleanups: (() => Promise<unknown>)[] = [];
  beforeAll(async () => {
    district = await startTestDistrict(backend);
    centre = await district.createCentre('东村老幼中心');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(() => district.close());

  /** An enrolled desk whose token is 8 days old (due), and what its secret store holds. */
  async function dueDesk(store: (token: string) => Promise<void>) {
    const desk = await simulatedMachine({ collections: SYNC_TEST_COLLECTIONS }).open();
    cleanups.push(() => desk.db.close());
    const { token, deviceId } = await district.enrolDevice(centre, 'desk');
    await adoptCentre(desk, {
      centreId: centre,
      centreName: centre,
      deviceId,
      districtUrl: district.url,
    });
    await district.db.query(
      "UPDATE devices SET token_issued_at = now() - interval '8 days' WHERE id = $1",
      [deviceId],
    );
    const sync: SyncHandle = await startSync(desk, {
      baseUrl: district.url,
      token,
      onNewToken: store,
    });
    cleanups.push(() => sync.stop());
    return { desk, token, deviceId, sync };
  }

  const deviceHashes = async (deviceId: string) =>
    (
      await district.db.query<{ token_hash: string; next_token_hash: string | null }>(
        'SELECT token_hash, next_token_hash FROM devices WHERE id = $1',
        [deviceId],
      )
    ).rows[0]!;
  const membersAtDistrict = async () =>
    (
      await district.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM documents WHERE collection = 'members' AND centre_id = $1",
        [centre],
      )
    ).rows[0]!.n;

  it('stores the offered token, switches to it and keeps syncing without an error', async () => {
    const stored: string[] = [];
    const { desk, token, deviceId, sync } = await dueDesk(async (t) => {
      stored.push(t);
    });
    const before = await membersAtDistrict();
    await registerMember(desk, { ...grandma, name: '换令牌前' });
    await settle(sync);
    expect(stored).toHaveLength(1);
    expect(stored[0]).not.toBe(token);

    // The next rounds go with the new token, which thereby becomes the device's.
    await registerMember(desk, { ...grandma, name: '换令牌后' });
    await settle(sync);
    expect(await deviceHashes(deviceId)).toEqual({
      token_hash: sha256(stored[0]!),
      next_token_hash: null,
    });
    expect(sync.status$.value).toMatchObject({ mode: 'online', error: null });
    expect(await membersAtDistrict()).toBe(before + 2);
    expect(stored).toHaveLength(1);
  });

  it('keeps its old token, and syncing, when the new one cannot be stored', async () => {
    const { desk, token, deviceId, sync } = await dueDesk(async () => {
      throw new Error('the secure store is locked');
    });
    const before = await membersAtDistrict();
    await registerMember(desk, { ...grandma, name: '存不下' });
    await settle(sync);
    await registerMember(desk, { ...grandma, name: '还在同步' });
    await settle(sync);
    expect(sync.status$.value).toMatchObject({ mode: 'online', error: null });
    expect(await membersAtDistrict()).toBe(before + 2);
    // The district still knows the desk by its old token, with the offer outstanding.
    const hashes = await deviceHashes(deviceId);
    expect(hashes.token_hash).toBe(sha256(token));
    expect(hashes.next_token_hash).not.toBeNull();
  });
});
