import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EnrolResponse } from '../../shared/sync/protocol';
import { forEachBackend } from '../testing/backends';
import { makeConsent, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { listActions } from './actionLog';
import { adminAndViewer, TEST_SCRYPT_PARAMS, type StaffClient } from './testing';
import type { ActionLogResponse } from './types';

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let admin: StaffClient;
  const elder = makeMember('sunrise', { name: '王秀英', kind: 'elder' });

  beforeAll(async () => {
    d = await startTestDistrict({ ...backend, dashboard: { scryptParams: TEST_SCRYPT_PARAMS } });
    centre = await d.createCentre('阳光中心', 'sunrise');
    ({ admin } = await adminAndViewer(d.db, d.url));
  });
  afterAll(async () => {
    await d?.close();
  });

  it('logs every enrolment, by the desk, with its centre and name, in the same commit', async () => {
    const code = await d.issueCode(centre);
    const res = await fetch(`${d.url}/api/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: '前台电脑' }),
    });
    expect(res.status).toBe(200);
    const enrolled = (await res.json()) as EnrolResponse;
    const [entry] = await listActions(d.db, 1);
    expect(entry).toMatchObject({
      actor: `device:${enrolled.deviceId}`,
      action: 'device.enrol',
      target: enrolled.deviceId,
      details: { centreId: centre, name: '前台电脑' },
      userId: null,
    });
    expect(entry?.address).toBeTruthy();

    // A code that enrols nothing logs nothing.
    const again = await fetch(`${d.url}/api/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: '又一台' }),
    });
    expect(again.status).toBe(400);
    expect((await listActions(d.db, 1))[0]?.id).toBe(entry?.id);
  });

  it('names the centres, desks, users and people its entries are about', async () => {
    const desk = await d.enrolDevice(centre, '二楼电脑');
    await d.client(desk.token).batch({
      pushes: {
        consents: [{ newDocumentState: wire(makeConsent('sunrise', elder.id, 'districtSharing')) }],
        members: [{ newDocumentState: wire(elder) }],
      },
    });
    expect(
      (await admin.request('PATCH', `/devices/${desk.deviceId}`, { name: '二楼阅览室' })).status,
    ).toBe(200);
    expect((await admin.request('GET', `/people/${elder.id}`)).status).toBe(200);

    const log = await admin.request<ActionLogResponse>('GET', '/actions?limit=20');
    expect(log.status).toBe(200);
    const { actions, names } = log.body;
    const enrol = actions.find((a) => a.action === 'device.enrol' && a.target === desk.deviceId);
    const rename = actions.find((a) => a.action === 'device.rename');
    const view = actions.find((a) => a.action === 'person.view');
    expect(enrol && rename && view).toBeTruthy();
    expect(names[desk.deviceId]).toBe('二楼阅览室（阳光中心）');
    expect(names[centre]).toBe('阳光中心');
    expect(names[elder.id]).toBe('王秀英');
    expect(rename?.actor).toBe('wang');
    expect(names[rename!.userId!]).toBe('wang');
  });
});
