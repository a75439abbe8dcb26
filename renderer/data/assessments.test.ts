/**
 * Ability assessments to GB/T 42195-2022 on the desk: only a health role holding a current assessor
 * certificate assesses; the total and level are computed (表2 cut-offs); every assessment is kept;
 * the level lists the elder for visits and sets the meal subsidy category (district rules).
 */
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { ASSESSMENT_ITEMS, type AssessmentAnswers } from '../../shared/rules/assessment';
import type { StaffDoc } from '../../shared/schemas';
import type { StaffRole } from '../../shared/schemas/staff';
import { listingId } from '../../shared/schemas/visits';
import { simulatedMachine } from '../testing/node-desk';
import {
  AssessmentRefused,
  abilityOf,
  assessments$,
  mayAssess$,
  reassessmentsDue$,
  recordAssessment,
} from './assessments';
import type { Desk } from './desk';
import { serveMeal } from './meals';
import { registerMember } from './members';
import { DEFAULT_ASSESSMENT_RULES } from '../../shared/rules/settings';
import { PermissionError } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

const NOW = new Date('2026-12-05T09:00:00');

function actAs(desk: Desk, role: StaffRole, certified: boolean, id = `staff-${role}`) {
  const staff = {
    id,
    name: role,
    role,
    active: true,
    certificates: certified ? [{ kind: 'abilityAssessor', expiresOn: '2027-06-30' }] : [],
  } as StaffDoc;
  desk.session = { staff, since: NOW.toISOString() };
}

async function deskWithElder() {
  const desk = await simulatedMachine({
    collections: ['members', 'staff', 'visits', 'healthRecords', 'meals', 'district', 'attendance'],
  }).open();
  opened.push(desk);
  actAs(desk, 'manager', false);
  const elder = await registerMember(desk, {
    kind: 'elder',
    name: '李桂兰',
    gender: 'F',
    birthDate: '1948-03-02',
  });
  return { desk, elder };
}

/** The best answers, then items lowered one point at a time down to `total`. */
function answersTotalling(total: number): AssessmentAnswers {
  const a: AssessmentAnswers = Object.fromEntries(
    ASSESSMENT_ITEMS.map((i) => [i.id, i.options[0]!.score]),
  );
  let over = 90 - total;
  for (const item of ASSESSMENT_ITEMS)
    while (over > 0 && a[item.id]! > 0) {
      a[item.id]!--;
      over--;
    }
  return a;
}

describe('recording an assessment', () => {
  it('refuses a health worker without the assessor certificate, and a receptionist at all', async () => {
    const { desk, elder } = await deskWithElder();
    const input = {
      memberId: elder.id,
      assessedOn: '2026-12-05',
      reason: 'first' as const,
      answers: answersTotalling(60),
    };
    actAs(desk, 'healthWorker', false);
    await expect(recordAssessment(desk, input, NOW)).rejects.toMatchObject({
      problem: 'notAssessor',
    });
    actAs(desk, 'reception', true);
    await expect(recordAssessment(desk, input, NOW)).rejects.toBeInstanceOf(PermissionError);
    expect(await desk.db.healthRecords.count().exec()).toBe(0);
  });

  it('tells the screen beforehand who may assess: a certified health role, while the certificate holds', async () => {
    const { desk } = await deskWithElder();
    const may = (at = NOW) => firstValueFrom(mayAssess$(desk, () => at));
    actAs(desk, 'healthWorker', false);
    expect(await may()).toBe(false);
    actAs(desk, 'reception', true);
    expect(await may()).toBe(false);
    actAs(desk, 'healthWorker', true);
    expect(await may()).toBe(true);
    // The certificate runs to 2027-06-30.
    expect(await may(new Date('2027-07-01T09:00:00'))).toBe(false);
  });

  it('computes total 65 as 中度失能 (表2: 46–65), due 12 months on, and lists the elder as key risk', async () => {
    const { desk, elder } = await deskWithElder();
    actAs(desk, 'healthWorker', true);
    const doc = await recordAssessment(
      desk,
      {
        memberId: elder.id,
        assessedOn: '2026-12-05',
        reason: 'first',
        answers: answersTotalling(65),
      },
      NOW,
    );
    expect([doc.total, doc.level, doc.dueOn, doc.assessorId]).toEqual([
      65,
      'moderate',
      '2027-12-05',
      'staff-healthWorker',
    ]);
    const listing = await desk.db.visits.findOne(listingId(elder.id)).exec();
    expect(listing?.risk).toBe('key');
  });

  it('names every unanswered item and writes nothing', async () => {
    const { desk, elder } = await deskWithElder();
    actAs(desk, 'healthWorker', true);
    const answers = answersTotalling(90);
    delete answers['B.2.4'];
    const refused = await recordAssessment(
      desk,
      { memberId: elder.id, assessedOn: '2026-12-05', reason: 'first', answers },
      NOW,
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AssessmentRefused);
    expect((refused as AssessmentRefused).items).toEqual([{ item: 'B.2.4', problem: 'missing' }]);
    expect(await desk.db.healthRecords.count().exec()).toBe(0);
  });

  it('keeps every assessment: a correction is a new one, the level follows it, the due day stays', async () => {
    const { desk, elder } = await deskWithElder();
    actAs(desk, 'healthWorker', true);
    const first = await recordAssessment(
      desk,
      {
        memberId: elder.id,
        assessedOn: '2026-06-01',
        reason: 'first',
        answers: answersTotalling(66),
      },
      NOW,
    );
    const fixed = await recordAssessment(
      desk,
      {
        memberId: elder.id,
        assessedOn: '2026-06-01',
        reason: 'correction',
        corrects: first.id,
        answers: answersTotalling(45),
      },
      new Date(NOW.getTime() + 1000),
    );
    const history = await firstValueFrom(assessments$(desk, elder.id));
    expect(history.map((a) => [a.reason, a.total, a.level])).toEqual([
      ['correction', 45, 'severe'],
      ['first', 66, 'mild'],
    ]);
    expect(fixed.dueOn).toBe(first.dueOn);
    const ability = abilityOf({ abilityLevel: 'intact' }, history);
    expect(ability.assessed && ability.level).toBe('severe');
    expect((await desk.db.visits.findOne(listingId(elder.id)).exec())?.risk).toBe('high');
  });

  it('an elder never assessed keeps the stored level, marked as not assessed to the standard', () => {
    expect(abilityOf({ abilityLevel: 'moderate' }, [])).toEqual({
      assessed: false,
      storedLevel: 'moderate',
    });
  });

  it('an assessment after a change is due sooner (3 months), and shows as due on the home screen', async () => {
    const { desk, elder } = await deskWithElder();
    actAs(desk, 'healthWorker', true);
    await recordAssessment(
      desk,
      {
        memberId: elder.id,
        assessedOn: '2026-10-01',
        reason: 'afterChange',
        answers: answersTotalling(80),
      },
      NOW,
    );
    const due = await firstValueFrom(
      reassessmentsDue$(desk, '2026-12-05', DEFAULT_ASSESSMENT_RULES),
    );
    expect(due.map((d) => [d.member.name, d.latest.dueOn, d.state])).toEqual([
      ['李桂兰', '2027-01-01', 'due'],
    ]);
    const later = await firstValueFrom(
      reassessmentsDue$(desk, '2027-01-02', DEFAULT_ASSESSMENT_RULES),
    );
    expect(later.map((d) => d.state)).toEqual(['overdue']);
  });
});

describe('what the level drives', () => {
  it('serves a 重度失能 elder of 78 under the disability category (neediest), not 70+', async () => {
    const { desk, elder } = await deskWithElder();
    actAs(desk, 'manager', false);
    const before = await serveMeal(
      desk,
      { member: elder, day: '2026-12-04', mealType: 'lunch', mode: 'dineIn' },
      new Date('2026-12-04T12:00:00'),
    );
    expect(before.kind === 'served' && before.serving.subsidyCategory).toBe('age70');
    actAs(desk, 'healthWorker', true);
    await recordAssessment(
      desk,
      {
        memberId: elder.id,
        assessedOn: '2026-12-05',
        reason: 'first',
        answers: answersTotalling(30),
      },
      NOW,
    );
    actAs(desk, 'manager', false);
    const after = await serveMeal(
      desk,
      { member: elder, day: '2026-12-05', mealType: 'lunch', mode: 'dineIn' },
      new Date('2026-12-05T12:00:00'),
    );
    expect(after.kind === 'served' && after.serving.subsidyCategory).toBe('neediest');
  });
});
