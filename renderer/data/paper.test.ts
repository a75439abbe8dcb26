import i18next from 'i18next';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { PICKUP_OTHER, emptyPaperRow, type PaperRowEntry } from '../../shared/rules/paper';
import { guardianConsent } from '../testing/consents';
import { simulatedMachine } from '../testing/node-desk';
import { checkIn } from './attendance';
import { zhCN } from '../i18n/zh-CN';
import { buildDailySheet, cellText } from './dailySheet';
import type { Desk } from './desk';
import { personRecords$ } from './personRecords';
import { reserveMeal } from './meals';
import { registerMember } from './members';
import {
  PaperRowRefused,
  backfillPaperRow,
  backfillPaperSheet,
  paperSheet$,
  personByCode,
  sheetCode,
} from './paper';
import { PermissionError, addStaff, login } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

const DAY = '2026-12-03';
const NOW = new Date('2026-12-05T09:00:00');

async function deskWithPeople() {
  const desk = await simulatedMachine({
    collections: [
      'members',
      'consents',
      'attendance',
      'staff',
      'meals',
      'health',
      'district',
      'care',
      'absences',
      'activities',
      'visits',
    ],
  }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  const registered = await registerMember(
    desk,
    { kind: 'child', name: '李小满', gender: 'M', birthDate: '2024-03-01' },
    undefined,
    {},
    guardianConsent(),
  );
  const child = (
    await (await desk.db.members.findOne(registered.id).exec())!.incrementalPatch({
      pickupAdults: [{ id: 'p1', name: '王芳', relation: '母亲', phone: '13800001111' }],
    })
  ).toMutableJSON();
  const elder = await registerMember(
    desk,
    { kind: 'elder', name: '张秀英', gender: 'F', birthDate: '1948-05-02' },
    undefined,
    {},
    guardianConsent(),
  );
  return { desk, manager, child, elder };
}

const row = (memberId: string, over: Partial<PaperRowEntry>): PaperRowEntry => ({
  ...emptyPaperRow(memberId),
  ...over,
});

describe('the paper fallback (补录, renderer/data/paper.ts)', () => {
  it('lists every person in care, children first, and the day’s delivered meals on the sheet', async () => {
    const { desk, child, elder } = await deskWithPeople();
    await reserveMeal(desk, { memberId: elder.id, day: DAY, mealType: 'lunch', mode: 'delivered' });
    const sheet = await firstValueFrom(paperSheet$(desk, DAY));
    expect(sheet.members.map((m) => m.name)).toEqual(['李小满', '张秀英']);
    expect(sheet.deliveries).toEqual([{ memberId: elder.id, mealType: 'lunch' }]);
    expect(personByCode(sheet.members, ` ${child.cardNo ?? child.id} `)?.id).toBe(child.id);
    expect(personByCode(sheet.members, '999999')).toBeNull();
  });

  it('creates the records of a row with the paper’s times, marked fromPaper, and one paper.backfill audit entry', async () => {
    const { desk, manager, child } = await deskWithPeople();
    const saved = await backfillPaperRow(
      desk,
      DAY,
      'lunch',
      row(child.id, {
        timeIn: '08:05',
        timeOut: '16:30',
        pickupAdultId: 'p1',
        meal: true,
        temperature: '36.6',
        checkOutcome: 'admitted',
      }),
      NOW,
    );
    const fromPaper = { enteredAt: NOW.toISOString(), enteredBy: manager.id };
    const visit = (await desk.db.attendance.findOne(saved.visit!.id).exec())!.toMutableJSON();
    expect(visit).toMatchObject({
      day: DAY,
      status: 'out',
      checkInAt: new Date(`${DAY}T08:05:00`).toISOString(),
      checkOutAt: new Date(`${DAY}T16:30:00`).toISOString(),
      pickup: { adultId: 'p1', name: '王芳', relation: '母亲' },
      fromPaper,
    });
    const meal = (await desk.db.meals.findOne(saved.meal!.id).exec())!.toMutableJSON();
    expect(meal).toMatchObject({ kind: 'serving', day: DAY, mealType: 'lunch', fromPaper });
    const check = (await desk.db.health.findOne(saved.check!.id).exec())!.toMutableJSON();
    expect(check).toMatchObject({ kind: 'morningCheck', day: DAY, temperature: 36.6, fromPaper });
    const entries = (await desk.db.auditLog.find().exec()).map((d) => d.toMutableJSON());
    expect(entries.filter((e) => e.action === 'paper.backfill')).toEqual([
      expect.objectContaining({
        subjectId: child.id,
        reason: DAY,
        staffId: manager.id,
        fields: ['attendance', 'pickup', 'meals', 'health'],
      }),
    ]);
  });

  it('refuses a row that overlaps a visit already on the desk, and writes nothing of it', async () => {
    const { desk, elder } = await deskWithPeople();
    await checkIn(desk, elder.id, new Date(`${DAY}T08:00:00`));
    const before = await desk.db.attendance.count().exec();
    const attempt = backfillPaperRow(
      desk,
      DAY,
      'lunch',
      row(elder.id, { timeIn: '09:00', timeOut: '11:00', meal: true }),
      NOW,
    );
    await expect(attempt).rejects.toBeInstanceOf(PaperRowRefused);
    await expect(attempt).rejects.toMatchObject({
      problems: [{ field: 'timeIn', code: 'overlapsVisit', from: '08:00', to: '' }],
    });
    expect(await desk.db.attendance.count().exec()).toBe(before);
    expect(await desk.db.meals.count().exec()).toBe(0);
  });

  it('takes a sheet row by row: a bad row is refused with its problems, the good ones are saved, a repeat is refused', async () => {
    const { desk, child, elder } = await deskWithPeople();
    const good = row(elder.id, { timeIn: '08:30', timeOut: '15:00', meal: true });
    const results = await backfillPaperSheet(
      desk,
      DAY,
      'lunch',
      [good, row(child.id, { timeIn: '08:00', timeOut: '16:00', pickupAdultId: 'nobody' })],
      NOW,
    );
    expect(results.map((r) => r.kind)).toEqual(['saved', 'refused']);
    expect(results[1]).toMatchObject({ problems: [{ field: 'pickup', code: 'pickupNotOnList' }] });
    expect(await desk.db.attendance.count().exec()).toBe(1);
    const again = await backfillPaperSheet(desk, DAY, 'lunch', [good], NOW);
    expect(again[0]).toMatchObject({
      kind: 'refused',
      problems: [
        { field: 'timeIn', code: 'overlapsVisit' },
        { field: 'meal', code: 'mealAlreadyServed' },
      ],
    });
  });

  it('writes nothing of a row when the store fails half-way (the visit and meal are taken back, no audit)', async () => {
    const { desk, child } = await deskWithPeople();
    const health = desk.db.health as unknown as { insert: unknown };
    health.insert = () => Promise.reject(new Error('disk full'));
    await expect(
      backfillPaperRow(
        desk,
        DAY,
        'lunch',
        row(child.id, {
          timeIn: '08:05',
          timeOut: '16:30',
          pickupAdultId: 'p1',
          meal: true,
          temperature: '36.6',
          checkOutcome: 'admitted',
        }),
        NOW,
      ),
    ).rejects.toThrow('disk full');
    expect(await desk.db.attendance.count().exec()).toBe(0);
    expect(await desk.db.meals.count().exec()).toBe(0);
    const actions = (await desk.db.auditLog.find().exec()).map((d) => d.action);
    expect(actions).not.toContain('paper.backfill');
  });

  it('records a pick-up by someone not on the list with the manager who allowed it, in the visit and the audit log', async () => {
    const { desk, manager, child } = await deskWithPeople();
    const saved = await backfillPaperRow(
      desk,
      DAY,
      'lunch',
      row(child.id, {
        timeIn: '08:05',
        timeOut: '16:30',
        pickupAdultId: PICKUP_OTHER,
        pickupOther: { name: '李强', relation: '舅舅', managerId: manager.id, reason: '母亲来电' },
      }),
      NOW,
    );
    expect(saved.visit?.pickup).toEqual({
      name: '李强',
      relation: '舅舅',
      override: { managerId: manager.id, reason: '母亲来电' },
    });
    const entries = (await desk.db.auditLog.find().exec()).map((d) => d.toMutableJSON());
    expect(entries.find((e) => e.action === 'override.pickup')).toMatchObject({
      subjectId: saved.visit!.id,
      staffId: manager.id,
      reason: '母亲来电',
    });
  });

  it('refuses a row for someone who had left before the paper’s day, saying since when', async () => {
    const { desk, elder } = await deskWithPeople();
    await (await desk.db.members.findOne(elder.id).exec())!.incrementalPatch({
      status: 'left',
      leftOn: '2026-12-01',
    });
    await expect(
      backfillPaperRow(desk, DAY, 'lunch', row(elder.id, { meal: true }), NOW),
    ).rejects.toMatchObject({
      problems: [{ field: 'person', code: 'leftBefore', from: '2026-12-01' }],
    });
    expect(await desk.db.meals.count().exec()).toBe(0);
  });

  it('finds the person by the code on the sheet, never by the name: namesakes each have their own', async () => {
    const { desk } = await deskWithPeople();
    const twin = await registerMember(
      desk,
      { kind: 'elder', name: '张秀英', gender: 'F', birthDate: '1952-09-09' },
      undefined,
      {},
      guardianConsent(),
    );
    const sheet = await firstValueFrom(paperSheet$(desk, DAY));
    const namesakes = sheet.members.filter((m) => m.name === '张秀英');
    expect(namesakes).toHaveLength(2);
    for (const m of namesakes) expect(personByCode(sheet.members, sheetCode(m))?.id).toBe(m.id);
    expect(personByCode(sheet.members, twin.id)?.id).toBe(twin.id);
    expect(personByCode(sheet.members, '张秀英')).toBeNull();
  });

  it('shows 补录 on the daily sheet (visits, meals, morning checks) and in the person’s records', async () => {
    const { desk, child } = await deskWithPeople();
    await backfillPaperRow(
      desk,
      DAY,
      'lunch',
      row(child.id, {
        timeIn: '08:05',
        timeOut: '16:30',
        pickupAdultId: 'p1',
        meal: true,
        temperature: '36.6',
        checkOutcome: 'admitted',
      }),
      NOW,
    );
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'zh-CN',
      resources: { 'zh-CN': { translation: zhCN } },
      showSupportNotice: false,
    });
    const sheet = await buildDailySheet(desk, DAY, i18n.t, '测试站', NOW);
    const section = (id: string) => sheet.sections.find((x) => x.id === id)!;
    const text = (id: string) => section(id).rows.map((r) => r.map(cellText));
    expect(text('attendance')).toEqual([['李小满', '幼儿', '08:05', '16:30', '补录']]);
    expect(text('health')[0]!.at(-1)).toBe('正常入班；补录');
    expect(section('meals').columns.at(-1)).toBe('其中补录');
    expect(text('meals')[0]!.at(-1)).toBe('1');
    const records = await firstValueFrom(personRecords$(desk, child.id, 30, NOW));
    expect(records.map((r) => [r.kind, r.fromPaper?.byName])).toEqual(
      expect.arrayContaining([
        ['visit', '周敏'],
        ['meal', '周敏'],
        ['check', '周敏'],
      ]),
    );
  });

  it('is for those who may correct records only', async () => {
    const { desk, elder } = await deskWithPeople();
    const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '1470' });
    expect((await login(desk, reception.id, '1470')).kind).toBe('ok');
    await expect(
      backfillPaperRow(desk, DAY, 'lunch', row(elder.id, { meal: true }), NOW),
    ).rejects.toBeInstanceOf(PermissionError);
  });
});
