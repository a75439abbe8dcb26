import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedMachine } from '../testing/node-desk';
import { checkIn } from './attendance';
import { ownConsent } from '../testing/consents';
import type { Desk } from './desk';
import { correctMember, registerMember } from './members';
import { reserveMeal, serveMeal } from './meals';
import { NotInCareError, peopleInCare$, peopleOnRecord$, person$ } from './people';
import { addStaff, login, logout } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function centre() {
  const desk = await simulatedMachine({
    collections: ['members', 'consents', 'staff', 'auditLog', 'attendance', 'meals'],
  }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  await addStaff(desk, { name: '陈静', role: 'reception', pin: '147025' });
  const stays = await registerMember(
    desk,
    { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1948-05-02' },
    undefined,
    {},
    ownConsent('idNumber', 'health'),
  );
  const goes = await registerMember(desk, {
    kind: 'elder',
    name: '赵建国',
    gender: 'M',
    birthDate: '1950-01-09',
  });
  await correctMember(
    desk,
    stays.id,
    {
      idNumber: '110101194805020027',
      healthNotes: '高血压',
    },
    '补登',
  );
  const leaving = await desk.db.members.findOne(goes.id).exec();
  await leaving!.incrementalPatch({ status: 'left' });
  return { desk, stays, goes };
}

describe('the people a screen reads (renderer/data/people.ts)', () => {
  it('offers only people in care for service, and lists those who left on the record', async () => {
    const { desk, stays, goes } = await centre();
    const inCare = await firstValueFrom(peopleInCare$(desk));
    const onRecord = await firstValueFrom(peopleOnRecord$(desk));
    expect(inCare.map((m) => m.id)).toEqual([stays.id]);
    expect(onRecord.map((m) => m.id).sort()).toEqual([stays.id, goes.id].sort());
    expect(await firstValueFrom(peopleInCare$(desk, 'child'))).toEqual([]);
  });

  it('gives a reception login neither the ID number nor the health notes, and says so', async () => {
    const { desk, stays } = await centre();
    const asManager = await firstValueFrom(person$(desk, stays.id));
    expect(asManager?.idNumber).toBe('110101194805020027');
    expect(asManager?.withheld).toEqual([]);

    logout(desk);
    const reception = (await desk.db.staff.find({ selector: { role: 'reception' } }).exec())[0]!;
    expect((await login(desk, reception.id, '147025')).kind).toBe('ok');
    const asReception = await firstValueFrom(person$(desk, stays.id));
    expect(asReception?.name).toBe('王秀英');
    expect(asReception).not.toHaveProperty('idNumber');
    expect(asReception).not.toHaveProperty('healthNotes');
    expect(asReception?.withheld).toEqual([
      'idNumber',
      'guardians',
      'healthNotes',
      'chronicConditions',
    ]);
    const listed = await firstValueFrom(peopleOnRecord$(desk));
    expect(listed.some((m) => 'idNumber' in m)).toBe(false);
  });

  it('refuses, where the record is written, to check in or serve someone who has left', async () => {
    const { desk, stays, goes } = await centre();
    const left = (await firstValueFrom(peopleOnRecord$(desk))).find((m) => m.id === goes.id)!;
    await expect(checkIn(desk, goes.id)).rejects.toEqual(new NotInCareError('赵建国', 'left'));
    const lunch = { day: '2026-12-04', mealType: 'lunch', mode: 'dineIn' } as const;
    await expect(serveMeal(desk, { member: left, ...lunch })).rejects.toBeInstanceOf(
      NotInCareError,
    );
    await expect(reserveMeal(desk, { memberId: goes.id, ...lunch })).rejects.toBeInstanceOf(
      NotInCareError,
    );
    expect(await desk.db.attendance.count().exec()).toBe(0);
    expect(await desk.db.meals.count().exec()).toBe(0);
    expect((await checkIn(desk, stays.id)).kind).toBe('checkedIn');
  });
});
