/**
 * Issue 16, point 9: one broken or hostile desk must not hurt its centre. Documents are bounded
 * in size (per collection), answers to a pull in bytes, clock values in how far ahead they may be;
 * a `_deleted` that is not a boolean, a body that is not UTF-8 and a body over the limit are
 * refused in ways a desk can act on.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { DOCUMENT_BYTE_LIMITS, MAX_PICKUP_ADULTS, type AuditLogDoc } from '../../shared/schemas';
import { MAX_PULL_BYTES, type PullResponse, type WireDoc } from '../../shared/sync/protocol';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from '../testing/harness';
import { districtState, errorShapeProblems } from '../testing/state';

const MB = 1024 * 1024;
const DAY = 86_400_000;

/** A photo as the desk makes it: a JPEG data URL of `chars` characters. */
const photoOf = (chars: number) => `data:image/jpeg;base64,${'A'.repeat(chars - 23)}`;

const adults = (n: number, photoChars = 60_000) =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i + 1}`,
    name: `接送人${i + 1}`,
    relation: '祖母',
    photo: photoOf(photoChars),
  }));

function auditEntry(centreId: string, data: Record<string, unknown>): AuditLogDoc {
  return {
    id: newId(),
    centreId,
    createdAt: new Date().toISOString(),
    updatedAt: formatHlc({ wallMs: Date.now(), counter: 0, node: 'deskA' }),
    updatedBy: 'staff-1',
    action: 'sync.conflictLost',
    subjectCollection: 'members',
    subjectId: 'm1',
    data,
  };
}

/**
 * Sends a request the way a browser does (no `Expect: 100-continue`): the whole body first, and
 * only then reads the answer. Returns the answer's status line and body, or the socket error.
 */
function browserStylePost(url: string, path: string, headers: string, body: Buffer) {
  const { port } = new URL(url);
  return new Promise<{ status: number; body: string } | { error: string }>((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.pause();
    let answer = '';
    let error = '';
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve(status ? { status, body: answer.slice(answer.indexOf('\r\n\r\n') + 4) } : { error });
    });
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}Content-Length: ${body.length}\r\n\r\n`,
    );
    socket.write(body, () => {
      socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
      socket.resume();
    });
  });
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let desk: EnrolledDevice;

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    centre = await d.createCentre('Sunrise');
    desk = await d.enrolDevice(centre, 'front desk');
    await d.client(desk.token).push('members', [{ newDocumentState: wire(makeMember(centre)) }]);
  });
  afterAll(async () => {
    await d?.close();
  });

  /** Pushes and expects `400 invalid_document` naming each document, with nothing stored. */
  async function expectRefused(
    collection: string,
    docs: unknown[],
    reasons: Array<[id: string, reason: RegExp]>,
  ) {
    const before = await districtState(d.db);
    const res = await d
      .client(desk.token)
      .request<{ error: { code: string; problems: Array<Record<string, string>> } }>(
        'POST',
        `/api/sync/${collection}/push`,
        docs.map((doc) => ({ newDocumentState: doc })),
      );
    expect(res.status).toBe(400);
    expect(errorShapeProblems(400, res.body)).toEqual([]);
    expect(res.body.error.code).toBe('invalid_document');
    for (const [id, reason] of reasons) {
      expect(res.body.error.problems).toContainEqual({
        collection,
        id,
        reason: expect.stringMatching(reason),
      });
    }
    expect(await districtState(d.db)).toEqual(before);
  }

  describe('document sizes', () => {
    it('refuses a document over its collection’s byte limit, naming it, and stores nothing', async () => {
      const huge = wire(auditEntry(centre, { note: 'x'.repeat(9 * MB) }));
      await expectRefused(
        'auditLog',
        [huge],
        [
          [
            huge.id,
            /^the document is 9 MB; auditLog documents may be at most 1.1 MB: make its longest fields and lists shorter$/,
          ],
        ],
      );
      expect(DOCUMENT_BYTE_LIMITS.auditLog).toBe(1.0625 * MB);
    });

    it('refuses lists and photos over the schema limits, naming the document and the field', async () => {
      const crowd = wire(makeMember(centre, { kind: 'child', pickupAdults: adults(12, 2_000) }));
      const oddPhoto = wire(
        makeMember(centre, {
          kind: 'child',
          pickupAdults: [{ ...adults(1)[0]!, photo: '照片'.repeat(100) }],
        }),
      );
      const allergic = wire(
        makeMember(centre, { allergies: Array.from({ length: 21 }, (_, i) => `过敏${i}`) }),
      );
      await expectRefused(
        'members',
        [crowd, oddPhoto, allergic],
        [
          [crowd.id, /^\/pickupAdults must NOT have more than 8 items$/],
          [oddPhoto.id, /^\/pickupAdults\/0\/photo must match pattern/],
          [allergic.id, /^\/allergies must NOT have more than 20 items$/],
        ],
      );
    });

    it('takes a document at every limit: a child with eight pick-up adults and full photos', async () => {
      const full = wire(
        makeMember(centre, { kind: 'child', pickupAdults: adults(MAX_PICKUP_ADULTS) }),
      );
      expect(JSON.stringify(full).length).toBeGreaterThan(480_000);
      expect(await d.client(desk.token).push('members', [{ newDocumentState: full }])).toEqual([]);
    });
  });

  describe('clock values', () => {
    const at = (wallMs: number) => formatHlc({ wallMs, counter: 0, node: 'deskA' });

    it('refuses an updatedAt that is not a hybrid-clock value, or over a week ahead, with nothing stored', async () => {
      const garbage = wire(makeMember(centre, { updatedAt: 'z'.repeat(40) }));
      const year2100 = wire(makeMember(centre, { updatedAt: at(Date.UTC(2100, 0, 1)) }));
      const nextMonth = wire(makeMember(centre, { updatedAt: at(Date.now() + 30 * DAY) }));
      await expectRefused(
        'members',
        [garbage, year2100, nextMonth],
        [
          [
            garbage.id,
            /^\/updatedAt is not a hybrid-clock timestamp \(<15-digit milliseconds>-<5-digit counter>-<node id>\): stamp documents with the desk's clock$/,
          ],
          [
            year2100.id,
            /^\/updatedAt is \d+ days ahead of the district's clock \(at most 7 days are allowed\): set this computer's date and time right$/,
          ],
          [nextMonth.id, /^\/updatedAt is (29|30) days ahead/],
        ],
      );
    });

    it('takes a desk whose clock is a few days fast', async () => {
      const fast = wire(makeMember(centre, { updatedAt: at(Date.now() + 6 * DAY) }));
      expect(await d.client(desk.token).push('members', [{ newDocumentState: fast }])).toEqual([]);
    });
  });

  it('refuses a _deleted that is not true or false, instead of storing a live document', async () => {
    const member = makeMember(centre);
    const yes = { ...member, _deleted: 'yes' };
    const one = { ...makeMember(centre), _deleted: 1 };
    await expectRefused(
      'members',
      [yes, one],
      [
        [member.id, /^\/_deleted must be true or false \(got "yes"\)$/],
        [one.id, /^\/_deleted must be true or false \(got 1\)$/],
      ],
    );
    const before = await districtState(d.db);
    const res = await d
      .client(desk.token)
      .request<{ error: { problems: unknown[] } }>('POST', '/api/sync/batch', {
        pushes: {
          members: [
            { assumedMasterState: { ...member, _deleted: 'no' }, newDocumentState: wire(member) },
          ],
        },
      });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([
      {
        collection: 'members',
        id: member.id,
        reason: '/assumedMasterState/_deleted must be true or false (got "no")',
      },
    ]);
    expect(await districtState(d.db)).toEqual(before);
  });

  describe('pulls', () => {
    /** Documents stored before the limits were kept (straight into the table, as old pushes did). */
    async function storeLegacy(collection: string, docs: Array<Record<string, unknown>>) {
      for (const doc of docs) {
        await d.db.query(
          `INSERT INTO documents (collection, id, centre_id, seq, deleted, data, content_hash)
           VALUES ($1, $2, $3, nextval('doc_seq'), false, $4::jsonb, 'legacy')`,
          [collection, doc.id, centre, JSON.stringify(doc)],
        );
      }
    }

    async function pullAll(collection: string, after: number | null, batchSize = 500) {
      const answers: PullResponse[] = [];
      let checkpoint = after === null ? null : { seq: after };
      for (;;) {
        const answer = await d.client(desk.token).pull(collection, { checkpoint, batchSize });
        answers.push(answer);
        if (answer.documents.length === 0) return answers;
        checkpoint = answer.checkpoint;
      }
    }

    const bytesOf = (docs: WireDoc[]) => docs.reduce((n, doc) => n + JSON.stringify(doc).length, 0);

    it('answers by bytes as well as by count, so stored giants cannot make a pull fail', async () => {
      const { rows } = await d.db.query<{ max: string }>('SELECT max(seq) AS max FROM documents');
      const start = Number(rows[0]!.max);
      const sizes = [3 * MB, 3 * MB, 5 * MB, 1_000, 3 * MB, 1_000];
      const docs = sizes.map((size) => auditEntry(centre, { note: 'x'.repeat(size) }));
      await storeLegacy('auditLog', docs);

      const answers = await pullAll('auditLog', start);
      expect(answers.flatMap((a) => a.documents.map((doc) => doc.id))).toEqual(
        docs.map((doc) => doc.id),
      );
      // Each answer stays within the budget, or carries one document alone (the 5 MB one).
      expect(answers.map((a) => a.documents.length)).toEqual([1, 1, 1, 3, 0]);
      for (const answer of answers) {
        if (answer.documents.length > 1)
          expect(bytesOf(answer.documents)).toBeLessThanOrEqual(MAX_PULL_BYTES);
      }
      // The budget, not the end of the data, cut the first three short: the desk must go on.
      expect(answers.map((a) => a.more ?? false)).toEqual([true, true, true, false, false]);
      // And says how many are left, for the desk's progress; the last answers say nothing.
      expect(answers.map((a) => a.remaining)).toEqual([5, 4, 3, undefined, undefined]);
      // Where an answer cut by bytes will be followed is not known: none says where.
      expect(answers.some((a) => a.following)).toBe(false);

      // A batch shares one budget between its pulls, and each pull still moves on.
      const batch = await d.client(desk.token).batch({
        pulls: {
          auditLog: { checkpoint: { seq: start }, batchSize: 500 },
          members: { checkpoint: null, batchSize: 500 },
        },
      });
      expect(batch.pulls.auditLog!.documents.map((doc) => doc.id)).toEqual([docs[0]!.id]);
      expect(batch.pulls.auditLog!.more).toBe(true);
      expect(batch.pulls.members!.documents.length).toBeGreaterThanOrEqual(1);
      const answered =
        bytesOf(batch.pulls.auditLog!.documents) + bytesOf(batch.pulls.members!.documents);
      expect(answered).toBeLessThanOrEqual(MAX_PULL_BYTES);
    });
  });

  describe('bodies', () => {
    it('refuses a body that is not valid UTF-8 with 400, instead of storing U+FFFD', async () => {
      const member = wire(makeMember(centre, { name: 'NAME' }));
      const json = Buffer.from(JSON.stringify([{ newDocumentState: member }]));
      const at = json.indexOf('NAME');
      const body = Buffer.concat([
        json.subarray(0, at),
        Buffer.from([0xe5, 0xbc]),
        json.subarray(at + 4),
      ]);
      const before = await districtState(d.db);
      const answer = await browserStylePost(
        d.url,
        '/api/sync/members/push',
        `Authorization: Bearer ${desk.token}\r\nContent-Type: application/json\r\n`,
        body,
      );
      expect(answer).toMatchObject({ status: 400 });
      const parsed = JSON.parse((answer as { body: string }).body) as unknown;
      expect(errorShapeProblems(400, parsed)).toEqual([]);
      expect(parsed).toMatchObject({
        error: { code: 'bad_request', message: expect.stringMatching(/not valid UTF-8/) },
      });
      expect(await districtState(d.db)).toEqual(before);
    });

    it('answers 413 every time to a browser-style client sending over 10 MB, never a reset', async () => {
      const body = Buffer.from(`[${' '.repeat(11 * MB)}]`);
      const headers = `Authorization: Bearer ${desk.token}\r\nContent-Type: application/json\r\n`;
      const answers = [];
      for (let i = 0; i < 10; i++)
        answers.push(await browserStylePost(d.url, '/api/sync/batch', headers, body));
      for (const answer of answers) {
        expect(answer).toMatchObject({ status: 413 });
        const parsed = JSON.parse((answer as { body: string }).body) as unknown;
        expect(errorShapeProblems(413, parsed)).toEqual([]);
        expect(parsed).toMatchObject({ error: { code: 'payload_too_large' } });
      }
    });
  });
});
