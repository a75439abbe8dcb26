import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffDoc } from '../../shared/schemas';
import type { StaffRole } from '../../shared/schemas/staff';
import { CareInputError } from '../../shared/validation/care';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import { recordIncident } from './care';
import type { Desk } from './desk';
import { registerMember } from './members';
import { PermissionError } from './staff';
import { listElder, monthlyCompletion$, recordVisit, takeOffList, visitDuties$ } from './visits';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function deskWith(role: StaffRole = 'manager') {
  const desk = await simulatedMachine({
    collections: ['members', 'consents', 'visits', 'care'],
  }).open();
  opened.push(desk);
  actAs(desk, role);
  return desk;
}

/** The staff member at the desk (logging in is tested in door.test.ts). */
function actAs(desk: Desk, role: StaffRole, id = `staff-${role}`) {
  const staff = { id, name: role, role, active: true } as StaffDoc;
  desk.session = { staff, since: new Date().toISOString() };
}

const elder = (name: string) => ({
  kind: 'elder' as const,
  name,
  gender: 'F' as const,
  birthDate: '1940-05-01',
});

// Wednesday 25 November 2026, in the morning.
const NOW = new Date('2026-11-25T09:00:00');
const TODAY = '2026-11-25';

describe('the visit list', () => {
  it('shows a high-risk elder with an old last visit as overdue, and a home visit clears it', async () => {
    const desk = await deskWith('manager');
    const wang = await registerMember(desk, elder('王秀英'));
    await listElder(desk, { memberId: wang.id, risk: 'high', listedOn: '2026-10-01' }, NOW);
    await recordVisit(
      desk,
      { memberId: wang.id, visitKind: 'home', at: new Date('2026-11-10T10:00:00'), reached: true },
      NOW,
    );

    const before = await firstValueFrom(visitDuties$(desk, TODAY));
    expect(before.overdue.map((d) => [d.member.name, d.dueOn, d.daysOverdue])).toEqual([
      ['王秀英', '2026-11-17', 8],
    ]);
    expect(before.dueThisWeek).toEqual([]);

    actAs(desk, 'caregiver');
    // A call nobody answered is recorded but does not count as the visit.
    await recordVisit(
      desk,
      {
        memberId: wang.id,
        visitKind: 'phone',
        at: new Date('2026-11-25T08:30:00'),
        reached: false,
      },
      NOW,
    );
    expect((await firstValueFrom(visitDuties$(desk, TODAY))).overdue).toHaveLength(1);

    await recordVisit(
      desk,
      {
        memberId: wang.id,
        visitKind: 'home',
        at: new Date('2026-11-25T08:50:00'),
        reached: true,
        findings: { livingConditions: '独居，屋内整洁', safetyRisks: '浴室无扶手' },
        nextDueOn: '2026-11-28',
      },
      NOW,
    );
    const after = await firstValueFrom(visitDuties$(desk, TODAY));
    expect(after.overdue).toEqual([]);
    // The visitor's own follow-up date (Saturday) comes before the weekly one: due this week.
    expect(after.dueThisWeek.map((d) => [d.member.name, d.dueOn, d.reason])).toEqual([
      ['王秀英', '2026-11-28', 'followUp'],
    ]);
    expect(after.visitsOf.get(wang.id)).toHaveLength(3);
  });

  it('puts a high-risk elder due within 24 hours of an incident', async () => {
    const desk = await deskWith('manager');
    const li = await registerMember(desk, elder('李桂兰'));
    await listElder(desk, { memberId: li.id, risk: 'high', listedOn: '2026-11-01' }, NOW);
    await recordVisit(
      desk,
      { memberId: li.id, visitKind: 'home', at: new Date('2026-11-22T10:00:00'), reached: true },
      NOW,
    );
    expect((await firstValueFrom(visitDuties$(desk, TODAY))).dueThisWeek[0]?.dueOn).toBe(
      '2026-11-29',
    );
    await recordIncident(
      desk,
      {
        memberId: li.id,
        incidentKind: 'fall',
        at: new Date('2026-11-24T07:30:00'),
        happened: '晨起在卫生间滑倒',
        actionTaken: '扶起检查，无明显外伤，通知家属',
      },
      NOW,
    );
    const duties = await firstValueFrom(visitDuties$(desk, TODAY));
    expect(duties.dueThisWeek.map((d) => [d.dueOn, d.reason])).toEqual([
      ['2026-11-25', 'incident'],
    ]);
  });

  it('keeps one listing per elder: a new risk updates it and keeps the history', async () => {
    const desk = await deskWith('manager');
    const zhao = await registerMember(desk, elder('赵大爷'));
    await listElder(desk, { memberId: zhao.id, risk: 'normal', listedOn: '2026-09-01' }, NOW);
    await listElder(desk, { memberId: zhao.id, risk: 'high' }, NOW);
    const listings = await desk.db.visits.find({ selector: { kind: 'listing' } }).exec();
    expect(listings).toHaveLength(1);
    expect(listings[0]!.risk).toBe('high');
    expect(listings[0]!.listedOn).toBe('2026-09-01');
    expect(listings[0]!.riskHistory?.map((h) => [h.risk, h.from])).toEqual([
      ['normal', '2026-09-01'],
      ['high', TODAY],
    ]);

    await takeOffList(desk, zhao.id, NOW);
    expect((await firstValueFrom(visitDuties$(desk, TODAY))).listed).toEqual([]);
    const child = await registerMember(
      desk,
      { ...elder('小明'), kind: 'child', birthDate: '2023-01-01' },
      undefined,
      {},
      guardianConsent(),
    );
    await expect(listElder(desk, { memberId: child.id, risk: 'high' }, NOW)).rejects.toThrow(
      CareInputError,
    );
  });

  it('refuses a visit with wrong fields, naming each, and stores nothing', async () => {
    const desk = await deskWith('caregiver');
    const wang = await registerMember(desk, elder('王秀英'));
    await listElder(desk, { memberId: wang.id, risk: 'key' }, NOW);
    const error = await recordVisit(
      desk,
      {
        memberId: wang.id,
        visitKind: 'carrierPigeon' as never,
        at: new Date('2026-11-26T09:00:00'),
        reached: true,
        nextDueOn: '2026-11-20',
        findings: { familySupport: '子女'.repeat(300) },
      },
      NOW,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CareInputError);
    expect((error as CareInputError).errors.map((e) => [e.field, e.problem])).toEqual([
      ['visitKind', 'unknownValue'],
      ['at', 'future'],
      ['familySupport', 'tooLong'],
      ['nextDueOn', 'beforeVisit'],
    ]);
    expect(await desk.db.visits.find({ selector: { kind: 'visit' } }).exec()).toHaveLength(0);
  });

  it('lets only caregivers, health workers and managers keep the visit list', async () => {
    const desk = await deskWith('manager');
    const wang = await registerMember(desk, elder('王秀英'));
    await listElder(desk, { memberId: wang.id, risk: 'high' }, NOW);
    actAs(desk, 'reception');
    const visit = { memberId: wang.id, visitKind: 'phone' as const, at: NOW, reached: true };
    await expect(recordVisit(desk, visit, NOW)).rejects.toThrow(PermissionError);
    await expect(listElder(desk, { memberId: wang.id, risk: 'key' }, NOW)).rejects.toThrow(
      PermissionError,
    );
    actAs(desk, 'healthWorker');
    await recordVisit(desk, { ...visit, visitKind: 'healthWorker' }, NOW);
    expect(await desk.db.visits.find({ selector: { kind: 'visit' } }).exec()).toHaveLength(1);
  });
});

describe('the monthly completion rate', () => {
  it('counts the elders visited on time out of those owed a visit in the month', async () => {
    const desk = await deskWith('manager');
    const wang = await registerMember(desk, elder('王秀英'));
    const li = await registerMember(desk, elder('李桂兰'));
    const zhao = await registerMember(desk, elder('赵大爷'));
    await listElder(desk, { memberId: wang.id, risk: 'key', listedOn: '2026-09-01' }, NOW);
    await listElder(desk, { memberId: li.id, risk: 'key', listedOn: '2026-09-01' }, NOW);
    await listElder(desk, { memberId: zhao.id, risk: 'normal', listedOn: '2026-09-01' }, NOW);
    const visit = (memberId: string, at: string) =>
      recordVisit(desk, { memberId, visitKind: 'home', at: new Date(at), reached: true }, NOW);
    // October: Wang visited on the 5th (due 5 Nov); Li on the 20th (due 20 Nov); Zhao on the 1st
    // (normal risk: due 1 Jan, so he owes nothing in November).
    await visit(wang.id, '2026-10-05T10:00:00');
    await visit(li.id, '2026-10-20T10:00:00');
    await visit(zhao.id, '2026-10-01T10:00:00');
    await visit(wang.id, '2026-11-04T10:00:00'); // on time
    await visit(li.id, '2026-11-22T10:00:00'); // two days late

    const november = await firstValueFrom(monthlyCompletion$(desk, '2026-11', TODAY));
    expect([november.due, november.completed, november.rate]).toEqual([2, 1, 0.5]);
    expect(november.elders.map((e) => [november.names.get(e.memberId), e.status])).toEqual([
      ['王秀英', 'completed'],
      ['李桂兰', 'missed'],
      ['赵大爷', 'notDue'],
    ]);

    const october = await firstValueFrom(monthlyCompletion$(desk, '2026-10', TODAY));
    // Listed on 1 Sept and never visited before: both key elders owed a visit carried into October
    // and met it; Zhao's first-visit duty too.
    expect([october.due, october.completed, october.rate]).toEqual([3, 3, 1]);
  });
});
