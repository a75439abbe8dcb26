import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MemberDoc } from '../../shared/schemas';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import type { Desk } from './desk';
import {
  ServingNeedsConfirm,
  deliveryList,
  logSample,
  mealClaim$,
  mealsDay$,
  recordDelivery,
  reserveMeal,
  samples$,
  serveMeal,
  setMenu,
  warningsFor,
  yuan,
} from './meals';
import { registerMember } from './members';
import { PermissionError, addStaff, login, logout } from './staff';

const DAY = '2026-11-23';
let desk: Desk;
let managerId: string;
let caregiverId: string;
let receptionId: string;

beforeEach(async () => {
  desk = await simulatedMachine().open();
  managerId = (await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' })).id;
  await login(desk, managerId, 'zhou2580');
  caregiverId = (await addStaff(desk, { name: '王护理', role: 'caregiver', pin: '1470' })).id;
  receptionId = (await addStaff(desk, { name: '陈静', role: 'reception', pin: '3692' })).id;
});
afterEach(async () => {
  await desk.db.close();
});

async function as(staffId: string, pin: string) {
  logout(desk);
  expect((await login(desk, staffId, pin)).kind).toBe('ok');
}

const at = (hhmm: string, day = DAY) => new Date(`${day}T${hhmm}:00`);

/** A child allergic to peanuts, an elder of 低保 (neediest), an elder of 72, a child with no allergy. */
async function people() {
  const xiaoman = await registerMember(
    desk,
    { kind: 'child', name: '李小满', gender: 'M', birthDate: '2023-03-01' },
    at('08:00'),
    { allergies: ['花生'] },
    guardianConsent(),
  );
  const wang = await registerMember(
    desk,
    { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1950-06-01' },
    at('08:00'),
    { categories: ['dibao'], diets: ['lowSalt'] },
  );
  const zhang = await registerMember(
    desk,
    { kind: 'elder', name: '张德明', gender: 'M', birthDate: '1954-02-10' },
    at('08:00'),
  );
  const tian = await registerMember(
    desk,
    { kind: 'child', name: '田甜', gender: 'F', birthDate: '2022-09-09' },
    at('08:00'),
    {},
    guardianConsent(),
  );
  return { xiaoman, wang, zhang, tian };
}

const lunch = [
  { name: '花生酱拌面', allergens: ['花生', '小麦'] },
  { name: '清蒸鱼', allergens: ['鱼'], suits: ['lowSalt' as const, 'soft' as const] },
];

async function serve(
  member: MemberDoc,
  extra: Partial<Parameters<typeof serveMeal>[1]> = {},
  when = at('11:30'),
) {
  return serveMeal(desk, { member, day: DAY, mealType: 'lunch', mode: 'dineIn', ...extra }, when);
}

describe('serving a meal', () => {
  it('warns of a peanut allergy against the menu, refuses to serve without a confirm, and keeps the confirmed warning', async () => {
    const { xiaoman } = await people();
    await setMenu(desk, { day: DAY, mealType: 'lunch', dishes: lunch });
    await as(caregiverId, '1470');

    const warnings = await warningsFor(desk, xiaoman, DAY, 'lunch');
    expect(warnings).toEqual([
      { kind: 'allergy', dish: '花生酱拌面', allergy: '花生', allergen: '花生' },
    ]);
    const refused = await serve(xiaoman).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServingNeedsConfirm);
    expect((refused as ServingNeedsConfirm).warnings).toEqual(warnings);
    expect((await desk.db.meals.find({ selector: { kind: 'serving' } }).exec()).length).toBe(0);

    const served = await serve(xiaoman, { confirmed: true });
    expect(served.kind).toBe('served');
    expect(served.kind === 'served' && served.serving).toMatchObject({
      memberId: xiaoman.id,
      servedBy: caregiverId,
      confirmedWarnings: [{ kind: 'allergy', dish: '花生酱拌面', about: '花生' }],
    });
    // A child has no subsidy category.
    expect(served.kind === 'served' && served.serving.subsidyCategory).toBeUndefined();
  });

  it('warns an allergic person when no menu is set, so nothing was checked', async () => {
    const { xiaoman, zhang } = await people();
    expect(await warningsFor(desk, xiaoman, DAY, 'lunch')).toEqual([
      { kind: 'allergensUnknown', dish: '', allergies: ['花生'] },
    ]);
    expect(await warningsFor(desk, zhang, DAY, 'lunch')).toEqual([]);
    await expect(serve(xiaoman)).rejects.toBeInstanceOf(ServingNeedsConfirm);
  });

  it('serves a diet warning without a confirm, still keeping what was warned of', async () => {
    const { zhang } = await people();
    await setMenu(desk, { day: DAY, mealType: 'lunch', dishes: lunch });
    const diabetic = { ...zhang, diets: ['diabetic' as const] };
    const served = await serve(diabetic);
    expect(served.kind === 'served' && served.serving.confirmedWarnings).toEqual([
      { kind: 'diet', dish: '花生酱拌面', about: 'diabetic' },
      { kind: 'diet', dish: '清蒸鱼', about: 'diabetic' },
    ]);
  });

  it('does not write a second lunch for the same person unless served again on purpose', async () => {
    const { zhang } = await people();
    const first = await serve(zhang);
    const second = await serve(zhang, {}, at('11:45'));
    expect(second).toEqual({ kind: 'alreadyServed', serving: first.serving });
    expect((await desk.db.meals.find({ selector: { kind: 'serving' } }).exec()).length).toBe(1);
  });

  it('refuses staff without the permission: a health worker cannot serve, a caregiver cannot set the menu or see the claim', async () => {
    const { zhang } = await people();
    const hw = await addStaff(desk, { name: '刘医生', role: 'healthWorker', pin: '3690' });
    await as(hw.id, '3690');
    await expect(serve(zhang)).rejects.toBeInstanceOf(PermissionError);
    await as(caregiverId, '1470');
    await expect(setMenu(desk, { day: DAY, mealType: 'lunch', dishes: lunch })).rejects.toThrow(
      'permission:planMenus',
    );
    expect(() => mealClaim$(desk, '2026-11')).toThrow('permission:mealClaims');
    expect((await serve(zhang)).kind).toBe('served');
  });
});

describe('counts and the monthly claim', () => {
  it('counts per meal type and subsidy category, a duplicate served on purpose recorded but not counted', async () => {
    const { xiaoman, wang, zhang, tian } = await people();
    await setMenu(desk, { day: DAY, mealType: 'lunch', dishes: lunch });
    await as(receptionId, '3692');
    await serve(xiaoman, { confirmed: true });
    await serve(wang);
    await serve(zhang, { mode: 'collected' });
    await serve(tian);
    await serve(zhang, { again: true }, at('12:10'));
    await serveMeal(
      desk,
      { member: wang, day: DAY, mealType: 'breakfast', mode: 'dineIn' },
      at('07:50'),
    );

    const today = await firstValueFrom(mealsDay$(desk, DAY));
    expect(today.servings).toHaveLength(6);
    expect(
      today.counts.map((c) => [
        c.mealType,
        c.subsidyCategory,
        c.count,
        c.duplicates,
        c.byMode.collected,
      ]),
    ).toEqual([
      ['breakfast', 'neediest', 1, 0, 0],
      ['lunch', null, 2, 0, 0],
      ['lunch', 'age70', 1, 1, 1],
      ['lunch', 'neediest', 1, 0, 0],
    ]);
  });

  it('claims one meal per person, day and type at the rate of the category served under, in fen', async () => {
    const { xiaoman, wang, zhang } = await people();
    // Two days of November, one of December (not in the claim).
    await serve(wang, {}, at('11:30'));
    await serve(wang, { again: true }, at('11:40'));
    await serveMeal(
      desk,
      { member: wang, day: '2026-11-24', mealType: 'lunch', mode: 'delivered' },
      at('11:00', '2026-11-24'),
    );
    await serveMeal(
      desk,
      { member: wang, day: '2026-11-24', mealType: 'dinner', mode: 'dineIn' },
      at('17:00', '2026-11-24'),
    );
    await serve(zhang, {}, at('11:35'));
    await serve(xiaoman, { confirmed: true }, at('11:36'));
    await serveMeal(
      desk,
      { member: zhang, day: '2026-12-01', mealType: 'lunch', mode: 'dineIn' },
      at('11:00', '2026-12-01'),
    );

    const claim = await firstValueFrom(mealClaim$(desk, '2026-11'));
    expect(claim.categories.map((c) => [c.subsidyCategory, c.count, c.amountFen])).toEqual([
      ['age70', 1, 500],
      ['neediest', 3, 4500],
    ]);
    expect(claim.categories[1]!.byMealType.lunch).toEqual({ count: 2, amountFen: 3000 });
    expect(claim.count).toBe(4);
    expect(claim.amountFen).toBe(5000);
    expect(yuan(claim.amountFen)).toBe('¥50.00');
    expect(claim.excluded.map((e) => [e.memberId, e.reason])).toEqual([
      [xiaoman.id, 'noCategory'],
      [wang.id, 'duplicate'],
    ]);
  });
});

describe('deliveries and food samples', () => {
  it('lists delivery reservations not yet served and delivered meals, and records who delivered and when', async () => {
    const { wang, zhang } = await people();
    await reserveMeal(desk, { memberId: zhang.id, day: DAY, mealType: 'lunch', mode: 'delivered' });
    const { serving } = await serve(wang, { mode: 'delivered' }, at('11:00'));

    let list = deliveryList(await firstValueFrom(mealsDay$(desk, DAY)));
    expect(list.map((r) => [r.memberId, !!r.serving, !!r.reservation])).toEqual([
      [wang.id, true, false],
      [zhang.id, false, true],
    ]);
    await recordDelivery(desk, serving.id, { by: '志愿者 老李', at: at('11:50') });
    list = deliveryList(await firstValueFrom(mealsDay$(desk, DAY)));
    expect(list[0]!.serving).toMatchObject({
      deliveredBy: '志愿者 老李',
      deliveredAt: at('11:50').toISOString(),
      deliveryRecordedBy: managerId,
    });
    await expect(recordDelivery(desk, serving.id, { by: ' ', at: at('12:00') })).rejects.toThrow(
      'deliveredByRequired',
    );
  });

  it('reminds of dishes with no sample, samples under weight, and samples that may be discarded after 48 hours', async () => {
    await setMenu(desk, { day: DAY, mealType: 'lunch', dishes: lunch });
    await logSample(
      desk,
      { day: '2026-11-21', mealType: 'lunch', dish: '红烧肉', grams: 150, takenBy: '厨师 老赵' },
      at('11:00', '2026-11-21'),
    );
    await logSample(
      desk,
      { day: DAY, mealType: 'lunch', dish: '花生酱拌面', grams: 100, takenBy: '厨师 老赵' },
      at('11:00'),
    );
    await expect(
      logSample(desk, { day: DAY, mealType: 'lunch', dish: '清蒸鱼', grams: 0, takenBy: '老赵' }),
    ).rejects.toThrow('gramsRange');

    const status = await firstValueFrom(samples$(desk, '2026-11-20', DAY, () => at('12:00')));
    expect(status.reminders.discardable.map((d) => d.sample.dish)).toEqual(['红烧肉']);
    expect(status.reminders.underWeight.map((d) => [d.sample.dish, d.shortBy])).toEqual([
      ['花生酱拌面', 25],
    ]);
    expect(status.missing).toEqual([{ day: DAY, mealType: 'lunch', dish: '清蒸鱼' }]);
  });
});
