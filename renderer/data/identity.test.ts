import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityDoc } from '../../shared/schemas';
import { ownConsent } from '../testing/consents';
import { simulatedMachine } from '../testing/node-desk';
import { checkIn } from './attendance';
import type { Desk } from './desk';
import {
  DuplicateIdentityError,
  LikelyDuplicateError,
  likelyDuplicates$,
  mergeMembers,
} from './identity';
import { importPeople } from './importPeople';
import { reserveMeal } from './meals';
import { correctMember, memberDoc, registerMember } from './members';
import { peopleOnRecord$ } from './people';
import { addStaff, login, logout } from './staff';
import { listElder } from './visits';

const ID = '11010519491231002X';
const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function centre() {
  const desk = await simulatedMachine({
    collections: [
      'members',
      'consents',
      'staff',
      'auditLog',
      'attendance',
      'meals',
      'visits',
      'activities',
    ],
  }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  await addStaff(desk, { name: '陈静', role: 'reception', pin: '147025' });
  const first = await registerMember(
    desk,
    { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1949-12-31', idNumber: ID },
    undefined,
    {},
    ownConsent('idNumber'),
  );
  return { desk, first };
}

const asReception = async (desk: Desk) => {
  logout(desk);
  const reception = (await desk.db.staff.find({ selector: { role: 'reception' } }).exec())[0]!;
  expect((await login(desk, reception.id, '147025')).kind).toBe('ok');
};

describe('one person is one record (renderer/data/identity.ts)', () => {
  it('refuses a second registration of an ID number typed with a lower-case x, naming the person but not the number, even to reception', async () => {
    const { desk, first } = await centre();
    await asReception(desk);
    const again = registerMember(
      desk,
      {
        kind: 'elder',
        name: '王秀英',
        gender: 'F',
        birthDate: '1949-12-31',
        idNumber: '11010519491231002x',
      },
      undefined,
      {},
      ownConsent('idNumber'),
    );
    await expect(again).rejects.toBeInstanceOf(DuplicateIdentityError);
    const error = (await again.catch((e: unknown) => e)) as DuplicateIdentityError;
    expect(error.existing).toMatchObject({ id: first.id, name: '王秀英' });
    expect(JSON.stringify(error.existing)).not.toContain('1949123');
    expect(await desk.db.members.count().exec()).toBe(1);
  });

  it('asks about the same name and birth date without an ID number, and registers once confirmed', async () => {
    const { desk, first } = await centre();
    const twin = { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1949-12-31' } as const;
    const asked = await registerMember(desk, twin).catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(LikelyDuplicateError);
    expect((asked as LikelyDuplicateError).people.map((p) => p.id)).toEqual([first.id]);
    const second = await registerMember(desk, twin, undefined, {}, null, undefined, {
      confirmedLikelyDuplicate: true,
    });
    expect(second.status).toBe('active');
    // Confirmed past, still flagged for the manager.
    const groups = await firstValueFrom(likelyDuplicates$(desk));
    expect(groups.map((g) => g.reason)).toEqual(['nameAndBirthDate']);
  });

  it('refuses a correction that gives someone the ID number of another person on the record', async () => {
    const { desk } = await centre();
    const other = await registerMember(
      desk,
      { kind: 'elder', name: '赵建国', gender: 'M', birthDate: '1950-01-09' },
      undefined,
      {},
      ownConsent('idNumber'),
    );
    await expect(
      correctMember(desk, other.id, { idNumber: ' １１０１０５１９４９１２３１００２ｘ ' }, '补登'),
    ).rejects.toBeInstanceOf(DuplicateIdentityError);
    expect((await desk.db.members.findOne(other.id).exec())?.idNumber).toBeUndefined();
  });

  it('refuses an import whose ID number was registered since the file was checked, storing nothing', async () => {
    const { desk } = await centre();
    const before = await desk.db.members.count().exec();
    await expect(
      importPeople(desk, [
        {
          row: 2,
          member: {
            kind: 'elder',
            name: '王秀英',
            gender: 'F',
            birthDate: '1949-12-31',
            idNumber: ID,
          },
          details: {},
          consent: ownConsent('idNumber'),
        },
      ]),
    ).rejects.toBeInstanceOf(DuplicateIdentityError);
    expect(await desk.db.members.count().exec()).toBe(before);
    expect(await desk.db.consents.count().exec()).toBe(1);
  });

  it('merges a duplicate: every record about it moves to the kept card, blanks filled, the merge audited', async () => {
    const { desk, first } = await centre();
    // As a second desk registered offline: the same person, another card.
    const dup = memberDoc(
      desk,
      {
        kind: 'elder',
        name: '王秀英',
        gender: 'F',
        birthDate: '1949-12-31',
        idNumber: '11010519491231002x',
      },
      { allergies: ['花生'] },
      '22222222',
      new Date(),
    );
    dup.phone = '13800138000';
    await desk.db.members.insert(dup);
    expect((await firstValueFrom(likelyDuplicates$(desk))).map((g) => g.reason)).toContain(
      'idNumber',
    );

    await checkIn(desk, dup.id);
    await reserveMeal(desk, { memberId: dup.id, day: '2026-12-07', mealType: 'lunch' });
    await listElder(desk, { memberId: dup.id, risk: 'key' });
    await desk.db.consents.insert({
      id: 'consent-dup',
      centreId: desk.settings.centreId,
      createdAt: new Date().toISOString(),
      updatedAt: desk.clock.tick(),
      updatedBy: desk.actor(),
      memberId: dup.id,
      givenBy: '本人签字',
      relation: '本人',
      scopes: ['health'],
      givenOn: '2026-12-01',
    });
    const plan: ActivityDoc = {
      id: 'plan-1',
      planId: 'plan-1',
      kind: 'plan',
      centreId: desk.settings.centreId,
      createdAt: new Date().toISOString(),
      updatedAt: desk.clock.tick(),
      updatedBy: desk.actor(),
      title: '书法',
      enrolled: [dup.id, 'someone-else'],
    };
    await desk.db.activities.insert(plan);

    const result = await mergeMembers(desk, first.id, dup.id);
    expect(result.moved).toEqual({
      attendance: 1,
      meals: 1,
      visits: 1,
      consents: 1,
      activities: 1,
    });

    for (const name of ['attendance', 'meals', 'visits', 'consents'] as const)
      expect(await desk.db[name].find({ selector: { memberId: dup.id } }).exec()).toHaveLength(0);
    expect(await desk.db.attendance.find({ selector: { memberId: first.id } }).exec()).toHaveLength(
      1,
    );
    expect((await desk.db.visits.findOne(`vl-${first.id}`).exec())?.risk).toBe('key');
    expect((await desk.db.activities.findOne('plan-1').exec())?.enrolled).toEqual([
      first.id,
      'someone-else',
    ]);
    const kept = (await desk.db.members.findOne(first.id).exec())!.toMutableJSON();
    expect(kept).toMatchObject({ cardNo: first.cardNo, phone: '13800138000', allergies: ['花生'] });
    const merged = (await desk.db.members.findOne(dup.id).exec())!.toMutableJSON();
    expect(merged).toMatchObject({ status: 'merged', mergedInto: first.id });
    expect((await firstValueFrom(peopleOnRecord$(desk))).map((m) => m.id)).toEqual([first.id]);
    expect(await firstValueFrom(likelyDuplicates$(desk))).toEqual([]);

    const entry = (
      await desk.db.auditLog.find({ selector: { action: 'person.merge' } }).exec()
    )[0]!;
    expect(entry.toMutableJSON()).toMatchObject({
      subjectId: first.id,
      staffId: desk.session!.staff.id,
      fields: expect.arrayContaining([`m:${dup.id}`, 'moved:5']),
    });
  });

  it('lets only a manager merge', async () => {
    const { desk, first } = await centre();
    const dup = memberDoc(
      desk,
      { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1949-12-31', idNumber: ID },
      {},
      '22222222',
      new Date(),
    );
    await desk.db.members.insert(dup);
    await asReception(desk);
    await expect(mergeMembers(desk, first.id, dup.id)).rejects.toThrow();
    expect((await desk.db.members.findOne(dup.id).exec())?.status).toBe('active');
  });
});
