import { afterEach, describe, expect, it } from 'vitest';
import { simulatedMachine } from '../testing/node-desk';
import { logSheetTaken } from './dailySheet';
import type { Desk } from './desk';
import { logChildListView } from './people';
import { addStaff, login } from './staff';

const opened: Desk[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.db.close()));
});

describe('access to lists of children and to the daily sheet (the audit log)', () => {
  it('logs who opened a list of children, and who took the daily sheet, of which day and how', async () => {
    const desk = await simulatedMachine({ collections: ['staff', 'auditLog'] }).open();
    opened.push(desk);
    const manager = await addStaff(desk, { name: '周敏', role: 'manager', pin: 'zhou2580' });
    await login(desk, manager.id, 'zhou2580');
    const reception = await addStaff(desk, { name: '陈静', role: 'reception', pin: '1470' });
    await login(desk, reception.id, '1470');

    await logChildListView(desk, 'people:child');
    await logSheetTaken(desk, '2026-03-10', 'excel');
    await logSheetTaken(desk, '2026-03-10', 'print');

    const entries = (await desk.db.auditLog.find({ sort: [{ updatedAt: 'asc' }] }).exec())
      .map((e) => e.toJSON())
      .filter((e) => e.action !== 'staff.login');
    expect(
      entries.map((e) => [e.action, e.subjectId, e.fields ?? null, e.reason ?? null, e.staffId]),
    ).toEqual([
      ['list.view', 'people:child', ['people:child'], null, reception.id],
      ['sheet.export', '2026-03-10', null, 'excel', reception.id],
      ['sheet.export', '2026-03-10', null, 'print', reception.id],
    ]);
  });
});
