/**
 * Every registered route, walked: a NUL character or an overlong value in each of its URL
 * parameters, in each query field the API reads, and in each field of a body it takes is answered
 * 4xx in the error shape, never 500, and stores nothing. The routes come from the server itself, so
 * a route added later is walked too (and must get a sample body below if it takes one).
 */
import type { FastifyInstance, HTTPMethods } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addStaff, staffClient, TEST_SCRYPT_PARAMS } from './district/testing';
import { MAX_BODY_TEXT, MAX_QUERY_VALUE, ownsItsInput } from './requestText';
import { forEachBackend } from './testing/backends';
import { startTestDistrict, type TestDistrict } from './testing/harness';
import { districtState, errorShapeProblems } from './testing/state';

interface Route {
  method: HTTPMethods;
  url: string;
}

/** The routes Fastify has, from its own route tree (`printRoutes`), checked with `hasRoute`. */
function registeredRoutes(app: FastifyInstance): Route[] {
  const routes: Route[] = [];
  const path: string[] = [];
  for (const line of app.printRoutes().split('\n')) {
    const match = /^([│├└─ ]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    path.length = depth;
    path.push(match[2]!);
    for (const method of match[3]?.split(', ') ?? []) {
      if (method !== 'HEAD') routes.push({ method: method as HTTPMethods, url: path.join('') });
    }
  }
  for (const route of routes) expect(app.hasRoute(route), JSON.stringify(route)).toBe(true);
  return routes;
}

/** Every query field a route of the API reads, and one none reads. */
const QUERY_FIELDS = ['centre', 'month', 'day', 'staleDays', 'lang', 'limit', 'unheard'];

/** The 突发公共卫生事件 report's fields, each filled (server/district/outbreaks.ts). */
const OUTBREAK_REPORT_FIELDS = {
  reportingUnit: '城关镇社区卫生服务中心',
  eventName: '城关镇托育机构皮疹聚集性病例',
  category: '传染病',
  place: '城关镇',
  firstOnset: '2026-12-03',
  cases: '3',
  involved: '40',
  deaths: '0',
  symptoms: '皮疹',
  measures: '晨午检加强',
  reporter: '周医生',
  phone: '0571-88001234',
  reportedAt: '2026-12-05 09:30',
};

/** A body each route that takes one would accept (or refuse for a reason of its own). */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/enrol': { code: 'AAAA-BBBB', deviceName: 'desk' },
  'POST /api/sync/batch': { pulls: { members: { checkpoint: null, batchSize: 1 } } },
  'POST /api/sync/:collection/pull': { checkpoint: null, batchSize: 1 },
  'POST /api/sync/:collection/push': [
    { newDocumentState: { id: 'm1', centreId: 'c1', name: 'x' } },
  ],
  'POST /api/district/login': { login: 'wang', password: 'not the password' },
  'POST /api/district/logout': {},
  'POST /api/district/centres/:id/enrolment-codes': { hours: 2 },
  'PATCH /api/district/centres/:id': { childPlaces: 10 },
  'PATCH /api/district/devices/:id': { name: 'front desk' },
  'POST /api/district/devices/:id/revoke': { reason: 'stolen' },
  'POST /api/district/publish': {
    kind: 'announcement',
    title: 'notice',
    text: 'wear masks',
    shownFrom: '2026-11-01',
    shownUntil: '2027-02-28',
  },
  'POST /api/district/published/:id/withdraw': {},
  'POST /api/packets/keys': { sign: 'MFkwEwYHKoZIzj0CAQ==', box: 'MFkwEwYHKoZIzj0CAQ==' },
  'POST /api/district/packets': { packet: '{"kind":"cocare-packet"}' },
  'POST /api/district/devices/:id/return-packet': {},
  'POST /api/district/outbreaks/report': {
    cluster: 'township:城关镇:rash',
    fields: OUTBREAK_REPORT_FIELDS,
  },
  'POST /api/district/outbreaks/report.xlsx': {
    cluster: 'township:城关镇:rash',
    fields: OUTBREAK_REPORT_FIELDS,
    lang: 'zh',
  },
};

/** Every text or number in a body, by its path, e.g. [["title"], ["pulls", "members", …]]. */
function leaves(value: unknown, at: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return at.length ? [at] : [];
  return Object.entries(value).flatMap(([key, child]) => leaves(child, [...at, key]));
}

function replaced(body: unknown, at: string[], value: string): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[at[at.length - 1]!] = value;
  return copy;
}

const NUL = 'a\u0000b';

forEachBackend((backend) => {
  let d: TestDistrict;
  let headers: Record<string, string>;

  beforeAll(async () => {
    d = await startTestDistrict({
      ...backend,
      dashboard: { scryptParams: TEST_SCRYPT_PARAMS },
      enrolRateLimit: { limit: 100_000, windowMs: 60_000 },
    });
    const desk = await d.enrolDevice(await d.createCentre('Sunrise', 'c1'));
    await addStaff(d.db, 'wang', 'admin');
    const admin = staffClient(d.url);
    await admin.login('wang');
    // Every request carries both a dashboard session and a device token, so each route gets past
    // its authentication to the code that reads the field.
    headers = {
      cookie: `cocare_district_session=${admin.cookie}`,
      authorization: `Bearer ${desk.token}`,
    };
  });
  afterAll(async () => {
    await d?.close();
  });

  it('answers a NUL character or an overlong value in any URL part, query field or body field with 4xx in the error shape, never 500', async () => {
    const routes = registeredRoutes(d.app);
    expect(routes.length).toBeGreaterThan(20);
    const before = await districtState(d.db);
    const failures: string[] = [];
    let sent = 0;

    const send = async (
      what: string,
      method: HTTPMethods,
      url: string,
      body: unknown,
      expectRefused: boolean,
    ) => {
      sent++;
      const res = await d.app.inject({
        method,
        url,
        headers: {
          // Logging out would end the session the other requests need, and the change stream
          // would stay open; it takes no parameters, query or body anyway.
          ...(/^\/api\/(district\/logout|sync\/stream)/.test(url) ? {} : headers),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
      const status = res.statusCode;
      if (status >= 500 || (expectRefused && (status < 400 || status >= 500))) {
        failures.push(`${what}: ${status} ${res.body.slice(0, 200)}`);
        return;
      }
      if (status >= 400) {
        let parsed: unknown = res.body;
        try {
          parsed = res.json();
        } catch {
          // not JSON: errorShapeProblems says so
        }
        const problems = errorShapeProblems(status, parsed);
        if (problems.length) failures.push(`${what}: ${status} ${problems.join('; ')}`);
      }
    };

    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const takesBody = route.method === 'POST' || route.method === 'PATCH';
      if (takesBody) expect(SAMPLE_BODIES, `a sample body for ${key}`).toHaveProperty([key]);
      const body = takesBody ? SAMPLE_BODIES[key] : undefined;
      const params = route.url.match(/:\w+|\*/g) ?? [];
      const urlWith = (param: string | null, value: string) =>
        route.url.replace(/:\w+|\*/g, (p) =>
          p === param ? encodeURIComponent(value) : p === ':collection' ? 'members' : 'x',
        );

      for (const param of params) {
        for (const [name, value] of [
          ['NUL', NUL],
          ['overlong', 'p'.repeat(MAX_QUERY_VALUE + 1)],
        ] as const) {
          await send(`${key} ${param} ${name}`, route.method, urlWith(param, value), body, true);
        }
      }
      // The sync API and enrolment take no query string and ignore one; every other route refuses
      // a bad one.
      const own = ownsItsInput(route.url);
      for (const field of QUERY_FIELDS) {
        for (const [name, value] of [
          ['NUL', NUL],
          ['overlong', 'q'.repeat(MAX_QUERY_VALUE + 1)],
        ] as const) {
          const url = `${urlWith(null, '')}?${field}=${encodeURIComponent(value)}`;
          await send(`${key} ?${field} ${name}`, route.method, url, body, !own);
        }
      }
      if (!takesBody) continue;
      // Every field of the body, and one no route reads (which the sync API and enrolment ignore).
      for (const at of [...leaves(body), ['unheard']]) {
        for (const [name, value, refused] of [
          ['NUL', NUL, true],
          ['overlong', 'b'.repeat(MAX_BODY_TEXT + 1), true],
          // Within the general limit: a route takes it or refuses it, but never fails on it.
          ['long', 'b'.repeat(5000), false],
        ] as const) {
          await send(
            `${key} body ${at.join('/')} ${name}`,
            route.method,
            urlWith(null, ''),
            replaced(body, at, value),
            refused && !(at[0] === 'unheard' && own),
          );
        }
      }
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThan(300);
    expect(await districtState(d.db)).toEqual(before);
    expect((await d.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});
