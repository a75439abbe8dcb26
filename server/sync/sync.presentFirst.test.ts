/**
 * A new desk's first pull of attendance brings who is in and today's visits ahead of the history
 * (PullRequest.presentFirst, issue 18 part 1), and the history still follows in full.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { localDay } from '../../shared/time';
import type { AttendanceDoc } from '../../shared/schemas';
import type { WireDoc } from '../../shared/sync/protocol';
import { forEachBackend } from '../testing/backends';
import { makeAttendance, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type EnrolledDevice, type TestDistrict } from '../testing/harness';

forEachBackend((backend) => {
  let d: TestDistrict;
  let desk: EnrolledDevice;
  const today = localDay(new Date());
  const ids = (docs: WireDoc[]) => docs.map((doc) => doc.id);
  let present: AttendanceDoc[];
  let all: string[];

  beforeAll(async () => {
    d = await startTestDistrict(backend);
    const centre = await d.createCentre('Sunrise');
    const other = await d.createCentre('Riverside');
    desk = await d.enrolDevice(centre);
    const otherDesk = await d.enrolDevice(other);
    const people = Array.from({ length: 4 }, () => makeMember(centre));
    await d.client(desk.token).push(
      'members',
      people.map((m) => ({ newDocumentState: wire(m) })),
    );
    const visit = (memberId: string, day: string, status: 'in' | 'out') =>
      makeAttendance(centre, memberId, {
        day,
        status,
        checkInAt: `${day}T01:00:00.000Z`,
        ...(status === 'out' ? { checkOutAt: `${day}T08:00:00.000Z` } : {}),
      });
    const history = people.flatMap((m) => [
      visit(m.id, '2026-10-01', 'out'),
      visit(m.id, '2026-10-02', 'out'),
    ]);
    const forgotten = visit(people[0]!.id, '2026-10-03', 'in');
    const cameAndWent = visit(people[1]!.id, today, 'out');
    const isIn = visit(people[2]!.id, today, 'in');
    const entered = visit(people[3]!.id, today, 'in');
    present = [forgotten, cameAndWent, isIn];
    // The history first, then the present, then more history after it: all in sequence order.
    const api = d.client(desk.token);
    await api.push(
      'attendance',
      history.slice(0, 4).map((v) => ({ newDocumentState: wire(v) })),
    );
    await api.push(
      'attendance',
      [...present, entered].map((v) => ({ newDocumentState: wire(v) })),
    );
    await api.push(
      'attendance',
      history.slice(4).map((v) => ({ newDocumentState: wire(v) })),
    );
    // Entered by mistake and deleted: not present, but the history still carries the deletion.
    await api.push('attendance', [
      { assumedMasterState: wire(entered), newDocumentState: wire(entered, true) },
    ]);
    const elsewhere = makeAttendance(other, makeMember(other).id, { day: today });
    await d.client(otherDesk.token).push('attendance', [{ newDocumentState: wire(elsewhere) }]);
    all = ids((await api.pull('attendance', { checkpoint: null, batchSize: 500 })).documents);
  });
  afterAll(async () => {
    await d?.close();
  });

  it('answers a first pull with who is in and today, then the whole history from its start', async () => {
    const api = d.client(desk.token);
    const first = await api.pull('attendance', {
      checkpoint: null,
      batchSize: 300,
      presentFirst: true,
    });
    expect(new Set(ids(first.documents))).toEqual(new Set(present.map((v) => v.id)));
    expect(first.documents.every((doc) => !doc._deleted)).toBe(true);
    expect(first.checkpoint).toEqual({ seq: 0 });
    expect(first.more).toBe(true);
    expect(first.remaining).toBe(all.length);
    // The history from its start: every document, the present ones again, the deletion too.
    const rest = await api.pull('attendance', { checkpoint: first.checkpoint, batchSize: 300 });
    expect(ids(rest.documents)).toEqual(all);
    expect(all).toHaveLength(12);
    expect(rest.documents.filter((doc) => doc._deleted)).toHaveLength(1);
  });

  it('keeps to the batch size, newest first, and answers other pulls as always', async () => {
    const api = d.client(desk.token);
    const one = await api.pull('attendance', {
      checkpoint: null,
      batchSize: 1,
      presentFirst: true,
    });
    expect(ids(one.documents)).toEqual([present[2]!.id]);
    // Not a first pull, or a collection with no present part: sequence order from the checkpoint.
    const later = await api.pull('attendance', {
      checkpoint: { seq: 0 },
      batchSize: 500,
      presentFirst: true,
    });
    expect(ids(later.documents)).toEqual(all);
    const plain = await api.pull('members', { checkpoint: null, batchSize: 500 });
    const asked = await api.pull('members', {
      checkpoint: null,
      batchSize: 500,
      presentFirst: true,
    });
    expect(asked).toEqual(plain);
    expect(plain.documents).toHaveLength(4);
  });

  it('refuses a presentFirst that is not true or false, naming it', async () => {
    const api = d.client(desk.token);
    const bad = await api.request<{ error: { code: string; message: string } }>(
      'POST',
      '/api/sync/attendance/pull',
      { checkpoint: null, batchSize: 10, presentFirst: 'yes' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/presentFirst must be true or false/);
    const batch = await api.request<{ error: { message: string } }>('POST', '/api/sync/batch', {
      pulls: { attendance: { checkpoint: null, batchSize: 10, presentFirst: 1 } },
    });
    expect(batch.status).toBe(400);
    expect(batch.body.error.message).toMatch(/pulls\.attendance: presentFirst/);
  });
});
