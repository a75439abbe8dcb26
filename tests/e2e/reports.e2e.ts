import { expect, test, type Browser, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import type { MonthlyReportResponse } from '../../server/district/types';
import type { PushGroup } from '../../server/sync/service';
import { makeAttendance, makeMember, wire } from '../../server/testing/docs';
import type { TestDistrict } from '../../server/testing/harness';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { ActivityDoc, CareDoc, MealDoc, MemberDoc, VisitDoc } from '../../shared/schemas';
import { listingId } from '../../shared/schemas/visits';
import { dashboardAs, startDashboardDistrict } from './pages/dashboard';

/**
 * The dashboard's monthly report in Chromium: two centres with last month's documents (pushed
 * through the sync service as a desk's would be), read by a viewer, exported to Excel and saved as
 * PDF the way the print dialog does it; an admin records a centre's child places and the use rate
 * appears. Needs `npm run build:dashboard` (and the renderer build the config's web server serves).
 */
const SCREENS = 'test-results/screens';

/** Last month in the district's time zone: always among the report page's choices. */
function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .split('-')
    .map(Number);
  const d = new Date(Date.UTC(y!, m! - 2, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

const MONTH = lastMonth();
const day = (n: number) => `${MONTH}-${String(n).padStart(2, '0')}`;
/** 10:00 in Shanghai on day n, as the desk stores instants. */
const at10 = (n: number) => `${day(n)}T02:00:00.000Z`;
const clock = new HybridClock('e2edesk');
const base = (centreId: string, id = newId()) => ({
  id,
  centreId,
  createdAt: at10(1),
  updatedAt: clock.tick(),
  updatedBy: 'staff-1',
});

let district: TestDistrict;
let east: string;
let west: string;

/**
 * 东城: two elders and a child on the 3rd to 5th, four meals, a high-risk elder visited only on the
 * 1st (so the weekly visit of the 8th is missed: 0 %), an open fall, an intergenerational session.
 * 西城: an elder and two children, a normal-risk elder visited when listed (100 %), a closed scald.
 */
function monthOfDocuments(): PushGroup[] {
  const e1 = makeMember(east, { kind: 'elder', name: '赵大爷' });
  const e2 = makeMember(east, { kind: 'elder', name: '钱奶奶' });
  const k1 = makeMember(east, { kind: 'child', name: '孙小宝', birthDate: '2023-05-01' });
  const f1 = makeMember(west, { kind: 'elder', name: '李大爷' });
  const m1 = makeMember(west, { kind: 'child', name: '周小红', birthDate: '2023-06-01' });
  const m2 = makeMember(west, { kind: 'child', name: '吴小刚', birthDate: '2024-01-01' });
  const checkIn = (m: MemberDoc, n: number) =>
    makeAttendance(m.centreId, m.id, { day: day(n), checkInAt: at10(n) });
  const meal = (m: MemberDoc, n: number, mealType: MealDoc['mealType'], category?: string) =>
    ({
      ...base(m.centreId),
      kind: 'serving',
      memberId: m.id,
      day: day(n),
      mealType,
      mode: 'dineIn',
      servedAt: at10(n),
      servedBy: 'staff-1',
      ...(category ? { subsidyCategory: category } : {}),
    }) as MealDoc;
  const listing = (m: MemberDoc, risk: VisitDoc['risk']) =>
    ({
      ...base(m.centreId, listingId(m.id)),
      kind: 'listing',
      memberId: m.id,
      risk,
      listedOn: day(1),
    }) as VisitDoc;
  const contact = (m: MemberDoc, n: number) =>
    ({
      ...base(m.centreId),
      kind: 'visit',
      memberId: m.id,
      visitKind: 'home',
      at: at10(n),
      visitedBy: 'staff-1',
      reached: true,
    }) as VisitDoc;
  const incident = (m: MemberDoc, n: number, kind: string, closed: boolean) =>
    ({
      ...base(m.centreId),
      kind: 'incident',
      memberId: m.id,
      day: day(n),
      at: at10(n),
      by: 'staff-1',
      happened: '在走廊滑倒',
      incidentKind: kind,
      ...(closed ? { closedAt: at10(n + 1) } : {}),
    }) as CareDoc;
  const planBase = base(east);
  const plan = {
    ...planBase,
    kind: 'plan',
    planId: planBase.id,
    title: '祖孙手工',
    category: 'intergenerational',
    room: '活动室',
    capacity: 20,
    start: '09:30',
    end: '10:30',
    recurrence: { kind: 'weekly', weekdays: [6], from: day(1) },
  } as ActivityDoc;
  const mark = (m: MemberDoc) =>
    ({
      ...base(east),
      kind: 'attendance',
      planId: plan.id,
      date: day(10),
      memberId: m.id,
      present: true,
      recordedAt: at10(10),
      recordedBy: 'staff-1',
    }) as ActivityDoc;
  const rows = <T extends { id: string }>(docs: T[]) =>
    docs.map((doc) => ({ newDocumentState: wire(doc) }));
  return [
    { collection: 'members', rows: rows([e1, e2, k1, f1, m1, m2]) },
    {
      collection: 'attendance',
      rows: rows([
        ...[3, 4, 5].flatMap((n) => [checkIn(e1, n), checkIn(k1, n)]),
        checkIn(e2, 3),
        checkIn(e2, 4),
        checkIn(f1, 3),
        checkIn(m1, 3),
        checkIn(m1, 4),
        checkIn(m2, 4),
      ]),
    },
    {
      collection: 'meals',
      rows: rows([
        meal(e1, 3, 'breakfast', 'neediest'),
        meal(e1, 3, 'lunch', 'neediest'),
        meal(e1, 4, 'lunch', 'neediest'),
        meal(e2, 3, 'lunch', 'age70'),
        meal(k1, 3, 'lunch'),
        meal(f1, 3, 'lunch', 'age70'),
      ]),
    },
    {
      collection: 'visits',
      rows: rows([listing(e1, 'high'), contact(e1, 1), listing(f1, 'normal'), contact(f1, 1)]),
    },
    {
      collection: 'care',
      rows: rows([incident(e2, 4, 'fall', false), incident(m1, 3, 'scald', true)]),
    },
    { collection: 'activities', rows: rows([plan, mark(e1), mark(k1)]) },
  ];
}

test.beforeAll(async () => {
  district = await startDashboardDistrict();
  east = await district.createCentre('东城老幼共托中心', 'east');
  west = await district.createCentre('西城社区老幼中心', 'west');
  await district.app.sync.pushMany({ kind: 'district', name: 'e2e' }, monthOfDocuments());
});
test.afterAll(async ({ browser }) => {
  // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
  // first, or its close waits for them.
  await Promise.all(browser.contexts().map((context) => context.close()));
  await district?.close();
});

const dashboard = (browser: Browser, login: string) => dashboardAs(browser, district, login);

/** The report as the API gives it, asked with the page's own session. */
async function apiReport(page: Page, centre?: string): Promise<MonthlyReportResponse> {
  const q = `month=${MONTH}${centre ? `&centre=${centre}` : ''}`;
  const res = await page.request.get(`${district.url}/api/district/reports/monthly?${q}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as MonthlyReportResponse;
}

const pct = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

async function openReports(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: '主菜单' })
    .getByRole('link', { name: '报表' })
    .click();
  await expect(page.getByRole('heading', { name: '月度报表' })).toBeVisible();
  // This month first; the buttons step a month, the list jumps.
  const picker = page.getByLabel('月份');
  await expect(picker).not.toHaveValue(MONTH);
  await expect(page.getByRole('button', { name: '下个月 ▶' })).toBeDisabled();
  await page.getByRole('button', { name: '◀ 上个月' }).click();
  await expect(picker).toHaveValue(MONTH);
  await page.getByRole('button', { name: '◀ 上个月' }).click();
  await picker.selectOption(MONTH);
  await expect(page.getByText(`统计 ${day(1)} 至`)).toBeVisible();
}

test('a viewer reads last month, the figures the API gives, with charts; exports Excel and a PDF', async ({
  browser,
}, testInfo) => {
  const page = await dashboard(browser, 'li');
  await expect(page.getByRole('navigation', { name: '主菜单' }).getByRole('link')).toHaveText([
    '概况',
    '传染病聚集',
    '设备',
    '报表',
  ]);
  await openReports(page);
  const api = await apiReport(page);
  const d = api.district;
  expect(d.attendance.personDays).toBe(12); // 东城 5 elder-days + 3 child-days, 西城 1 + 3

  const stat = (id: string) => page.getByTestId(`stat-${id}`);
  await expect(stat('personDays')).toHaveText(String(d.attendance.personDays));
  await expect(stat('elderDays')).toHaveText(String(d.attendance.elderDays));
  await expect(stat('childDays')).toHaveText(String(d.attendance.childDays));
  await expect(stat('openDays')).toHaveText(String(d.attendance.openDays));
  await expect(stat('claimable')).toHaveText(String(d.meals.claimable));
  await expect(stat('amount')).toHaveText(`${(d.meals.amountFen / 100).toFixed(2)} 元`);
  await expect(stat('visitRate')).toHaveText(pct(d.visits.rate!));
  await expect(stat('interSessions')).toHaveText(String(d.activities.intergenerational.sessions));
  await expect(stat('incidents')).toHaveText(String(d.incidents.count));
  await expect(stat('openIncidents')).toHaveText(String(d.incidents.openAtMonthEnd));

  // Each centre's row and the district's total, as the API has them.
  const table = page.getByTestId('report-table');
  for (const c of api.centres) {
    const row = table.locator(`tr[data-centre="${c.id}"]`);
    await expect(row.locator('th')).toHaveText(c.name);
    await expect(row.locator('td').nth(0)).toHaveText(String(c.figures.attendance.personDays));
  }
  const total = page.getByTestId('report-total');
  await expect(total.locator('th')).toHaveText('全区合计');
  await expect(total.locator('td').nth(0)).toHaveText(String(d.attendance.personDays));

  // The visit chart: one picture with the words, 东城 below the target marked in words too.
  const visits = page.getByRole('img', { name: /^各中心探访完成率（目标 100%）/ });
  await expect(visits).toBeVisible();
  await expect(visits).toHaveAttribute(
    'aria-label',
    /东城老幼共托中心 0% 未达标；西城社区老幼中心 100%$/,
  );
  await expect(visits.getByText('0% ▼未达标')).toBeVisible();
  await expect(visits.getByText('目标 100%')).toBeVisible();
  await expect(page.getByText('1 个中心未达到 100% 目标。')).toBeVisible();
  await expect(page.getByRole('img', { name: /^各中心出勤人次/ })).toBeVisible();

  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: `${SCREENS}/reports-zh.png` });
  await page.screenshot({ path: `${SCREENS}/reports-zh-full.png`, fullPage: true });

  // Excel: the server's workbook for the same month, Chinese intact.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: '导出 Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`社区服务月报-${MONTH}.xlsx`);
  const xlsxPath = testInfo.outputPath('report.xlsx');
  await download.saveAs(xlsxPath);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(xlsxPath);
  const sheet = book.getWorksheet('月报')!;
  expect(sheet.getCell('A1').value).toBe(`社区综合服务中心月报 ${MONTH}`);
  expect(sheet.getCell('A3').value).toBe('中心');
  const names = sheet.getColumn(1).values.slice(4);
  expect(names).toEqual(['全区合计', '东城老幼共托中心', '西城社区老幼中心']);
  expect(sheet.getCell('B4').value).toBe(d.attendance.personDays);

  // PDF, as "另存为 PDF" in the print dialog makes it: the print stylesheet, A4 portrait.
  await expect(page.getByText('选择“另存为 PDF”')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: '主菜单' })).toBeHidden();
  await page.screenshot({ path: `${SCREENS}/reports-print.png`, fullPage: true });
  const pdfPath = testInfo.outputPath('report.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  expect(text).toContain(`全区 社区综合服务月报 ${MONTH}`);
  expect(text).toContain('东城老幼共托中心');
  expect(text).toContain('全区合计');
  expect(text).toContain('生成时间：');
  expect(text).not.toContain('导出 Excel');
  expect(text).not.toContain('主菜单');
  const info = execFileSync('pdfinfo', [pdfPath]).toString();
  expect(info).toMatch(/Page size:.*\(A4\)/);
  await page.emulateMedia({ media: 'screen' });

  // In English, the same page and the workbook's English headers.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Monthly report' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Visit completion rate per centre/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Export Excel' })).toHaveAttribute(
    'href',
    new RegExp(`month=${MONTH}&lang=en$`),
  );
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: `${SCREENS}/reports-en.png` });
  await page.getByRole('button', { name: '中文' }).click();
});

test('an admin records a centre’s child places and the report shows its use rate', async ({
  browser,
}) => {
  const page = await dashboard(browser, 'wang');
  await page.goto(`${district.url}/dashboard/#/centre/${east}`);
  await expect(page.getByRole('heading', { name: '东城老幼共托中心' })).toBeVisible();
  await page.getByLabel('托位数').fill('1001');
  await page.getByRole('button', { name: '保存托位数' }).click();
  await expect(page.getByRole('alert')).toHaveText('托位数应为 0 至 1000 之间的整数。');
  await page.getByLabel('托位数').fill('2');
  await page.getByRole('button', { name: '保存托位数' }).click();
  await expect(page.getByRole('status')).toHaveText('托位数已改为 2。');
  await page.screenshot({ path: `${SCREENS}/reports-child-places.png` });

  await openReports(page);
  await page.getByLabel('中心', { exact: true }).selectOption(east);
  const api = await apiReport(page, east);
  const c = api.district.childPlaces;
  // 孙小宝 on the 3rd, 4th and 5th: 3 child days ÷ (2 places × 3 open days) = 50 %.
  expect(c).toMatchObject({ places: 2, childDays: 3, openDays: 3, usageRate: 0.5 });
  await expect(page.getByTestId('stat-usageRate')).toHaveText('50%');
  await expect(page.getByTestId('stat-places')).toHaveText('2');
  await expect(
    page.getByRole('img', { name: /^各中心托位使用率：东城老幼共托中心 50%/ }),
  ).toBeVisible();

  // The whole district: 西城 has no places, so its rate is missing and the district's is 东城's.
  await page.getByLabel('中心', { exact: true }).selectOption('');
  await expect(page.getByText('1 个中心还没有登记托位数')).toBeVisible();
  await expect(page.getByTestId('stat-usageRate')).toHaveText('50%');
  await page.screenshot({ path: `${SCREENS}/reports-usage.png`, fullPage: true });
});

test('with many centres a chart draws the top 20 and says so; the table has them all', async ({
  browser,
}) => {
  // Runs last: 25 more centres with nothing recorded change the earlier tests' district.
  for (let i = 1; i <= 25; i++) {
    await district.createCentre(`第${String(i).padStart(2, '0')}社区中心`, `more${i}`);
  }
  const page = await dashboard(browser, 'li');
  await openReports(page);
  await expect(
    page.getByText('图中只画出出勤人次最多的 20 个中心（共 27 个），全部数字见下方表格。'),
  ).toBeVisible();
  const chart = page.getByRole('img', { name: /^各中心出勤人次/ });
  await expect(chart.locator('g.bar')).toHaveCount(20);
  await expect(chart.locator('g.bar').first()).toContainText('东城老幼共托中心8');
  await expect(page.getByTestId('report-table').locator('tbody tr')).toHaveCount(27);
  await expectNoSidewaysScroll(page);
  await page.screenshot({ path: `${SCREENS}/reports-many.png`, fullPage: true });
});

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
}
