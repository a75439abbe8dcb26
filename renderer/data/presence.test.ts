import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent, ownConsent } from '../testing/consents';
import { checkIn } from './attendance';
import type { Desk } from './desk';
import { correctMember, registerMember } from './members';
import { peopleInCare$ } from './people';
import { presence$, presentCounts } from './presence';
import { addStaff, login, logout } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function centre() {
  const desk = await simulatedMachine({
    collections: ['members', 'consents', 'staff', 'attendance', 'auditLog'],
  }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '147025' });
  const child = await registerMember(
    desk,
    { kind: 'child', name: '李小满', gender: 'M', birthDate: '2024-03-01' },
    undefined,
    {},
    guardianConsent(),
  );
  const elder = await registerMember(
    desk,
    { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1948-05-02' },
    undefined,
    {},
    ownConsent('idNumber'),
  );
  await correctMember(desk, elder.id, { idNumber: '110101194805020027' }, '补登');
  return { desk, manager, reception, child, elder };
}

describe('who is in the building (renderer/data/presence.ts)', () => {
  it('keeps someone recorded as having left on the list while their visit is open', async () => {
    const { desk, reception, child, elder } = await centre();
    await checkIn(desk, elder.id, new Date('2026-11-23T08:00:00'));
    await checkIn(desk, child.id, new Date('2026-11-23T08:05:00'));
    await checkIn(desk, reception.id, new Date('2026-11-23T07:50:00'), { personKind: 'staff' });
    const leaving = await desk.db.members.findOne(elder.id).exec();
    await leaving!.incrementalPatch({ status: 'left' });
    const inactive = await desk.db.staff.findOne(reception.id).exec();
    await inactive!.incrementalPatch({ active: false });

    const inCare = await firstValueFrom(peopleInCare$(desk));
    expect(inCare.map((m) => m.name)).toEqual(['李小满']);
    const present = await firstValueFrom(presence$(desk));
    expect(present.elders.map((r) => r.name)).toEqual(['王秀英']);
    expect(present.children.map((r) => r.name)).toEqual(['李小满']);
    expect(present.staff.map((r) => r.name)).toEqual(['陈静']);
    expect(presentCounts(present)).toEqual({
      total: 3,
      elders: 1,
      children: 1,
      staff: 1,
      visitors: 0,
    });
  });

  it('gives the people inside as the logged-in role may see them', async () => {
    const { desk, reception, elder } = await centre();
    await checkIn(desk, elder.id, new Date('2026-11-23T08:00:00'));
    logout(desk);
    expect((await login(desk, reception.id, '147025')).kind).toBe('ok');
    const [row] = (await firstValueFrom(presence$(desk))).elders;
    expect(row?.member?.name).toBe('王秀英');
    expect(row?.member).not.toHaveProperty('idNumber');
    expect(row?.member?.withheld).toContain('idNumber');
  });
});
