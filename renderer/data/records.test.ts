/**
 * Issue 15, point 1, in the data layer: every field of a person corrected with a reason and its
 * before and after in the audit log; leaving and returning; a staff member deactivated.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditAction } from '../../shared/schemas/auditLog';
import { simulatedMachine } from '../testing/node-desk';
import { ownConsent } from '../testing/consents';
import { checkIn } from './attendance';
import type { Desk } from './desk';
import {
  correctMember,
  eraseMember,
  markLeft,
  markReturned,
  PersonStateRefused,
  ReasonRequired,
  registerMember,
  type CorrectionData,
} from './members';
import { NotInCareError } from './people';
import { addStaff, login, logout, PermissionError, updateStaff } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function centre() {
  const desk = await simulatedMachine({
    collections: ['members', 'consents', 'staff', 'auditLog', 'attendance'],
  }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '147025' });
  const elder = await registerMember(
    desk,
    { kind: 'elder', name: '王秀英', gender: 'F', birthDate: '1948-05-02', phone: '13800000000' },
    undefined,
    {},
    ownConsent('idNumber', 'health'),
  );
  return { desk, manager, reception, elder };
}

async function entries(desk: Desk, action: AuditAction) {
  const docs = await desk.db.auditLog.find({ selector: { action } }).exec();
  return docs.map((d) => d.toMutableJSON());
}

describe('correcting a person (renderer/data/members.ts correctMember)', () => {
  it('writes only what changed, with the reason and each field’s before and after', async () => {
    const { desk, elder } = await centre();
    const fixed = await correctMember(
      desk,
      elder.id,
      { name: '王秀云', birthDate: '1948-06-02', phone: '13800000000', note: '' },
      '身份证上的名字是秀云',
    );
    expect(fixed.name).toBe('王秀云');
    expect(fixed.birthDate).toBe('1948-06-02');
    expect(fixed.initials).toBe('wxy');
    const [entry] = await entries(desk, 'person.correct');
    expect(entry!.reason).toBe('身份证上的名字是秀云');
    expect(entry!.fields).toEqual(['name', 'birthDate']);
    expect((entry!.data as unknown as CorrectionData).changes).toEqual([
      { field: 'name', before: '王秀英', after: '王秀云' },
      { field: 'birthDate', before: '1948-05-02', after: '1948-06-02' },
    ]);
  });

  it('refuses a correction without a reason, and writes nothing', async () => {
    const { desk, elder } = await centre();
    await expect(correctMember(desk, elder.id, { name: '王秀云' }, '  ')).rejects.toBeInstanceOf(
      ReasonRequired,
    );
    expect((await desk.db.members.findOne(elder.id).exec())!.name).toBe('王秀英');
    expect(await entries(desk, 'person.correct')).toEqual([]);
  });

  it('clears a field given empty and lets reception correct ordinary fields only', async () => {
    const { desk, elder, reception } = await centre();
    logout(desk);
    expect((await login(desk, reception.id, '147025')).kind).toBe('ok');
    const fixed = await correctMember(desk, elder.id, { phone: '' }, '号码已停用');
    expect(fixed.phone).toBeUndefined();
    await expect(
      correctMember(desk, elder.id, { idNumber: '110101194805020027' }, '补登'),
    ).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('a correction of someone erased later', () => {
  it('keeps no value of theirs in the audit entry', async () => {
    const { desk, elder } = await centre();
    await correctMember(desk, elder.id, { name: '王秀云', note: '住在三号楼' }, '本人告知');
    await eraseMember(desk, elder.id, '本人书面申请');
    const [entry] = await entries(desk, 'person.correct');
    const text = JSON.stringify(entry);
    for (const value of ['王秀英', '王秀云', '三号楼', '本人告知'])
      expect(text).not.toContain(value);
    expect(entry!.fields).toEqual(['name', 'note']);
  });
});

describe('leaving and returning (markLeft, markReturned)', () => {
  it('keeps the card, refuses check-in while away, and takes them back', async () => {
    const { desk, elder } = await centre();
    const left = await markLeft(desk, elder.id, { on: '2026-11-30', reason: '搬去女儿家' });
    expect(left).toMatchObject({ status: 'left', leftOn: '2026-11-30', cardNo: elder.cardNo });
    await expect(checkIn(desk, elder.id)).rejects.toBeInstanceOf(NotInCareError);
    await expect(
      markLeft(desk, elder.id, { on: '2026-12-01', reason: '再次' }),
    ).rejects.toBeInstanceOf(PersonStateRefused);
    const back = await markReturned(desk, elder.id, { on: '2026-12-05' });
    expect(back).toMatchObject({
      status: 'active',
      returnedOn: '2026-12-05',
      leftOn: '2026-11-30',
    });
    await checkIn(desk, elder.id);
    expect((await entries(desk, 'person.leave'))[0]!.reason).toBe('2026-11-30 搬去女儿家');
    expect(await entries(desk, 'person.return')).toHaveLength(1);
  });

  it('refuses leaving without a reason, or a return of someone in care', async () => {
    const { desk, elder } = await centre();
    await expect(markLeft(desk, elder.id, { on: '2026-11-30', reason: '' })).rejects.toBeInstanceOf(
      ReasonRequired,
    );
    await expect(markReturned(desk, elder.id, { on: '2026-12-05' })).rejects.toBeInstanceOf(
      PersonStateRefused,
    );
  });
});

describe('a staff member changed by the manager (updateStaff)', () => {
  it('records a screening later, audits the change, and a deactivated person cannot log in', async () => {
    const { desk, reception } = await centre();
    await updateStaff(desk, reception.id, { screeningCheckedOn: '2026-12-01' });
    await updateStaff(desk, reception.id, { active: false });
    const changes = await entries(desk, 'staff.change');
    expect(changes.map((e) => e.fields)).toEqual([['screeningCheckedOn'], ['active']]);
    logout(desk);
    expect((await login(desk, reception.id, '147025')).kind).not.toBe('ok');
  });
});
