/**
 * Behind a reverse proxy (HTTPS is served by one): the client's address is the one the trusted
 * proxy reports, so one client's failures neither lock out everybody else nor can be pinned on
 * someone else, and spoofing X-Forwarded-For gains nothing; failed logins are limited per account
 * too; the cookie's Secure flag and HSTS follow the configured public address, not the Host
 * header; and every API answer says no-store and nosniff.
 */
import type { InjectOptions } from 'fastify';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../shared/sync/protocol';
import { readConfig } from './config';
import { addStaff, TEST_PASSWORD, TEST_SCRYPT_PARAMS } from './district/testing';
import { listActions } from './district/actionLog';
import { forEachBackend } from './testing/backends';
import { startTestDistrict, type TestDistrict } from './testing/harness';

/** The proxy, as the server sees it: the TCP peer of every proxied request. */
const PROXY = '10.1.0.2';

forEachBackend((backend) => {
  describe('behind a trusted proxy', () => {
    let d: TestDistrict;
    beforeAll(async () => {
      d = await startTestDistrict({
        ...backend,
        dashboard: { scryptParams: TEST_SCRYPT_PARAMS },
        trustedProxies: [PROXY],
        publicUrl: 'https://district.example.cn',
      });
      for (const login of ['wang', 'li', 'zhao']) await addStaff(d.db, login, 'viewer');
    });
    afterAll(async () => {
      await d?.close();
    });

    /** A login as it reaches the server: from `peer`, with the X-Forwarded-For it carries. */
    const login = (peer: string, forwardedFor: string | null, user: string, password: string) =>
      d.app.inject({
        method: 'POST',
        url: '/api/district/login',
        remoteAddress: peer,
        headers: forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor },
        payload: { login: user, password },
      });
    const enrol = (peer: string, forwardedFor: string) =>
      d.app.inject({
        method: 'POST',
        url: '/api/enrol',
        remoteAddress: peer,
        headers: { 'x-forwarded-for': forwardedFor },
        payload: { code: 'AAAA-BBBB', deviceName: 'desk' },
      });

    it("one client's failed logins lock out that client only, however it fills X-Forwarded-For", async () => {
      // Client A fails ten times through the proxy, each time claiming another address first
      // (the proxy appends the address it really saw).
      for (let i = 0; i < 10; i++) {
        const res = await login(PROXY, `192.0.2.${i}, 198.51.100.1`, 'wang', 'wrong');
        expect(res.statusCode).toBe(401);
      }
      const locked = await login(PROXY, '203.0.113.99, 198.51.100.1', 'li', TEST_PASSWORD);
      expect(locked.statusCode).toBe(429);
      expect(locked.json<ApiError>().error.message).toBe(
        'too many login attempts from this address: wait 15 minutes and try again',
      );
      // Everyone else behind the same proxy still logs in, including the addresses A claimed.
      expect((await login(PROXY, '198.51.100.2', 'li', TEST_PASSWORD)).statusCode).toBe(200);
      expect((await login(PROXY, '192.0.2.3', 'li', TEST_PASSWORD)).statusCode).toBe(200);
      // The action log has the client's address, not the proxy's.
      const [entry] = await listActions(d.db, 1);
      expect(entry).toMatchObject({ action: 'login', address: '192.0.2.3' });
    });

    it('believes X-Forwarded-For only from the trusted proxy', async () => {
      // Not the proxy: its own address counts, whatever it claims to be forwarding for.
      for (let i = 0; i < 10; i++) {
        expect((await login('198.51.100.50', '198.51.100.60', 'zhao', 'wrong')).statusCode).toBe(
          401,
        );
      }
      expect((await login('198.51.100.50', '198.51.100.61', 'zhao', 'wrong')).statusCode).toBe(429);
      expect((await login(PROXY, '198.51.100.60', 'zhao', TEST_PASSWORD)).statusCode).toBe(200);
    });

    it("one client's bad enrolment codes hold up that client only", async () => {
      for (let i = 0; i < 20; i++) {
        expect((await enrol(PROXY, `192.0.2.${i}, 198.51.100.7`)).statusCode).toBe(400);
      }
      expect((await enrol(PROXY, '198.51.100.7')).statusCode).toBe(429);
      expect((await enrol(PROXY, '198.51.100.8')).statusCode).toBe(400);
    });

    it('marks the cookie Secure and sends HSTS by the public address, whatever the Host header says', async () => {
      const res = await d.app.inject({
        method: 'POST',
        url: '/api/district/login',
        remoteAddress: PROXY,
        headers: { host: 'localhost', 'x-forwarded-for': '198.51.100.30' },
        payload: { login: 'li', password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      for (const url of ['/api/health', '/dashboard/', '/nowhere']) {
        const any = await d.app.inject({ method: 'GET', url, headers: { host: 'localhost' } });
        expect(any.headers['strict-transport-security'], url).toBe('max-age=31536000');
      }
    });
  });

  describe('per account', () => {
    let d: TestDistrict;
    beforeAll(async () => {
      d = await startTestDistrict({ ...backend, dashboard: { scryptParams: TEST_SCRYPT_PARAMS } });
      await addStaff(d.db, 'li', 'viewer');
      await addStaff(d.db, 'wang', 'viewer');
    });
    afterAll(async () => {
      await d?.close();
    });

    const login = (peer: string, user: string, password: string) =>
      d.app.inject({
        method: 'POST',
        url: '/api/district/login',
        remoteAddress: peer,
        payload: { login: user, password },
      });

    it('limits failed logins on one account from many addresses, leaving other accounts alone', async () => {
      for (let i = 0; i < 20; i++) {
        expect((await login(`192.0.2.${i}`, 'li', 'wrong')).statusCode).toBe(401);
      }
      for (const user of ['li', 'LI']) {
        const res = await login('198.51.100.1', user, TEST_PASSWORD);
        expect(res.statusCode).toBe(429);
        expect(res.json<ApiError>().error.message).toBe(
          'too many failed logins for this account: wait 15 minutes and try again',
        );
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(890);
      }
      expect((await login('198.51.100.1', 'wang', TEST_PASSWORD)).statusCode).toBe(200);
      // An address refused for the account's sake has not used up its own attempts.
      for (let i = 0; i < 9; i++) {
        expect((await login('198.51.100.1', 'wang', 'wrong')).statusCode).toBe(401);
      }
      expect((await login('198.51.100.1', 'wang', TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('without trusted proxies, X-Forwarded-For is ignored', async () => {
      const spoofed = (i: number) =>
        d.app.inject({
          method: 'POST',
          url: '/api/enrol',
          remoteAddress: '198.51.100.9',
          headers: { 'x-forwarded-for': `192.0.2.${i}` },
          payload: { code: 'AAAA-BBBB', deviceName: 'desk' },
        });
      for (let i = 0; i < 20; i++) expect((await spoofed(i)).statusCode).toBe(400);
      expect((await spoofed(99)).statusCode).toBe(429);
    });

    it('leaves the cookie without Secure and sends no HSTS when the public address is http, whatever the Host header says', async () => {
      const res = await d.app.inject({
        method: 'POST',
        url: '/api/district/login',
        remoteAddress: '198.51.100.40',
        headers: { host: 'district.example.cn' },
        payload: { login: 'wang', password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['set-cookie'])).not.toMatch(/Secure/);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    });

    it('sends Cache-Control: no-store and nosniff with every API answer, errors included', async () => {
      const desk = await d.enrolDevice(await d.createCentre('Sunrise'));
      const answers: [string, Headers | Record<string, unknown>][] = [];
      const inject = async (what: string, options: InjectOptions) =>
        answers.push([what, (await d.app.inject(options)).headers]);
      const bearer = { authorization: `Bearer ${desk.token}` };
      await inject('health', { method: 'GET', url: '/api/health' });
      await inject('pull', {
        method: 'POST',
        url: '/api/sync/members/pull',
        headers: bearer,
        payload: { checkpoint: null, batchSize: 1 },
      });
      await inject('pull without a token', { method: 'POST', url: '/api/sync/members/pull' });
      await inject('preflight', { method: 'OPTIONS', url: '/api/sync/batch' });
      await inject('enrol', { method: 'POST', url: '/api/enrol', payload: { code: 5 } });
      await inject('me', { method: 'GET', url: '/api/district/me' });
      await inject('login', {
        method: 'POST',
        url: '/api/district/login',
        payload: { login: 'wang', password: TEST_PASSWORD },
      });
      await inject('unknown endpoint', { method: 'GET', url: '/api/nowhere' });
      await inject('broken escape', { method: 'GET', url: '/api/sync/%zz/pull' });
      await inject('not JSON', {
        method: 'POST',
        url: '/api/enrol',
        headers: { 'content-type': 'text/plain' },
        payload: 'x',
      });
      await inject('too large', {
        method: 'POST',
        url: '/api/enrol',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ code: 'x'.repeat(20_000) }),
      });
      // The change stream, over a real socket (it stays open).
      const stream = new AbortController();
      const res = await fetch(`${d.url}/api/sync/stream`, {
        headers: bearer,
        signal: stream.signal,
      });
      answers.push(['stream', res.headers]);
      stream.abort();
      for (const [what, headers] of answers) {
        const get = (name: string) =>
          headers instanceof Headers ? headers.get(name) : headers[name];
        expect(String(get('cache-control')), what).toMatch(/^no-store/);
        expect(get('x-content-type-options'), what).toBe('nosniff');
      }
      // A request HTTP cannot parse is answered on the socket, in the same way.
      const raw = await new Promise<string>((resolve) => {
        const socket = connect(Number(new URL(d.url).port), '127.0.0.1');
        let got = '';
        socket.on('data', (chunk) => (got += chunk.toString()));
        socket.on('close', () => resolve(got));
        socket.write('NOT HTTP\r\n\r\n');
      });
      expect(raw).toMatch(/^HTTP\/1.1 400 /);
      expect(raw).toMatch(/\r\nCache-Control: no-store\r\n/);
      expect(raw).toMatch(/\r\nX-Content-Type-Options: nosniff\r\n/);
    });
  });
});

describe('settings: DISTRICT_PUBLIC_URL and DISTRICT_TRUSTED_PROXIES', () => {
  it('reads the public address and the proxies, and says what is wrong with them', () => {
    expect(readConfig({})).toMatchObject({
      publicUrl: 'http://localhost:4100',
      trustedProxies: [],
    });
    expect(
      readConfig({
        DISTRICT_PUBLIC_URL: 'https://district.example.cn/',
        DISTRICT_TRUSTED_PROXIES:
          ' 10.0.0.5, 10.1.0.0/16 ,loopback,fd00::/8,192.168.0.0/255.255.0.0',
        HOST: '0.0.0.0',
      }),
    ).toMatchObject({
      publicUrl: 'https://district.example.cn',
      trustedProxies: [
        '10.0.0.5',
        '10.1.0.0/16',
        'loopback',
        'fd00::/8',
        '192.168.0.0/255.255.0.0',
      ],
    });
    expect(() => readConfig({ HOST: '0.0.0.0' })).toThrow(
      'set DISTRICT_PUBLIC_URL to the address people open, e.g. https://district.example.cn: ' +
        'listening on 0.0.0.0, people reach the server through another address, which decides ' +
        'whether the session cookie is Secure',
    );
    expect(() => readConfig({ DISTRICT_TRUSTED_PROXIES: 'loopback' })).toThrow(
      /set DISTRICT_PUBLIC_URL .*behind a reverse proxy/,
    );
    for (const bad of ['district.example.cn', 'ftp://x', 'https://x/dashboard', 'https://x/?a=1']) {
      expect(() => readConfig({ DISTRICT_PUBLIC_URL: bad }), bad).toThrow(
        `DISTRICT_PUBLIC_URL must be the origin people open, like https://district.example.cn (got "${bad}")`,
      );
    }
    for (const bad of ['proxy.example.cn', '10.0.0.0/33', '10.0.0.1/8/8', 'all', '::1/129']) {
      expect(
        () => readConfig({ DISTRICT_PUBLIC_URL: 'https://x', DISTRICT_TRUSTED_PROXIES: bad }),
        bad,
      ).toThrow(`(got "${bad}")`);
    }
  });
});
