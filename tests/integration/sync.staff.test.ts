/**
 * Issue 16, point 3, end to end: staff records travel between the desks of a centre without PIN
 * hashes, and only as a manager signed them. RxDB's real replication client (Dexie storage on
 * fake-indexeddb) against the real district server, on PGlite and on PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { pinVerifierId, type PinVerifier } from '../../renderer/data/pinVerifier';
import { addStaff, login, logout, setPinHere, updateStaff } from '../../renderer/data/staff';
import { refusedStaffRecords$ } from '../../renderer/data/staffAuthority';
import { firstValueFrom } from 'rxjs';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { newManagerKey, signStaff } from '../../shared/staffAuthority';
import type { StaffDoc } from '../../shared/schemas';
import { deskHarness, settle } from '../support/desks';

const STAFF_ONLY = { collections: ['staff'] as const };

/** A fetch that remembers the error codes the district answered with. */
function watchedFetch() {
  const codes: string[] = [];
  const watched: typeof fetch = async (input, init) => {
    const res = await fetch(input, init);
    if (!res.ok) {
      const body = (await res.clone().json()) as { error?: { code?: string } };
      if (body.error?.code) codes.push(body.error.code);
    }
    return res;
  };
  return { fetch: watched, codes };
}

forEachBackend((backend) => {
  let district: TestDistrict;
  let centre: string;
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict(backend);
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  /** Desk A of a new centre: its manager (password zhou2580) and a receptionist (PIN 1470). */
  async function firstDesk() {
    centre = await district.createCentre('阳光社区老幼共托中心');
    const a = await enrolledDesk(centre, STAFF_ONLY);
    const manager = await addStaff(a.desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
    expect((await login(a.desk, manager.id, 'zhou2580')).kind).toBe('ok');
    const reception = await addStaff(a.desk, { name: '陈静', role: 'reception', pin: '1470' });
    const sync = await a.connect();
    await settle(sync);
    return { a, sync, manager, reception };
  }

  const districtStaff = async () =>
    (
      await district.db.query<{ data: StaffDoc }>(
        `SELECT data FROM documents WHERE collection = 'staff' AND centre_id = $1 ORDER BY id`,
        [centre],
      )
    ).rows.map((r) => r.data);

  it('keeps PIN hashes on the desk that set them; the manager logs in on every desk with a password', async () => {
    const { a, manager, reception } = await firstDesk();
    const verifier = (await a.desk.db.getLocal<PinVerifier>(pinVerifierId(reception.id)))!.toJSON()
      .data;
    const { rows } = await district.db.query<{ text: string }>(
      `SELECT data::text AS text FROM documents WHERE centre_id = $1 AND collection = 'staff'
       UNION ALL SELECT data::text FROM document_versions WHERE centre_id = $1 AND collection = 'staff'`,
      [centre],
    );
    expect(rows).toHaveLength(4);
    for (const { text } of rows) {
      expect(text).not.toContain(verifier.hash);
      expect(text).not.toContain('"pin"');
    }

    // A second desk of the centre gets the staff list, but no one's PIN.
    const b = await enrolledDesk(centre, STAFF_ONLY);
    const bSync = await b.connect();
    await settle(bSync);
    expect((await b.desk.db.staff.find().exec()).map((d) => d.name).sort()).toEqual(
      ['周敏', '陈静'].sort(),
    );
    expect(await login(b.desk, reception.id, '1470')).toEqual({ kind: 'noPinHere' });
    expect((await login(b.desk, manager.id, 'zhou2580')).kind).toBe('ok');
    await setPinHere(b.desk, reception.id, '2468');
    logout(b.desk);
    expect((await login(b.desk, reception.id, '2468')).kind).toBe('ok');
    // Each desk keeps its own: the first desk still knows 1470 and nothing of 2468.
    logout(a.desk);
    expect((await login(a.desk, reception.id, '2468')).kind).toBe('wrongPin');
    expect((await login(a.desk, reception.id, '1470')).kind).toBe('ok');
    expect(await firstValueFrom(refusedStaffRecords$(b.desk))).toEqual([]);
  });

  it('refuses a manager PIN or a manager of its own pushed by a second desk, and no other desk gets it', async () => {
    const { a, sync, manager, reception } = await firstDesk();
    const before = await districtStaff();

    // Someone at the second desk, without the manager's password, writes straight into its
    // store: the manager's record with a key of their own, and a manager of their own.
    const watched = watchedFetch();
    const b = await enrolledDesk(centre, { ...STAFF_ONLY, fetch: watched.fetch });
    const bSync = await b.connect();
    await settle(bSync);
    const intruder = await newManagerKey(manager.id, 'intruder1', 100_000);
    const theirs = await b.desk.db.staff.findOne(manager.id).exec();
    await theirs!.incrementalModify((doc) => ({
      ...doc,
      managerKey: intruder.managerKey,
      updatedAt: b.desk.clock.tick(),
    }));
    const own = await newManagerKey('intruder', 'intruder1', 100_000);
    const { grant, ...fields } = {
      ...reception,
      id: 'intruder',
      name: '假站长',
      role: 'manager' as const,
      managerKey: own.managerKey,
      updatedAt: b.desk.clock.tick(),
    };
    void grant;
    await b.desk.db.staff.insert(await signStaff(fields, 'intruder', own.signingKey));

    await expect.poll(() => watched.codes, { timeout: 20_000 }).toContain('staff_not_authorised');
    expect(await districtStaff()).toEqual(before);
    await settle(sync);
    expect((await a.desk.db.staff.findOne(manager.id).exec())!.managerKey).toEqual(
      manager.managerKey,
    );
    expect(await a.desk.db.staff.findOne('intruder').exec()).toBeNull();
    await bSync.stop();
  });

  it("refuses records changed in the district's copy behind the desks' backs, and lists them", async () => {
    const { a, sync, manager, reception } = await firstDesk();
    await sync.stop();
    // The district's copy made to say the receptionist is a manager (a stolen database, say).
    await district.db.query(
      `UPDATE documents SET data = jsonb_set(data, '{role}', '"manager"'), seq = nextval('doc_seq')
        WHERE collection = 'staff' AND id = $1`,
      [reception.id],
    );
    const again = await a.connect();
    await settle(again);
    expect((await a.desk.db.staff.findOne(reception.id).exec())!.role).toBe('reception');
    expect(await firstValueFrom(refusedStaffRecords$(a.desk))).toEqual([
      expect.objectContaining({
        id: reception.id,
        by: manager.id,
        reason: expect.stringMatching(/does not match its content/),
      }),
    ]);
  });

  it('a staff member deactivated on one desk cannot log in on another once it has synced, and is still named there', async () => {
    const { a, sync, manager, reception } = await firstDesk();
    const b = await enrolledDesk(centre, STAFF_ONLY);
    const bSync = await b.connect();
    await settle(bSync);
    expect((await login(b.desk, manager.id, 'zhou2580')).kind).toBe('ok');
    await setPinHere(b.desk, reception.id, '2468');
    logout(b.desk);
    expect((await login(b.desk, reception.id, '2468')).kind).toBe('ok');
    logout(b.desk);

    // She leaves: the manager deactivates her on desk A.
    await updateStaff(a.desk, reception.id, { active: false });
    await settle(sync, bSync);
    expect(await login(b.desk, reception.id, '2468')).toEqual({ kind: 'unknown' });
    logout(a.desk);
    expect(await login(a.desk, reception.id, '1470')).toEqual({ kind: 'unknown' });
    // Her record stays, so every log still names her.
    const onB = (await b.desk.db.staff.findOne(reception.id).exec())!.toMutableJSON();
    expect(onB).toMatchObject({ name: '陈静', active: false });

    // Back at work: reactivated on A, she logs in on B again with the PIN B kept.
    expect((await login(a.desk, manager.id, 'zhou2580')).kind).toBe('ok');
    await updateStaff(a.desk, reception.id, { active: true });
    await settle(sync, bSync);
    expect((await login(b.desk, reception.id, '2468')).kind).toBe('ok');
  });
});
