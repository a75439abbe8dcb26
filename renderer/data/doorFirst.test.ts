import { createRevision, now, randomToken } from 'rxdb';
import { afterEach, describe, expect, it } from 'vitest';
import { formatHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AttendanceDoc } from '../../shared/schemas';
import { simulatedMachine } from '../testing/node-desk';
import type { Desk } from './desk';
import { PULLED, PULLED_STEP } from './doorFirst';

const centreId = 'c-door-first';

function visit(day: string, memberId: string, status: 'in' | 'out'): AttendanceDoc {
  const at = Date.parse(`${day}T08:00:00+08:00`);
  return {
    id: newId(),
    centreId,
    createdAt: new Date(at).toISOString(),
    updatedAt: formatHlc({ wallMs: at, counter: 0, node: 'dotherdesk01' }),
    updatedBy: 'dotherdesk01',
    memberId,
    day,
    status,
    checkInAt: new Date(at).toISOString(),
    ...(status === 'out' ? { checkOutAt: new Date(at + 3_600_000).toISOString() } : {}),
  };
}

/** Stores `docs` as RxDB's replication stores what it pulled: one write, with its context. */
function pulledWrite(desk: Desk, docs: AttendanceDoc[]) {
  return desk.db.collections.attendance.storageInstance.bulkWrite(
    docs.map((doc) => ({
      document: {
        ...doc,
        _deleted: false,
        _meta: { lwt: now() },
        _attachments: {},
        _rev: createRevision(randomToken(10)),
      },
    })) as never,
    `${PULLED}cocare:test`,
  );
}

describe('what a pull stores gives way to the desk’s own work', () => {
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.db.close();
    desk = undefined;
  });

  it('a check-in made while a large pull is stored is stored before the rest of the pull', async () => {
    desk = await simulatedMachine({ collections: ['attendance'] }).open();
    const attendance = desk.db.collections.attendance;
    const history = Array.from({ length: 4 * PULLED_STEP }, (_, i) =>
      visit(`2025-0${1 + (i % 9)}-1${i % 10}`, `m-${i}`, 'out'),
    );
    const order: string[] = [];
    const seen = attendance.$.subscribe((change) => order.push(change.documentId));

    const stored = pulledWrite(desk, history);
    // The first step is stored; the receptionist scans a card.
    await new Promise<void>((resolve) => {
      const first = attendance.$.subscribe(() => (first.unsubscribe(), resolve()));
    });
    const today = visit('2026-12-07', 'm-at-the-door', 'in');
    await attendance.insert(today);
    expect((await stored).error).toEqual([]);
    seen.unsubscribe();

    // Everything is stored, once; the check-in went in after the first step, not after the last.
    expect(order).toHaveLength(history.length + 1);
    expect(new Set(order).size).toBe(history.length + 1);
    const at = order.indexOf(today.id);
    expect(at).toBeGreaterThanOrEqual(1);
    expect(at).toBeLessThanOrEqual(2 * PULLED_STEP);
    expect(await attendance.count().exec()).toBe(history.length + 1);
  });

  it('reports the refusals of every step together, and stores the rest', async () => {
    desk = await simulatedMachine({ collections: ['attendance'] }).open();
    const history = Array.from({ length: 2 * PULLED_STEP + 10 }, (_, i) =>
      visit('2025-03-03', `m-${i}`, 'out'),
    );
    expect((await pulledWrite(desk, history.slice(0, 5))).error).toEqual([]);
    // The same five again, written as if new (in the first step), and the rest: only those five
    // are refused, as conflicts.
    const again = await pulledWrite(desk, [...history.slice(0, 5), ...history.slice(5)]);
    expect(again.error.map((e) => [e.documentId, e.status])).toEqual(
      history.slice(0, 5).map((d) => [d.id, 409]),
    );
    expect(await desk.db.collections.attendance.count().exec()).toBe(history.length);
  });
});
