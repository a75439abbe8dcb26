/** Test helpers for the dashboard API: staff accounts and a cookie-keeping HTTP client. */
import type { Queryable } from '../db/db';
import type { HttpResult } from '../testing/harness';
import type { ScryptParams } from './passwords';
import { SESSION_COOKIE } from './routes';
import type { DistrictRole } from './types';
import { createUser, type DistrictUser } from './users';

/** Cheap hashing for tests that are not about hashing (production uses DEFAULT_SCRYPT_PARAMS). */
export const TEST_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

export const TEST_PASSWORD = 'correct horse battery';

export function addStaff(
  db: Queryable,
  login: string,
  role: DistrictRole,
  password = TEST_PASSWORD,
  /** civil, health or cdc (shared/rules/departments.ts); left out: the district office. */
  department?: string,
): Promise<DistrictUser> {
  return createUser(db, {
    login,
    role,
    password,
    params: TEST_SCRYPT_PARAMS,
    ...(department ? { department } : {}),
  });
}

export interface StaffClient {
  /** The session cookie's value, once logged in. */
  cookie: string | null;
  /** The last Set-Cookie header the server sent. */
  lastSetCookie: string | null;
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult<T>>;
  login(login: string, password?: string): Promise<HttpResult>;
}

/** A browser-like client of `/api/district/*`: JSON bodies, the session cookie kept. */
export function staffClient(url: string): StaffClient {
  const client: StaffClient = {
    cookie: null,
    lastSetCookie: null,
    async request<T>(method: string, path: string, body?: unknown, extra?: Record<string, string>) {
      const headers: Record<string, string> = {};
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (client.cookie) headers.cookie = `${SESSION_COOKIE}=${client.cookie}`;
      Object.assign(headers, extra);
      const res = await fetch(`${url}/api/district${path}`, {
        method,
        headers,
        ...(body !== undefined
          ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
          : {}),
      });
      const setCookie = res.headers.get('set-cookie');
      if (setCookie) {
        client.lastSetCookie = setCookie;
        const value = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(setCookie)?.[1];
        client.cookie = value || null;
      }
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed as T };
    },
    login: (login, password = TEST_PASSWORD) =>
      client.request('POST', '/login', { login, password }),
  };
  return client;
}

/**
 * The two district staff most dashboard tests need, each logged in with a client of their own:
 * `wang` the admin and `li` the viewer.
 */
export async function adminAndViewer(
  db: Queryable,
  url: string,
): Promise<{ admin: StaffClient; viewer: StaffClient }> {
  await addStaff(db, 'wang', 'admin');
  await addStaff(db, 'li', 'viewer');
  const admin = staffClient(url);
  const viewer = staffClient(url);
  for (const [client, login] of [
    [admin, 'wang'],
    [viewer, 'li'],
  ] as const) {
    const res = await client.login(login);
    if (res.status !== 200) throw new Error(`${login} could not log in: ${res.status}`);
  }
  return { admin, viewer };
}
