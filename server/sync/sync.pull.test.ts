import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WireDoc } from '../../shared/sync/protocol';
import { forEachBackend } from '../testing/backends';
import { edit, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from '../testing/harness';

forEachBackend((backend) => {
  let d: TestDistrict;
  let centre: string;
  let other: string;
  let desk: EnrolledDevice;
  let otherDesk: EnrolledDevice;

  beforeAll(async () => {
    d = await startTestDistrict({
      ...backend,
      poolMax: 12,
      // Widen the window between a push drawing its sequence numbers and committing, where a
      // pull could otherwise see a later push before an earlier one.
      syncHooks: { afterWrite: () => new Promise((r) => setTimeout(r, Math.random() * 4)) },
    });
    centre = await d.createCentre('Sunrise');
    other = await d.createCentre('Riverside');
    desk = await d.enrolDevice(centre);
    otherDesk = await d.enrolDevice(other);
  });
  afterAll(async () => {
    await d?.close();
  });

  it('uses server sequence numbers as checkpoints and pages through in order', async () => {
    const api = d.client(desk.token);
    const start = (await api.pull('members', { checkpoint: null, batchSize: 500 })).checkpoint;
    const docs = Array.from({ length: 5 }, () => makeMember(centre));
    await api.push(
      'members',
      docs.map((m) => ({ newDocumentState: wire(m) })),
    );
    const first = await api.pull('members', { checkpoint: start, batchSize: 3 });
    expect(first.documents).toHaveLength(3);
    const { rows } = await d.db.query<{ id: string; seq: string }>(
      "SELECT id, seq FROM documents WHERE collection = 'members' AND id = ANY($1) ORDER BY seq",
      [docs.map((m) => m.id)],
    );
    expect(first.checkpoint).toEqual({ seq: Number(rows[2]!.seq) });
    // A full answer says how many are left (the desk shows its progress); the last one does not.
    expect(first.remaining).toBe(2);
    const second = await api.pull('members', { checkpoint: first.checkpoint, batchSize: 3 });
    expect(second.documents).toHaveLength(2);
    expect(second.checkpoint).toEqual({ seq: Number(rows[4]!.seq) });
    expect(second.remaining).toBeUndefined();
    expect([...first.documents, ...second.documents].map((x) => x.id)).toEqual(
      rows.map((r) => r.id),
    );
    // Nothing newer: the checkpoint comes back unchanged.
    const empty = await api.pull('members', { checkpoint: second.checkpoint, batchSize: 3 });
    expect(empty).toEqual({ documents: [], checkpoint: second.checkpoint });
    // An edit moves the document to the end, with a new sequence number.
    const changed = edit(docs[0]!, { name: '王五' });
    await api.push('members', [
      { assumedMasterState: wire(docs[0]!), newDocumentState: wire(changed) },
    ]);
    const after = await api.pull('members', { checkpoint: second.checkpoint, batchSize: 3 });
    expect(after.documents).toEqual([wire(changed)]);
    expect(after.checkpoint!.seq).toBeGreaterThan(second.checkpoint!.seq);
  });

  it('says where the next answer will end, so a desk on a slow link asks for the one after at once', async () => {
    const api = d.client(desk.token);
    const start = (await api.pull('members', { checkpoint: null, batchSize: 500 })).checkpoint;
    const docs = Array.from({ length: 7 }, () => makeMember(centre));
    await api.push(
      'members',
      docs.map((m) => ({ newDocumentState: wire(m) })),
    );
    const { rows } = await d.db.query<{ id: string; seq: string }>(
      "SELECT id, seq FROM documents WHERE collection = 'members' AND id = ANY($1) ORDER BY seq",
      [docs.map((m) => m.id)],
    );
    const seqs = rows.map((r) => Number(r.seq));
    // Seven to come, two an answer: the first says the next ends at the fourth.
    const first = await api.pull('members', { checkpoint: start, batchSize: 2 });
    expect(first.checkpoint).toEqual({ seq: seqs[1] });
    expect(first.following).toEqual({ seq: seqs[3] });
    // The answer after next, asked for from there before the next one came, joins up with it.
    const [next, afterNext] = await Promise.all([
      api.pull('members', { checkpoint: first.checkpoint, batchSize: 2 }),
      api.pull('members', { checkpoint: first.following!, batchSize: 2 }),
    ]);
    expect(next.checkpoint).toEqual(first.following);
    expect(next.following).toEqual({ seq: seqs[5] });
    expect(afterNext.checkpoint).toEqual({ seq: seqs[5] });
    // With one full answer or less left there is no answer after next to point to.
    expect(afterNext.remaining).toBe(1);
    expect(afterNext.following).toBeUndefined();
    expect(
      [...first.documents, ...next.documents, ...afterNext.documents].map((x) => x.id),
    ).toEqual(rows.slice(0, 6).map((r) => r.id));
  });

  it('caps the batch size and refuses a malformed pull', async () => {
    const api = d.client(desk.token);
    const bad = await api.request<{ error: { code: string } }>('POST', '/api/sync/members/pull', {
      checkpoint: { seq: 'x' },
      batchSize: 10,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('bad_request');
    const big = await api.pull('members', { checkpoint: null, batchSize: 100_000 });
    expect(big.documents.length).toBeLessThanOrEqual(500);
  });

  it("never returns another centre's documents", async () => {
    const mine = makeMember(centre);
    const theirs = makeMember(other);
    await d.client(desk.token).push('members', [{ newDocumentState: wire(mine) }]);
    await d.client(otherDesk.token).push('members', [{ newDocumentState: wire(theirs) }]);
    const seen = async (token: string) => {
      const ids: string[] = [];
      const centres = new Set<unknown>();
      let checkpoint = null;
      for (;;) {
        const res = await d.client(token).pull('members', { checkpoint, batchSize: 50 });
        if (res.documents.length === 0) break;
        res.documents.forEach((doc) => (ids.push(doc.id), centres.add(doc.centreId)));
        checkpoint = res.checkpoint;
      }
      return { ids, centres: [...centres] };
    };
    const a = await seen(desk.token);
    const b = await seen(otherDesk.token);
    expect(a.ids).toContain(mine.id);
    expect(a.ids).not.toContain(theirs.id);
    expect(a.centres).toEqual([centre]);
    expect(b.ids).toEqual([theirs.id]);
    expect(b.centres).toEqual([other]);
    const batch = await d.client(otherDesk.token).batch({
      pulls: {
        members: { checkpoint: null, batchSize: 500 },
        attendance: { checkpoint: null, batchSize: 500 },
      },
    });
    expect(batch.pulls.members!.documents.map((x) => x.id)).toEqual([theirs.id]);
    expect(batch.pulls.attendance!.documents).toEqual([]);
  });

  it('never skips a committed row while several devices push concurrently', async () => {
    const c = await d.createCentre('Busy');
    const devices = await Promise.all(
      Array.from({ length: 5 }, (_, i) => d.enrolDevice(c, `desk ${i}`)),
    );
    const puller = await d.enrolDevice(c, 'puller');
    const pulled = new Map<string, WireDoc>();
    let checkpoint: { seq: number } | null = null;
    let pushing = true;
    let lastSeq = 0;
    const pullOnce = async () => {
      const res = await d.client(puller.token).pull('members', { checkpoint, batchSize: 100 });
      for (const doc of res.documents) pulled.set(doc.id, doc);
      if (res.checkpoint) {
        expect(res.checkpoint.seq).toBeGreaterThanOrEqual(lastSeq);
        lastSeq = res.checkpoint.seq;
      }
      checkpoint = res.checkpoint;
      return res.documents.length;
    };
    const pullLoop = (async () => {
      while (pushing) await pullOnce();
      while ((await pullOnce()) > 0);
    })();
    // 5 devices × 40 pushes of 1–3 documents, each device in 4 concurrent lanes (20 pushes in flight).
    const pushOne = async (device: EnrolledDevice, i: number) => {
      const docs = Array.from({ length: 1 + (i % 3) }, () => makeMember(c, { name: `m${i}` }));
      await d.client(device.token).push(
        'members',
        docs.map((m) => ({ newDocumentState: wire(m) })),
      );
      // Some of them edited again at once, so rows also move to newer sequence numbers.
      if (i % 4 === 0) {
        const changed = edit(docs[0]!, { note: `edited by ${device.deviceId}` });
        await d
          .client(device.token)
          .push('members', [
            { assumedMasterState: wire(docs[0]!), newDocumentState: wire(changed) },
          ]);
      }
    };
    const pushes = devices.flatMap((device) =>
      Array.from({ length: 4 }, async (_, lane) => {
        for (let i = lane; i < 40; i += 4) await pushOne(device, i);
      }),
    );
    try {
      await Promise.all(pushes);
    } finally {
      pushing = false;
      await pullLoop;
    }

    const { rows } = await d.db.query<{
      id: string;
      data: Record<string, unknown>;
      deleted: boolean;
    }>("SELECT id, data, deleted FROM documents WHERE collection = 'members' AND centre_id = $1", [
      c,
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(5 * 40);
    expect(pulled.size).toBe(rows.length);
    for (const row of rows)
      expect(pulled.get(row.id)).toEqual(wire(row.data as { id: string }, row.deleted));
  });
});

it('starts fresh on an empty district (checkpoint null)', async () => {
  const d = await startTestDistrict({ kind: 'pglite' });
  try {
    const centre = await d.createCentre('Empty');
    const desk = await d.enrolDevice(centre);
    expect(await d.client(desk.token).pull('members', { checkpoint: null, batchSize: 10 })).toEqual(
      {
        documents: [],
        checkpoint: null,
      },
    );
  } finally {
    await d.close();
  }
});
