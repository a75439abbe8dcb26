import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentDoc } from '../../shared/schemas';
import { simulatedMachine } from '../testing/node-desk';
import { ConsentRefused, consents$, recordConsent, withdrawConsent } from './consents';
import type { Desk } from './desk';
import { correctMember, registerMember } from './members';
import { addStaff, login, PermissionError } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

const AT = new Date('2026-03-10T09:00:00');
const grandma = {
  kind: 'elder' as const,
  name: '王秀英',
  gender: 'F' as const,
  birthDate: '1949-12-31',
};
const ID_NUMBER = '110101194912310021';
const toddler = {
  kind: 'child' as const,
  name: '李小满',
  gender: 'M' as const,
  birthDate: '2024-03-01',
};
const guardian = { givenBy: '李建国', relation: '父亲' };

async function deskWithReception() {
  const desk = await simulatedMachine({ collections: ['members', 'consents', 'staff'] }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  await login(desk, manager.id, 'zhou2580');
  const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '1470' });
  expect((await login(desk, reception.id, '1470')).kind).toBe('ok');
  return { desk, reception };
}

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConsentRefused);
  return (error as ConsentRefused).problems;
}

const consentsOf = async (desk: Desk, memberId: string): Promise<ConsentDoc[]> =>
  firstValueFrom(consents$(desk, memberId));

describe('registration with consents (renderer/data/members.ts registerMember)', () => {
  it("refuses a child without a guardian's consent to the child's data, and stores nothing", async () => {
    const { desk } = await deskWithReception();
    expect(await refusal(registerMember(desk, toddler, AT))).toEqual([
      { field: 'consent.childData', problem: 'childDataConsent' },
    ]);
    const bySelf = { givenBy: '李小满', relation: '本人', scopes: ['childData' as const] };
    expect(await refusal(registerMember(desk, toddler, AT, {}, bySelf))).toEqual([
      { field: 'consentRelation', problem: 'guardianConsent' },
    ]);
    expect(await desk.db.members.count().exec()).toBe(0);
    expect(await desk.db.consents.count().exec()).toBe(0);
  });

  it('refuses an ID number or health data without its own consent, naming the field', async () => {
    const { desk } = await deskWithReception();
    const withData = { ...grandma, idNumber: ID_NUMBER };
    const sharing = { givenBy: '王秀英', relation: '本人', scopes: ['districtSharing' as const] };
    expect(
      await refusal(registerMember(desk, withData, AT, { chronicConditions: ['高血压'] }, sharing)),
    ).toEqual([
      { field: 'idNumber', problem: 'consentForIdNumber' },
      { field: 'chronicConditions', problem: 'consentForHealth' },
    ]);
    expect(await desk.db.members.count().exec()).toBe(0);
  });

  it('records one consent per purpose, with who gave it and who recorded it', async () => {
    const { desk, reception } = await deskWithReception();
    const child = await registerMember(
      desk,
      { ...toddler, idNumber: '110101202403010011' },
      AT,
      {},
      { ...guardian, scopes: ['childData', 'idNumber', 'districtSharing'] },
    );
    const records = await consentsOf(desk, child.id);
    expect(records.map((c) => c.scopes)).toEqual([
      ['childData'],
      ['idNumber'],
      ['districtSharing'],
    ]);
    for (const record of records)
      expect(record).toMatchObject({
        ...guardian,
        givenOn: '2026-03-10',
        recordedBy: reception.id,
      });
    expect(child.idNumber).toBe('110101202403010011');
  });
});

describe('consents after registration (renderer/data/consents.ts)', () => {
  it('takes an ID number only once its consent is recorded, and logs the consent', async () => {
    const { desk } = await deskWithReception();
    const elder = await registerMember(desk, grandma, AT);
    // The correction needs viewSensitive: the manager corrects.
    const manager = await desk.db.staff.findOne({ selector: { name: '周敏' } }).exec();
    await login(desk, manager!.id, 'zhou2580');
    expect(await refusal(correctMember(desk, elder.id, { idNumber: ID_NUMBER }, '补登'))).toEqual([
      { field: 'idNumber', problem: 'consentForIdNumber' },
    ]);
    await recordConsent(
      desk,
      elder.id,
      { givenBy: '王秀英', relation: '本人', scopes: ['idNumber'] },
      AT,
    );
    expect((await correctMember(desk, elder.id, { idNumber: ID_NUMBER }, '补登')).idNumber).toBe(
      ID_NUMBER,
    );
    const entry = await desk.db.auditLog.findOne({ selector: { action: 'consent.record' } }).exec();
    expect(entry?.toJSON()).toMatchObject({ subjectId: elder.id, fields: ['idNumber'] });
  });

  it('records a withdrawal (the day, who at the desk, who asked) and clears what it covered', async () => {
    const { desk, reception } = await deskWithReception();
    const elder = await registerMember(
      desk,
      { ...grandma, idNumber: ID_NUMBER },
      AT,
      {},
      {
        givenBy: '王秀英',
        relation: '本人',
        scopes: ['idNumber', 'districtSharing'],
      },
    );
    const later = new Date('2026-03-12T10:00:00');
    expect(await withdrawConsent(desk, elder.id, 'idNumber', '王秀英本人', later)).toEqual([
      'idNumber',
    ]);
    const records = await consentsOf(desk, elder.id);
    const withdrawn = records.find((c) => c.scopes[0] === 'idNumber')!;
    expect(withdrawn).toMatchObject({ withdrawnOn: '2026-03-12', updatedBy: reception.id });
    expect(records.find((c) => c.scopes[0] === 'districtSharing')?.withdrawnOn).toBeUndefined();
    const person = (await desk.db.members.findOne(elder.id).exec())!.toJSON();
    expect(person.idNumber).toBeUndefined();
    const entry = await desk.db.auditLog
      .findOne({ selector: { action: 'consent.withdraw' } })
      .exec();
    expect(entry?.toJSON()).toMatchObject({
      subjectId: elder.id,
      staffId: reception.id,
      fields: ['idNumber'],
      reason: '王秀英本人',
    });
  });

  it("withdraws one purpose of a record of several, keeping the others in force, and all of a child's with the consent to the child's data", async () => {
    const { desk } = await deskWithReception();
    const child = await registerMember(
      desk,
      toddler,
      AT,
      {},
      { ...guardian, scopes: ['childData'] },
    );
    // A record made before one record per purpose: three purposes at once.
    await desk.db.consents.insert({
      id: 'old-1',
      centreId: desk.settings.centreId,
      createdAt: AT.toISOString(),
      updatedAt: desk.clock.tick(),
      updatedBy: 'staff-0',
      memberId: child.id,
      ...guardian,
      scopes: ['health', 'photo', 'districtSharing'],
      givenOn: '2025-09-01',
    });
    await withdrawConsent(desk, child.id, 'photo', '李建国', AT);
    const inForce = (await consentsOf(desk, child.id)).filter((c) => !c.withdrawnOn);
    // The purposes kept are recorded again, one record each, as given on the day they were.
    expect(inForce.map((c) => [c.scopes, c.givenOn])).toEqual([
      [['childData'], '2026-03-10'],
      [['health'], '2025-09-01'],
      [['districtSharing'], '2025-09-01'],
    ]);

    await withdrawConsent(desk, child.id, 'childData', '李建国', AT);
    expect((await consentsOf(desk, child.id)).filter((c) => !c.withdrawnOn)).toEqual([]);
  });

  it('lets only staff who register people record or withdraw a consent, and asks who asked', async () => {
    const { desk } = await deskWithReception();
    const elder = await registerMember(desk, grandma, AT);
    expect(await refusal(withdrawConsent(desk, elder.id, 'health', ' ', AT))).toEqual([
      { field: 'requestedBy', problem: 'required' },
    ]);
    const carer = await addStaff(desk, { name: '安娜', role: 'caregiver', pin: '3691' }).catch(
      () => null,
    );
    expect(carer).toBeNull(); // reception may not add staff; the manager does
    const manager = await desk.db.staff.findOne({ selector: { name: '周敏' } }).exec();
    await login(desk, manager!.id, 'zhou2580');
    const caregiver = await addStaff(desk, { name: '安娜', role: 'caregiver', pin: '3691' });
    await login(desk, caregiver.id, '3691');
    await expect(withdrawConsent(desk, elder.id, 'health', '王秀英', AT)).rejects.toBeInstanceOf(
      PermissionError,
    );
    await expect(
      recordConsent(
        desk,
        elder.id,
        { givenBy: '王秀英', relation: '本人', scopes: ['health'] },
        AT,
      ),
    ).rejects.toBeInstanceOf(PermissionError);
  });
});
