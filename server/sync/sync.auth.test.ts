import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { revokeDevice } from '../admin';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { createSyncClient, startTestDistrict, type TestDistrict } from '../testing/harness';

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    centre = await d.createCentre('Sunrise');
  });
  afterAll(async () => {
    await d?.close();
  });

  it('answers health without a token', async () => {
    const res = await createSyncClient(d.url, null).request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, db: backend.kind });
  });

  it('refuses a missing or unknown token with 401 unauthorized', async () => {
    for (const client of [createSyncClient(d.url, null), createSyncClient(d.url, 'not-a-token')]) {
      for (const [path, body] of [
        ['/api/sync/members/pull', { checkpoint: null, batchSize: 10 }],
        ['/api/sync/members/push', []],
        ['/api/sync/batch', {}],
      ] as const) {
        const res = await client.request<{ error: { code: string } }>('POST', path, body);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('unauthorized');
      }
    }
    const stream = await fetch(`${d.url}/api/sync/stream`, {
      headers: { authorization: 'Bearer nope' },
    });
    expect(stream.status).toBe(401);
  });

  it('refuses a revoked token with 401 device_revoked', async () => {
    const desk = await d.enrolDevice(centre);
    const api = d.client(desk.token);
    await api.push('members', [{ newDocumentState: wire(makeMember(centre)) }]);
    await revokeDevice(d.db, desk.deviceId);
    const res = await api.request<{ error: { code: string; message: string } }>(
      'POST',
      '/api/sync/members/pull',
      { checkpoint: null, batchSize: 10 },
    );
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('device_revoked');
    expect(res.body.error.message).toMatch(/revoked by the district.*enrolled again/);
  });

  it('records when a device was last seen', async () => {
    const desk = await d.enrolDevice(centre);
    await d.client(desk.token).pull('members', { checkpoint: null, batchSize: 1 });
    const { rows } = await d.db.query<{ last_seen_at: Date | null }>(
      'SELECT last_seen_at FROM devices WHERE id = $1',
      [desk.deviceId],
    );
    expect(rows[0]!.last_seen_at).toBeInstanceOf(Date);
  });
});

it('compresses, answers CORS preflight, and turns malformed JSON into bad_request', async () => {
  const d = await startTestDistrict({ kind: 'pglite' });
  try {
    const centre = await d.createCentre('Sunrise');
    const desk = await d.enrolDevice(centre);
    const docs = Array.from({ length: 30 }, () => ({ newDocumentState: wire(makeMember(centre)) }));
    await d.client(desk.token).push('members', docs);

    const res = await d.app.inject({
      method: 'POST',
      url: '/api/sync/members/pull',
      headers: { authorization: `Bearer ${desk.token}`, 'accept-encoding': 'gzip' },
      payload: { checkpoint: null, batchSize: 100 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(res.rawPayload).toString('utf8')) as {
      documents: unknown[];
    };
    expect(body.documents).toHaveLength(30);

    const preflight = await d.app.inject({
      method: 'OPTIONS',
      url: '/api/sync/batch',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/Authorization/);
    expect(res.headers['access-control-allow-origin']).toBe('*');

    const bad = await d.app.inject({
      method: 'POST',
      url: '/api/sync/members/pull',
      headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json' },
      payload: '{"checkpoint": nu',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'bad_request' } });

    const missing = await d.app.inject({ method: 'GET', url: '/api/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
  } finally {
    await d.close();
  }
});
