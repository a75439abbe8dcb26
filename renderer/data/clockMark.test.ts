/**
 * The clock's mark: what a restarted desk reads to set its clock. A first sync brings a year of
 * history in one session; the next start must not read and decrypt all of it again (it took the
 * typical centre's desk 10 s before the login screen showed, docs/PERFORMANCE.md).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compareHlc } from '../../shared/hlc';
import { simulatedMachine } from '../testing/node-desk';
import { keepClockMark, latestTimestamp, saveClockMark, type Desk } from './desk';
import { registerMember } from './members';

const opened: Desk[] = [];
const stops: (() => void)[] = [];
afterEach(async () => {
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function deskWithSession(machine = simulatedMachine({ collections: ['members'] })) {
  const desk = await machine.open();
  opened.push(desk);
  // A session's documents: the 12 people a centre registers on its first day.
  for (let i = 0; i < 12; i++)
    await registerMember(desk, {
      kind: 'elder',
      name: `王秀英${'一二三四五六七八九十甲乙'[i]}`,
      gender: 'F',
      birthDate: '1949-12-31',
    });
  return { desk, machine };
}

const markOf = async (desk: Desk) =>
  (await desk.db.getLocal<{ at: string }>('clock-mark'))?.toJSON().data.at;

describe('the clock mark', () => {
  it('without a kept mark, a start reads every document stamped in the last session', async () => {
    const { desk } = await deskWithSession();
    expect(await latestTimestamp(desk.db)).toEqual({ at: desk.clock.current(), read: 12 });
  });

  it('once kept, a start reads none of them and still starts the clock after the newest', async () => {
    const { desk } = await deskWithSession();
    await saveClockMark(desk);
    expect(await latestTimestamp(desk.db)).toEqual({ at: desk.clock.current(), read: 0 });
  });

  it('is kept up with the clock while the desk is open, and a restart stamps after it', async () => {
    const { desk, machine } = await deskWithSession();
    const newest = desk.clock.current();
    stops.push(keepClockMark(desk, 20));
    await vi.waitFor(async () => expect(await markOf(desk)).toBe(newest), { timeout: 5_000 });
    await desk.db.close();

    const again = await machine.open();
    opened.push(again);
    expect(again.clock.current()).toBe(newest);
    expect(compareHlc(again.clock.tick(), newest)).toBeGreaterThan(0);
  });

  it('never moves the mark back', async () => {
    const { desk } = await deskWithSession();
    await saveClockMark(desk);
    const kept = await markOf(desk);
    desk.clock.dropFarFuture(Date.now() - 3_650 * 86_400_000);
    await saveClockMark(desk);
    expect(await markOf(desk)).toBe(kept);
  });
});
