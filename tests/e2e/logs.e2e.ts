import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import type { TestDistrict } from '../../server/testing/harness';
import { DeskPage, MANAGER, type NewMember } from './pages/desk';
import { dashboardAs, startDashboardDistrict } from './pages/dashboard';

/**
 * Logs an inspector can read (the desk's audit log and the district's action log), and a daily
 * sheet a centre can file: issue 15, points 7 and 10.
 */
const SCREENS = '/tmp/fd-logs';
const CENTRE = '阳光社区老幼共托中心';

let district: TestDistrict;
let centreId: string;

test.beforeAll(async () => {
  district = await startDashboardDistrict();
  centreId = await district.createCentre(CENTRE, 'sunrise');
});
test.afterAll(async ({ browser }) => {
  // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
  // first, or its close waits for them.
  await Promise.all(browser.contexts().map((context) => context.close()));
  await district?.close();
});

/** Today at the centre (the desk runs in Asia/Shanghai). */
const centreToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });

const child = (name: string): NewMember => ({
  kind: 'child',
  name,
  gender: 'M',
  birthDate: '2024-03-01',
  pickupAdults: [{ name: '王芳', relation: '母亲', phone: '13800001111' }],
  consent: { by: '王芳', relation: '母亲' },
});

/** A scanner types the card number and Enter. */
async function scanIn(desk: DeskPage, card: string, name: string) {
  await desk.goTo('签到签退');
  await desk.finder.focus();
  await desk.page.keyboard.type(card, { delay: 5 });
  await desk.page.keyboard.press('Enter');
  await expect(desk.page.getByTestId('arrival')).toContainText(`${name} 已签到`);
}

/** The morning check from the arrival notice, with a temperature. */
async function morningCheck(page: Page, name: string, temperature: string) {
  await page.getByTestId('arrival').getByRole('button', { name: '晨检' }).click();
  const check = page.getByRole('dialog', { name: `${name} 晨检` });
  await check.getByLabel('体温（℃）').fill(temperature);
  await check.getByRole('button', { name: '保存晨检' }).click();
  await expect(check).toBeHidden();
}

/** The cells of a table's body rows, as text. */
async function cells(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    );
}

test('a manager reads the audit log: who did what to whom, fields in Chinese, newest first, narrowed to one person, a staff member and a day; the CSV cannot run a formula', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  const xiaoman = await desk.registerWithCard(child('李小满'));
  // A name that a spreadsheet would read as a formula.
  const formula = await desk.registerWithCard(child('=1+2'));
  await scanIn(desk, xiaoman, '李小满');
  await morningCheck(page, '李小满', '36.6');
  await scanIn(desk, formula, '=1+2');
  await morningCheck(page, '=1+2', '36.8');
  // 李小满 goes home with a neighbour, as the manager allows; =1+2 with their mother.
  await desk.presentRow('李小满').getByRole('button', { name: '签退' }).click();
  const override = page.getByRole('dialog', { name: '李小满 离园接送' });
  await override.getByRole('button', { name: '其他人来接（需站长授权）' }).click();
  await override.getByLabel('来接人姓名').fill('张阿姨');
  await override.getByLabel('与孩子关系').fill('邻居');
  await override.getByLabel('原因（例如：妈妈来电委托）').fill('母亲来电委托');
  await override.getByLabel('站长密码').fill(MANAGER.pin);
  await override.getByRole('button', { name: '授权并签退' }).click();
  await expect(page.getByRole('status').filter({ hasText: '李小满 已签退' })).toBeVisible();
  await desk.presentRow('=1+2').getByRole('button', { name: '签退' }).click();
  const pickup = page.getByRole('dialog', { name: '=1+2 离园接送' });
  await pickup.getByRole('button', { name: /王芳/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '=1+2 已签退' })).toBeVisible();

  await desk.goTo('操作日志');
  const log = page.getByRole('table', { name: '操作日志' });
  // The screen reads the log once it opens: what it lists is read when its rows are there, the
  // newest (the pick-up allowed) and =1+2's health check by name.
  await expect(log.getByRole('row').filter({ hasText: '站长授权接送' })).toBeVisible();
  await expect(
    log.getByRole('row').filter({ hasText: '=1+2' }).filter({ hasText: '体温、' }),
  ).toBeVisible();
  const all = await cells(log);
  // Newest first, by when each thing happened.
  const times = all.map((r) => r[0]!);
  expect(times).toEqual([...times].sort().reverse());
  expect(all.find((r) => r[3] === '=1+2' && r[4]!.startsWith('体温、'))).toBeTruthy();

  // One person: only entries about 李小满, by name, the temperature named in Chinese.
  await page.getByRole('textbox', { name: '服务对象' }).fill('李小满');
  await page
    .getByRole('list', { name: '服务对象' })
    .getByRole('button', { name: '只看此人' })
    .click();
  await expect(page.getByText('服务对象：李小满')).toBeVisible();
  // His two entries only: the pick-up allowed (found through his visit) and his health check.
  await expect(log.locator('tbody tr')).toHaveCount(2);
  const his = await cells(log);
  expect(his.map((r) => r[2])).toEqual(['站长授权接送', '修改敏感信息']);
  expect(his[0]?.[5]).toBe('母亲来电委托');
  for (const row of his) expect(row[3]).toBe('李小满');
  const check = his.find((r) => r[4]!.startsWith('体温、'));
  expect(check?.slice(1, 4)).toEqual(['周站长', '修改敏感信息', '李小满']);
  expect(check?.[4]).toBe('体温、晨午检所见、症状、处理结果');
  expect(his.map((r) => r[0])).toEqual([...his.map((r) => r[0]!)].sort().reverse());
  await page.screenshot({ path: `${SCREENS}-audit-person.png` });

  // A staff member and a day: today has them, tomorrow nothing.
  await page.getByRole('button', { name: '看所有人的记录' }).click();
  await page.getByLabel('操作人', { exact: true }).selectOption({ label: '周站长' });
  for (const row of await cells(log)) expect(row[1]).toBe('周站长');
  const today = centreToday();
  await page.getByLabel('从（日期）').fill(today);
  await page.getByLabel('到（日期）').fill(today);
  await expect(log.locator('tbody tr').first()).toBeVisible();
  const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  await page.getByLabel('从（日期）').fill(tomorrow);
  await page.getByLabel('到（日期）').fill(tomorrow);
  await expect(page.getByText('没有符合条件的记录。')).toBeVisible();
  await page.getByLabel('从（日期）').fill('');
  await page.getByLabel('到（日期）').fill('');
  await page.getByLabel('操作人', { exact: true }).selectOption({ label: '全部' });
  await page.screenshot({ path: `${SCREENS}-audit-all.png` });

  // The export: the name that looks like a formula is text, started with a single quote.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const download = await downloading;
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
  const csv = Buffer.concat(chunks).toString('utf8');
  expect(csv.startsWith('\ufeff"时间","操作人","操作","对象","涉及字段","原因"')).toBe(true);
  expect(csv).toContain(`"周站长","修改敏感信息","'=1+2","体温、`);
  expect(csv).not.toMatch(/(^|,)"=1\+2"/m);
});

test('the daily sheet names the centre, lists the incidents, the pick-ups a manager allowed, who came to each activity, and ends with lines to sign; its workbook holds numbers', async ({
  page,
}) => {
  const today = centreToday();
  const desk = new DeskPage(page);
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(centreId));
  await expect(page.getByText(`本机已登记到：${CENTRE}`)).toBeVisible();
  const card = await desk.registerWithCard(child('李小满'));
  await desk.register({ name: '王秀英', gender: 'F', birthDate: '1946-03-02' });
  await desk.register({ name: '张桂兰', gender: 'F', birthDate: '1950-07-15' });
  await scanIn(desk, card, '李小满');
  await morningCheck(page, '李小满', '36.6');

  // Someone not on the list takes him home, as the manager allows.
  await desk.presentRow('李小满').getByRole('button', { name: '签退' }).click();
  const pickup = page.getByRole('dialog', { name: '李小满 离园接送' });
  await pickup.getByRole('button', { name: '其他人来接（需站长授权）' }).click();
  await pickup.getByLabel('来接人姓名').fill('张阿姨');
  await pickup.getByLabel('与孩子关系').fill('邻居');
  await pickup.getByLabel('原因（例如：妈妈来电委托）').fill('母亲来电委托，已核对身份证');
  await pickup.getByLabel('站长密码').fill(MANAGER.pin);
  await pickup.getByRole('button', { name: '授权并签退' }).click();
  await expect(page.getByRole('status').filter({ hasText: '李小满 已签退' })).toBeVisible();

  // An incident: 王秀英 slipped in the hall.
  await desk.goTo('健康记录');
  await page.getByLabel('查找成员（姓名、拼音或首字母）').fill('王秀英');
  await page.getByRole('button', { name: '打开' }).first().click();
  await page.getByText('记录意外事件').click();
  await page.getByLabel('事件类型').selectOption({ label: '跌倒' });
  await page.getByLabel('经过').fill('在大厅滑倒，膝盖擦伤');
  await page.getByLabel('已采取的措施').fill('消毒包扎，已通知家属');
  await page.getByRole('button', { name: '保存事件' }).click();
  await expect(page.getByRole('region', { name: '待跟进的意外事件（1）' })).toBeVisible();

  // A lecture today with two enrolled; one came, one did not.
  await desk.goTo('活动');
  await page.getByRole('button', { name: '安排新活动' }).click();
  const form = page.getByRole('form', { name: '安排活动' });
  await form.getByLabel('活动名称').fill('防跌倒讲座');
  await form.getByLabel('类别').selectOption({ label: '健康讲座' });
  await form.getByLabel('活动室').fill('多功能室');
  await form.getByLabel('带领人').selectOption({ label: '周站长（站长）' });
  await form.getByLabel('名额（人）').fill('30');
  await form.getByLabel('开始时间').fill('09:00');
  await form.getByLabel('结束时间').fill('10:00');
  await form.getByLabel('只办一次').check();
  await form.getByLabel('日期').fill(today);
  for (const who of ['wxy', 'zgl']) {
    await form.getByLabel('报名人员（输入姓名或拼音查找）').fill(who);
    await form.getByRole('list', { name: '查找结果' }).getByRole('button').first().click();
  }
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '已排入课表：防跌倒讲座' }),
  ).toBeVisible();
  await page.getByRole('button', { name: `记录 ${today} 防跌倒讲座 的到场` }).click();
  const marks = page.getByRole('list', { name: '到场名单' });
  await marks
    .getByRole('group', { name: '王秀英' })
    .getByRole('button', { name: '到', exact: true })
    .click();
  await marks.getByRole('group', { name: '张桂兰' }).getByRole('button', { name: '未到' }).click();
  await expect(page.getByRole('status', { name: '到场统计' })).toContainText('到场 1 人');

  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '今日' })
    .click();
  await page.getByRole('button', { name: '查看并打印日报' }).click();
  const sheet = page.getByRole('dialog', { name: `${CENTRE} ${today} 日报` });
  await expect(sheet.getByRole('heading', { level: 1 })).toHaveText(`${CENTRE} ${today} 日报`);
  const allowed = sheet.getByRole('region', { name: /^站长授权的接送/ });
  await expect(allowed.getByRole('row').nth(1)).toContainText(
    /李小满\d\d:\d\d张阿姨，邻居周站长母亲来电委托，已核对身份证/,
  );
  const incidents = sheet.getByRole('region', { name: '意外事件（1 起）' });
  await expect(incidents.getByRole('row').nth(1)).toContainText(
    /王秀英\d\d:\d\d跌倒在大厅滑倒，膝盖擦伤消毒包扎，已通知家属跟进中/,
  );
  const activities = sheet.getByRole('region', { name: '活动（1 场）' });
  await expect(activities.getByRole('row').first()).toContainText('实到人数实到名单');
  await expect(activities.getByRole('row').nth(1)).toContainText(
    '09:00–10:00防跌倒讲座多功能室2/301王秀英',
  );
  await expect(sheet.locator('.signature-line')).toHaveText('填表人：站长签字：日期：');
  await page.screenshot({ path: `${SCREENS}-daily-sheet.png` });
  await sheet.locator('.signature-line').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENS}-daily-sheet-end.png` });
  await sheet.getByRole('button', { name: '关闭' }).click();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await downloading).path());
  const ws = book.worksheets[0]!;
  // Array.from fills the sheet's sparse rows (an empty row is a hole) with empty ones.
  const rows = Array.from(ws.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
  expect(rows[1]).toEqual([`${CENTRE} ${today} 日报`]);
  // The health check's temperature and the activity's head count are numbers Excel can add up.
  const checkRow = rows.find((r) => r[0] === '李小满' && r[1] === '晨检');
  expect(checkRow?.[3]).toBe(36.6);
  const lecture = rows.find((r) => r[1] === '防跌倒讲座');
  expect(lecture?.[4]).toBe(1);
  expect(rows.at(-1)).toEqual(['填表人：', '站长签字：', '日期：']);
});

test('the district action log names the desks, centres and users, and shows every enrolment', async ({
  browser,
}) => {
  // A desk enrolled as a centre would, with the code from the dashboard's CLI.
  const desk = new DeskPage(await (await browser.newContext()).newPage());
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(centreId));
  await expect(desk.page.getByText(`本机已登记到：${CENTRE}`)).toBeVisible();

  const admin = await dashboardAs(browser, district, 'wang');
  await admin.getByRole('link', { name: '操作日志' }).click();
  const enrolments = admin
    .locator('table.log tbody tr')
    .filter({ hasText: '登记设备（用登记码）' });
  await expect(enrolments.first()).toContainText(`设备：前台电脑（${CENTRE}）`);
  await expect(enrolments.first()).toContainText(`中心：${CENTRE}`);
  await expect(enrolments.first()).toContainText('名称：前台电脑');
  const text = await admin.locator('table.log').innerText();
  // No bare UUIDs where the district knows a name.
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
  await admin.screenshot({ path: `${SCREENS}-dashboard-actions.png` });
});
