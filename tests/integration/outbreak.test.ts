/**
 * Issue 17, "done when": a cluster spread over three centres raises the district's alert within
 * one sync of each desk. Three centres of one township, one desk each, real replication: each desk
 * records one child ill with a rash (two illness absences and an abnormal morning check), and
 * the district's outbreak view has the cluster once the third desk has synced once — with counts
 * and symptoms, and no child's name (none of the families consented to sharing with the district).
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { recordAbsence } from '../../renderer/data/absences';
import { recordHealthCheck } from '../../renderer/data/health';
import { registerMember } from '../../renderer/data/members';
import { guardianConsent } from '../../renderer/testing/consents';
import { calendarDay } from '../../server/district/overview';
import {
  addStaff,
  staffClient,
  TEST_SCRYPT_PARAMS,
  type StaffClient,
} from '../../server/district/testing';
import type { OutbreaksResponse } from '../../server/district/types';
import { forEachBackend } from '../../server/testing/backends';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { deskHarness, logInManager, settle } from '../support/desks';

// What the rule reads; each desk closes after its sync (RxDB's open core: 13 collections a process).
const COLLECTIONS = ['members', 'consents', 'absences', 'health'] as const;

forEachBackend((backend) => {
  let district: TestDistrict;
  let cdc: StaffClient;
  const centres: string[] = [];
  const { enrolledDesk, closeAll } = deskHarness(() => district);

  beforeAll(async () => {
    district = await startTestDistrict({
      ...backend,
      dashboard: { scryptParams: TEST_SCRYPT_PARAMS },
    });
    for (const name of ['阳光社区老幼共托中心', '和平社区托育点', '城北社区综合服务中心'])
      centres.push(await district.createCentre(name));
    await addStaff(district.db, 'admin', 'admin');
    await addStaff(district.db, 'cdc', 'viewer', undefined, 'cdc');
    const admin = staffClient(district.url);
    expect((await admin.login('admin')).status).toBe(200);
    for (const id of centres)
      expect((await admin.request('PATCH', `/centres/${id}`, { township: '城关镇' })).status).toBe(
        200,
      );
    // Three children of one township's centres with the same symptom over three days raise it.
    const published = await admin.request('POST', '/publish', {
      kind: 'rules',
      title: '区级规则',
      settings: { clusters: { windowDays: 3, township: 3, district: 10 } },
    });
    expect(published.status).toBe(201);
    cdc = staffClient(district.url);
    expect((await cdc.login('cdc')).status).toBe(200);
  });
  afterEach(closeAll);
  afterAll(() => district.close());

  it('raises the district’s alert once the third centre’s desk has synced once', async () => {
    const today = calendarDay(new Date(), 'Asia/Shanghai');
    const clusters = async () =>
      (await cdc.request<OutbreaksResponse>('GET', '/outbreaks')).body.clusters;
    const names = ['刘小雨', '陈一诺', '王子涵'];
    for (const [i, centre] of centres.entries()) {
      const { desk, connect } = await enrolledDesk(centre, { collections: COLLECTIONS });
      logInManager(desk);
      const child = await registerMember(
        desk,
        { kind: 'child', name: names[i]!, gender: 'F', birthDate: '2023-06-01' },
        new Date(),
        {},
        guardianConsent(),
      );
      if (i === 1)
        await recordHealthCheck(desk, {
          kind: 'morningCheck',
          memberId: child.id,
          temperature: 37.9,
          symptoms: ['rash', 'fever'],
          outcome: 'sentHome',
        });
      else
        await recordAbsence(desk, {
          memberId: child.id,
          day: today,
          reason: 'illness',
          illness: { onset: today, symptoms: ['rash'], doctorSeen: false },
        });
      expect(await clusters()).toEqual([]);
      // One sync of this desk; then it closes (RxDB's open core allows 13 collections a process).
      const sync = await connect();
      await settle(sync);
      await sync.stop();
      await desk.db.close();
      if (i < 2) expect(await clusters()).toEqual([]);
    }
    const raised = await clusters();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      key: 'township:城关镇:rash',
      cases: 3,
      since: today,
      fromAbsences: 2,
      fromChecks: 1,
      reports: [],
    });
    expect(raised[0]!.centres.map((c) => c.cases)).toEqual([1, 1, 1]);
    expect(raised[0]!.trend.at(-1)).toEqual({ day: today, cases: 3 });
    const text = JSON.stringify(raised);
    for (const name of names) expect(text).not.toContain(name);
    // The district holds the children as counts only: the symptom reached it, the name did not.
    const { rows } = await district.db.query<{ data: { name: string } }>(
      `SELECT data FROM documents WHERE collection = 'members'`,
    );
    expect(rows.map((r) => r.data.name)).toEqual(['（未共享）', '（未共享）', '（未共享）']);
  });
});
