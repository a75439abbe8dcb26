import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../shared/sync/protocol';
import { RateLimiter } from './rateLimit';
import { forEachBackend } from './testing/backends';
import { startTestDistrict, type TestDistrict } from './testing/harness';
import { districtState, errorShapeProblems } from './testing/state';

describe('RateLimiter', () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it('allows `limit` attempts per key in a window, then refuses with the seconds left', () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 3, windowMs: 60_000, now: c.now });
    for (let i = 0; i < 3; i++) expect(limiter.take('a').allowed).toBe(true);
    c.advance(15_500);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    // Another key has its own count.
    expect(limiter.take('b').allowed).toBe(true);
    // A fresh window after windowMs.
    c.advance(44_500);
    expect(limiter.take('a').allowed).toBe(true);
  });

  it('counts an attempt when it is taken, so attempts still being answered count', () => {
    const limiter = new RateLimiter({ limit: 5, windowMs: 60_000 });
    // Fifty attempts arrive before any is answered: only five go ahead.
    const decisions = Array.from({ length: 50 }, () => limiter.take('10.0.0.1'));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
  });

  it('gives a refunded slot back once, and only in its own window', () => {
    const c = clock();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1000, now: c.now });
    const first = limiter.take('a');
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    if (!first.allowed) throw new Error('first attempt refused');
    first.refund();
    first.refund();
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    // A refund from an old window does not add a slot to the new one.
    c.advance(1000);
    const late = limiter.take('a');
    expect(late.allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
    first.refund();
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('remembers at most maxKeys addresses', () => {
    const limiter = new RateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 100 });
    for (let i = 0; i < 1000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    // The newest addresses are still limited.
    expect(limiter.take('10.0.3.231').allowed).toBe(false);
  });
});

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let address = 0;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    centre = await d.createCentre('Sunrise');
  });
  afterAll(async () => {
    await d?.close();
  });

  const enrol = (remoteAddress: string, code: string, deviceName = 'desk') =>
    d.app.inject({
      method: 'POST',
      url: '/api/enrol',
      remoteAddress,
      payload: { code, deviceName },
    });
  const freshAddress = () => `10.88.0.${++address}`;

  it('answers the 21st enrolment attempt from one address with 429, Retry-After and how long to wait', async () => {
    const ip = freshAddress();
    const before = await districtState(d.db);
    for (let i = 0; i < 20; i++) {
      const res = await enrol(ip, 'AAAA-BBBB');
      expect(res.statusCode).toBe(400);
      expect(res.json<ApiError>().error.code).toBe('enrolment_code_invalid');
    }
    const refused = await enrol(ip, 'AAAA-BBBB');
    expect(refused.statusCode).toBe(429);
    expect(errorShapeProblems(429, refused.json())).toEqual([]);
    expect(refused.json<ApiError>().error).toEqual({
      code: 'rate_limited',
      message: 'too many enrolment attempts from this address: wait 15 minutes and try again',
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);

    // Even the right code waits: it is not looked at, and stays unused.
    const code = await d.issueCode(centre);
    const right = await enrol(ip, code);
    expect(right.statusCode).toBe(429);
    expect(await districtState(d.db)).toEqual(before);
    // Another address is not held up; the code still works there.
    const elsewhere = await enrol(freshAddress(), code);
    expect(elsewhere.statusCode).toBe(200);
    expect((await d.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('counts concurrent guesses before the database answers them: of 50 at once, 20 are checked', async () => {
    // Over real sockets, all from 127.0.0.1, sent together.
    const before = await districtState(d.db);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        fetch(`${d.url}/api/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: `ZZZZ-${String(i).padStart(4, '2')}`, deviceName: 'x' }),
        }).then(async (res) => ({
          status: res.status,
          retryAfter: res.headers.get('retry-after'),
          body: (await res.json()) as ApiError,
        })),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    for (const a of answers) {
      expect(errorShapeProblems(a.status, a.body)).toEqual([]);
      if (a.status === 429) expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    expect(await districtState(d.db)).toEqual(before);
    expect((await fetch(`${d.url}/api/health`)).status).toBe(200);
  });

  it('does not count an attempt that enrols a device', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 19; i++) expect((await enrol(ip, 'AAAA-CCCC')).statusCode).toBe(400);
    for (let i = 0; i < 5; i++) {
      expect((await enrol(ip, await d.issueCode(centre))).statusCode).toBe(200);
    }
    expect((await enrol(ip, 'AAAA-CCCC')).statusCode).toBe(400);
    expect((await enrol(ip, 'AAAA-CCCC')).statusCode).toBe(429);
  });

  it('counts malformed enrolment requests too', async () => {
    const ip = freshAddress();
    for (let i = 0; i < 20; i++) {
      const res = await d.app.inject({
        method: 'POST',
        url: '/api/enrol',
        remoteAddress: ip,
        payload: { code: 5 },
      });
      expect(res.statusCode).toBe(400);
    }
    expect((await enrol(ip, 'AAAA-BBBB')).statusCode).toBe(429);
  });
});

it('lets an address try again once its window has passed', async () => {
  let now = 1_000_000;
  const d = await startTestDistrict({
    kind: 'pglite',
    enrolRateLimit: { limit: 3, windowMs: 1500, now: () => now },
  });
  try {
    const enrol = () =>
      d.app.inject({
        method: 'POST',
        url: '/api/enrol',
        payload: { code: 'AAAA-BBBB', deviceName: 'x' },
      });
    for (let i = 0; i < 3; i++) expect((await enrol()).statusCode).toBe(400);
    const refused = await enrol();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toMatch(/^[12]$/);
    expect(refused.json<ApiError>().error.message).toMatch(/wait [12] seconds? and try again/);
    now += 1600;
    expect((await enrol()).statusCode).toBe(400);
  } finally {
    await d.close();
  }
});
