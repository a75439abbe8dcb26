/**
 * Consent and the district, desks and district together (docs/DOMAIN.md "Privacy and safety"):
 * RxDB's real replication client against the real district server, on PGlite and PostgreSQL.
 * The district holds of a person only what their consents allow; a withdrawal makes it remove
 * what it had; the centre's desks keep their own record of the person whole throughout.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { recordConsent, withdrawConsent } from '../../renderer/data/consents';
import type { Desk } from '../../renderer/data/desk';
import { checkIn } from '../../renderer/data/attendance';
import { registerMember } from '../../renderer/data/members';
import { ownConsent } from '../../renderer/testing/consents';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { NOT_SHARED } from '../../shared/rules/districtShare';
import type { StaffDoc } from '../../shared/schemas';
import { deskHarness, settle } from '../support/desks';

const WAIT = { timeout: 20_000, interval: 200 };
const wang = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1949-12-31',
};
const PHONE = '13800138000';

function logInReception(desk: Desk): void {
  desk.session = {
    staff: { id: 'reception-1', name: '陈静', role: 'reception' } as StaffDoc,
    since: new Date().toISOString(),
  };
}

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

  /** Everything the district stores about a person, every version included, as text. */
  async function onDistrict(memberId: string): Promise<string> {
    const { rows } = await district.db.query<{ data: unknown }>(
      `SELECT data FROM documents WHERE id = $1 OR data->>'memberId' = $1 OR data->>'subjectId' = $1
       UNION ALL
       SELECT data FROM document_versions
        WHERE id = $1 OR data->>'memberId' = $1 OR data->>'subjectId' = $1`,
      [memberId],
    );
    return JSON.stringify(rows.map((r) => r.data));
  }
  const nameOn = async (desk: Desk, id: string) => (await desk.db.members.findOne(id).exec())?.name;

  it("sends the district counts only of a person who did not consent to sharing, and keeps the desk's own record whole", async () => {
    const first = await enrolledDesk(centre);
    const unshared = await registerMember(first.desk, { ...wang, phone: PHONE }, new Date(), {
      categories: ['livingAlone'],
    });
    const shared = await registerMember(
      first.desk,
      { ...wang, name: '李桂兰', phone: '13900139000' },
      new Date(),
      {},
      ownConsent('districtSharing'),
    );
    await checkIn(first.desk, unshared.id);
    const firstSync = await first.connect();
    await settle(firstSync);
    await expect.poll(() => firstSync.status$.value.pending, WAIT).toBe(0);

    const held = await onDistrict(unshared.id);
    expect(held).toContain(NOT_SHARED);
    expect(held).toContain('livingAlone');
    for (const secret of ['王秀英', 'wangxiuying', PHONE]) expect(held).not.toContain(secret);
    expect(await onDistrict(shared.id)).toContain('13900139000');
    // Its own push came back from the district as the district's copy: the desk kept its record.
    expect(await first.desk.db.members.findOne(unshared.id).exec()).toMatchObject({
      name: '王秀英',
      phone: PHONE,
    });

    // Another desk of the centre knows the person only as the district does.
    const second = await enrolledDesk(centre);
    await settle(await second.connect());
    expect(await nameOn(second.desk, unshared.id)).toBe(NOT_SHARED);
    expect(await nameOn(second.desk, shared.id)).toBe('李桂兰');
    expect(await first.desk.db.attendance.count().exec()).toBe(1);
    expect(await second.desk.db.attendance.count().exec()).toBe(1);
  });

  it('removes what the district held once the person withdraws, every version, while the desks keep theirs and their later edits', async () => {
    const first = await enrolledDesk(centre);
    const second = await enrolledDesk(centre);
    logInReception(first.desk);
    const person = await registerMember(
      first.desk,
      { ...wang, name: '张桂芳', phone: PHONE },
      new Date(),
      {},
      ownConsent('districtSharing'),
    );
    const [firstSync, secondSync] = [await first.connect(), await second.connect()];
    await settle(firstSync, secondSync);
    expect(await onDistrict(person.id)).toContain('张桂芳');
    expect(await nameOn(second.desk, person.id)).toBe('张桂芳');

    await withdrawConsent(first.desk, person.id, 'districtSharing', '张桂芳本人');
    await expect.poll(() => onDistrict(person.id), WAIT).not.toContain('张桂芳');
    expect(await onDistrict(person.id)).not.toContain(PHONE);

    // The second desk hears of the withdrawal, edits the record, and sends counts only.
    await expect
      .poll(
        async () =>
          (await second.desk.db.consents.find({ selector: { memberId: person.id } }).exec()).some(
            (c) => !!c.withdrawnOn,
          ),
        WAIT,
      )
      .toBe(true);
    const doc = await second.desk.db.members.findOne(person.id).exec();
    await doc!.incrementalPatch({
      status: 'left',
      updatedAt: second.desk.clock.tick(),
      updatedBy: second.desk.actor(),
    });
    await expect
      .poll(async () => (await first.desk.db.members.findOne(person.id).exec())?.status, WAIT)
      .toBe('left');
    await settle(firstSync, secondSync);
    for (const desk of [first.desk, second.desk])
      expect(await desk.db.members.findOne(person.id).exec()).toMatchObject({
        name: '张桂芳',
        phone: PHONE,
        status: 'left',
      });
    const held = await onDistrict(person.id);
    expect(held).not.toContain('张桂芳');
    expect(held).toContain('"status":"left"');
  });

  it('sends the whole record once a consent to sharing is recorded after registration', async () => {
    const first = await enrolledDesk(centre);
    logInReception(first.desk);
    const person = await registerMember(first.desk, { ...wang, name: '赵玉兰', phone: PHONE });
    const firstSync = await first.connect();
    await settle(firstSync);
    expect(await onDistrict(person.id)).not.toContain('赵玉兰');

    await recordConsent(first.desk, person.id, {
      givenBy: '赵玉兰',
      relation: '本人',
      scopes: ['districtSharing'],
    });
    await expect.poll(() => onDistrict(person.id), WAIT).toContain('赵玉兰');
    const { rows } = await district.db.query<{ name: string }>(
      `SELECT data->>'name' AS name FROM documents WHERE collection = 'members' AND id = $1`,
      [person.id],
    );
    expect(rows[0]?.name).toBe('赵玉兰');
  });
});
