import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISTRICT_CENTRE_ID } from '../../shared/schemas';
import { forEachBackend } from '../testing/backends';
import { edit, makeAttendance, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from '../testing/harness';
import { DEFAULT_COLLECTIONS } from './collections';

const announcementSchema = {
  title: 'announcements',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    centreId: { type: 'string', maxLength: 40 },
    text: { type: 'string' },
  },
  required: ['id', 'centreId', 'text'],
  additionalProperties: false,
};

async function counts(d: TestDistrict) {
  const docs = await d.db.query<{ n: string; max: string | null }>(
    'SELECT count(*) AS n, max(seq) AS max FROM documents',
  );
  const versions = await d.db.query<{ n: string }>('SELECT count(*) AS n FROM document_versions');
  return {
    docs: Number(docs.rows[0]!.n),
    maxSeq: Number(docs.rows[0]!.max ?? 0),
    versions: Number(versions.rows[0]!.n),
  };
}

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let other: string;
  let desk: EnrolledDevice;

  beforeAll(async () => {
    d = await startTestDistrict({
      ...backend,
      collections: {
        ...DEFAULT_COLLECTIONS,
        announcements: { schema: announcementSchema, scope: 'district' },
      },
    });
    centre = await d.createCentre('Sunrise');
    other = await d.createCentre('Riverside');
    desk = await d.enrolDevice(centre, 'front desk');
  });
  afterAll(async () => {
    await d?.close();
  });

  it('is idempotent: the same batch twice writes nothing new and answers []', async () => {
    const api = d.client(desk.token);
    const m = makeMember(centre);
    const a = makeAttendance(centre, m.id);
    const rows = [{ newDocumentState: wire(m) }, { newDocumentState: wire(a) }];
    expect(await api.push('members', [rows[0]!])).toEqual([]);
    expect(await api.push('attendance', [rows[1]!])).toEqual([]);
    const before = await counts(d);
    expect(await api.push('members', [rows[0]!])).toEqual([]);
    expect(await api.push('attendance', [rows[1]!])).toEqual([]);
    expect(await api.batch({ pushes: { members: [rows[0]!], attendance: [rows[1]!] } })).toEqual({
      pushes: { members: [], attendance: [] },
      pulls: {},
    });
    expect(await counts(d)).toEqual(before);
  });

  it('writes an edit whose assumed master is current, with a new sequence number', async () => {
    const api = d.client(desk.token);
    const m = makeMember(centre);
    await api.push('members', [{ newDocumentState: wire(m) }]);
    const before = await counts(d);
    const changed = edit(m, { name: '张叁' });
    expect(
      await api.push('members', [{ assumedMasterState: wire(m), newDocumentState: wire(changed) }]),
    ).toEqual([]);
    const after = await counts(d);
    expect(after.docs).toBe(before.docs);
    expect(after.versions).toBe(before.versions + 1);
    expect(after.maxSeq).toBeGreaterThan(before.maxSeq);
    const { rows } = await d.db.query<{ data: { name: string } }>(
      "SELECT data FROM documents WHERE collection = 'members' AND id = $1",
      [m.id],
    );
    expect(rows[0]!.data.name).toBe('张叁');
  });

  it('answers a stale assumed master with the server current version, and writes nothing', async () => {
    const api = d.client(desk.token);
    const m = makeMember(centre);
    await api.push('members', [{ newDocumentState: wire(m) }]);
    const serverEdit = edit(m, { note: 'edited on another desk' });
    await api.push('members', [
      { assumedMasterState: wire(m), newDocumentState: wire(serverEdit) },
    ]);
    const before = await counts(d);
    const staleEdit = edit(m, { name: '李四' });
    const conflicts = await api.push('members', [
      { assumedMasterState: wire(m), newDocumentState: wire(staleEdit) },
    ]);
    expect(conflicts).toEqual([wire(serverEdit)]);
    // No assumed master while the server has one: also a conflict.
    expect(await api.push('members', [{ newDocumentState: wire(staleEdit) }])).toEqual([
      wire(serverEdit),
    ]);
    expect(await counts(d)).toEqual(before);
  });

  it('stores deletions as _deleted and returns them so', async () => {
    const api = d.client(desk.token);
    const m = makeMember(centre);
    await api.push('members', [{ newDocumentState: wire(m) }]);
    const gone = edit(m, {});
    expect(
      await api.push('members', [
        { assumedMasterState: wire(m), newDocumentState: wire(gone, true) },
      ]),
    ).toEqual([]);
    const { rows } = await d.db.query<{ deleted: boolean; data: Record<string, unknown> }>(
      "SELECT deleted, data FROM documents WHERE collection = 'members' AND id = $1",
      [m.id],
    );
    expect(rows[0]!.deleted).toBe(true);
    expect(rows[0]!.data).not.toHaveProperty('_deleted');
  });

  it('refuses an invalid document with 400 naming it and the field, and stores nothing of the batch', async () => {
    const api = d.client(desk.token);
    const good = makeMember(centre);
    const bad = makeMember(centre, { birthDate: '1950-02-30' });
    const alsoBad = { ...makeMember(centre), shoeSize: 42 };
    const before = await counts(d);
    const res = await api.request<{
      error: { code: string; message: string; problems: unknown[] };
    }>('POST', '/api/sync/batch', {
      pushes: {
        members: [
          { newDocumentState: wire(good) },
          { newDocumentState: wire(bad) },
          { newDocumentState: wire(alsoBad) },
        ],
        attendance: [{ newDocumentState: wire(makeAttendance(centre, good.id)) }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_document');
    expect(res.body.error.problems).toEqual(
      expect.arrayContaining([
        { collection: 'members', id: bad.id, reason: expect.stringContaining('/birthDate') },
        { collection: 'members', id: alsoBad.id, reason: expect.stringContaining('shoeSize') },
      ]),
    );
    expect(res.body.error.message).toContain(bad.id);
    expect(await counts(d)).toEqual(before);

    const single = await api.request<{ error: { code: string } }>(
      'POST',
      '/api/sync/members/push',
      [
        { newDocumentState: wire(good) },
        { newDocumentState: wire({ ...makeMember(centre), gender: 'X' }) },
      ],
    );
    expect(single.status).toBe(400);
    expect(single.body.error.code).toBe('invalid_document');
    expect(await counts(d)).toEqual(before);
  });

  it("refuses another centre's document and stores nothing", async () => {
    const api = d.client(desk.token);
    const before = await counts(d);
    const mine = makeMember(centre);
    const theirs = makeMember(other);
    const res = await api.request<{ error: { code: string; problems: Array<{ id: string }> } }>(
      'POST',
      '/api/sync/members/push',
      [{ newDocumentState: wire(mine) }, { newDocumentState: wire(theirs) }],
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('wrong_centre');
    expect(res.body.error.problems.map((p) => p.id)).toEqual([theirs.id]);
    expect(await counts(d)).toEqual(before);
  });

  it("refuses to overwrite another centre's document by its id", async () => {
    const otherDesk = await d.enrolDevice(other, 'other desk');
    const theirs = makeMember(other);
    await d.client(otherDesk.token).push('members', [{ newDocumentState: wire(theirs) }]);
    const before = await counts(d);
    const hijack = { ...theirs, centreId: centre, name: 'hijack' };
    const res = await d
      .client(desk.token)
      .request<{ error: { code: string } }>('POST', '/api/sync/members/push', [
        { newDocumentState: wire(hijack) },
      ]);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('wrong_centre');
    expect(await counts(d)).toEqual(before);
  });

  it('refuses device writes to district collections (read_only) but lets devices read them', async () => {
    const api = d.client(desk.token);
    const note = { id: 'a1', centreId: DISTRICT_CENTRE_ID, text: 'Flu season: masks at the door' };
    const res = await api.request<{ error: { code: string } }>(
      'POST',
      '/api/sync/announcements/push',
      [{ newDocumentState: wire(note) }],
    );
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('read_only');
    await d.app.sync.pushMany({ kind: 'district', name: 'test' }, [
      { collection: 'announcements', rows: [{ newDocumentState: wire(note) }] },
    ]);
    const otherDesk = await d.enrolDevice(other);
    for (const token of [desk.token, otherDesk.token]) {
      const pulled = await d
        .client(token)
        .pull('announcements', { checkpoint: null, batchSize: 10 });
      expect(pulled.documents).toEqual([wire(note)]);
    }
  });

  it('answers 404 unknown_collection', async () => {
    const res = await d
      .client(desk.token)
      .request<{ error: { code: string } }>('POST', '/api/sync/parcels/push', []);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('unknown_collection');
  });

  it('gives the same results from the batch endpoint as from the per-collection ones', async () => {
    const deskA = await d.enrolDevice(centre, 'batch A');
    const deskB = await d.enrolDevice(centre, 'batch B');
    const checkpoint = (
      await d.client(deskA.token).pull('members', { checkpoint: null, batchSize: 500 })
    ).checkpoint;
    const m1 = makeMember(centre);
    const m2 = makeMember(centre);
    await d
      .client(deskA.token)
      .push('members', [{ newDocumentState: wire(m1) }, { newDocumentState: wire(m2) }]);
    const stale = edit(m1, { name: 'stale' });
    const rows = [{ assumedMasterState: null, newDocumentState: wire(stale) }];

    const perPush = await d.client(deskA.token).push('members', rows);
    const perPull = await d.client(deskA.token).pull('members', { checkpoint, batchSize: 100 });
    const perAttendance = await d
      .client(deskA.token)
      .pull('attendance', { checkpoint: null, batchSize: 5 });
    const batch = await d.client(deskB.token).batch({
      pushes: { members: rows },
      pulls: {
        members: { checkpoint, batchSize: 100 },
        attendance: { checkpoint: null, batchSize: 5 },
      },
    });
    expect(batch.pushes.members).toEqual(perPush);
    expect(perPush).toEqual([wire(m1)]);
    expect(batch.pulls.members).toEqual(perPull);
    expect(batch.pulls.attendance).toEqual(perAttendance);
  });
});

describe('push limits', () => {
  it('has a body limit answered with 413 payload_too_large', async () => {
    const d = await startTestDistrict({ kind: 'pglite' });
    try {
      const centre = await d.createCentre('Big');
      const desk = await d.enrolDevice(centre);
      const huge = Array.from({ length: 1200 }, () => ({
        newDocumentState: wire(makeMember(centre, { note: 'x'.repeat(500) })),
      }));
      const res = await fetch(`${d.url}/api/sync/members/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${desk.token}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
          ...huge,
        ]),
      });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
        'payload_too_large',
      );
      const tooMany = await d
        .client(desk.token)
        .request<{ error: { code: string } }>('POST', '/api/sync/members/push', huge);
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.code).toBe('bad_request');
    } finally {
      await d.close();
    }
  });
});
