/**
 * Issue 17, part 4 on the dashboard: the overview's alert once a cluster across centres is raised,
 * the outbreak page (centres, cases, trend, the 24-hour countdown), the report to the
 * disease-control centre filled, checked, exported to Excel (read back) and recorded as sent, and
 * a 疾控 account's view: counts and symptoms, never a person. Screenshots at 1366×768 in /tmp.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AbsenceDoc, HealthDoc } from '../../shared/schemas';
import { calendarDay } from '../../server/district/overview';
import { addStaff, staffClient } from '../../server/district/testing';
import { makeMember, wire } from '../../server/testing/docs';
import type { TestDistrict } from '../../server/testing/harness';
import { dashboardAs, startDashboardDistrict } from './pages/dashboard';

let district: TestDistrict;
const clock = new HybridClock('e2edesk');
const today = calendarDay(new Date(), 'Asia/Shanghai');
const CHILD_NAMES = ['刘小雨', '陈一诺', '王子涵'];
const ID_NUMBER = '110101202306010027';

test.beforeAll(async () => {
  district = await startDashboardDistrict();
  await addStaff(district.db, 'zhao', 'viewer', undefined, 'cdc');
  await district.db.query(`UPDATE district_users SET display_name = '赵科员' WHERE login = 'zhao'`);
  const admin = staffClient(district.url);
  expect((await admin.login('wang')).status).toBe(200);
  const centres = [
    ['阳光社区老幼共托中心', 'sun'],
    ['和平社区托育点', 'peace'],
    ['城北社区综合服务中心', 'north'],
  ] as const;
  for (const [name, id] of centres) {
    await district.createCentre(name, id);
    await admin.request('PATCH', `/centres/${id}`, { township: '城关镇' });
  }
  await district.createCentre('河西社区服务站', 'west');
  expect(
    (
      await admin.request('POST', '/publish', {
        kind: 'rules',
        title: '区级规则',
        settings: { clusters: { windowDays: 3, township: 3, district: 10 } },
      })
    ).status,
  ).toBe(201);
  for (const [i, [, centreId]] of centres.entries()) {
    const child = makeMember(centreId, {
      kind: 'child',
      name: CHILD_NAMES[i]!,
      birthDate: '2023-06-01',
      idNumber: ID_NUMBER,
    });
    const base = {
      id: newId(),
      centreId,
      createdAt: new Date().toISOString(),
      updatedAt: clock.tick(),
      updatedBy: 'staff-1',
      memberId: child.id,
      day: today,
    };
    const record =
      i === 1
        ? ({
            ...base,
            kind: 'morningCheck',
            at: new Date().toISOString(),
            symptoms: ['rash', 'fever'],
            outcome: 'sentHome',
          } satisfies HealthDoc)
        : ({
            ...base,
            reason: 'illness',
            illness: { onset: today, symptoms: ['rash'], doctorSeen: false },
          } satisfies AbsenceDoc);
    const device = await district.enrolDevice(centreId);
    await district.client(device.token).batch({
      pushes: {
        members: [{ newDocumentState: wire(child) }],
        [i === 1 ? 'health' : 'absences']: [{ newDocumentState: wire(record) }],
      },
    });
  }
});
test.afterAll(async ({ browser }) => {
  // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
  // first, or its close waits for them.
  await Promise.all(browser.contexts().map((context) => context.close()));
  await district?.close();
});

async function at1366(page: Page) {
  await page.setViewportSize({ width: 1366, height: 768 });
}

test('the overview alerts the district to a cluster over three centres, and the outbreak page shows it', async ({
  browser,
}) => {
  const page = await dashboardAs(browser, district, 'wang');
  await at1366(page);
  const alert = page.getByTestId('outbreak-alert');
  await expect(alert).toContainText('发现 1 起跨中心传染病聚集');
  await expect(alert).toContainText('城关镇 · 皮疹 · 3 例');
  await expect(alert).toContainText('还剩 23 小时');
  await page.screenshot({ path: '/tmp/outbreak-overview.png' });
  await alert.getByRole('link', { name: '查看详情 →' }).click();

  await expect(page.getByRole('heading', { name: '传染病聚集性疫情监测' })).toBeVisible();
  const cluster = page.getByRole('article', { name: '城关镇 · 皮疹' });
  await expect(cluster.getByRole('heading', { level: 3 })).toHaveText('城关镇 · 皮疹 · 3 例');
  await expect(cluster).toContainText(`自 ${today} 起`);
  await expect(cluster).toContainText('因病缺勤 2 例，晨午检发现 1 例');
  const rows = cluster.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(4);
  for (const name of ['阳光社区老幼共托中心', '和平社区托育点', '城北社区综合服务中心'])
    await expect(cluster.getByRole('row', { name: new RegExp(name) })).toContainText('城关镇');
  await expect(cluster.getByRole('img')).toHaveAttribute('aria-label', new RegExp(`${today} 3`));
  await expect(cluster.getByTestId('deadline')).toContainText('24 小时内须报告疾控中心');
  for (const name of CHILD_NAMES) await expect(page.locator('body')).not.toContainText(name);
  // The centre without a township: recorded here.
  await page.getByText('各中心所在街道/乡镇（1 个中心未填写）').click();
  await page.getByLabel('河西社区服务站 所在街道/乡镇').fill('河西乡');
  await page
    .getByRole('row', { name: /河西社区服务站/ })
    .getByRole('button', { name: '保存' })
    .click();
  await expect(page.getByText('已保存 河西社区服务站 的街道/乡镇。')).toBeVisible();
  await expect(page.getByText('各中心所在街道/乡镇（0 个中心未填写）')).toBeVisible();
  await page.getByText('各中心所在街道/乡镇').click();
  await page.screenshot({ path: '/tmp/outbreak-page.png', fullPage: true });
});

test('the report to the disease-control centre is filled from the records, checked, exported to Excel and PDF and recorded as sent', async ({
  browser,
}, testInfo) => {
  const page = await dashboardAs(browser, district, 'zhao');
  await at1366(page);
  await page.getByRole('link', { name: '传染病聚集' }).click();
  await page.getByRole('button', { name: '填写突发公共卫生事件报告' }).click();
  await expect(page.getByRole('heading', { name: '突发公共卫生事件相关信息报告' })).toBeVisible();
  await expect(page.getByLabel('事件名称')).toHaveValue('城关镇托育机构皮疹聚集性病例');
  await expect(page.getByLabel('事件类别')).toHaveValue('传染病');
  await expect(page.getByLabel('首例发病时间')).toHaveValue(today);
  await expect(page.getByLabel('发病人数')).toHaveValue('3');
  await expect(page.getByLabel('涉及人数')).toHaveValue('3');
  await expect(page.getByLabel('主要症状')).toHaveValue('皮疹（因病缺勤 2 例，晨午检发现 1 例）');
  await expect(page.getByLabel('发生地点')).toHaveValue(/城关镇阳光社区老幼共托中心/);
  await expect(page.getByLabel('报告人', { exact: true })).toHaveValue('赵科员');

  // Nothing is recorded while a field is wrong; the field is named.
  await page.getByLabel('报告单位').fill('城关镇社区卫生服务中心');
  await page.getByLabel('联系电话').fill('8800');
  await page.getByRole('button', { name: '记录为已报送疾控中心' }).click();
  await expect(page.getByRole('alert')).toContainText('“联系电话”填写有误：请填写 7 至 20 位数字');
  await expect(page.getByLabel('联系电话')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('联系电话').fill('0571-88001234');
  // Correcting the field takes its error away.
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('联系电话')).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('已采取措施').fill('晨午检加强；患儿居家观察；活动室消毒；已通知家长');
  await page.screenshot({ path: '/tmp/outbreak-report-form.png', fullPage: true });

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`突发公共卫生事件报告-${today}.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const sheet = book.getWorksheet('突发公共卫生事件报告')!;
  const read = new Map<string, unknown>();
  sheet.eachRow((row) => read.set(String(row.getCell(1).value), row.getCell(2).value));
  expect(read.get('报告单位')).toBe('城关镇社区卫生服务中心');
  expect(read.get('事件名称')).toBe('城关镇托育机构皮疹聚集性病例');
  expect(read.get('发病人数')).toBe(3);
  expect(read.get('联系电话')).toBe('0571-88001234');
  expect(read.get('已采取措施')).toBe('晨午检加强；患儿居家观察；活动室消毒；已通知家长');
  expect(read.get('阳光社区老幼共托中心')).toBe('城关镇');
  for (const name of CHILD_NAMES) expect(JSON.stringify([...read])).not.toContain(name);

  // Printed to PDF (the browser's print, as the monthly report): read back, the form as filled.
  await page.emulateMedia({ media: 'print' });
  const pdfPath = testInfo.outputPath('outbreak-report.pdf');
  await page.pdf({ path: pdfPath, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const printed = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  for (const expected of [
    '突发公共卫生事件相关信息报告',
    '城关镇托育机构皮疹聚集性病例',
    '城关镇社区卫生服务中心',
    '0571-88001234',
    '晨午检加强',
  ])
    expect(printed, expected).toContain(expected);
  for (const name of CHILD_NAMES) expect(printed).not.toContain(name);

  await page.getByRole('button', { name: '记录为已报送疾控中心' }).click();
  await expect(page.getByRole('status')).toContainText('报送疾控中心，已记入操作日志');
  await page.getByRole('button', { name: '← 返回传染病聚集' }).click();
  await expect(page.getByTestId('deadline')).toContainText('报告疾控中心（zhao）');

  // The admin finds the export and the report in the action log.
  const admin = await dashboardAs(browser, district, 'wang');
  await admin.getByRole('link', { name: '操作日志' }).click();
  await expect(admin.getByText('报送疾控中心：突发公共卫生事件报告')).toBeVisible();
  await expect(admin.getByText('导出传染病事件报告（Excel）')).toBeVisible();
});

test('a 疾控 account sees counts and symptoms, and no person: no people, devices or reports, and the server refuses them', async ({
  browser,
}) => {
  const page = await dashboardAs(browser, district, 'zhao');
  await at1366(page);
  await expect(page.getByTestId('department')).toHaveText('疾控');
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await expect(nav.getByRole('link')).toHaveText(['概况', '传染病聚集']);
  await expect(page.getByTestId('outbreak-alert')).toBeVisible();
  // Centre names without a way into their people.
  const row = page.getByRole('row', { name: /阳光社区老幼共托中心/ });
  await expect(row).toBeVisible();
  await expect(row.getByRole('link')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/outbreak-cdc.png' });
  for (const path of [
    '/centres/sun/people',
    '/devices',
    `/reports/monthly?month=${today.slice(0, 7)}`,
  ]) {
    const res = await page.request.get(`${district.url}/api/district${path}`);
    expect(res.status(), path).toBe(403);
  }
  const { rows } = await district.db.query<{ id: string }>(
    `SELECT id FROM documents WHERE collection = 'members' LIMIT 1`,
  );
  const person = await page.request.get(`${district.url}/api/district/people/${rows[0]!.id}`);
  expect(person.status()).toBe(403);
});
