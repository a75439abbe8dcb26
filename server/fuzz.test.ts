/**
 * A seeded fuzz of the district's HTTP API: a fixed number of generated requests (random methods,
 * paths, headers and bodies: mutated documents, random JSON, truncated JSON, deep nesting, huge
 * strings, prototype keys) through the real Fastify app, most by `inject` and some over a real
 * socket. Every answer must be below 500, every error in the documented shape, a refused request
 * must store nothing, an accepted document must be stored as sent, and the server must stay up.
 *
 * The same seed makes the same requests: FUZZ_SEED=… FUZZ_REQUESTS=… npx vitest run server/fuzz
 */
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../shared/ids';
import { revokeDevice } from './admin';
import { forEachBackend } from './testing/backends';
import { makeAttendance, makeMember, wire } from './testing/docs';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from './testing/harness';
import { districtState, errorShapeProblems } from './testing/state';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_123);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 800);
/** One request in this many goes over a real socket instead of `inject`. */
const RAW_EVERY = 12;

/** mulberry32: a small seeded PRNG. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const COLLECTIONS = [
  'members',
  'attendance',
  'auditLog',
  'staff',
  'consents',
  'absences',
  'health',
];
const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '..',
  '..%2F..%2Fetc',
  '%2e%2e',
  '%00',
  '%zz',
  '%E0%A4%A',
  'members%2Fpush',
  '',
  'x'.repeat(120),
  '%F0%9F%98%80',
  'MEMBERS',
  "members'--",
];
const STRINGS = [
  '',
  'members',
  '张三',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  '😀',
  '<script>alert(1)</script>',
  "'; DROP TABLE documents; --",
  '../../etc/passwd',
  '%00',
  '\u202e',
  '1950-02-30',
  '2026-11-23T10:00:00Z',
  'null',
  '{"a":1}',
];
const KEYS = [
  'checkpoint',
  'seq',
  'batchSize',
  'pushes',
  'pulls',
  'members',
  'attendance',
  'newDocumentState',
  'assumedMasterState',
  'id',
  'centreId',
  'code',
  'deviceName',
  '_deleted',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'a\u0000',
  '',
];

/** An object with these own keys, `__proto__` included, as JSON.parse would make it. */
function obj(entries: Array<[string, unknown]>): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return o;
}

function randomJson(r: Rng, depth = 0): unknown {
  const kind = r.int(depth > 3 ? 6 : 9);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r.chance(0.5);
    case 2:
      return r.pick([0, -1, 1, 1.5, 2 ** 53, -(2 ** 63), 1e308, 5e-324, 500, 501, 1000, 1001]);
    case 3:
      return r.int(2_000_000) - 1_000_000;
    case 4:
    case 5:
      return r.chance(0.1) ? 'x'.repeat(r.int(100_000)) : r.pick(STRINGS);
    case 6:
      return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
    default:
      return obj(
        Array.from({ length: r.int(5) }, () => [
          r.chance(0.1) ? '__proto__' : r.pick(KEYS),
          randomJson(r, depth + 1),
        ]),
      );
  }
}

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

interface Ctx {
  centre: string;
  other: string;
  /** Ids already on the district: this centre's and the other centre's. */
  ownIds: string[];
  otherIds: string[];
}

function validDoc(r: Rng, ctx: Ctx, collection: string): Record<string, unknown> {
  const m = makeMember(ctx.centre);
  if (collection === 'attendance') return wire(makeAttendance(ctx.centre, m.id));
  if (collection === 'auditLog') {
    return wire({
      id: m.id,
      centreId: m.centreId,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      updatedBy: m.updatedBy,
      action: 'sync.conflictLost',
      subjectCollection: 'members',
      subjectId: newId(),
      data: { name: r.pick(STRINGS), n: r.int(100) },
    });
  }
  return wire(m);
}

function mutateDoc(r: Rng, ctx: Ctx, doc: Record<string, unknown>): Record<string, unknown> {
  const d = { ...doc };
  const keys = Object.keys(d);
  switch (r.int(14)) {
    case 0:
    case 1:
    case 2:
      return d; // unchanged: valid
    case 3:
      d[r.pick(keys)] = randomJson(r);
      return d;
    case 4:
      delete d[r.pick(keys)];
      return d;
    case 5:
      d.id = r.pick<unknown>([5, '', null, 'x'.repeat(r.int(5000) + 41), 'a\u0000', newId()]);
      return d;
    case 6:
      d.id = r.pick([...ctx.otherIds, ...ctx.ownIds, newId()]);
      return d;
    case 7:
      d.centreId = r.pick<unknown>([ctx.other, 'district', '', 7, ctx.centre]);
      return d;
    case 8:
      d[r.chance(0.5) ? 'data' : r.pick(keys)] = nested(r.pick([5, 31, 33, 70, 2000]));
      return d;
    case 9:
      d[r.pick(keys)] = 'x'.repeat(r.int(300_000));
      return d;
    case 10:
      d[r.pick(keys)] = r.pick(['a\u0000', '\ud800', 'ok\udfff']);
      return d;
    case 11:
      return obj([
        ...Object.entries(d),
        [r.pick(['__proto__', 'constructor', 'extra']), obj([['prototype', 1]])],
      ]);
    case 12:
      d._deleted = r.pick<unknown>([true, 'yes', 1, null]);
      d._rev = '1-x';
      d._meta = { lwt: 1 };
      return d;
    default:
      d[r.pick(keys)] = r.pick<unknown>([1e308, -0, 2 ** 64]);
      return d;
  }
}

function pushRows(r: Rng, ctx: Ctx, collection: string): unknown[] {
  const n = r.chance(0.05) ? 1001 : r.int(4) + 1;
  // Half the pushes change at most one row; the others may change any.
  const only = r.chance(0.5) ? r.int(n) : -1;
  return Array.from({ length: n }, (_, i) => {
    const valid = validDoc(r, ctx, collection);
    if (only >= 0 && i !== only) return { newDocumentState: valid };
    if (r.chance(0.07)) return randomJson(r);
    const doc = mutateDoc(r, ctx, valid);
    const row: Record<string, unknown> = { newDocumentState: doc };
    if (r.chance(0.2)) {
      row.assumedMasterState = r.chance(0.5) ? { ...doc } : randomJson(r);
    }
    if (r.chance(0.03)) delete row.newDocumentState;
    return row;
  });
}

/** Mostly the collections `validDoc` makes documents for. */
function randomCollection(r: Rng): string {
  const p = r.next();
  if (p < 0.7) return r.pick(['members', 'attendance', 'auditLog']);
  return p < 0.9 ? r.pick(COLLECTIONS) : r.pick(HOSTILE_NAMES);
}

function pullBody(r: Rng): unknown {
  const body: Record<string, unknown> = {};
  if (r.chance(0.9)) {
    body.checkpoint = r.pick<unknown>([
      null,
      { seq: r.int(1000) },
      { seq: -1 },
      { seq: '3' },
      { seq: 2 ** 60 },
      randomJson(r),
    ]);
  }
  if (r.chance(0.8))
    body.batchSize = r.pick<unknown>([1, 10, 500, 501, 1e9, 0, -5, '10', 1.5, null]);
  return r.chance(0.1) ? randomJson(r) : body;
}

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
  /** The rows pushed, by collection, when the body is a well-formed push or batch. */
  pushed: Record<string, unknown[]> | null;
}

function generate(r: Rng, ctx: Ctx, tokens: Record<string, string>): FuzzRequest {
  const method = r.chance(0.85)
    ? 'POST'
    : r.pick(['GET', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']);
  const collection = randomCollection(r);
  const endpoint = r.chance(0.8)
    ? r.pick(['pull', 'push', 'push', 'batch', 'batch'])
    : r.pick(['enrol', 'enrol', 'health', 'stream', 'other']);
  let path: string = {
    pull: `/api/sync/${collection}/pull`,
    push: `/api/sync/${collection}/push`,
    batch: '/api/sync/batch',
    enrol: '/api/enrol',
    health: '/api/health',
    stream: '/api/sync/stream',
    other: r.pick([
      '/',
      '/api',
      '/api/',
      '/api/sync',
      `/api/sync/${collection}`,
      '/favicon.ico',
      `/api/${r.pick(STRINGS)}`,
    ]),
  }[endpoint]!;
  if (r.chance(0.05))
    path = path.replace('/api/', r.pick(['//api/', '/api//', '/API/', '/api/./']));
  if (r.chance(0.05)) path += '/';
  if (r.chance(0.1)) {
    path += r.pick([
      '?__proto__[x]=1',
      '?constructor[prototype][x]=1',
      '?batchSize=9999',
      '?a=%zz',
      `?q=${'y'.repeat(2000)}`,
      '?',
    ]);
  }
  // Encode what is not safe in a request line (spaces, non-ASCII, controls).
  const url = path.replace(/[^\x21-\x7e]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return '%ED%A0%80'; // an unpaired surrogate: its bytes, which are not UTF-8
    }
  });

  let payload: unknown;
  let pushed: Record<string, unknown[]> | null = null;
  if (endpoint === 'pull') payload = pullBody(r);
  else if (endpoint === 'push') {
    const rows = r.chance(0.08) ? randomJson(r) : pushRows(r, ctx, collection);
    payload = rows;
    if (Array.isArray(rows)) pushed = { [collection]: rows };
  } else if (endpoint === 'batch') {
    const pushes: Array<[string, unknown]> = [];
    for (let i = r.int(3); i > 0; i--) {
      const c = randomCollection(r);
      pushes.push([c, r.chance(0.9) ? pushRows(r, ctx, c) : randomJson(r)]);
    }
    const pulls: Array<[string, unknown]> = [];
    for (let i = r.int(3); i > 0; i--) {
      pulls.push([r.chance(0.9) ? r.pick(COLLECTIONS) : r.pick(HOSTILE_NAMES), pullBody(r)]);
    }
    if (r.chance(0.1)) payload = randomJson(r);
    else {
      payload = obj([
        ['pushes', obj(pushes)],
        ['pulls', obj(pulls)],
      ]);
      pushed = Object.fromEntries(
        pushes.filter((p): p is [string, unknown[]] => Array.isArray(p[1])),
      );
    }
  } else if (endpoint === 'enrol') {
    payload = r.chance(0.7)
      ? {
          code: r.pick<unknown>(['AAAA-BBBB', '', 5, null, 'x'.repeat(r.int(20_000))]),
          deviceName: r.pick<unknown>([...STRINGS, 5]),
        }
      : randomJson(r);
  } else if (r.chance(0.3)) {
    payload = randomJson(r);
  }

  let text = payload === undefined ? undefined : JSON.stringify(payload);
  if (text !== undefined) {
    const t = text;
    const mutation = r.int(20);
    // A body changed as text no longer says what `pushed` says.
    if (mutation <= 3) pushed = null;
    switch (mutation) {
      case 0:
        text = t.slice(0, r.int(t.length)); // truncated
        break;
      case 1:
        text =
          t.slice(0, r.int(t.length)) +
          r.pick(['}', ']', ',', '"', '\u0000', 'NaN']) +
          t.slice(r.int(t.length));
        break;
      case 2:
        text = t.replace(/"(id|name|checkpoint|code)":/, '"__proto__":');
        break;
      case 3:
        text = '['.repeat(5000) + ']'.repeat(5000);
        break;
      default:
    }
  }

  const headers: Record<string, string> = {};
  const auth = r.chance(0.7)
    ? 'desk'
    : r.pick(['other', 'other', 'revoked', 'none', 'garbage', 'basic', 'bearer-only']);
  if (auth === 'desk' || auth === 'other' || auth === 'revoked')
    headers.authorization = `Bearer ${tokens[auth]}`;
  else if (auth === 'garbage') headers.authorization = `Bearer ${'Z'.repeat(r.int(200) + 1)}`;
  else if (auth === 'basic') headers.authorization = 'Basic dXNlcjpwYXNz';
  else if (auth === 'bearer-only') headers.authorization = 'Bearer';
  // A live stream never ends: only bad tokens open it.
  if (endpoint === 'stream' && (auth === 'desk' || auth === 'other'))
    headers.authorization = `Bearer ${tokens.revoked}`;
  if (text !== undefined || r.chance(0.1)) {
    const type = r.chance(0.8)
      ? 'application/json'
      : r.pick([
          'application/json; charset=utf-8',
          'text/plain',
          'application/x-www-form-urlencoded',
          'APPLICATION/JSON',
          'multipart/form-data',
          'application/xml',
          '',
        ]);
    if (type) headers['content-type'] = type;
  }
  if (r.chance(0.05)) headers['x-forwarded-for'] = r.pick(['1.2.3.4', 'garbage', '::1, 10.0.0.1']);
  let body = text === undefined ? undefined : Buffer.from(text, 'utf8');
  if (body && r.chance(0.1)) {
    const encoding = r.pick(['gzip', 'gzip', 'deflate', 'br', 'identity', 'x-foo']);
    headers['content-encoding'] = encoding;
    if (encoding === 'gzip' && r.chance(0.7)) body = gzipSync(body);
  }
  if (r.chance(0.02)) {
    body = Buffer.alloc(10 * 1024 * 1024 + 10, 0x20); // over the body limit
    pushed = null;
  }
  return { method, url, headers, body, pushed };
}

interface Answer {
  status: number;
  body: unknown;
}

function parseBody(text: string): unknown {
  try {
    return text === '' ? '' : JSON.parse(text);
  } catch {
    return text;
  }
}

/** The request as text on a real socket (Connection: close), and the answer. */
function overSocket(url: string, req: FuzzRequest): Promise<Answer> {
  const { port } = new URL(url);
  const head = [
    `${req.method} ${req.url} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: close',
    ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`),
    ...(req.body ? [`Content-Length: ${req.body.length}`] : []),
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error('no answer within 10 s'));
    }, 10_000);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      resolve({ status, body: parseBody(raw.slice(raw.indexOf('\r\n\r\n') + 4)) });
    });
    socket.write(`${head}\r\n\r\n`);
    if (req.body) socket.write(req.body);
  });
}

/** A document as the district stores it: without RxDB's fields. */
function stored(doc: Record<string, unknown>): Record<string, unknown> {
  const data = { ...doc };
  for (const key of ['_deleted', '_meta', '_rev', '_attachments']) delete data[key];
  return data;
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let ctx: Ctx;
  let tokens: Record<string, string>;
  let desk: EnrolledDevice;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    const centre = await d.createCentre('Sunrise');
    const other = await d.createCentre('Riverside');
    desk = await d.enrolDevice(centre);
    const otherDesk = await d.enrolDevice(other);
    const revoked = await d.enrolDevice(centre);
    await revokeDevice(d.db, revoked.deviceId);
    tokens = { desk: desk.token, other: otherDesk.token, revoked: revoked.token };
    const own = [makeMember(centre), makeMember(centre)];
    const theirs = [makeMember(other), makeMember(other)];
    await d.client(desk.token).push(
      'members',
      own.map((m) => ({ newDocumentState: wire(m) })),
    );
    await d.client(otherDesk.token).push(
      'members',
      theirs.map((m) => ({ newDocumentState: wire(m) })),
    );
    ctx = { centre, other, ownIds: own.map((m) => m.id), otherIds: theirs.map((m) => m.id) };
  });
  afterAll(async () => {
    await d?.close();
  });

  it(`answers ${REQUESTS} generated requests (seed ${SEED}) below 500, in the error shape, storing nothing refused`, async () => {
    const r = prng(SEED + (backend.kind === 'postgres' ? 1 : 0));
    const statuses = new Map<number, number>();
    // What the district holds before each request (after the last one).
    let state = await districtState(d.db);
    for (let i = 0; i < REQUESTS; i++) {
      const req = generate(r, ctx, tokens);
      const where = `FUZZ_SEED=${SEED} request #${i} (${backend.kind}): ${req.method} ${req.url.slice(0, 120)} ${JSON.stringify(req.headers)} ${req.body?.subarray(0, 200).toString('utf8') ?? ''}`;
      let answer: Answer;
      if (i % RAW_EVERY === RAW_EVERY - 1) {
        answer = await overSocket(d.url, req);
      } else {
        const res = await d.app.inject({
          method: req.method as 'POST',
          url: req.url,
          headers: req.headers,
          ...(req.body ? { payload: req.body } : {}),
        });
        answer = { status: res.statusCode, body: parseBody(res.body) };
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      const after = await districtState(d.db);
      expect(
        answer.status,
        `${where}\n→ ${JSON.stringify(answer.body).slice(0, 300)}`,
      ).toBeGreaterThanOrEqual(200);
      expect(
        answer.status,
        `${where}\n→ ${JSON.stringify(answer.body).slice(0, 300)}`,
      ).toBeLessThan(500);
      if (answer.status >= 400) {
        // A HEAD answer has no body to check.
        if (req.method !== 'HEAD')
          expect(errorShapeProblems(answer.status, answer.body), where).toEqual([]);
        expect(after, `${where}: a refused request stored something`).toEqual(state);
      } else if (
        req.method === 'POST' &&
        req.pushed &&
        req.headers.authorization === `Bearer ${desk.token}`
      ) {
        await expectStoredAsSent(req.pushed, answer.body, where);
      }
      state = after;
      if (i % 50 === 49) {
        expect((await d.app.inject({ method: 'GET', url: '/api/health' })).statusCode, where).toBe(
          200,
        );
      }
    }
    expect((await fetch(`${d.url}/api/health`)).status).toBe(200);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    console.info(
      `fuzz ${backend.kind} seed ${SEED}: statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
  }, 180_000);

  /** Each document an accepted push sent is stored exactly as sent, unless it came back as a conflict. */
  async function expectStoredAsSent(
    pushed: Record<string, unknown[]>,
    response: unknown,
    where: string,
  ) {
    for (const [collection, rows] of Object.entries(pushed)) {
      const conflicts = Array.isArray(response)
        ? response
        : ((response as { pushes?: Record<string, unknown[]> }).pushes?.[collection] ?? []);
      const conflicted = new Set(conflicts.map((c) => (c as { id: string }).id));
      for (const row of rows) {
        const doc = (row as { newDocumentState: Record<string, unknown> }).newDocumentState;
        if (conflicted.has(doc.id as string)) continue;
        const { rows: found } = await d.db.query<{ data: unknown; deleted: boolean }>(
          'SELECT data, deleted FROM documents WHERE collection = $1 AND id = $2',
          [collection, doc.id],
        );
        expect(found[0]?.data, `${where}: ${collection} ${String(doc.id)}`).toEqual(stored(doc));
        expect(found[0]?.deleted, where).toBe(doc._deleted === true);
      }
    }
  }
});
