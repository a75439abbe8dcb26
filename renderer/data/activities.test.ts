import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { DistrictDoc } from '../../shared/schemas';
import { DISTRICT_CENTRE_ID } from '../../shared/schemas';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import {
  PlanRefused,
  adoptTemplate,
  addSessionNote,
  cancelSession,
  checkPlan,
  logAttendance,
  planActivity,
  sessionLog$,
  sessionSummary,
  updateActivity,
  weekSessions$,
  type PlanInput,
} from './activities';
import type { Desk } from './desk';
import { registerMember } from './members';
import { PermissionError, addStaff, login } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

/** A desk with a manager (logged in), a caregiver and a receptionist. */
async function staffedDesk() {
  const desk = await simulatedMachine().open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  const caregiver = await addStaff(desk, { name: '赵红', role: 'caregiver', pin: '3691' });
  const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '1470' });
  const as = async (who: { id: string }, pin: string) =>
    expect((await login(desk, who.id, pin)).kind).toBe('ok');
  return {
    desk,
    manager,
    caregiver,
    reception,
    asManager: () => as(manager, 'zhou2580'),
    asCaregiver: () => as(caregiver, '3691'),
    asReception: () => as(reception, '1470'),
  };
}

// 2026-11-23 is a Monday.
const crafts = (leaderId: string, enrolled: string[] = []): PlanInput => ({
  title: '祖孙剪纸',
  category: 'intergenerational',
  room: '多功能室',
  leaderId,
  capacity: 12,
  enrolled,
  start: '09:30',
  end: '10:30',
  recurrence: { kind: 'weekly', weekdays: [1, 3], from: '2026-11-23' },
});

const at = new Date('2026-11-23T08:00:00+08:00');

describe('planning activities', () => {
  it('refuses a plan the rules find wrong, naming each field, and stores nothing', async () => {
    const { desk, manager } = await staffedDesk();
    const bad: PlanInput = {
      ...crafts(manager.id),
      title: '  ',
      end: '09:00',
      recurrence: { kind: 'weekly', weekdays: [], from: '2026-11-31' },
    };
    const refused = await planActivity(desk, bad, at).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PlanRefused);
    expect((refused as PlanRefused).errors.map((e) => `${e.field}:${e.problem}`).sort()).toEqual([
      'end:endBeforeStart',
      'recurrence.from:dateFormat',
      'recurrence.weekdays:range',
      'title:required',
    ]);
    expect(await desk.db.activities.count().exec()).toBe(0);
  });

  it('lets only a manager plan; caregivers and reception may not', async () => {
    const { desk, manager, asCaregiver, asReception } = await staffedDesk();
    await asCaregiver();
    await expect(planActivity(desk, crafts(manager.id), at)).rejects.toBeInstanceOf(
      PermissionError,
    );
    await asReception();
    await expect(planActivity(desk, crafts(manager.id), at)).rejects.toThrow(
      'permission:planActivities',
    );
    expect(await desk.db.activities.count().exec()).toBe(0);
  });

  it('flags the same room and the same leader at once, naming both activities, and over capacity', async () => {
    const { desk, manager, caregiver } = await staffedDesk();
    const { plan: first, clashes: none } = await planActivity(desk, crafts(manager.id), at);
    expect(none).toEqual([]);

    const members = await Promise.all(
      ['王秀英', '李小满', '张桂兰'].map((name, i) =>
        registerMember(
          desk,
          {
            kind: i === 1 ? 'child' : 'elder',
            name,
            gender: 'F',
            birthDate: i === 1 ? '2023-05-01' : '1946-03-02',
          },
          undefined,
          {},
          i === 1 ? guardianConsent() : null,
        ),
      ),
    );
    const story: PlanInput = {
      title: '故事会',
      category: 'child',
      room: '多功能室',
      leaderId: manager.id,
      capacity: 2,
      enrolled: members.map((m) => m.id),
      start: '10:00',
      end: '11:00',
      recurrence: { kind: 'once', date: '2026-11-25' },
    };
    const { errors, clashes } = await checkPlan(desk, story, undefined, '2026-11-23');
    expect(errors).toEqual([]);
    const kinds = clashes.map((c) => c.kind).sort();
    expect(kinds).toEqual(['leader', 'overCapacity', 'room']);
    const room = clashes.find((c) => c.kind === 'room');
    expect(room).toMatchObject({
      what: '多功能室',
      date: '2026-11-25',
      from: '10:00',
      to: '10:30',
    });
    if (room?.kind !== 'room') throw new Error('no room clash');
    expect([room.a.title, room.b.title].sort()).toEqual(['故事会', '祖孙剪纸'].sort());
    expect(room.a.planId === first.id || room.b.planId === first.id).toBe(true);
    expect(clashes.find((c) => c.kind === 'overCapacity')).toMatchObject({
      title: '故事会',
      enrolled: 3,
      capacity: 2,
    });

    // Another room, another leader, after the crafts end, enough places: nothing left to flag.
    const fixed = {
      ...story,
      room: '绘本角',
      leaderId: caregiver.id,
      start: '10:30',
      capacity: 3,
    };
    expect((await checkPlan(desk, fixed, undefined, '2026-11-23')).clashes).toEqual([]);
    const saved = await planActivity(desk, fixed, at);
    expect(saved.clashes).toEqual([]);
    expect(await desk.db.activities.count().exec()).toBe(2);
  });

  it('changes an activity without clashing with its own older version, refusing what the rules refuse', async () => {
    const { desk, manager, caregiver, asCaregiver } = await staffedDesk();
    const { plan } = await planActivity(desk, crafts(manager.id), at);
    // Overlaps its own old time in the same room: that is no clash.
    const moved = { ...crafts(caregiver.id), start: '10:00', end: '11:00' };
    const changed = await updateActivity(desk, plan.id, moved, at);
    expect(changed.clashes).toEqual([]);
    expect(changed.plan).toMatchObject({ id: plan.id, start: '10:00', leaderId: caregiver.id });
    const stored = await desk.db.activities.findOne(plan.id).exec();
    expect(stored?.toJSON()).toMatchObject({ start: '10:00', end: '11:00', planId: plan.id });

    await expect(updateActivity(desk, plan.id, { ...moved, capacity: 0 }, at)).rejects.toThrow(
      'capacity range',
    );
    expect((await desk.db.activities.findOne(plan.id).exec())?.capacity).toBe(12);
    await asCaregiver();
    await expect(updateActivity(desk, plan.id, crafts(manager.id), at)).rejects.toBeInstanceOf(
      PermissionError,
    );
  });

  it("shows a week's sessions in time order, leaving out a cancelled date", async () => {
    const { desk, manager } = await staffedDesk();
    const { plan } = await planActivity(desk, crafts(manager.id), at);
    await planActivity(
      desk,
      {
        ...crafts(manager.id),
        title: '八段锦',
        category: 'exercise',
        room: '院子',
        start: '08:00',
        end: '08:40',
        recurrence: { kind: 'weekly', weekdays: [3], from: '2026-11-01', until: '2026-11-30' },
      },
      at,
    );
    const week = await firstValueFrom(weekSessions$(desk, '2026-11-26'));
    expect(week.map((s) => `${s.date} ${s.start} ${s.title}`)).toEqual([
      '2026-11-23 09:30 祖孙剪纸',
      '2026-11-25 08:00 八段锦',
      '2026-11-25 09:30 祖孙剪纸',
    ]);
    await cancelSession(desk, plan.id, '2026-11-25', '停电');
    const after = await firstValueFrom(weekSessions$(desk, '2026-11-23'));
    expect(after.map((s) => `${s.date} ${s.title}`)).toEqual([
      '2026-11-23 祖孙剪纸',
      '2026-11-25 八段锦',
    ]);
    await expect(cancelSession(desk, plan.id, '2026-11-24')).rejects.toThrow('noSessionThatDay');
  });

  it('adopts a district template: a plan of its own with the template id, length and capacity', async () => {
    const { desk, manager } = await staffedDesk();
    const template: DistrictDoc = {
      id: 'tpl-kite',
      centreId: DISTRICT_CENTRE_ID,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z-0000-district',
      updatedBy: 'district-admin',
      kind: 'activityTemplate',
      title: '祖孙放风筝',
      text: '晴天在院子里放风筝。',
      template: { category: 'intergenerational', minutes: 90, capacity: 20 },
      publishedAt: '2026-11-01T00:00:00.000Z',
    };
    await desk.db.district.insert(template);
    const { plan } = await adoptTemplate(
      desk,
      'tpl-kite',
      {
        room: '院子',
        leaderId: manager.id,
        start: '14:30',
        recurrence: { kind: 'once', date: '2026-11-28' },
      },
      at,
    );
    expect(plan).toMatchObject({
      title: '祖孙放风筝',
      category: 'intergenerational',
      start: '14:30',
      end: '16:00',
      capacity: 20,
      templateId: 'tpl-kite',
    });
    expect((await desk.db.activities.findOne(plan.id).exec())?.templateId).toBe('tpl-kite');
    await expect(
      adoptTemplate(desk, 'no-such', {
        room: 'x',
        leaderId: manager.id,
        start: '09:00',
        recurrence: { kind: 'once', date: '2026-11-28' },
      }),
    ).rejects.toThrow('noSuchTemplate');
  });
});

describe('logging a session', () => {
  it('logs marks, a corrected mark, a walk-in and a note, and sums them up against capacity', async () => {
    const { desk, manager, caregiver, asCaregiver, asReception } = await staffedDesk();
    const [wang, li, zhang, walkIn] = await Promise.all(
      ['王秀英', '李小满', '张桂兰', '刘大爷'].map((name) =>
        registerMember(desk, { kind: 'elder', name, gender: 'M', birthDate: '1945-01-01' }),
      ),
    );
    const { plan } = await planActivity(
      desk,
      { ...crafts(manager.id, [wang!.id, li!.id, zhang!.id]), capacity: 3 },
      at,
    );
    await asCaregiver();
    const mark = (memberId: string, present: boolean, minute: number) =>
      logAttendance(
        desk,
        { planId: plan.id, date: '2026-11-23', memberId, present },
        new Date(`2026-11-23T09:${minute}:00+08:00`),
      );
    await mark(wang!.id, true, 31);
    await mark(li!.id, true, 32);
    await mark(li!.id, false, 35); // tapped the wrong one, then corrected
    await mark(walkIn!.id, true, 40);
    await addSessionNote(desk, plan.id, '2026-11-23', '剪了窗花，下次带红纸');

    const summary = await sessionSummary(desk, plan.id, '2026-11-23');
    expect(summary).toEqual({
      present: 2,
      absent: 1,
      unmarked: 1,
      walkIns: 1,
      total: 4,
      capacity: 3,
      spare: 1,
      overCapacity: false,
    });
    const log = await firstValueFrom(sessionLog$(desk, plan.id, '2026-11-23'));
    expect(log.records).toHaveLength(4);
    expect(log.latest.get(li!.id)?.present).toBe(false);
    expect(log.latest.get(wang!.id)?.recordedBy).toBe(caregiver.id);
    expect(log.notes.map((n) => n.note)).toEqual(['剪了窗花，下次带红纸']);
    // Every mark is its own event: nothing was overwritten.
    expect(
      await desk.db.activities.count({ selector: { kind: 'attendance', planId: plan.id } }).exec(),
    ).toBe(5);

    // Reception may log too; a day the activity does not run is refused.
    await asReception();
    await mark(zhang!.id, true, 45);
    expect((await sessionSummary(desk, plan.id, '2026-11-23')).overCapacity).toBe(false);
    expect((await sessionSummary(desk, plan.id, '2026-11-23')).spare).toBe(0);
    await expect(
      logAttendance(desk, {
        planId: plan.id,
        date: '2026-11-24',
        memberId: wang!.id,
        present: true,
      }),
    ).rejects.toThrow('noSessionThatDay');
  });
});
