/**
 * Children's growth, health checks, vaccinations and the 体弱儿 list on the desk
 * (renderer/data/childHealth.ts, the check/dose/attention records of `healthRecords`).
 *
 * Reference values: WS/T 423—2022 附录 B, 表 B.1 (男童年龄别体重) at 36 月: −3SD 10.8 kg, −2SD
 * 11.9 kg; 表 B.3 (男童年龄别身长/身高) at 36 月: −2SD 90.5 cm; 表 3: < −2SD 低体重 / 生长迟缓.
 * Schedules: 0～6岁儿童健康管理服务规范 (checks at 1, 3, 6, 8, 12 … months) and 国家免疫规划疫苗儿童
 * 免疫程序表（2021年版） (shared/rules/growth/schedules.ts).
 */
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { guardianConsent } from '../testing/consents';
import { simulatedMachine } from '../testing/node-desk';
import {
  childrenOverview$,
  followUpAttention,
  openChildHealth,
  putOnAttentionList,
  recordCheck,
  recordDoses,
} from './childHealth';
import { HealthRecordIncomplete } from './database';
import type { Desk } from './desk';
import { registerMember } from './members';
import { addStaff, login, logout, PermissionError } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

/** A day in the centre's morning, local time. */
const at = (day: string) => new Date(`${day}T09:00:00`);

async function deskWithChild(birthDate: string) {
  const desk = await simulatedMachine({
    collections: ['members', 'consents', 'staff', 'care', 'healthRecords', 'district'],
  }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  const nurse = await addStaff(desk, { name: '刘医生', role: 'healthWorker', pin: '369214' });
  const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '147025' });
  const child = await registerMember(
    desk,
    { kind: 'child', name: '王小明', gender: 'M', birthDate },
    undefined,
    {},
    guardianConsent(),
  );
  logout(desk);
  const as = async (who: 'nurse' | 'reception') => {
    logout(desk);
    const [staff, pin] = who === 'nurse' ? [nurse, '369214'] : [reception, '147025'];
    expect((await login(desk, staff.id, pin)).kind).toBe('ok');
  };
  await as('nurse');
  return { desk, child, as };
}

describe('a health check with measurements', () => {
  it('gives the SD scores and the assessment: a 36-month boy of 11.5 kg and 89 cm is 低体重 and 生长迟缓', async () => {
    const { desk, child } = await deskWithChild('2023-06-01');
    const now = at('2026-06-01');
    await recordCheck(
      desk,
      { memberId: child.id, checkMonth: 36, day: '2026-06-01', heightCm: 89, weightKg: 11.5 },
      now,
    );
    const record$ = await openChildHealth(desk, child.id, now);
    const r = (await firstValueFrom(record$))!;
    expect(r.standard).toBe('wst423');
    const last = r.points.at(-1)!;
    expect(last.day).toBe('2026-06-01');
    const weight = last.evaluation.results.find((x) => x.indicator === 'weightForAge')!;
    const height = last.evaluation.results.find((x) => x.indicator === 'heightForAge')!;
    // Between −3SD (10.8) and −2SD (11.9) of 表 B.1; below −2SD (90.5) of the height table.
    expect(weight.sd).toBeGreaterThan(-3);
    expect(weight.sd).toBeLessThan(-2);
    expect(height.sd).toBeLessThan(-2);
    expect(last.evaluation.statuses).toEqual(expect.arrayContaining(['underweight', 'stunting']));
    // The 36-month check is done; the lists suggest the 体弱儿 list for the child.
    expect(r.schedule.checks.find((c) => c.month === 36)!.state).toBe('done');
    const [line] = await firstValueFrom(childrenOverview$(desk, now));
    expect(line!.suggested).toEqual(expect.arrayContaining(['underweight', 'stunting']));
    // The audit log names the fields written and the view, never the values.
    const entries = (await desk.db.auditLog.find().exec()).map((d) => d.toJSON());
    const change = entries.find((e) => e.action === 'sensitive.change');
    expect(change).toMatchObject({ subjectCollection: 'healthRecords' });
    expect(change!.fields).toEqual(expect.arrayContaining(['checkMonth', 'heightCm', 'weightKg']));
    expect(JSON.stringify(entries)).not.toContain('11.5');
    expect(entries.some((e) => e.action === 'sensitive.view')).toBe(true);
  });

  it('names the field of a value out of range and stores nothing', async () => {
    const { desk, child } = await deskWithChild('2023-06-01');
    const refused = await recordCheck(
      desk,
      { memberId: child.id, checkMonth: 36, day: '2026-06-01', heightCm: 400, weightKg: 11.5 },
      at('2026-06-01'),
    ).catch((e: { errors?: unknown[] }) => e);
    expect((refused as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'heightCm',
    ]);
    expect(await desk.db.healthRecords.count().exec()).toBe(0);
  });

  it('refuses, on the desk itself, a record missing what its kind requires', async () => {
    const { desk, child } = await deskWithChild('2023-06-01');
    await expect(
      desk.db.healthRecords.insert({
        id: 'half',
        centreId: desk.settings.centreId,
        createdAt: new Date().toISOString(),
        updatedAt: desk.clock.tick(),
        updatedBy: desk.actor(),
        kind: 'check',
        memberId: child.id,
        day: '2026-06-01',
        at: new Date().toISOString(),
        by: 'staff-x',
      }),
    ).rejects.toBeInstanceOf(HealthRecordIncomplete);
    expect(await desk.db.healthRecords.count().exec()).toBe(0);
  });
});

describe('checks and vaccinations against the national schedules', () => {
  it('lists the checks due and overdue, and the doses missing after the certificate is entered', async () => {
    // Born 2026-01-01, seen on 2026-12-05 (11 months): the certificate shows 乙肝 1–2, 卡介苗,
    // 脊灰灭活 1–2, 百白破 1.
    const { desk, child } = await deskWithChild('2026-01-01');
    const now = at('2026-12-05');
    const added = await recordDoses(
      desk,
      child.id,
      [
        { vaccine: 'HepB', dose: 1, givenOn: '2026-01-01' },
        { vaccine: 'BCG', dose: 1, givenOn: '2026-01-01' },
        { vaccine: 'HepB', dose: 2, givenOn: '2026-02-03' },
        { vaccine: 'IPV', dose: 1, givenOn: '2026-03-02' },
        { vaccine: 'IPV', dose: 2, givenOn: '2026-04-01' },
        { vaccine: 'DTaP', dose: 1, givenOn: '2026-04-01' },
      ],
      now,
    );
    expect(added).toHaveLength(6);
    // The same dose typed again is not recorded twice.
    expect(
      await recordDoses(desk, child.id, [{ vaccine: 'BCG', dose: 1, givenOn: '2026-01-01' }], now),
    ).toEqual([]);

    const [line] = await firstValueFrom(childrenOverview$(desk, now));
    const state = (vaccine: string, dose: number) =>
      line!.schedule.doses.find((d) => d.vaccine === vaccine && d.dose === dose)!.state;
    expect([state('HepB', 2), state('BCG', 1), state('IPV', 2), state('DTaP', 1)]).toEqual([
      'done',
      'done',
      'done',
      'done',
    ]);
    // Missing (their age passed by a month): 乙肝3 (6月), 脊灰减毒1 (4月), 百白破2–3 (4–5月),
    // A群流脑1–2 (6、9月), 麻腮风1 and 乙脑1 (8月). Not yet: 百白破4 and 麻腮风2 (18月).
    const missing = line!.schedule.doses
      .filter((d) => d.state === 'missing')
      .map((d) => `${d.vaccine}/${d.dose}`)
      .sort();
    expect(missing).toEqual(
      ['HepB/3', 'bOPV/1', 'DTaP/2', 'DTaP/3', 'MPSV-A/1', 'MPSV-A/2', 'MMR/1', 'JE/1'].sort(),
    );
    expect(state('DTaP', 4)).toBe('upcoming');
    expect(state('MMR', 2)).toBe('upcoming');

    // No check recorded: 1, 3, 6 and 8 months overdue; 12 months not yet (due 2027-01-01).
    const checks = Object.fromEntries(line!.schedule.checks.map((c) => [c.month, c.state]));
    expect([checks[1], checks[3], checks[6], checks[8], checks[12]]).toEqual([
      'overdue',
      'overdue',
      'overdue',
      'overdue',
      'upcoming',
    ]);
  });

  it('refuses a dose number the schedule does not have, naming the line', async () => {
    const { desk, child } = await deskWithChild('2026-01-01');
    const refused = await recordDoses(
      desk,
      child.id,
      [
        { vaccine: 'BCG', dose: 1, givenOn: '2026-01-01' },
        { vaccine: 'BCG', dose: 2, givenOn: '2026-02-01' },
      ],
      at('2026-12-05'),
    ).catch((e: { errors?: { field: string }[] }) => e);
    expect((refused as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'dose1',
    ]);
    expect(await desk.db.healthRecords.count().exec()).toBe(0);
  });
});

describe('the 体弱儿 list', () => {
  it('keeps one open record per child with its plan and follow-ups, until closed', async () => {
    const { desk, child } = await deskWithChild('2023-06-01');
    const now = at('2026-06-01');
    const first = await putOnAttentionList(
      desk,
      {
        memberId: child.id,
        reasons: ['underweight', 'stunting'],
        plan: '每月测身高体重，膳食指导',
        followUpOn: '2026-07-01',
      },
      now,
    );
    const again = await putOnAttentionList(
      desk,
      {
        memberId: child.id,
        reasons: ['underweight', 'stunting', 'anaemia'],
        plan: '每月测身高体重，膳食指导，补铁',
        followUpOn: '2026-06-15',
      },
      now,
    );
    expect(again.id).toBe(first.id);
    let [line] = await firstValueFrom(childrenOverview$(desk, now));
    expect(line!.attention).toMatchObject({
      reasons: ['underweight', 'stunting', 'anaemia'],
      followUpOn: '2026-06-15',
    });

    const followed = await followUpAttention(
      desk,
      first.id,
      { note: '体重增加0.3kg', nextOn: '2026-07-15' },
      at('2026-06-15'),
    );
    expect(followed.followUps!.map((f) => f.note)).toEqual(['体重增加0.3kg']);
    expect(followed.followUpOn).toBe('2026-07-15');

    // A follow-up day in the past is refused, naming the field.
    await expect(
      followUpAttention(desk, first.id, { note: '复查', nextOn: '2026-06-01' }, at('2026-06-15')),
    ).rejects.toMatchObject({ errors: [{ field: 'nextOn' }] });

    await followUpAttention(desk, first.id, { note: '已恢复正常', close: true }, at('2026-09-01'));
    [line] = await firstValueFrom(childrenOverview$(desk, at('2026-09-01')));
    expect(line!.attention).toBeUndefined();
    // The closed record is kept, with every follow-up.
    const kept = (await desk.db.healthRecords.findOne(first.id).exec())!.toJSON();
    expect(kept.closedAt).toBeDefined();
    expect(kept.followUps).toHaveLength(2);
  });
});

describe('permissions', () => {
  it('lets only the health roles record or read a child’s growth and health', async () => {
    const { desk, child, as } = await deskWithChild('2023-06-01');
    await as('reception');
    await expect(
      recordCheck(desk, { memberId: child.id, checkMonth: 36, day: '2026-06-01', weightKg: 14 }),
    ).rejects.toBeInstanceOf(PermissionError);
    await expect(
      recordDoses(desk, child.id, [{ vaccine: 'BCG', dose: 1, givenOn: '2023-06-01' }]),
    ).rejects.toBeInstanceOf(PermissionError);
    await expect(openChildHealth(desk, child.id)).rejects.toBeInstanceOf(PermissionError);
    expect(() => childrenOverview$(desk)).toThrow(PermissionError);
    expect(await desk.db.healthRecords.count().exec()).toBe(0);
  });
});
