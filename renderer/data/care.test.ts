import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffDoc } from '../../shared/schemas';
import type { StaffRole } from '../../shared/schemas/staff';
import { CareInputError } from '../../shared/validation/care';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import {
  followUpIncident,
  openCareRecord,
  openIncidents$,
  recordIncident,
  recordMeasurement,
} from './care';
import type { Desk } from './desk';
import { registerMember } from './members';
import { PermissionError } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

function actAs(desk: Desk, role: StaffRole) {
  const staff = { id: `staff-${role}`, name: role, role, active: true } as StaffDoc;
  desk.session = { staff, since: new Date().toISOString() };
}

async function deskWith(role: StaffRole) {
  const desk = await simulatedMachine({ collections: ['members', 'consents', 'care'] }).open();
  opened.push(desk);
  actAs(desk, role);
  return desk;
}

const NOW = new Date('2026-11-25T09:00:00');
const grandma = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1940-05-01',
};
const toddler = {
  kind: 'child' as const,
  name: '李小满',
  gender: 'M' as const,
  birthDate: '2024-03-01',
};

/** The field, problem and range of each error a failing call throws. */
async function problems(call: Promise<unknown>) {
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CareInputError);
  return (error as CareInputError).errors.map((e) => [e.field, e.problem, e.min, e.max]);
}

describe('measurements', () => {
  it('refuses values out of range, naming the field and the range, and stores nothing', async () => {
    const desk = await deskWith('healthWorker');
    const elder = await registerMember(desk, grandma);
    const child = await registerMember(desk, toddler, undefined, {}, guardianConsent());
    const bp = { memberId: elder.id, kind: 'bloodPressure' as const };

    expect(
      await problems(recordMeasurement(desk, { ...bp, systolic: 300, diastolic: 20 }, NOW)),
    ).toEqual([
      ['systolic', 'range', 60, 260],
      ['diastolic', 'range', 30, 160],
    ]);
    expect(
      await problems(recordMeasurement(desk, { ...bp, systolic: 120, diastolic: 130 }, NOW)),
    ).toEqual([['diastolic', 'diastolicNotBelowSystolic', undefined, undefined]]);
    expect(
      await problems(
        recordMeasurement(
          desk,
          { memberId: elder.id, kind: 'bloodSugar', sugar: 40, sugarTiming: 'fasting' },
          NOW,
        ),
      ),
    ).toEqual([['sugar', 'range', 1, 35]]);
    expect(
      await problems(
        recordMeasurement(desk, { memberId: elder.id, kind: 'bloodSugar', sugar: 0.5 }, NOW),
      ),
    ).toEqual([
      ['sugar', 'range', 1, 35],
      ['sugarTiming', 'required', undefined, undefined],
    ]);
    // Blood pressure is for elders, height and weight for children.
    expect(
      await problems(
        recordMeasurement(desk, { ...bp, memberId: child.id, systolic: 120, diastolic: 80 }, NOW),
      ),
    ).toEqual([['memberId', 'unknownValue', undefined, undefined]]);
    expect(
      await problems(
        recordMeasurement(desk, { memberId: child.id, kind: 'heightWeight', weightKg: 120 }, NOW),
      ),
    ).toEqual([['weightKg', 'range', 1.5, 60]]);
    expect(await desk.db.care.count().exec()).toBe(0);

    const ok = await recordMeasurement(
      desk,
      { memberId: elder.id, kind: 'bloodSugar', sugar: 6.84, sugarTiming: 'fasting' },
      NOW,
    );
    expect(ok).toMatchObject({
      kind: 'bloodSugar',
      sugar: 6.8,
      day: '2026-11-25',
      by: 'staff-healthWorker',
    });
  });

  it('lets only staff with the health permission record or open health data, and logs each opening', async () => {
    const desk = await deskWith('healthWorker');
    const elder = await registerMember(desk, grandma);
    await recordMeasurement(
      desk,
      { memberId: elder.id, kind: 'bloodPressure', systolic: 150, diastolic: 92, pulse: 76 },
      NOW,
    );
    const record = await firstValueFrom(await openCareRecord(desk, elder.id, NOW));
    expect(record.measurements.map((m) => [m.systolic, m.diastolic, m.pulse])).toEqual([
      [150, 92, 76],
    ]);
    const views = await desk.db.auditLog.find({ selector: { action: 'sensitive.view' } }).exec();
    expect(views.map((v) => [v.subjectCollection, v.subjectId, v.staffId])).toEqual([
      ['care', elder.id, 'staff-healthWorker'],
    ]);

    for (const role of ['reception', 'caregiver'] as const) {
      actAs(desk, role);
      await expect(openCareRecord(desk, elder.id)).rejects.toThrow(PermissionError);
      expect(() => openIncidents$(desk)).toThrow(PermissionError);
      await expect(
        recordMeasurement(desk, {
          memberId: elder.id,
          kind: 'bloodPressure',
          systolic: 120,
          diastolic: 80,
        }),
      ).rejects.toThrow(PermissionError);
    }
    expect(await desk.db.care.count().exec()).toBe(1);
  });
});

describe('incidents', () => {
  it('are followed up until closed, and a closed one takes no more follow-ups', async () => {
    const desk = await deskWith('manager');
    const elder = await registerMember(desk, grandma);
    expect(
      await problems(
        recordIncident(
          desk,
          { memberId: elder.id, incidentKind: 'fall', at: NOW, happened: ' ', actionTaken: '' },
          NOW,
        ),
      ),
    ).toEqual([
      ['happened', 'required', undefined, undefined],
      ['actionTaken', 'required', undefined, undefined],
    ]);
    const fall = await recordIncident(
      desk,
      {
        memberId: elder.id,
        incidentKind: 'fall',
        at: new Date('2026-11-25T07:40:00'),
        happened: '午饭后起身时跌倒，左膝擦伤',
        actionTaken: '消毒包扎，通知女儿',
      },
      NOW,
    );
    expect((await firstValueFrom(openIncidents$(desk))).map((i) => i.id)).toEqual([fall.id]);

    await followUpIncident(
      desk,
      fall.id,
      '次日电话回访：膝盖无肿胀',
      {},
      new Date('2026-11-26T10:00:00'),
    );
    const closed = await followUpIncident(
      desk,
      fall.id,
      '一周后复查：已愈合，浴室加装扶手',
      { close: true },
      new Date('2026-12-02T10:00:00'),
    );
    expect(closed.followUps?.map((f) => f.note)).toEqual([
      '次日电话回访：膝盖无肿胀',
      '一周后复查：已愈合，浴室加装扶手',
    ]);
    expect(closed.closedAt).toBe(new Date('2026-12-02T10:00:00').toISOString());
    expect(await firstValueFrom(openIncidents$(desk))).toEqual([]);
    await expect(followUpIncident(desk, fall.id, '再补一句')).rejects.toThrow('incidentClosed');
    await expect(followUpIncident(desk, fall.id, '  ')).rejects.toThrow(CareInputError);
  });
});
