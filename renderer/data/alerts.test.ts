import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settingsWithVersion } from '../../shared/rules/ruleVersions';
import { DEFAULT_RULES } from '../../shared/rules/settings';
import { DISTRICT_CENTRE_ID, DISTRICT_RULES_ID, type DistrictDoc } from '../../shared/schemas';
import { guardianConsent } from '../testing/consents';
import { simulatedMachine } from '../testing/node-desk';
import { checkIn, checkOut } from './attendance';
import { followUps$, recordMeasurement } from './care';
import type { Desk } from './desk';
import { HealthCheckRefused, healthFlags$, recordHealthCheck } from './health';
import { mealClaim$, serveMeal, ServingNeedsConfirm, warningsFor } from './meals';
import { registerMember } from './members';
import { addStaff, login } from './staff';
import { today$ } from './today';

/*
 * Issue 15: alerts that reach someone (point 6) and rules that take effect from a date (point 8),
 * through the desk's data layer.
 */
let desk: Desk;
let managerId: string;
beforeEach(async () => {
  desk = await simulatedMachine().open();
  managerId = (await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' })).id;
  await login(desk, managerId, 'zhou2580');
});
afterEach(async () => {
  await desk.db.close();
});

const child = () =>
  registerMember(
    desk,
    { kind: 'child', name: '李小满', gender: 'M', birthDate: '2023-03-01' },
    undefined,
    {},
    guardianConsent('health'),
  );
const elder = (details = {}) =>
  registerMember(
    desk,
    { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1950-06-01' },
    undefined,
    details,
    guardianConsent('health'),
  );

describe('a check that finds a fever or a symptom', () => {
  it('refuses 正常入班 without the health worker’s reason, storing nothing; with one, the child is flagged for the manager', async () => {
    const kid = await child();
    const fever = {
      kind: 'morningCheck' as const,
      memberId: kid.id,
      temperature: 38.3,
      symptoms: ['fever' as const],
      outcome: 'admitted' as const,
    };
    const refused = await recordHealthCheck(desk, fever).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HealthCheckRefused);
    expect((refused as HealthCheckRefused).problem).toBe('overrideReasonNeeded');
    expect(await desk.db.health.count().exec()).toBe(0);

    // Watched or sent home needs no reason; a normal check keeps no reason.
    const normal = await recordHealthCheck(desk, {
      kind: 'noonCheck',
      memberId: (await elder()).id,
      temperature: 36.5,
      outcome: 'admitted',
      overrideReason: '无',
    });
    expect(normal.overrideReason).toBeUndefined();

    const stored = await recordHealthCheck(desk, {
      ...fever,
      overrideReason: ' 家长说明已服退烧药 ',
    });
    expect(stored.overrideReason).toBe('家长说明已服退烧药');
    const flags = await firstValueFrom(healthFlags$(desk, stored.day));
    expect(flags.get(kid.id)).toMatchObject({
      outcome: 'admitted',
      overrideReason: '家长说明已服退烧药',
      concerns: [{ kind: 'fever', temperature: 38.3 }],
    });
    const today = await firstValueFrom(today$(desk, DEFAULT_RULES, new Date()));
    expect(today.healthFlags.map((f) => f.memberId)).toEqual([kid.id]);
  });

  it('shows no health findings on the home screen of a role without the health permission', async () => {
    const kid = await child();
    await recordHealthCheck(desk, {
      kind: 'morningCheck',
      memberId: kid.id,
      temperature: 37.0,
      observations: ['skinRash'],
      outcome: 'watch',
    });
    const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '3692' });
    await login(desk, reception.id, '3692');
    const today = await firstValueFrom(today$(desk, DEFAULT_RULES, new Date()));
    expect(today.healthFlags).toEqual([]);
    expect(today.followUps).toEqual([]);
  });
});

describe('blood pressure and blood sugar', () => {
  it('lists 168/98 for follow-up and counts it on the home screen; a later reading in range takes it off', async () => {
    const grandma = await elder();
    await recordMeasurement(desk, {
      kind: 'bloodPressure',
      memberId: grandma.id,
      systolic: 168,
      diastolic: 98,
    });
    const list = await firstValueFrom(followUps$(desk));
    expect(list.map((f) => [f.memberId, f.flag.level])).toEqual([[grandma.id, 'high']]);
    expect((await firstValueFrom(today$(desk, DEFAULT_RULES, new Date()))).followUps).toHaveLength(
      1,
    );
    await recordMeasurement(
      desk,
      { kind: 'bloodPressure', memberId: grandma.id, systolic: 128, diastolic: 80 },
      new Date(Date.now() + 60_000),
    );
    expect(await firstValueFrom(followUps$(desk, new Date(Date.now() + 60_000)))).toEqual([]);
  });
});

describe('serving a meal', () => {
  it('reminds of a special diet when no menu was entered, without asking', async () => {
    const grandma = await elder({ diets: ['lowSalt'] });
    const day = new Date().toISOString().slice(0, 10);
    const warnings = await warningsFor(desk, grandma, day, 'lunch');
    expect(warnings).toEqual([{ kind: 'diet', dish: '', diet: 'lowSalt' }]);
  });

  it('asks before recording a meal eaten here by someone already checked out today', async () => {
    const grandma = await elder();
    const now = new Date();
    const day = await checkIn(desk, grandma.id, new Date(now.getTime() - 3 * 3600_000));
    await checkOut(desk, day.visit.id, new Date(now.getTime() - 3600_000));
    const input = { member: grandma, day: day.visit.day, mealType: 'dinner' as const };
    const asked = await serveMeal(desk, { ...input, mode: 'dineIn' }).catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(ServingNeedsConfirm);
    expect((asked as ServingNeedsConfirm).warnings.map((w) => w.kind)).toEqual(['checkedOut']);
    // A meal delivered home is not asked about.
    expect((await warningsFor(desk, grandma, day.visit.day, 'dinner', 'delivered')).length).toBe(0);
    const served = await serveMeal(desk, { ...input, mode: 'dineIn', confirmed: true });
    expect(served.kind).toBe('served');
    expect(served.kind === 'served' && served.serving.confirmedWarnings).toBeUndefined();
  });
});

describe('a claim across a change of subsidy rate', () => {
  it('prices each meal by the rate in force on the day it was served', async () => {
    const grandma = await elder({ categories: ['tekun'] });
    const published = (fen: number, effectiveFrom: string, before: DistrictDoc | null) => {
      const publishedAt = `${effectiveFrom}T00:00:00.000Z`;
      const settings = settingsWithVersion(
        before,
        {
          effectiveFrom,
          publishedAt,
          title: `¥${fen / 100}`,
          settings: { daily: { mealSubsidies: { neediest: { lunch: fen } } } },
        },
        '2026-03-01',
      );
      return {
        id: DISTRICT_RULES_ID,
        centreId: DISTRICT_CENTRE_ID,
        createdAt: publishedAt,
        updatedAt: desk.clock.tick(),
        updatedBy: 'district',
        kind: 'rules' as const,
        title: `¥${fen / 100}`,
        publishedAt,
        settings,
      } satisfies DistrictDoc;
    };
    const first = published(1500, '2026-01-01', null);
    await desk.db.district.upsert(published(1800, '2026-03-16', first));
    const lunch = (day: string) =>
      serveMeal(
        desk,
        { member: grandma, day, mealType: 'lunch', mode: 'delivered' },
        new Date(`${day}T12:00:00`),
      );
    for (const day of ['2026-03-03', '2026-03-10', '2026-03-20']) await lunch(day);
    const claim = await firstValueFrom(mealClaim$(desk, '2026-03'));
    expect(claim.count).toBe(3);
    expect(claim.amountFen).toBe(1500 + 1500 + 1800);
  });
});
