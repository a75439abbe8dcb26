/**
 * The monthly report's lines on children's growth, checks and vaccinations, hand-worked for
 * November 2026 at one centre (as of 2026-11-30).
 *
 * - 明明 (boy, born 2023-11-10): 36-month check on 2026-11-12, 89 cm and 11.5 kg. WS/T 423—2022
 *   表 B.1 at 36 月: −3SD 10.8, −2SD 11.9 kg → 低体重; 表 B.3 at 36 月: −2SD 90.5 cm → 生长迟缓.
 *   On the 体弱儿 list. Every dose up to 24 months on his certificate but 乙脑 2 (24 月): one dose
 *   missing; A群C群流脑 1 (36 月, 2026-11-10) due.
 * - 红红 (girl, born 2026-05-20): 66 cm, 7.5 kg at the door on 2026-11-25 (表 B.2/B.4: within
 *   ±1SD) → normal. Her 6-month check falls due on 2026-11-20 (due this month, not yet overdue);
 *   doses up to 5 months given; 乙肝 3 and A群流脑 1 (6 月) due.
 * - 东东 (boy, born 2024-08-15, 27 months): nothing recorded. His latest check reached, 24 months
 *   (2026-08-15), is overdue (2 months' grace); every dose with its age passed by a month is
 *   missing: 乙肝 3, 卡介苗 1, 脊灰灭活 2, 脊灰减毒 1, 百白破 4, 麻腮风 2, 乙脑 2, A群流脑 2,
 *   甲肝 1 = 18.
 * - 小虎: shared as counts only (no day of birth): counted, not worked out; his 体弱儿 record was
 *   closed in October.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import { NOT_SHARED } from '../../shared/rules/districtShare';
import type { Vaccine } from '../../shared/rules/growth/schedules';
import { forEachBackend } from '../testing/backends';
import { makeMember, wire } from '../testing/docs';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { emptyGrowthFigures } from './growthReport';
import { monthlyReport } from './reports';
import { reportWorkbook } from './reportSheet';

const G = 'c-growth';
const clock = new HybridClock('growthdesk');
const MONTH = '2026-11';
const TODAY = '2026-12-05';

const child = (name: string, gender: 'M' | 'F', birthDate: string) =>
  makeMember(G, { kind: 'child', name, gender, birthDate, createdAt: '2026-06-01T00:00:00.000Z' });
const mingming = child('明明', 'M', '2023-11-10');
const honghong = child('红红', 'F', '2026-05-20');
const dongdong = child('东东', 'M', '2024-08-15');
const xiaohu = { ...child('小虎', 'M', '2022-01-01'), name: NOT_SHARED };

const stamp = (memberId: string, day: string) => ({
  id: newId(),
  centreId: G,
  createdAt: `${day}T02:00:00.000Z`,
  updatedAt: clock.tick(),
  updatedBy: 'staff-h',
  memberId,
  day,
  at: `${day}T02:00:00.000Z`,
  by: 'staff-h',
});
const doses = (memberId: string, list: [Vaccine, number][]) =>
  list.map(([vaccine, dose]) => ({
    ...stamp(memberId, '2026-06-01'),
    kind: 'dose',
    vaccine,
    dose,
    givenOn: '2026-01-01',
  }));

const records = [
  {
    ...stamp(mingming.id, '2026-11-12'),
    kind: 'check',
    checkMonth: 36,
    heightCm: 89,
    weightKg: 11.5,
  },
  {
    ...stamp(mingming.id, '2026-11-12'),
    kind: 'attention',
    reasons: ['underweight', 'stunting'],
    plan: '每月测体重',
    followUpOn: '2026-12-12',
    followUps: [],
  },
  ...doses(mingming.id, [
    ['HepB', 1],
    ['HepB', 2],
    ['HepB', 3],
    ['BCG', 1],
    ['IPV', 1],
    ['IPV', 2],
    ['bOPV', 1],
    ['DTaP', 1],
    ['DTaP', 2],
    ['DTaP', 3],
    ['DTaP', 4],
    ['MMR', 1],
    ['MMR', 2],
    ['JE', 1],
    ['MPSV-A', 1],
    ['MPSV-A', 2],
    ['HepA', 1],
  ]),
  ...doses(honghong.id, [
    ['HepB', 1],
    ['HepB', 2],
    ['BCG', 1],
    ['IPV', 1],
    ['IPV', 2],
    ['bOPV', 1],
    ['DTaP', 1],
    ['DTaP', 2],
    ['DTaP', 3],
  ]),
  {
    ...stamp(xiaohu.id, '2026-03-01'),
    kind: 'attention',
    closedAt: '2026-10-01T02:00:00.000Z',
    closedBy: 'staff-h',
  },
];
const care = [
  {
    ...stamp(honghong.id, '2026-11-25'),
    kind: 'heightWeight',
    heightCm: 66,
    weightKg: 7.5,
  },
];

forEachBackend((backend) => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await startTestDistrict(backend);
    await d.db.query(`INSERT INTO centres (id, name) VALUES ($1, '成长中心')`, [G]);
    await d.app.sync.pushMany({ kind: 'district', name: 'fixture' }, [
      {
        collection: 'members',
        rows: [mingming, honghong, dongdong, xiaohu].map((m) => ({ newDocumentState: wire(m) })),
      },
      { collection: 'healthRecords', rows: records.map((r) => ({ newDocumentState: wire(r) })) },
      { collection: 'care', rows: care.map((r) => ({ newDocumentState: wire(r) })) },
    ]);
  });
  afterAll(async () => {
    await d?.close();
  });

  it("counts children's growth statuses, checks due and overdue, and doses due and missing, by hand", async () => {
    const report = await monthlyReport(d.db, { month: MONTH, today: TODAY, centreId: G });
    const expected = {
      ...emptyGrowthFigures(),
      children: 4,
      notShared: 1,
      notMeasured: 1, // 东东
      byStatus: { ...emptyGrowthFigures().byStatus, underweight: 1, stunting: 1 },
      normal: 1, // 红红
      needingAttention: 1, // 明明
      onAttentionList: 1, // 明明 (小虎's was closed in October)
      checksDueInMonth: 1, // 红红's 6-month check
      checksOverdue: 1, // 东东's 24-month check
      vaccinationsDue: 2, // 明明 (A群C群流脑 1), 红红 (乙肝 3, A群流脑 1)
      vaccinationsMissing: 2, // 明明, 东东
      dosesMissing: 19, // 明明 1 + 东东 18
    };
    expect(report.growth.standard).toBe('wst423');
    expect(report.growth.centres[G]).toEqual(expected);
    expect(report.growth.district).toEqual(expected);

    // The workbook's own sheet says the same, in Chinese.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportWorkbook(report)) as never);
    const sheet = book.getWorksheet('儿童生长与保健')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const row = (sheet.getRow(3).values as unknown[]).slice(1);
    const cell = (title: string) => row[header.indexOf(title)];
    expect(row[0]).toBe('成长中心');
    expect([cell('在园幼儿'), cell('低体重'), cell('生长迟缓'), cell('生长正常')]).toEqual([
      4, 1, 1, 1,
    ]);
    expect([
      cell('本月到期体检'),
      cell('体检逾期'),
      cell('需补种人数'),
      cell('需补种剂次'),
    ]).toEqual([1, 1, 2, 19]);
  });
});
