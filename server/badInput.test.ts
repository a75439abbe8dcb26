/**
 * Issue 7, "Bad input": the district's API fed malformed, oversized, mistyped and hostile requests.
 * Each must get a 4xx in the documented error shape (docs/API.md) with a message that names the
 * field and the fix, must store nothing (documents, history, doc_seq, devices and codes as they
 * were), and must leave the server answering `GET /api/health`.
 */
import net from 'node:net';
import { gzipSync } from 'node:zlib';
import type { InjectOptions } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids';
import type { ApiError, ApiErrorCode, WireDoc } from '../shared/sync/protocol';
import { BAD_CODE, enrolmentCodeHash, revokeDevice } from './admin';
import { forEachBackend } from './testing/backends';
import { edit, makeAttendance, makeMember, wire } from './testing/docs';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from './testing/harness';
import { districtState, errorShapeProblems } from './testing/state';

interface Sent {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

interface Refusal {
  status: number;
  code: ApiErrorCode;
  /** The message must say this (the field, the fix). */
  message?: RegExp;
}

/** A member's push row whose document is `doc` as given (fields may be of any type). */
const row = (doc: unknown, assumed?: unknown) => ({
  ...(assumed !== undefined ? { assumedMasterState: assumed } : {}),
  newDocumentState: doc,
});

/** `'{"a":'.repeat(n) … '}'.repeat(n)`: JSON nested n objects deep. */
const nestedJson = (n: number, leaf = '1') => '{"a":'.repeat(n) + leaf + '}'.repeat(n);

/** Writes `data` to the server's socket and returns everything it answers until it closes. */
function rawHttp(url: string, data: string | Buffer): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    let answer = '';
    const timer = setTimeout(() => socket.destroy(), 3000);
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.write(data);
  });
}

/** Status and parsed JSON body of a raw HTTP answer. */
function parseRawAnswer(answer: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
  const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  try {
    return { status, body: JSON.parse(text) };
  } catch {
    return { status, body: text };
  }
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let other: string;
  let desk: EnrolledDevice;
  let otherDesk: EnrolledDevice;
  let revoked: EnrolledDevice;
  /** A document of the other centre, already on the district. */
  let othersMember: WireDoc;
  let address = 0;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    centre = await d.createCentre('Sunrise');
    other = await d.createCentre('Riverside');
    desk = await d.enrolDevice(centre, 'front desk');
    otherDesk = await d.enrolDevice(other, 'riverside desk');
    revoked = await d.enrolDevice(centre, 'stolen desk');
    await revokeDevice(d.db, revoked.deviceId);
    // Something to protect: documents of both centres, and an unused enrolment code.
    const m = makeMember(centre);
    const api = d.client(desk.token);
    await api.push('members', [row(wire(m))] as never);
    await api.push('attendance', [row(wire(makeAttendance(centre, m.id)))] as never);
    othersMember = wire(makeMember(other, { name: '李四' }));
    await d.client(otherDesk.token).push('members', [row(othersMember)] as never);
    await d.issueCode(centre);
  });
  afterAll(async () => {
    await d?.close();
  });
  afterEach(async () => {
    // Still up over a real socket, not only through inject.
    const res = await fetch(`${d.url}/api/health`);
    expect(res.status).toBe(200);
  });

  /** One request through the real app; each comes from its own address (enrolment is limited). */
  async function send(options: InjectOptions): Promise<Sent> {
    address += 1;
    const res = await d.app.inject({
      remoteAddress: `10.77.${address >> 8}.${address & 255}`,
      ...options,
    });
    let body: unknown = res.body;
    try {
      body = JSON.parse(res.body);
    } catch {
      // not JSON: errorShapeProblems says so
    }
    return { status: res.statusCode, headers: res.headers, body };
  }

  const auth = () => ({ authorization: `Bearer ${desk.token}` });

  /** A JSON request as a desk sends it, `payload` as given (a string is sent as it is). */
  const post = (url: string, payload: unknown, headers: Record<string, string> = auth()) =>
    ({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    }) satisfies InjectOptions;

  /** Sends the request and checks the refusal, that nothing changed, and that health answers. */
  async function expectRefused(label: string, options: InjectOptions, want: Refusal) {
    const before = await districtState(d.db);
    const res = await send(options);
    expect(res.status, `${label}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(want.status);
    expect(errorShapeProblems(res.status, res.body), label).toEqual([]);
    const { error } = res.body as ApiError;
    expect(error.code, `${label}: ${error.message}`).toBe(want.code);
    if (want.message) expect(error.message, label).toMatch(want.message);
    expect(await districtState(d.db), `${label} stored something`).toEqual(before);
    const health = await d.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode, `${label}: health afterwards`).toBe(200);
    return res;
  }

  const PULL = '/api/sync/members/pull';
  const PUSH = '/api/sync/members/push';
  const BATCH = '/api/sync/batch';

  describe('bodies', () => {
    it('answers malformed, truncated and empty JSON with 400 bad_request', async () => {
      const valid = JSON.stringify([row(wire(makeMember(centre)))]);
      const bodies = [
        '{"checkpoint": nu',
        valid.slice(0, -1),
        valid.slice(0, valid.length / 2),
        `${valid}]`,
        `${valid}{}`,
        "{'checkpoint': null}",
        '{"checkpoint": null,}',
        'NaN',
        'undefined',
        '\u0000\u0001\u0002',
        '\uFEFF{}',
      ];
      for (const url of [PULL, PUSH, BATCH, '/api/enrol']) {
        for (const body of bodies) {
          await expectRefused(`${url} ${JSON.stringify(body).slice(0, 40)}`, post(url, body), {
            status: 400,
            code: 'bad_request',
            message: /not valid JSON.*Content-Type: application\/json/,
          });
        }
        for (const body of ['', '   ', '\n']) {
          await expectRefused(`${url} empty`, post(url, body), {
            status: 400,
            code: 'bad_request',
            message: /body is empty/,
          });
        }
      }
      // The same push, well-formed, is accepted: the refusals above were about the JSON.
      const ok = await send(post(PUSH, valid));
      expect(ok.status).toBe(200);
    });

    it('answers a body that is not JSON, or has no Content-Type, with 415 bad_request', async () => {
      const doc = JSON.stringify([row(wire(makeMember(centre)))]);
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/octet-stream',
        'application/jsonx',
        'json',
      ]) {
        for (const url of [PUSH, BATCH, '/api/enrol']) {
          await expectRefused(
            `${url} as ${type}`,
            post(url, doc, { ...auth(), 'content-type': type }),
            {
              status: 415,
              code: 'bad_request',
              message: /Content-Type: application\/json \(got "/,
            },
          );
        }
      }
      await expectRefused(
        'push without Content-Type',
        { method: 'POST', url: PUSH, headers: auth(), payload: doc },
        { status: 415, code: 'bad_request', message: /got no Content-Type/ },
      );
    });

    it('answers an oversized body with 413 payload_too_large and stores nothing', async () => {
      // A valid push padded past 10 MB with whitespace: stored if the limit were not kept.
      const padded = `${JSON.stringify([row(wire(makeMember(centre)))])}${' '.repeat(10 * 1024 * 1024)}`;
      await expectRefused('10 MB push', post(PUSH, padded), {
        status: 413,
        code: 'payload_too_large',
        message: /larger than 10 MB: send smaller batches/,
      });
      await expectRefused(
        '10 MB batch',
        post(
          BATCH,
          `{"pushes": {"members": [${JSON.stringify(row(wire(makeMember(centre))))}]}}${' '.repeat(10.5 * 1024 * 1024)}`,
        ),
        { status: 413, code: 'payload_too_large' },
      );
      // Compressed it is small; decompressed it is over the limit (a "zip bomb").
      const bomb = gzipSync(Buffer.from(padded + ' '.repeat(40 * 1024 * 1024)));
      expect(bomb.length).toBeLessThan(200 * 1024);
      await expectRefused(
        'gzip bomb',
        {
          method: 'POST',
          url: PUSH,
          headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': 'gzip' },
          payload: bomb,
        },
        { status: 413, code: 'payload_too_large' },
      );
      // Enrolment takes a code and a name: its limit is 16 KB.
      const code = await d.issueCode(centre);
      const before = await districtState(d.db);
      await expectRefused(
        'enrolment over 16 KB',
        post('/api/enrol', { code, deviceName: 'x'.repeat(17 * 1024) }, {}),
        { status: 413, code: 'payload_too_large', message: /larger than 16 KB/ },
      );
      expect((await districtState(d.db)).usedCodes).toBe(before.usedCodes);
    });

    it('refuses prototype keys and deep nesting with 400, storing nothing', async () => {
      const m = wire(makeMember(centre));
      const json = JSON.stringify([row(m)]);
      const cases: Array<[string, string, string]> = [
        [PUSH, json.replace('"name"', '"__proto__":{"isAdmin":true},"name"'), '__proto__'],
        [PUSH, json.replace('"name"', '"constructor":{"prototype":{"x":1}},"name"'), 'constructor'],
        [BATCH, '{"pushes":{"__proto__":[]}}', '__proto__'],
        [BATCH, '{"pulls":{"constructor":{"prototype":{}}}}', 'constructor'],
        [PULL, '{"checkpoint":{"__proto__":{"seq":1}},"batchSize":1}', '__proto__'],
        [
          '/api/enrol',
          '{"code":"AAAA-BBBB","deviceName":"x","__proto__":{"admin":true}}',
          '__proto__',
        ],
      ];
      for (const [url, body, key] of cases) {
        await expectRefused(`${url} with ${key}`, post(url, body), {
          status: 400,
          code: 'bad_request',
          message: new RegExp(`key "${key}".*remove it`),
        });
      }
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(({} as Record<string, unknown>).x).toBeUndefined();

      const audit = {
        ...makeMember(centre),
        action: 'sync.conflictLost',
        subjectCollection: 'members',
        subjectId: m.id,
        data: '@',
      } as Record<string, unknown>;
      for (const key of ['kind', 'name', 'pinyin', 'initials', 'gender', 'birthDate']) {
        delete audit[key];
      }
      const auditJson = (data: string) =>
        JSON.stringify([row(wire(audit as never))]).replace('"@"', data);
      // The request nests deeper than any request needs: refused before anything walks it.
      for (const depth of [100, 10_000, 200_000]) {
        await expectRefused(
          `body nested ${depth} deep`,
          post('/api/sync/auditLog/push', auditJson(nestedJson(depth))),
          { status: 400, code: 'bad_request', message: /nested more than 64 levels deep/ },
        );
      }
      await expectRefused(
        `array nested deep`,
        post(BATCH, '['.repeat(100_000) + ']'.repeat(100_000)),
        {
          status: 400,
          code: 'bad_request',
        },
      );
      // The document nests deeper than a document may: refused with the document named.
      const res = await expectRefused(
        'document nested 40 deep',
        post('/api/sync/auditLog/push', auditJson(nestedJson(40))),
        { status: 400, code: 'invalid_document', message: /\/data\/a\/a.* nested more than 32/ },
      );
      expect((res.body as ApiError).error.problems?.[0]?.id).toBe(audit.id);
      await expectRefused(
        'assumedMasterState nested 40 deep',
        post(
          PUSH,
          JSON.stringify([row(m, { ...m, name: '@' })]).replace('"@"', nestedJson(40, '"x"')),
        ),
        { status: 400, code: 'invalid_document', message: /assumedMasterState\/name/ },
      );
      // Control: the same entry with a shallow `data` is accepted.
      expect((await send(post('/api/sync/auditLog/push', auditJson(nestedJson(5))))).status).toBe(
        200,
      );
    });

    it('refuses text PostgreSQL cannot store and numbers out of range with 400 invalid_document', async () => {
      const cases: Array<[string, (m: WireDoc) => string, RegExp]> = [
        [
          'NUL in a field',
          (m) => JSON.stringify([row({ ...m, name: 'a\u0000b' })]),
          /\/name contains a NUL character/,
        ],
        [
          'NUL in the id',
          (m) => JSON.stringify([row({ ...m, id: 'a\u0000' })]),
          /\/id contains a NUL/,
        ],
        [
          'unpaired surrogate',
          (m) => JSON.stringify([row({ ...m, name: 'a\ud800b' })]),
          /\/name contains a broken character/,
        ],
        [
          'unpaired low surrogate as an escape',
          (m) => JSON.stringify([row({ ...m, name: '@' })]).replace('"@"', '"\\udc00"'),
          /\/name contains a broken character/,
        ],
        [
          'NUL in a field name',
          (m) => JSON.stringify([row({ ...m, ['x\u0000']: 1 })]),
          /a field name.*NUL/,
        ],
        [
          'a number too large',
          (m) => JSON.stringify([row({ ...m, name: '@' })]).replace('"@"', '1e400'),
          /\/name is a number too large/,
        ],
      ];
      for (const [label, body, message] of cases) {
        const m = wire(makeMember(centre));
        await expectRefused(label, post(PUSH, body(m)), {
          status: 400,
          code: 'invalid_document',
          message,
        });
        // The same document without the bad text is accepted.
        expect((await send(post(PUSH, [row(m)]))).status, label).toBe(200);
      }
      const code = await d.issueCode(centre);
      for (const deviceName of ['desk\u0000', 'desk\ud800', 'line\nbreak']) {
        await expectRefused(
          `deviceName ${JSON.stringify(deviceName)}`,
          post('/api/enrol', { code, deviceName }, {}),
          { status: 400, code: 'bad_request', message: /deviceName must be plain text/ },
        );
      }
    });
  });

  describe('wrong types', () => {
    it('refuses wrong types in every field of a pull', async () => {
      const bodies: Array<[unknown, RegExp]> = [
        [null, /a pull takes/],
        [[], /a pull takes/],
        ['members', /a pull takes/],
        [5, /a pull takes/],
        [true, /a pull takes/],
        ...[
          5,
          'x',
          [],
          {},
          true,
          { seq: '1' },
          { seq: -1 },
          { seq: 1.5 },
          { seq: 1e300 },
          { seq: null },
        ].map(
          (checkpoint) =>
            [{ checkpoint, batchSize: 10 }, /checkpoint must be null or \{seq\}/] as [
              unknown,
              RegExp,
            ],
        ),
        ...[-1, 0, 1.5, '10', null, [], {}, true].map(
          (batchSize) =>
            [{ checkpoint: null, batchSize }, /batchSize must be a whole number of at least 1/] as [
              unknown,
              RegExp,
            ],
        ),
      ];
      for (const [body, message] of bodies) {
        await expectRefused(`pull ${JSON.stringify(body)}`, post(PULL, JSON.stringify(body)), {
          status: 400,
          code: 'bad_request',
          message,
        });
      }
      await expectRefused('batchSize 1e400', post(PULL, '{"checkpoint":null,"batchSize":1e400}'), {
        status: 400,
        code: 'bad_request',
        message: /batchSize/,
      });
      // A huge batchSize is capped, not refused; unknown fields are ignored.
      const huge = await send(post(PULL, { checkpoint: null, batchSize: 1e9, limit: -1 }));
      expect(huge.status).toBe(200);
      expect((huge.body as { documents: unknown[] }).documents.length).toBeLessThanOrEqual(500);
    });

    it('refuses wrong types in every field of a push, naming the document', async () => {
      const m = () => wire(makeMember(centre));
      const cases: Array<[string, unknown, Refusal]> = [
        [
          'an object',
          { documents: [] },
          { status: 400, code: 'bad_request', message: /a push takes an array/ },
        ],
        ['null', null, { status: 400, code: 'bad_request', message: /a push takes an array/ }],
        ['a string', 'members', { status: 400, code: 'bad_request' }],
        ['a number', 7, { status: 400, code: 'bad_request' }],
      ];
      const rowProblem: Refusal = {
        status: 400,
        code: 'invalid_document',
        message:
          /#0: row must be \{assumedMasterState, newDocumentState\}.*id is a non-empty string/,
      };
      for (const bad of [null, 5, 'x', [], {}, row(null), row([]), row('x'), row(5)]) {
        cases.push([`row ${JSON.stringify(bad)}`, [bad], rowProblem]);
      }
      const noId: Record<string, unknown> = m();
      delete noId.id;
      cases.push(['a document without id', [row(noId)], rowProblem]);
      for (const id of [5, null, '', {}, [], true]) {
        cases.push([`id ${JSON.stringify(id)}`, [row({ ...m(), id })], rowProblem]);
      }
      const schema = (field: string): Refusal => ({
        status: 400,
        code: 'invalid_document',
        message: new RegExp(`/${field}`),
      });
      cases.push([
        'an absurdly long id',
        [row({ ...m(), id: 'x'.repeat(100_000) })],
        schema('id must NOT have more than 40'),
      ]);
      for (const [field, value] of [
        ['name', 5],
        ['name', null],
        ['name', ['a']],
        ['birthDate', 'yesterday'],
        ['kind', 'robot'],
        ['centreId', 5],
        ['updatedAt', 5],
        ['createdAt', 'now'],
      ] as const) {
        cases.push([
          `${field} ${JSON.stringify(value)}`,
          [row({ ...m(), [field]: value })],
          schema(field),
        ]);
      }
      cases.push(['an unknown field', [row({ ...m(), isAdmin: true })], schema('.*isAdmin')]);
      const doc = m();
      cases.push([
        'assumedMasterState of another document',
        [row(doc, m())],
        {
          status: 400,
          code: 'invalid_document',
          message: /assumedMasterState must be null or the same document/,
        },
      ]);
      for (const assumed of [5, 'x', []]) {
        cases.push([
          `assumedMasterState ${JSON.stringify(assumed)}`,
          [row(m(), assumed)],
          { status: 400, code: 'invalid_document', message: /assumedMasterState/ },
        ]);
      }
      cases.push([
        'the same document twice',
        [row(doc), row(doc)],
        { status: 400, code: 'invalid_document', message: /twice in one push/ },
      ]);
      cases.push([
        '1001 rows',
        Array.from({ length: 1001 }, () => row(m())),
        { status: 400, code: 'bad_request', message: /at most 1000 documents.*smaller batches/ },
      ]);
      // One good row with one bad: all or nothing.
      cases.push([
        'a good row and a bad one',
        [row(m()), row({ ...m(), kind: 'robot' })],
        schema('kind'),
      ]);

      for (const [label, body, want] of cases) {
        const res = await expectRefused(label, post(PUSH, JSON.stringify(body)), want);
        const { message, problems } = (res.body as ApiError).error;
        expect(message.length, label).toBeLessThan(500);
        for (const p of problems ?? []) expect(p.id.length, label).toBeLessThanOrEqual(61);
      }
    });

    it('refuses wrong types in every field of a batch', async () => {
      const valid = () => [row(wire(makeMember(centre)))];
      const cases: Array<[unknown, Refusal]> = [
        [null, { status: 400, code: 'bad_request', message: /a batch takes \{pushes, pulls\}/ }],
        [[], { status: 400, code: 'bad_request', message: /a batch takes/ }],
        ['x', { status: 400, code: 'bad_request', message: /a batch takes/ }],
      ];
      const keyed = {
        status: 400,
        code: 'bad_request',
        message: /pushes and pulls must be objects keyed by collection/,
      } as const;
      for (const v of [null, [], 'members', 5, true]) {
        cases.push([{ pushes: v }, keyed], [{ pulls: v }, keyed]);
      }
      for (const v of [{}, 'x', null, 5]) {
        cases.push([
          { pushes: { members: v } },
          { status: 400, code: 'bad_request', message: /pushes\.members must be an array/ },
        ]);
      }
      for (const v of [
        5,
        null,
        [],
        'x',
        { checkpoint: 'x' },
        { checkpoint: null, batchSize: -1 },
      ]) {
        // Pulls are checked before any push is applied: the valid push is not stored either.
        cases.push([
          { pushes: { members: valid() }, pulls: { members: v } },
          { status: 400, code: 'bad_request', message: /^pulls\.members: / },
        ]);
      }
      cases.push([
        { pushes: { members: valid() }, pulls: { nope: { checkpoint: null } } },
        { status: 404, code: 'unknown_collection', message: /unknown collection "nope"/ },
      ]);
      cases.push([
        { pushes: { members: valid(), attendance: [row({ id: 'x' })] } },
        { status: 400, code: 'invalid_document', message: /attendance x/ },
      ]);
      for (const [body, want] of cases) {
        await expectRefused(
          `batch ${JSON.stringify(body).slice(0, 80)}`,
          post(BATCH, JSON.stringify(body)),
          want,
        );
      }
      const ok = await send(post(BATCH, { pushes: { members: valid() } }));
      expect(ok.status).toBe(200);
    });

    it('refuses wrong types in every field of an enrolment, and uses no code', async () => {
      const code = await d.issueCode(centre);
      const cases: Array<[unknown, Refusal]> = [];
      const takes: Refusal = {
        status: 400,
        code: 'bad_request',
        message: /enrolment takes \{"code": "XXXX-XXXX", "deviceName"/,
      };
      for (const body of [
        null,
        [],
        'x',
        5,
        {},
        { code },
        { deviceName: 'desk' },
        { code: 5, deviceName: 'desk' },
        { code: null, deviceName: 'desk' },
        { code: [code], deviceName: 'desk' },
        { code, deviceName: 5 },
        { code, deviceName: null },
        { code, deviceName: { name: 'x' } },
      ]) {
        cases.push([body, takes]);
      }
      const invalid: Refusal = {
        status: 400,
        code: 'enrolment_code_invalid',
        message: /^this enrolment code is not valid \(mistyped, already used or expired\)/,
      };
      for (const guess of [
        '',
        'AAAA-BBBB',
        'x'.repeat(10_000),
        `${code}X`,
        code.slice(0, 8),
        '%',
        '\u0000',
      ]) {
        cases.push([{ code: guess, deviceName: 'desk' }, invalid]);
      }
      for (const [body, want] of cases) {
        await expectRefused(
          `enrol ${JSON.stringify(body).slice(0, 60)}`,
          post('/api/enrol', JSON.stringify(body), {}),
          want,
        );
      }
      // The code still works.
      const ok = await send(post('/api/enrol', { code, deviceName: 'new desk' }, {}));
      expect(ok.status).toBe(200);
    });
  });

  describe('collections and paths', () => {
    it('answers unknown and hostile collection names with 404 unknown_collection', async () => {
      const names = [
        'nope',
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'valueOf',
        '..%2F..%2Fetc',
        '..%2F..%2Fetc%2Fpasswd',
        '%2E%2E%2Fbatch',
        'members%00',
        'members%2Fpush',
        'members%20',
        'MEMBERS',
        '%F0%9F%98%80',
        "members'%20OR%201=1--",
        'x'.repeat(100),
      ];
      const valid = [row(wire(makeMember(centre)))];
      for (const name of names) {
        const decoded = decodeURIComponent(name);
        const want: Refusal = {
          status: 404,
          code: 'unknown_collection',
          message: /unknown collection ".*": the server syncs members, attendance/,
        };
        await expectRefused(
          `pull ${name}`,
          post(`/api/sync/${name}/pull`, { checkpoint: null }),
          want,
        );
        await expectRefused(`push ${name}`, post(`/api/sync/${name}/push`, valid), want);
        if (decoded !== '__proto__') {
          await expectRefused(
            `batch push ${decoded}`,
            post(BATCH, { pushes: { [decoded]: valid } }),
            want,
          );
          await expectRefused(
            `batch pull ${decoded}`,
            post(BATCH, { pulls: { [decoded]: { checkpoint: null } } }),
            want,
          );
        }
      }
      await expectRefused(
        'a collection name of 100,000 characters in a batch',
        post(BATCH, { pushes: { ['y'.repeat(100_000)]: valid } }),
        { status: 404, code: 'unknown_collection', message: /"y{60}…"/ },
      );
    });

    it('answers URL tricks (broken escapes, double slashes, long segments, dot segments) in the error shape', async () => {
      const cases: Array<[string, string, Refusal]> = [
        [
          'POST',
          '/api/sync/%zz/pull',
          { status: 400, code: 'bad_request', message: /URL is not valid/ },
        ],
        [
          'POST',
          '/api/sync/%E0%A4%A/pull',
          { status: 400, code: 'bad_request', message: /URL is not valid/ },
        ],
        ['POST', '/api/sync/%/push', { status: 400, code: 'bad_request' }],
        [
          'POST',
          `/api/sync/${'x'.repeat(101)}/pull`,
          { status: 400, code: 'bad_request', message: /part of the URL is too long/ },
        ],
        ['POST', '/api/sync//pull', { status: 404, code: 'unknown_collection' }],
        ['POST', '//api/sync/members/pull', { status: 404, code: 'not_found' }],
        ['POST', '/api/sync/members//pull', { status: 404, code: 'not_found' }],
        ['POST', '/api//sync/batch', { status: 404, code: 'not_found' }],
        ['POST', '/api/sync/members/pull%2F..%2F..%2Fbatch', { status: 404, code: 'not_found' }],
        ['POST', '/API/SYNC/BATCH', { status: 404, code: 'not_found' }],
        [
          'POST',
          `/api/${'z'.repeat(5000)}`,
          { status: 404, code: 'not_found', message: /no such endpoint: POST \/api\/z+…/ },
        ],
        ['GET', '/api/sync/members/pull', { status: 404, code: 'not_found' }],
        ['PUT', '/api/sync/members/push', { status: 404, code: 'not_found' }],
        ['DELETE', '/api/sync/members/push', { status: 404, code: 'not_found' }],
        ['PATCH', '/api/enrol', { status: 404, code: 'not_found' }],
        ['GET', '/api/enrol', { status: 404, code: 'not_found' }],
        ['POST', '/api/health', { status: 404, code: 'not_found' }],
        ['GET', '/etc/passwd', { status: 404, code: 'not_found' }],
      ];
      for (const [method, url, want] of cases) {
        await expectRefused(
          `${method} ${url.slice(0, 60)}`,
          { ...post(url, { checkpoint: null }), method: method as 'POST' },
          want,
        );
      }
    });

    it('ignores query-string tricks and is not polluted by them', async () => {
      for (const query of [
        '?__proto__[polluted]=1',
        '?constructor[prototype][polluted]=1',
        '?__proto__.polluted=1',
        '?collection=batch&batchSize=100000',
        '?a=%zz',
        '?a=%00',
        `?${'a=1&'.repeat(5000)}`,
        `?x=${'y'.repeat(50_000)}`,
      ]) {
        const res = await send(post(`${PULL}${query}`, { checkpoint: null, batchSize: 1 }));
        expect(res.status, query).toBe(200);
        expect((res.body as { documents: unknown[] }).documents.length, query).toBeLessThanOrEqual(
          1,
        );
        await expectRefused(
          `bad pull ${query.slice(0, 40)}`,
          post(`${PULL}${query}`, { checkpoint: 5 }),
          {
            status: 400,
            code: 'bad_request',
            message: /checkpoint/,
          },
        );
        await expectRefused(`no token ${query.slice(0, 40)}`, post(`${PUSH}${query}`, [], {}), {
          status: 401,
          code: 'unauthorized',
        });
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('centres', () => {
    it("refuses a document whose centreId is another centre's with 403 wrong_centre", async () => {
      const theirs = wire(makeMember(other));
      const want: Refusal = {
        status: 403,
        code: 'wrong_centre',
        message: /belong to another centre.*Nothing was stored/,
      };
      const res = await expectRefused('push', post(PUSH, [row(theirs)]), want);
      expect((res.body as ApiError).error.problems?.[0]?.reason).toMatch(
        new RegExp(`centreId is "${other}" but this device belongs to centre "${centre}"`),
      );
      await expectRefused(
        'push with a good row',
        post(PUSH, [row(wire(makeMember(centre))), row(theirs)]),
        want,
      );
      await expectRefused('batch', post(BATCH, { pushes: { members: [row(theirs)] } }), want);
      await expectRefused('district centre', post(PUSH, [row(wire(makeMember('district')))]), want);
      await expectRefused(
        'attendance',
        post('/api/sync/attendance/push', [row(wire(makeAttendance(other, theirs.id)))]),
        want,
      );
    });

    it("does not let a device overwrite another centre's document by pushing its id", async () => {
      const hijack = { ...othersMember, centreId: centre, name: 'hijacked' };
      const want: Refusal = {
        status: 403,
        code: 'wrong_centre',
        message: /another centre/,
      };
      for (const [label, options] of [
        ['as new', post(PUSH, [row(hijack)])],
        ['assuming their version', post(PUSH, [row(hijack, othersMember)])],
        ['as a deletion', post(PUSH, [row({ ...hijack, _deleted: true }, othersMember)])],
        ['in a batch', post(BATCH, { pushes: { members: [row(hijack, othersMember)] } })],
        ['with its own centre', post(PUSH, [row({ ...othersMember, name: 'x' }, othersMember)])],
      ] as const) {
        const res = await expectRefused(label, options, want);
        const reasons = ((res.body as ApiError).error.problems ?? []).map((p) => p.reason);
        expect(reasons.join(' '), label).toMatch(/another centre|this device belongs to centre/);
      }
      // The other centre still has its document as it was; this desk cannot read it.
      const theirs = await d
        .client(otherDesk.token)
        .pull('members', { checkpoint: null, batchSize: 500 });
      expect(theirs.documents.find((doc) => doc.id === othersMember.id)).toEqual(othersMember);
      const ours = await d.client(desk.token).pull('members', { checkpoint: null, batchSize: 500 });
      expect(ours.documents.some((doc) => doc.id === othersMember.id)).toBe(false);
    });
  });

  describe('replays', () => {
    it('changes nothing when the same push or batch is sent twice', async () => {
      const m = makeMember(centre);
      const rows = [row(wire(m)), row(wire(makeMember(centre)))];
      const first = await send(post(PUSH, rows));
      expect(first.status).toBe(200);
      expect(first.body).toEqual([]);
      const afterFirst = await districtState(d.db);
      for (let i = 0; i < 3; i++) {
        const again = await send(post(PUSH, rows));
        expect(again.status).toBe(200);
        expect(again.body).toEqual([]);
        expect(await districtState(d.db)).toEqual(afterFirst);
      }

      const edited = edit(m, { name: '王五' });
      const batch = { pushes: { members: [row(wire(edited), wire(m))] } };
      expect((await send(post(BATCH, batch))).status).toBe(200);
      const afterEdit = await districtState(d.db);
      expect(afterEdit.seq).not.toEqual(afterFirst.seq);
      const replay = await send(post(BATCH, batch));
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ pushes: { members: [] } });
      expect(await districtState(d.db)).toEqual(afterEdit);

      // The old version sent again after the edit: a conflict that answers the current version.
      const stale = await send(post(PUSH, [row(wire(m))]));
      expect(stale.status).toBe(200);
      expect(stale.body).toEqual([wire(edited)]);
      expect(await districtState(d.db)).toEqual(afterEdit);
    });
  });

  describe('tokens', () => {
    it('refuses missing, malformed, unknown and revoked tokens and wrong schemes with 401', async () => {
      const requests = (headers: Record<string, string>): Array<[string, InjectOptions]> => [
        ['pull', post(PULL, { checkpoint: null }, headers)],
        ['push', post(PUSH, [row(wire(makeMember(centre)))], headers)],
        ['batch', post(BATCH, { pushes: { members: [row(wire(makeMember(centre)))] } }, headers)],
        ['stream', { method: 'GET', url: '/api/sync/stream', headers }],
      ];
      const cases: Array<[string, Record<string, string>, Refusal]> = [
        [
          'no header',
          {},
          {
            status: 401,
            code: 'unauthorized',
            message: /missing device token: send "Authorization: Bearer <token>"/,
          },
        ],
        [
          'empty header',
          { authorization: '' },
          { status: 401, code: 'unauthorized', message: /missing device token/ },
        ],
        [
          'Bearer alone',
          { authorization: 'Bearer' },
          { status: 401, code: 'unauthorized', message: /malformed Authorization header/ },
        ],
        [
          'Bearer and a space',
          { authorization: 'Bearer ' },
          { status: 401, code: 'unauthorized', message: /malformed/ },
        ],
        [
          'two words',
          { authorization: `Bearer ${desk.token} extra` },
          { status: 401, code: 'unauthorized', message: /as one word/ },
        ],
        [
          'Basic',
          { authorization: 'Basic dXNlcjpwYXNz' },
          { status: 401, code: 'unauthorized', message: /wrong Authorization scheme "Basic"/ },
        ],
        [
          'token without scheme',
          { authorization: desk.token },
          { status: 401, code: 'unauthorized', message: /wrong Authorization scheme/ },
        ],
        [
          'Token scheme',
          { authorization: `Token ${desk.token}` },
          { status: 401, code: 'unauthorized', message: /wrong Authorization scheme "Token"/ },
        ],
        [
          'unknown token',
          { authorization: `Bearer ${'A'.repeat(43)}` },
          { status: 401, code: 'unauthorized', message: /unknown device token: enrol/ },
        ],
        [
          'altered token',
          {
            authorization: `Bearer ${desk.token.slice(0, -1)}${desk.token.endsWith('A') ? 'B' : 'A'}`,
          },
          { status: 401, code: 'unauthorized', message: /unknown device token/ },
        ],
        [
          '10 KB token',
          { authorization: `Bearer ${'x'.repeat(10_000)}` },
          { status: 401, code: 'unauthorized', message: /unknown device token/ },
        ],
        [
          'SQL in the token',
          { authorization: "Bearer '%20OR%201=1--" },
          { status: 401, code: 'unauthorized', message: /unknown device token/ },
        ],
        [
          'an enrolment code as token',
          { authorization: `Bearer ${await d.issueCode(centre)}` },
          { status: 401, code: 'unauthorized' },
        ],
        [
          'a token hash as token',
          {
            authorization: `Bearer ${(await d.db.query<{ h: string }>('SELECT token_hash AS h FROM devices WHERE id = $1', [desk.deviceId])).rows[0]!.h}`,
          },
          { status: 401, code: 'unauthorized' },
        ],
        [
          'revoked',
          { authorization: `Bearer ${revoked.token}` },
          {
            status: 401,
            code: 'device_revoked',
            message: /revoked by the district on .* and must be enrolled again/,
          },
        ],
      ];
      for (const [label, headers, want] of cases) {
        for (const [endpoint, options] of requests(headers)) {
          await expectRefused(`${endpoint} with ${label}`, options, want);
        }
      }
    });

    it('refuses an expired, used or unknown enrolment code with 400 and enrols nothing', async () => {
      // One answer for the three: a guess tells nothing about which codes exist or existed.
      const BAD_CODE_MESSAGE = new RegExp(`^${BAD_CODE.replace(/[()]/g, '\\$&')}$`);
      const expired = await d.issueCode(centre, 1);
      await d.db.query(
        "UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE code_hash = $1",
        [enrolmentCodeHash(d.serverKey, expired)],
      );
      await expectRefused(
        'expired code',
        post('/api/enrol', { code: expired, deviceName: 'desk' }, {}),
        {
          status: 400,
          code: 'enrolment_code_invalid',
          message: BAD_CODE_MESSAGE,
        },
      );
      const used = await d.issueCode(centre);
      expect((await send(post('/api/enrol', { code: used, deviceName: 'desk' }, {}))).status).toBe(
        200,
      );
      await expectRefused(
        'used code',
        post('/api/enrol', { code: used, deviceName: 'desk 2' }, {}),
        {
          status: 400,
          code: 'enrolment_code_invalid',
          message: BAD_CODE_MESSAGE,
        },
      );
      await expectRefused(
        'unknown code',
        post('/api/enrol', { code: 'ZZZZ-ZZZZ', deviceName: 'desk' }, {}),
        {
          status: 400,
          code: 'enrolment_code_invalid',
          message: BAD_CODE_MESSAGE,
        },
      );
      // Device tokens do not expire (server/auth.ts); a device is stopped by revoking it.
      expect((await send(post(PULL, { checkpoint: null }))).status).toBe(200);
    });
  });

  describe('HTTP', () => {
    it('answers requests HTTP cannot parse in the error shape and keeps serving', async () => {
      const cases: Array<[string, string, number, RegExp]> = [
        ['garbage', 'hello there\r\n\r\n', 400, /not valid HTTP/],
        ['unknown method', 'BREW /api/health HTTP/1.1\r\nHost: x\r\n\r\n', 400, /not valid HTTP/],
        [
          'bad Content-Length',
          `POST ${PUSH} HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n`,
          400,
          /not valid HTTP/,
        ],
        [
          'two Content-Lengths',
          `POST ${PUSH} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n[]`,
          400,
          /not valid HTTP/,
        ],
        [
          'bad chunk size',
          `POST ${PUSH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n`,
          400,
          /not valid HTTP/,
        ],
        [
          'header too large',
          `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
          431,
          /headers are too large/,
        ],
        [
          'NUL in a header',
          `GET /api/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n`,
          400,
          /not valid HTTP/,
        ],
        [
          'chunked enrolment over its limit',
          `POST /api/enrol HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${'4000\r\n' + ' '.repeat(0x4000) + '\r\n'}${'4000\r\n' + ' '.repeat(0x4000) + '\r\n'}0\r\n\r\n`,
          413,
          /larger than 16 KB/,
        ],
        // Dot segments reach the router as they are (inject and fetch would resolve them first).
        ...[
          '/api/sync/../pull',
          '/api/sync/%2e%2e/pull',
          '/api/sync/members/../batch',
          '/api/sync/members/pull/..',
          '/api/sync/../../etc/passwd',
        ].map(
          (path) =>
            [
              `dot segments ${path}`,
              `POST ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${desk.token}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
              404,
              /no such endpoint|unknown collection "\.\."/,
            ] as [string, string, number, RegExp],
        ),
        [
          'bad %-escape',
          `POST /api/sync/%zz/pull HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
          400,
          /URL is not valid/,
        ],
      ];
      for (const [label, request, status, message] of cases) {
        const before = await districtState(d.db);
        const answer = parseRawAnswer(await rawHttp(d.url, request));
        expect(answer.status, `${label}: ${JSON.stringify(answer.body)}`).toBe(status);
        expect(errorShapeProblems(answer.status, answer.body), label).toEqual([]);
        expect((answer.body as ApiError).error.message, label).toMatch(message);
        expect(await districtState(d.db), label).toEqual(before);
        expect((await fetch(`${d.url}/api/health`)).status, label).toBe(200);
      }
    });

    it('answers bad Content-Encoding with 400 or 415 in the error shape', async () => {
      const body = JSON.stringify([row(wire(makeMember(centre)))]);
      const enc = (encoding: string, payload: string | Buffer) => ({
        method: 'POST' as const,
        url: PUSH,
        headers: { ...auth(), 'content-type': 'application/json', 'content-encoding': encoding },
        payload,
      });
      await expectRefused('not gzip', enc('gzip', body), {
        status: 400,
        code: 'bad_request',
        message: /not valid gzip data/,
      });
      await expectRefused('truncated gzip', enc('gzip', gzipSync(body).subarray(0, 20)), {
        status: 400,
        code: 'bad_request',
      });
      await expectRefused('unknown encoding', enc('x-zip', body), {
        status: 415,
        code: 'bad_request',
        message: /Content-Encoding "x-zip" is not supported: use gzip, deflate or br/,
      });
      expect((await send(enc('gzip', gzipSync(body) as unknown as string))).status).toBe(200);
    });
  });
});

it('keeps each refusal small: ids and names from the request are cut short in errors', async () => {
  const d = await startTestDistrict({ kind: 'pglite' });
  try {
    const centre = await d.createCentre('Sunrise');
    const desk = await d.enrolDevice(centre);
    const rows = Array.from({ length: 60 }, () => ({
      newDocumentState: { ...wire(makeMember(centre)), id: `${newId()}${'x'.repeat(100_000)}` },
    }));
    const res = await d.app.inject({
      method: 'POST',
      url: '/api/sync/members/push',
      headers: { authorization: `Bearer ${desk.token}` },
      payload: rows,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body.length).toBeLessThan(20_000);
    expect(res.json<ApiError>().error.problems).toHaveLength(50);
  } finally {
    await d.close();
  }
});
