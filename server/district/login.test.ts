import { afterAll, beforeAll, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { forEachBackend } from '../testing/backends';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { listActions } from './actionLog';
import type { LoginAttempt, LoginAttemptLimiter } from './loginAttempts';
import { hashPassword } from './passwords';
import { loginTag } from './routes';
import { addStaff, staffClient, TEST_PASSWORD, TEST_SCRYPT_PARAMS } from './testing';
import type { DistrictApiError, SessionInfo } from './types';
import { setUserDisabled } from './users';

/** Records what the login route told it; refuses a login once told to. */
class FakeLimiter implements LoginAttemptLimiter {
  calls: string[] = [];
  blocked = new Set<string>();
  begin(address: string, login: string): LoginAttempt {
    this.calls.push(`begin ${address} ${login}`);
    if (this.blocked.has(login)) {
      throw new HttpError(429, 'rate_limited', 'too many login attempts: wait and try again');
    }
    return {
      failed: () => this.calls.push(`failed ${address} ${login}`),
      succeeded: () => this.calls.push(`succeeded ${address} ${login}`),
    };
  }
}

forEachBackend((backend) => {
  let d: TestDistrict;
  const limiter = new FakeLimiter();

  beforeAll(async () => {
    d = await startTestDistrict({
      ...backend,
      dashboard: { scryptParams: TEST_SCRYPT_PARAMS, loginAttempts: limiter },
    });
    await addStaff(d.db, 'Wang.Admin', 'admin');
    await addStaff(d.db, 'li', 'viewer');
  });
  afterAll(async () => {
    await d?.close();
  });

  it('logs in with a session cookie that is HttpOnly and SameSite=Strict, and knows who it is', async () => {
    const staff = staffClient(d.url);
    const res = await staff.login('wang.admin');
    expect(res.status).toBe(200);
    const info = res.body as SessionInfo;
    expect(info.user).toMatchObject({
      login: 'Wang.Admin',
      displayName: 'Wang.Admin',
      role: 'admin',
    });
    expect(Date.parse(info.expiresAt) - Date.now()).toBeGreaterThan(11 * 3600_000);
    expect(Date.parse(info.idleExpiresAt) - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    const cookie = staff.lastSetCookie!;
    expect(cookie).toMatch(/^cocare_district_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/api/district');
    // The district's public address is plain http (a first set-up on this machine): no Secure.
    // server/proxy.test.ts has the https case.
    expect(cookie).not.toContain('Secure');
    // No CORS for the cookie API.
    expect(res.headers.get('access-control-allow-origin')).toBeNull();

    const me = await staff.request<SessionInfo>('GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.user.login).toBe('Wang.Admin');

    // The token is stored only as its hash.
    const { rows } = await d.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM district_sessions',
    );
    expect(rows.map((r) => r.token_hash)).not.toContain(staff.cookie);
  });

  it('gives a wrong password and an unknown login the same answer', async () => {
    const wrong = await staffClient(d.url).login('li', 'not the password');
    const unknown = await staffClient(d.url).login('nobody', 'not the password');
    const disabled = await addStaff(d.db, 'gone', 'viewer');
    await setUserDisabled(d.db, disabled.login, true);
    const off = await staffClient(d.url).login('gone');
    for (const res of [wrong, unknown, off]) {
      expect(res.status).toBe(401);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    expect(unknown.body).toEqual(wrong.body);
    expect(off.body).toEqual(wrong.body);
    expect((wrong.body as DistrictApiError).error).toEqual({
      code: 'login_failed',
      message: 'wrong login name or password: check both and try again',
    });
  });

  it('refuses every district endpoint without a session', async () => {
    const anon = staffClient(d.url);
    for (const [method, path, body] of [
      ['GET', '/me', undefined],
      ['GET', '/devices', undefined],
      ['GET', '/overview', undefined],
      ['GET', '/actions', undefined],
      ['POST', '/centres/x/enrolment-codes', {}],
      ['PATCH', '/devices/x', { name: 'n' }],
      ['POST', '/devices/x/revoke', { reason: 'r' }],
    ] as const) {
      const res = await anon.request<DistrictApiError>(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe('not_logged_in');
    }
    anon.cookie = 'forged-or-old-token';
    const forged = await anon.request<DistrictApiError>('GET', '/me');
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('not_logged_in');
  });

  it('ends a session that sat idle, or outlived its absolute time', async () => {
    for (const column of ['idle_expires_at', 'expires_at']) {
      const staff = staffClient(d.url);
      await staff.login('li');
      expect((await staff.request('GET', '/me')).status).toBe(200);
      await d.db.query(
        `UPDATE district_sessions SET ${column} = now() - interval '1 second'
          WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`,
        [staff.cookie],
      );
      const res = await staff.request<DistrictApiError>('GET', '/me');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('session_expired');
      // And it is gone: asking again is "not logged in".
      expect((await staff.request<DistrictApiError>('GET', '/me')).body.error.code).toBe(
        'not_logged_in',
      );
    }
  });

  it('logs out: the session ends and the cookie is cleared', async () => {
    const staff = staffClient(d.url);
    await staff.login('li');
    const old = staff.cookie!;
    const out = await staff.request('POST', '/logout', {});
    expect(out.status).toBe(200);
    expect(staff.lastSetCookie).toMatch(/^cocare_district_session=; .*Max-Age=0/);
    staff.cookie = old;
    expect((await staff.request('GET', '/me')).status).toBe(401);
    // Logging out again, or without a session, is fine.
    expect((await staffClient(d.url).request('POST', '/logout', {})).status).toBe(200);
  });

  it('ends the sessions of an account that is disabled', async () => {
    await addStaff(d.db, 'zhao', 'admin');
    const staff = staffClient(d.url);
    await staff.login('zhao');
    await setUserDisabled(d.db, 'zhao', true);
    expect((await staff.request('GET', '/me')).status).toBe(401);
  });

  it('refuses requests that change something unless they are JSON (CSRF)', async () => {
    const staff = staffClient(d.url);
    await staff.login('wang.admin');
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const res = await staff.request<DistrictApiError>('POST', '/logout', 'a=b', {
        'content-type': type,
      });
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('bad_request');
    }
    const form = await staffClient(d.url).request<DistrictApiError>(
      'POST',
      '/login',
      'login=li&password=correct+horse+battery',
      { 'content-type': 'application/x-www-form-urlencoded' },
    );
    expect(form.status).toBe(415);
    // Still logged in: the refused logout did nothing.
    expect((await staff.request('GET', '/me')).status).toBe(200);
  });

  it('asks the login limiter before checking a password, and tells it the outcome', async () => {
    limiter.calls = [];
    await staffClient(d.url).login('li', 'wrong password');
    await staffClient(d.url).login('li');
    expect(limiter.calls).toEqual([
      'begin 127.0.0.1 li',
      'failed 127.0.0.1 li',
      'begin 127.0.0.1 li',
      'succeeded 127.0.0.1 li',
    ]);
    limiter.blocked.add('li');
    try {
      const refused = await staffClient(d.url).login('li');
      expect(refused.status).toBe(429);
      expect((refused.body as DistrictApiError).error.code).toBe('rate_limited');
      expect(refused.headers.get('set-cookie')).toBeNull();
    } finally {
      limiter.blocked.clear();
    }
  });

  it('refuses a NUL character or an overlong login with 400, before the limiter counts it', async () => {
    limiter.calls = [];
    for (const login of ['li\u0000', 'l'.repeat(61), 'l'.repeat(100_000)]) {
      const res = await staffClient(d.url).login(login);
      expect(res.status).toBe(400);
      expect((res.body as DistrictApiError).error.code).toBe('bad_request');
      expect((res.body as DistrictApiError).error.message).toMatch(/login/);
    }
    expect(limiter.calls).toEqual([]);
    // The server keeps answering, and the right login still works.
    expect((await staffClient(d.url).login('li')).status).toBe(200);
  });

  it('rehashes a password made with other parameters at login', async () => {
    const user = await addStaff(d.db, 'old.hash', 'viewer');
    const older = await hashPassword(TEST_PASSWORD, { N: 2 ** 9, r: 8, p: 1 });
    await d.db.query('UPDATE district_users SET password_hash = $2 WHERE id = $1', [
      user.id,
      older,
    ]);
    expect((await staffClient(d.url).login('old.hash')).status).toBe(200);
    const { rows } = await d.db.query<{ password_hash: string }>(
      'SELECT password_hash FROM district_users WHERE id = $1',
      [user.id],
    );
    expect(rows[0]!.password_hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect((await staffClient(d.url).login('old.hash')).status).toBe(200);
  });

  it('writes logins and logouts to the action log, with the address', async () => {
    const staff = staffClient(d.url);
    await staff.login('wang.admin');
    await staff.request('POST', '/logout', {});
    const [logout, login] = await listActions(d.db, 2);
    expect(login).toMatchObject({ actor: 'Wang.Admin', action: 'login', address: '127.0.0.1' });
    expect(logout).toMatchObject({ actor: 'Wang.Admin', action: 'logout', address: '127.0.0.1' });
    expect(login!.userId).toBeTruthy();
  });

  it('lets an admin read the action log, and not a viewer', async () => {
    const admin = staffClient(d.url);
    await admin.login('wang.admin');
    const log = await admin.request<{ actions: { action: string }[] }>('GET', '/actions?limit=5');
    expect(log.status).toBe(200);
    expect(log.body.actions[0]!.action).toBe('login');
    const viewer = staffClient(d.url);
    await viewer.login('li');
    const refused = await viewer.request<DistrictApiError>('GET', '/actions');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden' });
    expect(refused.body.error.message).toMatch(/only a district admin may read the action log/);
  });
});

it('takes as long for an unknown login as for a wrong password (strong hashing)', async () => {
  const d = await startTestDistrict({ kind: 'pglite' });
  try {
    await addStaff(d.db, 'li', 'viewer');
    // Give li a hash with the server's own (strong) parameters, as the CLI would.
    await d.db.query("UPDATE district_users SET password_hash = $1 WHERE login = 'li'", [
      await hashPassword(TEST_PASSWORD),
    ]);
    const timed = async (login: string) => {
      const start = performance.now();
      const res = await staffClient(d.url).login(login, 'not the password');
      expect(res.status).toBe(401);
      return performance.now() - start;
    };
    await timed('warm-up');
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    const wrong = median([await timed('li'), await timed('li'), await timed('li')]);
    const unknown = median([await timed('nobody'), await timed('nobody'), await timed('nobody')]);
    // Both pay one full scrypt (hundreds of ms); without the stand-in hash an unknown login
    // would answer in a few ms.
    expect(wrong).toBeGreaterThan(100);
    expect(unknown).toBeGreaterThan(wrong * 0.6);
    expect(unknown).toBeLessThan(wrong * 1.6);
  } finally {
    await d.close();
  }
});

it('logs a failed login as a short keyed tag, never as what was typed', async () => {
  const lines: string[] = [];
  const d = await startTestDistrict({
    kind: 'pglite',
    dashboard: { scryptParams: TEST_SCRYPT_PARAMS },
    logger: { level: 'warn', stream: { write: (line: string) => void lines.push(line) } },
  });
  try {
    await addStaff(d.db, 'li', 'viewer');
    // A password typed into the login box is the case that matters.
    for (const login of ['correct horse battery', 'li', 'LI', 'nobody']) {
      expect((await staffClient(d.url).login(login, 'wrong password')).status).toBe(401);
    }
    const failed = lines
      .map((line) => JSON.parse(line) as { msg: string; login: string; address: string })
      .filter((entry) => entry.msg === 'district login failed');
    expect(failed).toHaveLength(4);
    for (const entry of failed) {
      expect(entry.login).toMatch(/^login#[0-9a-f]{12}$/);
      expect(entry.address).toBe('127.0.0.1');
    }
    expect(lines.join('\n')).not.toMatch(/correct horse|nobody/);
    const [typedPassword, li, upperLi, nobody] = failed.map((entry) => entry.login);
    // The same login (in any case) has the same tag, so repeated failures show; others differ.
    expect(upperLi).toBe(li);
    expect(new Set([typedPassword, li, nobody]).size).toBe(3);
    expect(li).toBe(loginTag(d.serverKey, 'li'));
  } finally {
    await d.close();
  }
});
