import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EnrolResponse } from '../../shared/sync/protocol';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { createSyncClient, startTestDistrict, type TestDistrict } from '../testing/harness';
import { listActions } from './actionLog';
import { adminAndViewer, TEST_SCRYPT_PARAMS, type StaffClient } from './testing';
import type { DeviceInfo, DeviceListResponse, DistrictApiError, IssueCodeResponse } from './types';

/** Reads an SSE stream until it ends or `ms` pass; returns what arrived and whether it ended. */
async function readStream(url: string, token: string, ms: number, whenOpen: () => Promise<void>) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/sync/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  const timer = setTimeout(() => controller.abort(), ms);
  const opened = (async () => {
    while (!text.includes(': connected')) await new Promise((r) => setTimeout(r, 10));
    await whenOpen();
  })();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // aborted: the stream did not end by itself
  } finally {
    clearTimeout(timer);
  }
  await opened;
  return { text, ended };
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let admin: StaffClient;
  let viewer: StaffClient;

  beforeAll(async () => {
    // Pings every 60 s: a stream that ends within seconds ended because of the revocation.
    d = await startTestDistrict({
      ...backend,
      streamPingMs: 60_000,
      dashboard: { scryptParams: TEST_SCRYPT_PARAMS },
    });
    centre = await d.createCentre('Sunrise 阳光', 'sunrise');
    ({ admin, viewer } = await adminAndViewer(d.db, d.url));
  });
  afterAll(async () => {
    await d?.close();
  });

  it('issues an enrolment code a desk can use, with the default or a given expiry', async () => {
    const res = await admin.request<IssueCodeResponse>(
      'POST',
      `/centres/${centre}/enrolment-codes`,
      {},
    );
    expect(res.status).toBe(201);
    expect(res.body.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    const hoursLeft = (Date.parse(res.body.expiresAt) - Date.now()) / 3600_000;
    expect(hoursLeft).toBeGreaterThan(23.9);
    expect(hoursLeft).toBeLessThanOrEqual(24);
    const enrolled = await createSyncClient(d.url, null).request<EnrolResponse>(
      'POST',
      '/api/enrol',
      { code: res.body.code, deviceName: 'Front desk' },
    );
    expect(enrolled.status).toBe(200);
    expect(enrolled.body.centreId).toBe(centre);

    const short = await admin.request<IssueCodeResponse>(
      'POST',
      `/centres/${centre}/enrolment-codes`,
      { hours: 2 },
    );
    expect((Date.parse(short.body.expiresAt) - Date.now()) / 3600_000).toBeCloseTo(2, 1);

    const [entry] = await listActions(d.db, 1);
    expect(entry).toMatchObject({ actor: 'wang', action: 'code.issue', target: centre });
    expect(JSON.stringify(entry)).not.toContain(short.body.code);
  });

  it('refuses bad expiries and unknown centres, and viewers', async () => {
    for (const hours of [0, -1, 721, '5']) {
      const res = await admin.request<DistrictApiError>(
        'POST',
        `/centres/${centre}/enrolment-codes`,
        { hours },
      );
      expect(res.status, String(hours)).toBe(400);
      expect(res.body.error.code).toBe('bad_request');
    }
    const unknown = await admin.request<DistrictApiError>(
      'POST',
      '/centres/nowhere/enrolment-codes',
      {},
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'not_found', message: "unknown centre 'nowhere'" });
    const refused = await viewer.request<DistrictApiError>(
      'POST',
      `/centres/${centre}/enrolment-codes`,
      {},
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error).toEqual({
      code: 'forbidden',
      message: 'only a district admin may issue enrolment codes: you are logged in as li (viewer)',
    });
  });

  it('lists devices with their centre, when they last synced, and revocation', async () => {
    const other = await d.createCentre('Riverside', 'riverside');
    const desk = await d.enrolDevice(other, 'Riverside desk');
    const before = await viewer.request<DeviceListResponse>('GET', '/devices?centre=riverside');
    expect(before.status).toBe(200);
    expect(before.body.devices).toEqual([
      {
        id: desk.deviceId,
        centreId: 'riverside',
        centreName: 'Riverside',
        name: 'Riverside desk',
        createdAt: expect.any(String),
        lastSeenAt: null,
        revokedAt: null,
        revokedReason: null,
        // No sync packet yet, and no packet keys registered (docs/DESIGN.md "Sync packets").
        lastPacketAt: null,
        packetPending: null,
        packetReady: false,
      },
    ]);
    await d.client(desk.token).pull('members', { checkpoint: null, batchSize: 1 });
    const after = await viewer.request<DeviceListResponse>('GET', '/devices');
    const listed = after.body.devices.find((x) => x.id === desk.deviceId)!;
    expect(Date.now() - Date.parse(listed.lastSeenAt!)).toBeLessThan(60_000);
    expect(after.body.devices.map((x) => x.centreId)).toContain('sunrise');
    const unknown = await viewer.request<DistrictApiError>('GET', '/devices?centre=nowhere');
    expect(unknown.status).toBe(404);
  });

  it('renames a device (admins only), and logs it', async () => {
    const desk = await d.enrolDevice(centre, 'desk-1');
    const res = await admin.request<DeviceInfo>('PATCH', `/devices/${desk.deviceId}`, {
      name: '  Reception, ground floor ',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: desk.deviceId, name: 'Reception, ground floor' });
    const [entry] = await listActions(d.db, 1);
    expect(entry).toMatchObject({
      action: 'device.rename',
      target: desk.deviceId,
      details: { centreId: centre, from: 'desk-1', to: 'Reception, ground floor' },
    });
    // The token still works.
    await d.client(desk.token).pull('members', { checkpoint: null, batchSize: 1 });

    expect((await viewer.request('PATCH', `/devices/${desk.deviceId}`, { name: 'x' })).status).toBe(
      403,
    );
    expect((await admin.request('PATCH', `/devices/${desk.deviceId}`, { name: ' ' })).status).toBe(
      400,
    );
    expect((await admin.request('PATCH', '/devices/ghost', { name: 'x' })).status).toBe(404);
  });

  it('revokes a device: every sync call is refused at once and told when and why', async () => {
    const desk = await d.enrolDevice(centre, 'Lost laptop');
    const api = d.client(desk.token);
    await api.push('members', [{ newDocumentState: wire(makeMember(centre)) }]);

    expect(
      (await viewer.request('POST', `/devices/${desk.deviceId}/revoke`, { reason: 'x' })).status,
    ).toBe(403);
    const noReason = await admin.request<DistrictApiError>(
      'POST',
      `/devices/${desk.deviceId}/revoke`,
      { reason: '  ' },
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/say why/);

    const res = await admin.request<DeviceInfo>('POST', `/devices/${desk.deviceId}/revoke`, {
      reason: 'laptop stolen',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: desk.deviceId, revokedReason: 'laptop stolen' });
    const revokedAt = res.body.revokedAt!;
    expect(Date.now() - Date.parse(revokedAt)).toBeLessThan(60_000);

    for (const [path, body] of [
      ['/api/sync/members/pull', { checkpoint: null, batchSize: 10 }],
      ['/api/sync/members/push', [{ newDocumentState: wire(makeMember(centre)) }]],
      ['/api/sync/batch', { pulls: { members: { checkpoint: null, batchSize: 1 } } }],
    ] as const) {
      const refused = await api.request<{ error: Record<string, unknown> }>('POST', path, body);
      expect(refused.status, path).toBe(401);
      expect(refused.body.error).toEqual({
        code: 'device_revoked',
        message: `this device was revoked by the district on ${revokedAt} (laptop stolen) and must be enrolled again with a new code`,
        revokedAt,
        reason: 'laptop stolen',
      });
    }
    const stream = await fetch(`${d.url}/api/sync/stream`, {
      headers: { authorization: `Bearer ${desk.token}` },
    });
    expect(stream.status).toBe(401);
    expect(((await stream.json()) as { error: { code: string } }).error.code).toBe(
      'device_revoked',
    );

    // Revoking again keeps the first time and reason.
    const again = await admin.request<DeviceInfo>('POST', `/devices/${desk.deviceId}/revoke`, {
      reason: 'changed my mind',
    });
    expect(again.body).toMatchObject({ revokedAt, revokedReason: 'laptop stolen' });

    const entries = await listActions(d.db, 2);
    expect(entries.map((e) => e.action)).toEqual(['device.revoke', 'device.revoke']);
    expect(entries[1]).toMatchObject({
      actor: 'wang',
      target: desk.deviceId,
      details: { centreId: centre, reason: 'laptop stolen' },
      address: '127.0.0.1',
    });
    expect((await admin.request('POST', '/devices/ghost/revoke', { reason: 'x' })).status).toBe(
      404,
    );
  });

  it('ends an open sync stream as soon as its device is revoked, with the reason', async () => {
    const desk = await d.enrolDevice(centre, 'Listening desk');
    const bystander = await d.enrolDevice(centre, 'Other desk');
    const started = Date.now();
    const [revokedStream, otherStream] = await Promise.all([
      readStream(d.url, desk.token, 10_000, async () => {
        const res = await admin.request('POST', `/devices/${desk.deviceId}/revoke`, {
          reason: 'replaced by a new PC',
        });
        expect(res.status).toBe(200);
      }),
      readStream(d.url, bystander.token, 1_500, async () => {}),
    ]);
    expect(revokedStream.ended).toBe(true);
    expect(Date.now() - started).toBeLessThan(8_000);
    const errorEvent = /event: error\ndata: (.*)\n/.exec(revokedStream.text);
    expect(errorEvent).not.toBeNull();
    expect(JSON.parse(errorEvent![1]!)).toMatchObject({
      error: { code: 'device_revoked', reason: 'replaced by a new PC' },
    });
    // Another device of the same centre keeps listening, and gets no empty hint.
    expect(otherStream.ended).toBe(false);
    expect(otherStream.text).not.toContain('event:');
  });

  it('answers the district API without CORS headers, unlike the sync API', async () => {
    const res = await admin.request('GET', '/devices', undefined, {
      origin: 'http://evil.example',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const health = await fetch(`${d.url}/api/health`);
    expect(health.headers.get('access-control-allow-origin')).toBe('*');
  });
});
