import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('BatchTransport', () => {
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

  it('passes on the district refusing the device as a non-transient error, without backing off', async () => {
    const district = await recordingDistrict(401);
    const transport = new BatchTransport({ baseUrl: district.url, token: 't' });
    const error = await transport
      .pull('members', { checkpoint: null, batchSize: 1 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'device_revoked', status: 401, transient: false });
    expect(transport.backoffMs()).toBe(0);
  });
});
