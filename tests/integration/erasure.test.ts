/**
 * Erasure across a centre (PIPL art. 47): one desk erases a person; after sync, neither desk's
 * store (every record IndexedDB holds, encrypted fields decrypted) nor any table of the district
 * holds anything the erasure removed — the record, its history, the records about the person, the
 * conflict copies — and a desk that edited the person offline does not bring them back. RxDB's
 * real replication client (Dexie on fake-indexeddb) against the real district, on PGlite and on
 * PostgreSQL.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { checkIn, checkOut } from '../../renderer/data/attendance';
import { recordIncident } from '../../renderer/data/care';
import type { Desk } from '../../renderer/data/desk';
import { correctMember, eraseMember, registerMember } from '../../renderer/data/members';
import { TEST_STORE_KEY } from '../../renderer/testing/node-desk';
import { forEachBackend } from '../../server/testing/backends';
import { dumpDatabase } from '../../server/testing/dump';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import type { StaffDoc } from '../../shared/schemas';
import { deskHarness, settle, type TestDesk } from '../support/desks';
import { everythingStored } from '../support/stored';
import { guardianConsent, ownConsent } from '../../renderer/testing/consents';

/** Five collections a desk, two desks: within RxDB's 13 open collections per process. */
const COLLECTIONS = ['members', 'attendance', 'auditLog', 'care', 'consents'] as const;

const manager = (desk: Desk) =>
  (desk.session = {
    staff: { id: 'staff-9', name: '周敏', role: 'manager', active: true } as StaffDoc,
    since: new Date().toISOString(),
  });

const found = (text: string, values: string[]) => values.filter((v) => text.includes(v));

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

  it('leaves nothing of an erased person on any desk of the centre or at the district', async () => {
    const a = await enrolledDesk(centre, { collections: COLLECTIONS });
    const b = await enrolledDesk(centre, { collections: COLLECTIONS });
    manager(a.desk);
    manager(b.desk);

    const child = await registerMember(
      a.desk,
      {
        kind: 'child',
        name: '李小满',
        gender: 'M',
        birthDate: '2023-05-17',
        idNumber: '11010520230517003X',
        phone: '13800138000',
        note: '午睡需要小毯子',
      },
      new Date(),
      {
        allergies: ['芒果'],
        childClass: 'older',
        guardians: [{ id: 'g1', name: '李建国', relation: '父亲', phone: '13912345678' }],
        pickupAdults: [{ id: 'p1', name: '赵桂芝', relation: '外婆', phone: '13611112222' }],
      },
      // Shared in full, so the district and desk B hold every value before the erasure.
      guardianConsent('idNumber', 'health', 'photo', 'districtSharing'),
    );
    await correctMember(a.desk, child.id, { healthNotes: '先天性心脏病术后' }, '家长告知');
    const keeper = await registerMember(
      a.desk,
      {
        kind: 'elder',
        name: '张德厚',
        gender: 'M',
        birthDate: '1938-02-02',
        idNumber: '110105193802020011',
      },
      new Date(),
      {},
      ownConsent('idNumber', 'health', 'districtSharing'),
    );
    const { visit } = await checkIn(a.desk, child.id, new Date(Date.now() - 3_600_000));
    await checkOut(a.desk, visit.id, new Date(), { pickup: { name: '赵桂芝', relation: '外婆' } });
    const incident = { incidentKind: 'injury' as const, at: new Date(Date.now() - 60_000) };
    await recordIncident(a.desk, {
      ...incident,
      memberId: child.id,
      happened: '滑梯上擦伤膝盖',
      actionTaken: '碘伏消毒',
    });
    await recordIncident(a.desk, {
      ...incident,
      memberId: keeper.id,
      happened: '午饭后头晕，休息后好转',
      actionTaken: '测血压',
    });

    let [syncA, syncB] = [await a.connect(), await b.connect()];
    await settle(syncA, syncB);
    await expect.poll(async () => !!(await b.desk.db.members.findOne(child.id).exec())).toBe(true);

    // Both desks edit the child offline; the later edit wins, and desk A keeps its own as a
    // conflict copy in the audit log — the whole record, ID number and guardians included.
    await syncA.stop();
    await syncB.stop();
    const note = (desk: Desk, text: string) =>
      desk.db.members
        .findOne(child.id)
        .exec()
        .then((d) => d!.incrementalPatch({ note: text, updatedAt: desk.clock.tick() }));
    await note(a.desk, 'A在离线时写的备注');
    await new Promise((r) => setTimeout(r, 5));
    await note(b.desk, 'B在离线时写的备注');
    syncB = await b.connect();
    await settle(syncB);
    syncA = await a.connect();
    await settle(syncA, syncB, syncA);
    const copies = async (desk: Desk) =>
      (await desk.db.auditLog.find({ selector: { action: 'sync.conflictLost' } }).exec()).length;
    await expect.poll(() => copies(a.desk), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => copies(b.desk), { timeout: 10_000 }).toBe(1);

    const ERASED = [
      '李小满',
      'lixiaoman',
      '11010520230517003X',
      '13800138000',
      child.cardNo!,
      '午睡需要小毯子',
      '芒果',
      '李建国',
      '13912345678',
      '赵桂芝',
      '13611112222',
      '先天性心脏病',
      '滑梯上擦伤',
      '碘伏',
      'A在离线时写的备注',
      'B在离线时写的备注',
      'B在删除后写的备注',
    ];
    // The person who stays: their ID number and the incident are encrypted on the desks, so
    // finding them proves the desks' dump reads the encrypted fields too.
    const KEPT = ['张德厚', '110105193802020011', '午饭后头晕'];
    const everywhere = async (desks: TestDesk[]) => [
      (await dumpDatabase(district.db)).text,
      ...(await Promise.all(
        desks.map(async (d) => (await everythingStored(d.indexedDB, TEST_STORE_KEY)).text),
      )),
    ];
    // Before the erasure, each value is there to be found (the district keeps every version, a
    // desk its latest and its conflict copies).
    const before = ERASED.filter((v) => v !== 'B在删除后写的备注');
    const texts = await everywhere([a, b]);
    expect(found(texts.join('\n'), before)).toEqual(before);
    for (const text of texts) expect(found(text, KEPT)).toEqual(KEPT);

    // Desk B goes offline and edits the child again; meanwhile desk A erases the child.
    await syncB.stop();
    await note(b.desk, 'B在删除后写的备注');
    await eraseMember(a.desk, child.id, '家长书面申请删除');
    await settle(syncA);
    syncB = await b.connect();
    await settle(syncB, syncA, syncB, syncA);

    // The erasure wins on both desks, however late B's edit was.
    for (const desk of [a.desk, b.desk])
      await expect
        .poll(async () => (await desk.db.members.findOne(child.id).exec())?.status, {
          timeout: 10_000,
        })
        .toBe('erased');
    await settle(syncA, syncB);

    for (const [i, text] of (await everywhere([a, b])).entries()) {
      expect(found(text, ERASED), ['district', 'desk A', 'desk B'][i]).toEqual([]);
      expect(found(text, KEPT), ['district', 'desk A', 'desk B'][i]).toEqual(KEPT);
    }
    // What is counted stays, on every desk: the visit, the incident, the consent, about the shell.
    for (const desk of [a.desk, b.desk]) {
      const kept = await desk.db.attendance.findOne(visit.id).exec();
      expect(kept?.toJSON()).toMatchObject({ memberId: child.id, status: 'out' });
      expect(kept?.pickup).toBeUndefined();
      const care = await desk.db.care.find({ selector: { memberId: child.id } }).exec();
      expect(care.map((c) => [c.kind, c.incidentKind, c.happened])).toEqual([
        ['incident', 'injury', undefined],
      ]);
    }
    // The erasure is in the audit log, with its ground and without the erased values.
    const erasure = await a.desk.db.auditLog
      .find({ selector: { action: 'person.erase', subjectId: child.id } })
      .exec();
    expect(erasure.map((e) => e.reason)).toEqual(['家长书面申请删除']);
  });
});
