import { afterEach, describe, expect, it } from 'vitest';
import type { MemberDoc } from '../../shared/schemas';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import {
  PickupRefused,
  checkIn,
  checkOutChild,
  closeAtClosing,
  correctVisit,
  visitsLeftOpen,
} from './attendance';
import type { Desk } from './desk';
import { correctMember, eraseMember, logSensitiveView, registerMember } from './members';
import { pinVerifierId } from './pinVerifier';
import { PermissionError, addStaff, login, logout } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

async function deskWithManager() {
  const desk = await simulatedMachine({
    collections: ['members', 'consents', 'attendance', 'staff'],
  }).open();
  opened.push(desk);
  const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
  expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
  const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '1470' });
  return { desk, manager, reception };
}

async function childIn(desk: Desk): Promise<{ child: MemberDoc; visitId: string }> {
  const child = await registerMember(
    desk,
    { kind: 'child', name: '李小满', gender: 'M', birthDate: '2024-03-01' },
    undefined,
    {},
    guardianConsent(),
  );
  const withAdults = await desk.db.members.findOne(child.id).exec();
  const patched = await withAdults!.incrementalPatch({
    pickupAdults: [{ id: 'p1', name: '王芳', relation: '母亲', phone: '13800001111' }],
  });
  const { visit } = await checkIn(desk, child.id, new Date('2026-11-23T08:05:00'));
  return { child: patched.toMutableJSON(), visitId: visit.id };
}

describe('staff PINs', () => {
  it('refuses PINs that are too short or too easy, and a manager password that is a PIN', async () => {
    const { desk } = await deskWithManager();
    for (const [pin, problem] of [
      ['123', 'pinFormat'],
      ['1111', 'pinTooSimple'],
      ['4321', 'pinTooSimple'],
    ] as const)
      await expect(addStaff(desk, { name: '赵强', role: 'caregiver', pin })).rejects.toThrow(
        problem,
      );
    await expect(addStaff(desk, { name: '孙丽', role: 'manager', pin: '2580' })).rejects.toThrow(
      'managerSecretFormat',
    );
  });

  it('stores only a salted hash, on this desk and not in the staff record, and locks a PIN after five wrong tries', async () => {
    const { desk, reception } = await deskWithManager();
    const stored = (await desk.db.staff.findOne(reception.id).exec())!.toJSON();
    expect(Object.keys(stored)).not.toContain('pin');
    const verifier = (await desk.db.getLocal<{ salt: string; hash: string }>(
      pinVerifierId(reception.id),
    ))!.toJSON().data;
    expect(verifier.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(verifier)).not.toContain('1470');
    logout(desk);
    const at = new Date('2026-11-23T09:00:00');
    for (let i = 4; i >= 1; i--)
      expect(await login(desk, reception.id, '0000', undefined, at)).toEqual({
        kind: 'wrongPin',
        triesLeft: i,
      });
    const locked = await login(desk, reception.id, '0000', undefined, at);
    expect(locked.kind).toBe('locked');
    // Even the right PIN is refused while locked…
    expect((await login(desk, reception.id, '1470', undefined, at)).kind).toBe('locked');
    expect(desk.session).toBeNull();
    // …and works again after the lock time.
    const later = new Date('2026-11-23T09:16:00');
    expect((await login(desk, reception.id, '1470', undefined, later)).kind).toBe('ok');
    const actions = (await desk.db.auditLog.find().exec()).map((e) => e.action);
    expect(actions.filter((a) => a === 'staff.loginFailed')).toHaveLength(4);
    expect(actions).toContain('staff.lockedOut');
  });

  it('lets only a manager add staff once the first manager exists', async () => {
    const { desk, reception } = await deskWithManager();
    await login(desk, reception.id, '1470');
    await expect(addStaff(desk, { name: '赵强', role: 'caregiver', pin: '3691' })).rejects.toThrow(
      PermissionError,
    );
  });
});

describe('a child going home', () => {
  it('goes with an adult on the list, recorded on the visit', async () => {
    const { desk } = await deskWithManager();
    const { child, visitId } = await childIn(desk);
    const visit = await checkOutChild(desk, child, visitId, { adultId: 'p1' });
    expect(visit).toMatchObject({ status: 'out', pickup: { adultId: 'p1', name: '王芳' } });
  });

  it("is refused to anyone else without a manager's password and a reason; the override is audited", async () => {
    const { desk, manager, reception } = await deskWithManager();
    const { child, visitId } = await childIn(desk);
    await login(desk, reception.id, '1470');
    await expect(checkOutChild(desk, child, visitId, { adultId: 'stranger' })).rejects.toThrow(
      PickupRefused,
    );
    const override = { name: '李大爷', relation: '祖父', reason: '母亲来电委托，已核对身份证' };
    await expect(
      checkOutChild(desk, child, visitId, { override, managerId: manager.id, managerPin: '9999' }),
    ).rejects.toThrow('pickup:managerPin');
    await expect(
      checkOutChild(desk, child, visitId, {
        override,
        managerId: reception.id,
        managerPin: '1470',
      }),
    ).rejects.toThrow('pickup:notManager');
    expect((await desk.db.attendance.findOne(visitId).exec())?.status).toBe('in');

    const visit = await checkOutChild(desk, child, visitId, {
      override,
      managerId: manager.id,
      managerPin: 'zhou2580',
    });
    expect(visit.pickup).toMatchObject({
      name: '李大爷',
      override: { managerId: manager.id, reason: override.reason },
    });
    expect(visit.checkOutBy).toBe(reception.id);
    const entry = await desk.db.auditLog
      .findOne({ selector: { action: 'override.pickup' } })
      .exec();
    expect(entry).toMatchObject({ subjectId: visitId, staffId: manager.id });
  });
});

describe('corrections and closing', () => {
  it('keeps the old time, who corrected it and why; reception may not correct', async () => {
    const { desk, reception, manager } = await deskWithManager();
    const { visitId } = await childIn(desk);
    await login(desk, reception.id, '1470');
    await expect(
      correctVisit(desk, visitId, { field: 'checkInAt', to: new Date() }, 'x'),
    ).rejects.toThrow(PermissionError);
    await login(desk, manager.id, 'zhou2580');
    await expect(
      correctVisit(desk, visitId, { field: 'checkInAt', to: new Date('2026-11-23T07:50:00') }, ' '),
    ).rejects.toThrow('reasonRequired');
    const fixed = await correctVisit(
      desk,
      visitId,
      { field: 'checkInAt', to: new Date('2026-11-23T07:50:00') },
      '扫码枪没电，实际 7:50 到',
    );
    expect(fixed.checkInAt).toBe(new Date('2026-11-23T07:50:00').toISOString());
    expect(fixed.corrections?.[0]).toMatchObject({
      by: manager.id,
      field: 'checkInAt',
      from: new Date('2026-11-23T08:05:00').toISOString(),
      reason: '扫码枪没电，实际 7:50 到',
    });
  });

  it('finds visits left open on an earlier day and closes them at that day’s closing time', async () => {
    const { desk } = await deskWithManager();
    const { visitId } = await childIn(desk);
    expect(await visitsLeftOpen(desk, '2026-11-23')).toEqual([]);
    const left = await visitsLeftOpen(desk, '2026-11-24');
    expect(left.map((v) => v.id)).toEqual([visitId]);
    const closed = await closeAtClosing(desk, visitId, '17:30');
    expect(closed).toMatchObject({ status: 'out', closedAtClosing: true });
    expect(closed.checkOutAt).toBe(new Date('2026-11-23T17:30:00').toISOString());
  });
});

describe('a person’s record', () => {
  it('is corrected with the change audited by field name, and erased on request leaving no personal data', async () => {
    const { desk } = await deskWithManager();
    const { child, visitId } = await childIn(desk);
    await correctMember(desk, child.id, { allergies: ['花生', '芒果'] }, '家长告知');
    await logSensitiveView(desk, child, ['guardians']);
    const erased = await eraseMember(desk, child.id, '家长书面申请删除');
    expect(erased).toMatchObject({ name: '（已删除）', status: 'erased', birthDate: '2024-01-01' });
    const stored = (await desk.db.members.findOne(child.id).exec())!.toJSON();
    expect(stored.pickupAdults).toBeUndefined();
    expect(stored.allergies).toBeUndefined();
    expect(JSON.stringify(stored)).not.toContain('王芳');
    // The visit stays, for the counts, pointing at the erased record.
    expect((await desk.db.attendance.findOne(visitId).exec())?.memberId).toBe(child.id);
    const actions = (await desk.db.auditLog.find().exec()).map((e) => [
      e.action,
      e.fields ?? e.reason,
    ]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['person.correct', ['allergies']],
        ['sensitive.view', ['guardians']],
        ['person.erase', '家长书面申请删除'],
      ]),
    );
  });
});
