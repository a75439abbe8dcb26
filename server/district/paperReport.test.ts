import { afterAll, beforeAll, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { HealthDoc, MealDoc } from '../../shared/schemas';
import type { PushGroup } from '../sync/service';
import { forEachBackend } from '../testing/backends';
import { makeAttendance, makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { reportWorkbook } from './reportSheet';
import { monthlyReport } from './reports';

/*
 * 补录 (issue 19 part 2): a centre (A) that typed in a day of paper on 3 December, and one (B)
 * that recorded everything live. The paper's records count in the report like any others and,
 * apart, as entered from paper; live records, a cancelled paper visit, a deleted one and one of
 * next month do not count as paper.
 */
const A = 'c-paper';
const B = 'c-live';
const clock = new HybridClock('paperdesk');
const fromPaper = { enteredAt: '2026-12-05T01:00:00.000Z', enteredBy: 'staff-1' };

const elder = makeMember(A, { kind: 'elder', name: '张秀英' });
const child = makeMember(A, { kind: 'child', name: '李小满', birthDate: '2024-03-01' });
const other = makeMember(B, { kind: 'elder', name: '王一' });

const paperVisit = (memberId: string, day: string, extra = {}) =>
  makeAttendance(A, memberId, {
    day,
    status: 'out',
    checkInAt: `${day}T00:05:00.000Z`,
    checkOutAt: `${day}T08:30:00.000Z`,
    fromPaper,
    ...extra,
  });
const visits = [
  paperVisit(elder.id, '2026-12-03'),
  paperVisit(child.id, '2026-12-03'),
  paperVisit(elder.id, '2026-12-04', { cancelled: true }), // cancelled: not counted
  makeAttendance(A, elder.id, { day: '2026-12-04', checkInAt: '2026-12-04T00:10:00.000Z' }), // live
  makeAttendance(B, other.id, { day: '2026-12-03', checkInAt: '2026-12-03T00:10:00.000Z' }), // live
  paperVisit(elder.id, '2027-01-04'), // next month
];
const deleted = paperVisit(child.id, '2026-12-02');

const base = (centreId: string) => ({
  id: newId(),
  centreId,
  createdAt: '2026-12-05T01:00:00.000Z',
  updatedAt: clock.tick(),
  updatedBy: 'staff-1',
});
const meal = (memberId: string, paper: boolean): MealDoc => ({
  ...base(A),
  kind: 'serving',
  day: '2026-12-03',
  mealType: 'lunch',
  memberId,
  mode: 'dineIn',
  servedAt: '2026-12-03T04:00:00.000Z',
  servedBy: 'staff-1',
  ...(paper ? { fromPaper } : {}),
});
const check: HealthDoc = {
  ...base(A),
  kind: 'morningCheck',
  memberId: child.id,
  day: '2026-12-03',
  at: '2026-12-03T00:05:00.000Z',
  by: 'staff-1',
  temperature: 36.6,
  outcome: 'admitted',
  fromPaper,
};

const groups: PushGroup[] = [
  {
    collection: 'members',
    rows: [elder, child, other].map((m) => ({ newDocumentState: wire(m) })),
  },
  {
    collection: 'attendance',
    rows: [
      ...visits.map((v) => ({ newDocumentState: wire(v) })),
      { newDocumentState: wire(deleted, true) },
    ],
  },
  {
    collection: 'meals',
    rows: [meal(elder.id, true), meal(child.id, false)].map((m) => ({
      newDocumentState: wire(m),
    })),
  },
  { collection: 'health', rows: [{ newDocumentState: wire(check) }] },
];

forEachBackend((backend) => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await startTestDistrict(backend);
    await d.db.query(`INSERT INTO centres (id, name) VALUES ($1, '东城中心'), ($2, '西城中心')`, [
      A,
      B,
    ]);
    const results = await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, groups);
    expect(JSON.stringify(results)).not.toContain('problem');
  });
  afterAll(async () => {
    await d?.close();
  });

  it('counts what was entered from paper apart, per centre and for the district, and still counts it as attendance', async () => {
    const report = await monthlyReport(d.db, { month: '2026-12', today: '2026-12-05' });
    const byId = new Map(report.centres.map((c) => [c.id, c.figures]));
    expect(byId.get(A)!.paper).toEqual({ visits: 2, meals: 1, healthChecks: 1, days: 1 });
    expect(byId.get(B)!.paper).toEqual({ visits: 0, meals: 0, healthChecks: 0, days: 0 });
    expect(report.district.paper).toEqual({ visits: 2, meals: 1, healthChecks: 1, days: 1 });
    // The paper's visits are attendance like any: A's elder on the 3rd and 4th, the child on the 3rd.
    expect(byId.get(A)!.attendance.personDays).toBe(3);
    expect(byId.get(A)!.meals.served).toBe(2);
  });

  it('gives the paper counts their own columns in the Excel report', async () => {
    const report = await monthlyReport(d.db, { month: '2026-12', today: '2026-12-05' });
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const made = await reportWorkbook(report, 'zh');
    await book.xlsx.load(
      made.buffer.slice(made.byteOffset, made.byteOffset + made.byteLength) as ArrayBuffer,
    );
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(3).values as unknown[]).map(String);
    const col = header.indexOf('补录签到（纸质）');
    expect(col).toBeGreaterThan(0);
    const rowOf = (name: string) => {
      for (let r = 4; r <= sheet.rowCount; r++)
        if (String(sheet.getRow(r).getCell(1).value) === name) return sheet.getRow(r);
      return null;
    };
    expect(rowOf('东城中心')!.getCell(col).value).toBe(2);
    expect(rowOf('东城中心')!.getCell(col + 1).value).toBe(1);
    expect(rowOf('西城中心')!.getCell(col).value).toBe(0);
  });
});
