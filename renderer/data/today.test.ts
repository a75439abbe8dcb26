import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules/settings';
import { simulatedMachine } from '../testing/node-desk';
import { guardianConsent } from '../testing/consents';
import { recordAbsence } from './absences';
import { checkIn } from './attendance';
import type { Desk } from './desk';
import { registerMember } from './members';
import { addStaff, login } from './staff';
import { today$ } from './today';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

const child = (name: string) => ({
  kind: 'child' as const,
  name,
  gender: 'F' as const,
  birthDate: '2024-03-01',
});

describe('the home screen’s picture of today (renderer/data/today.ts)', () => {
  it('lists as not in only children in care who neither came nor were reported absent', async () => {
    const desk = await simulatedMachine({
      collections: ['members', 'consents', 'staff', 'attendance', 'absences', 'health', 'auditLog'],
    }).open();
    opened.push(desk);
    const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
    expect((await login(desk, manager.id, 'zhou2580')).kind).toBe('ok');
    const now = new Date('2026-11-23T10:30:00');
    const register = (name: string) =>
      registerMember(desk, child(name), undefined, {}, guardianConsent());
    const came = await register('单丽丽');
    const absent = await register('赵一一');
    const missing = await register('李小满');
    const left = await register('钱二二');
    await checkIn(desk, came.id, new Date('2026-11-23T08:10:00'));
    // The manager signing in for work is a visit, but not a member's.
    await checkIn(desk, manager.id, new Date('2026-11-23T07:50:00'), { personKind: 'staff' });
    await recordAbsence(desk, { memberId: absent.id, day: '2026-11-23', reason: 'family' });
    const leaving = await desk.db.members.findOne(left.id).exec();
    await leaving!.incrementalPatch({ status: 'left' });

    const today = await firstValueFrom(today$(desk, DEFAULT_RULES, now));
    expect(today.childrenNotIn.map((c) => c.name)).toEqual([missing.name]);
    expect(today.cameToday).toEqual({ members: 1, staff: 1, visitors: 0 });
    expect(today.present.children.map((r) => r.name)).toEqual(['单丽丽']);
    expect(today.pastExpectedTime).toBe(true);
  });
});
