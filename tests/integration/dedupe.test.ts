/**
 * One person is one record, across a centre (issue 15, point 2): two desks offline register the
 * same ID number; after sync both records are on both desks and flagged; the manager merges them on
 * one desk; the other desk converges and the district counts one person. RxDB's real replication
 * client (Dexie on fake-indexeddb) against the real district, on PGlite and on PostgreSQL.
 */
import { firstValueFrom } from 'rxjs';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { checkIn } from '../../renderer/data/attendance';
import { likelyDuplicates$, mergeMembers } from '../../renderer/data/identity';
import { registerMember } from '../../renderer/data/members';
import { peopleOnRecord$ } from '../../renderer/data/people';
import { ownConsent } from '../../renderer/testing/consents';
import { centresOverview } from '../../server/district/overview';
import { listCentrePeople } from '../../server/district/people';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { localDay } from '../../shared/time';
import { deskHarness, logInManager, settle } from '../support/desks';

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

  it('flags the same ID registered on two desks offline, merges on one, and both desks and the district keep one person', async () => {
    const a = await enrolledDesk(centre);
    const b = await enrolledDesk(centre);
    logInManager(a.desk);
    logInManager(b.desk);
    const consent = ownConsent('districtSharing', 'idNumber');
    const wang = { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1949-12-31' } as const;

    // Offline, neither desk knows of the other's registration.
    const onA = await registerMember(
      a.desk,
      { ...wang, idNumber: '11010519491231002X' },
      new Date(),
      {},
      consent,
    );
    const onB = await registerMember(
      b.desk,
      { ...wang, idNumber: '11010519491231002x' },
      new Date(),
      {},
      consent,
    );
    await checkIn(b.desk, onB.id);

    const syncA = await a.connect();
    const syncB = await b.connect();
    await settle(syncA, syncB);
    for (const desk of [a.desk, b.desk]) {
      const groups = await firstValueFrom(likelyDuplicates$(desk));
      expect(groups).toHaveLength(1);
      expect(groups[0]!.reason).toBe('idNumber');
      expect(groups[0]!.people.map((p) => p.id).sort()).toEqual([onA.id, onB.id].sort());
    }

    const result = await mergeMembers(a.desk, onA.id, onB.id);
    expect(result.moved.attendance).toBe(1);
    await settle(syncA, syncB);

    // The other desk converges: one person, B's visit under A's card, no flag left.
    expect((await firstValueFrom(peopleOnRecord$(b.desk))).map((m) => m.id)).toEqual([onA.id]);
    expect(await firstValueFrom(likelyDuplicates$(b.desk))).toEqual([]);
    const merged = await b.desk.db.members.findOne(onB.id).exec();
    expect(merged?.toMutableJSON()).toMatchObject({ status: 'merged', mergedInto: onA.id });
    const visits = await b.desk.db.attendance.find().exec();
    expect(visits.map((v) => v.memberId)).toEqual([onA.id]);

    // The district counts one person.
    const listed = await listCentrePeople(district.db, centre, localDay(new Date()));
    expect(listed?.people.map((p) => p.id)).toEqual([onA.id]);
    const overview = await centresOverview(district.db, {
      day: localDay(new Date()),
      staleDays: 3,
    });
    const figures = overview.centres.find((c) => c.id === centre)!.figures;
    expect(figures.members).toEqual({ elders: 1, children: 0 });
    expect(figures.today.elders).toBe(1);
  });
});
