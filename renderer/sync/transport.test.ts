import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PUSH_BYTES } from '../../shared/sync/protocol';
import { SyncError } from './errors';
import { BatchTransport } from './transport';

let server: Server | null = null;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A tiny real HTTP server that records each request body and answers like the district. */
async function recordingDistrict(status = 200): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { pulls?: Record<string, unknown> };
      bodies.push(body);
      res.writeHead(status, { 'content-type': 'application/json' });
      if (status !== 200) {
        res.end(JSON.stringify({ error: { code: 'device_revoked', message: 'revoked' } }));
        return;
      }
      const pulls = Object.fromEntries(
        Object.keys(body.pulls ?? {}).map((c) => [c, { documents: [], checkpoint: { seq: 7 } }]),
      );
      res.end(JSON.stringify({ pushes: {}, pulls }));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    bodies,
  };
}

/**
 * A district behind a proxy that refuses (413, in HTML as nginx does) any request carrying the
 * pushes of more than one collection; records each request's collections.
 */
async function oneCollectionAtATime(): Promise<{ url: string; requests: string[][] }> {
  const requests: string[][] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString();
      const body = JSON.parse(text) as { pushes?: Record<string, unknown> };
      const collections = Object.keys(body.pushes ?? {});
      requests.push(collections);
      if (collections.length > 1) {
        res.writeHead(413, { 'content-type': 'text/html' });
        res.end('<html><head><title>413 Request Entity Too Large</title></head></html>');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ pushes: Object.fromEntries(collections.map((c) => [c, []])), pulls: {} }),
      );
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
  };
}

describe('BatchTransport', () => {
  it('sends each collection’s push on its own when together they are answered 413', async () => {
    const district = await oneCollectionAtATime();
    const transport = new BatchTransport({ baseUrl: district.url, token: 't' });
    const row = { newDocumentState: { id: 'x'.repeat(2000), _deleted: false } };
    const answers = await Promise.all([
      transport.push('members', [row]),
      transport.push('attendance', [row]),
    ]);
    expect(answers).toEqual([[], []]);
    expect(district.requests).toEqual([['members', 'attendance'], ['members'], ['attendance']]);
    expect(transport.backoffMs()).toBe(0);
  });

  it('puts pushes that would go over MAX_PUSH_BYTES together in separate requests', async () => {
    const district = await oneCollectionAtATime();
    const transport = new BatchTransport({ baseUrl: district.url, token: 't' });
    const row = { newDocumentState: { id: 'a', _deleted: false } };
    const half = Math.ceil(MAX_PUSH_BYTES / 2) + 1;
    await Promise.all([
      transport.push('members', [row], half),
      transport.push('attendance', [row], half),
    ]);
    expect(district.requests).toEqual([['members'], ['attendance']]);
  });

  it('sends the pulls and pushes of several collections that arrive together as one request', async () => {
    const district = await recordingDistrict();
    const transport = new BatchTransport({ baseUrl: district.url, token: 't' });
    const answers = await Promise.all([
      transport.pull('members', { checkpoint: null, batchSize: 10 }),
      transport.pull('attendance', { checkpoint: { seq: 3 }, batchSize: 10 }),
      transport.push('members', []),
    ]);
    expect(district.bodies).toEqual([
      {
        pushes: { members: [] },
        pulls: {
          members: { checkpoint: null, batchSize: 10 },
          attendance: { checkpoint: { seq: 3 }, batchSize: 10 },
        },
      },
    ]);
    expect(answers[0]).toEqual({ documents: [], checkpoint: { seq: 7 } });
  });

  it('sends a second call for the same collection in the next round, not merged into the first', async () => {
    const district = await recordingDistrict();
    const transport = new BatchTransport({ baseUrl: district.url, token: 't' });
    await Promise.all([
      transport.pull('members', { checkpoint: null, batchSize: 10 }),
      transport.pull('members', { checkpoint: { seq: 7 }, batchSize: 10 }),
    ]);
    expect(district.bodies).toHaveLength(2);
  });

  it('backs off longer after each failure while the link is down, and resets when it is back', async () => {
    // Port 9 on loopback (discard) has nothing listening: a dead link, for real.
    const transport = new BatchTransport({ baseUrl: 'http://127.0.0.1:9', token: 't' });
    expect(transport.backoffMs()).toBe(0);
    await expect(
      transport.pull('members', { checkpoint: null, batchSize: 1 }),
    ).rejects.toMatchObject({
      code: 'offline',
    });
    expect(transport.backoffMs()).toBe(1000);
    await expect(
      transport.pull('members', { checkpoint: null, batchSize: 1 }),
    ).rejects.toBeInstanceOf(SyncError);
    expect(transport.backoffMs()).toBe(2000);
    transport.resetBackoff();
    expect(transport.backoffMs()).toBe(0);
  });

  it('sends a push waiting out the backoff at once when the link is seen again', async () => {
    const district = await recordingDistrict();
    let down = true;
    const transport = new BatchTransport({
      baseUrl: district.url,
      token: 't',
      fetch: (input, init) =>
        down ? Promise.reject(new TypeError('network down')) : fetch(input, init),
    });
    for (let i = 0; i < 2; i++)
      await transport.pull('members', { checkpoint: null, batchSize: 1 }).catch(() => null);
    expect(transport.backoffMs()).toBe(2000);
    down = false;
    const started = Date.now();
    const pushed = transport.push('attendance', [
      { newDocumentState: { id: 'a', _deleted: false } },
    ]);
    // The hint stream reconnected (renderer/sync/replication.ts onOpen).
    setTimeout(() => transport.resetBackoff(), 100);
    await expect(pushed).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(district.bodies).toHaveLength(1);
  });

  it('passes on the district refusing the device as a non-transient error, without backing off', async () => {
    const district = await recordingDistrict(401);
    const transport = new BatchTransport({ baseUrl: district.url, token: 't' });
    const error = await transport
      .pull('members', { checkpoint: null, batchSize: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'device_revoked', status: 401, transient: false });
    expect(transport.backoffMs()).toBe(0);
  });

  it('drops a request on the wire and every later call when the sync stops, without counting a failure', async () => {
    // A district that takes the request and never answers (a stalled line).
    let received = 0;
    server = createServer(() => received++);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const transport = new BatchTransport({ baseUrl: `http://127.0.0.1:${port}`, token: 't' });
    const onTheWire = transport.pull('members', { checkpoint: null, batchSize: 1 });
    await expect.poll(() => received).toBe(1);
    transport.close();
    await expect(onTheWire).rejects.toMatchObject({ code: 'stopped' });
    await expect(
      transport.push('attendance', [{ newDocumentState: { id: 'a', _deleted: false } }]),
    ).rejects.toMatchObject({ code: 'stopped' });
    expect(received).toBe(1);
    expect(transport.backoffMs()).toBe(0);
    server.closeAllConnections();
  });
});
