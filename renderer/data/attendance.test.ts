import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MemberDoc } from '../../shared/schemas';
import { simulatedMachine } from '../testing/node-desk';
import type { Desk } from './desk';
import { checkIn, checkOut, openVisitOf, openVisits$ } from './attendance';
import { registerMember } from './members';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function deskOn(machine = simulatedMachine()) {
  const desk = await machine.open();
  opened.push(desk);
  return desk;
}

const grandma = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1949-12-31',
};

describe('check-in and check-out', () => {
  it('opens one visit at check-in and closes it at check-out', async () => {
    const desk = await deskOn();
    const member = await registerMember(desk, grandma);
    const result = await checkIn(desk, member.id, new Date('2026-11-22T08:30:00'));
    expect(result.kind).toBe('checkedIn');
    expect(result.visit).toMatchObject({ memberId: member.id, status: 'in', day: '2026-11-22' });

    const closed = await checkOut(desk, result.visit.id, new Date('2026-11-22T16:00:00'));
    expect(closed.status).toBe('out');
    expect(closed.checkOutAt).toBe(new Date('2026-11-22T16:00:00').toISOString());
    expect(closed.updatedAt > result.visit.updatedAt).toBe(true);
    expect(await openVisitOf(desk, member.id)).toBeNull();
  });

  it('does not open a second visit for someone already in', async () => {
    const desk = await deskOn();
    const member = await registerMember(desk, grandma);
    const first = await checkIn(desk, member.id);
    const second = await checkIn(desk, member.id);
    expect(second).toEqual({ kind: 'alreadyIn', visit: first.visit });
    expect(await desk.db.attendance.count().exec()).toBe(1);
  });

  it('keeps members and visits across a restart, and the clock keeps moving forward', async () => {
    const machine = simulatedMachine();
    const desk = await machine.open();
    const member = await registerMember(desk, grandma);
    const { visit } = await checkIn(desk, member.id);
    await desk.db.close();

    // The PC clock was set back an hour while it was off.
    const reopened = await machine.open(undefined, () => Date.now() - 3_600_000);
    opened.push(reopened);
    expect(reopened.settings.node).toBe(desk.settings.node);
    expect((await reopened.db.members.findOne(member.id).exec())?.name).toBe('王秀英');
    expect((await openVisitOf(reopened, member.id))?.id).toBe(visit.id);
    const closed = await checkOut(reopened, visit.id);
    expect(closed.updatedAt > visit.updatedAt).toBe(true);
    await reopened.db.close();

    // Set back two hours now: the start reads only what came after its last start, and that
    // check-out made since is still the floor of the clock.
    const third = await machine.open(undefined, () => Date.now() - 7_200_000);
    opened.push(third);
    const again = await checkIn(third, member.id);
    expect(again.kind).toBe('checkedIn');
    expect(again.visit.updatedAt > closed.updatedAt).toBe(true);
  });

  it('finds who is in without reading the store while the in-building list is shown', async () => {
    const desk = await deskOn();
    const members = [];
    for (const name of ['王秀英', '李桂兰', '张建国'])
      members.push(await registerMember(desk, { ...grandma, name }));
    const [first, second, third] = members as [MemberDoc, MemberDoc, MemberDoc];
    const listed: number[] = [];
    const shown = openVisits$(desk).subscribe((open) => listed.push(open.length));
    try {
      await checkIn(desk, first.id);
      await checkIn(desk, second.id);
      await vi.waitFor(() => expect(listed.at(-1)).toBe(2));
      const storage = desk.db.attendance.storageInstance;
      const query = vi.spyOn(storage, 'query');
      expect((await openVisitOf(desk, second.id))?.memberId).toBe(second.id);
      expect(await openVisitOf(desk, third.id)).toBeNull();
      const again = await checkIn(desk, first.id);
      expect(again.kind).toBe('alreadyIn');
      expect(query).not.toHaveBeenCalled();
    } finally {
      shown.unsubscribe();
    }
    // Without the list, it still answers, from the store.
    expect((await openVisitOf(desk, first.id))?.memberId).toBe(first.id);
  });

  it('refuses a document that breaks the schema and stores nothing', async () => {
    const desk = await deskOn();
    await expect(
      registerMember(desk, { ...grandma, birthDate: 'not a date', name: 'x'.repeat(41) }),
    ).rejects.toThrow();
    expect(await desk.db.members.count().exec()).toBe(0);
  });
});
