import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import { absences$, recordAbsence } from './absences';
import type { Desk } from './desk';
import { registerMember } from './members';
import { addStaff, login, logout } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

describe('absences as a screen reads them (renderer/data/absences.ts)', () => {
  it('gives the illness details to the health worker but not to reception', async () => {
    const desk = await simulatedMachine({
      collections: ['members', 'consents', 'staff', 'absences', 'auditLog'],
    }).open();
    opened.push(desk);
    const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
    expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
    const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '147025' });
    const nurse = await addStaff(desk, { name: '刘医生', role: 'healthWorker', pin: '369214' });
    const child = await registerMember(
      desk,
      { kind: 'child', name: '赵一一', gender: 'F', birthDate: '2024-09-01' },
      undefined,
      {},
      guardianConsent(),
    );
    await recordAbsence(desk, {
      memberId: child.id,
      day: '2026-11-23',
      reason: 'illness',
      illness: { onset: '2026-11-22', symptoms: ['fever'], doctorSeen: true },
    });

    logout(desk);
    expect((await login(desk, nurse.id, '369214')).kind).toBe('ok');
    const [seen] = await firstValueFrom(absences$(desk, '2026-11-23'));
    expect(seen?.illness?.symptoms).toEqual(['fever']);

    logout(desk);
    expect((await login(desk, reception.id, '147025')).kind).toBe('ok');
    const [withheld] = await firstValueFrom(absences$(desk));
    expect(withheld?.reason).toBe('illness');
    expect(withheld).not.toHaveProperty('illness');
    expect(await firstValueFrom(absences$(desk, '2026-11-24'))).toEqual([]);
  });
});
