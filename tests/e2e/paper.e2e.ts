import { expect, test, type Locator, type Page } from '@playwright/test';
import type { TestDistrict } from '../../server/testing/harness';
import { dashboardAs, startDashboardDistrict } from './pages/dashboard';
import { DeskPage } from './pages/desk';

/**
 * The paper fallback (纸质应急表, 补录; issue 19 part 2) in Chromium: the emergency sheet printed
 * ahead (every active member with a barcode and boxes, the day's delivery list), then a filled-in
 * sheet typed back in by scanning its barcodes (a keyboard-wedge scanner: fast keys and Enter),
 * an impossible row refused in words, 补录 on the day's sheet, the person's records and the audit
 * log, and the district's monthly report counting the paper entries once the desk synced.
 * Screenshots at 1366×768 in Chinese go to /tmp/paper-*.png.
 */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/paper-${name}.png` });

/** Today and yesterday in the desk's time zone (Asia/Shanghai, as the config sets the browser). */
function shanghaiDay(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
}
const TODAY = shanghaiDay();
/** The day without the computer: yesterday, so every time on the paper is in the past. */
const PAPER_DAY = shanghaiDay(-1);

let district: TestDistrict;
let centreId: string;

test.beforeAll(async () => {
  district = await startDashboardDistrict();
  centreId = await district.createCentre('东湖社区老幼共托中心', 'donghu');
});
test.afterAll(async ({ browser }) => {
  // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
  // first, or its close waits for them.
  await Promise.all(browser.contexts().map((context) => context.close()));
  await district?.close();
});

/** A scanner types the code and Enter, faster than any person, into the focused box. */
async function scan(page: Page, box: Locator, code: string): Promise<void> {
  await box.focus();
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

test('the emergency sheet printed ahead, typed back in by its barcodes as 补录, seen on the desk and in the district’s report', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const desk = new DeskPage(page, '东湖社区老幼共托中心');
  await desk.open();

  const childCard = await desk.registerWithCard({
    kind: 'child',
    name: '李小满',
    gender: 'M',
    birthDate: '2023-03-01',
    pickupAdults: [{ name: '王芳', relation: '母亲', phone: '13800001111' }],
  });
  // Two elders of one name: the sheet's barcode, not the name, says which one came.
  await desk.registerWithCard({ name: '张秀英', gender: 'F', birthDate: '1948-05-02' });
  const twinCard = await desk.registerWithCard({
    name: '张秀英',
    gender: 'F',
    birthDate: '1952-09-09',
  });
  const liuCard = await desk.registerWithCard({
    name: '刘桂兰',
    gender: 'F',
    birthDate: '1950-04-20',
  });

  // 刘桂兰 has today's lunch delivered: the sheet lists it.
  await desk.goTo('助餐');
  await page.getByRole('radio', { name: '午餐' }).check();
  await page.getByRole('radio', { name: '送餐' }).check();
  await page
    .getByRole('textbox', { name: '供餐：查找成员（姓名、拼音、首字母或扫码）' })
    .fill('刘桂兰');
  await page
    .getByRole('list', { name: 'results' })
    .getByRole('listitem')
    .filter({ hasText: '刘桂兰' })
    .getByRole('button', { name: '预订' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: '预订' })).toHaveText(
    '已为 刘桂兰 预订午餐（送餐）',
  );

  // ---- Print the sheet ahead -------------------------------------------------------------------
  const nav = page.getByRole('navigation', { name: 'main' });
  await nav.getByRole('button', { name: '纸质应急表' }).click();
  await expect(page.getByRole('heading', { name: '纸质应急表', level: 2 })).toBeVisible();
  await shot(page, 'screen');
  await page.getByLabel('日期', { exact: true }).fill(TODAY);
  await page.getByRole('button', { name: '打印应急表' }).click();
  const sheet = page.getByRole('dialog', { name: `应急签到表 ${TODAY}` });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('东湖社区老幼共托中心');
  const members = sheet.getByRole('table', { name: '在册人员（4人）' });
  const rows = members.getByTestId('paper-row');
  await expect(rows).toHaveCount(4);
  // Children first, then elders by pinyin; namesakes told apart by their birth year.
  await expect(rows.nth(0)).toContainText('李小满');
  await expect(rows.nth(0)).toContainText('____℃ □正常入班 □劝返回家');
  await expect(rows.filter({ hasText: '张秀英' })).toHaveCount(2);
  await expect(rows.filter({ hasText: '1952年生' })).toHaveCount(1);
  // Every row: a barcode of the card number, and empty boxes to write in.
  await expect(sheet.getByTestId('barcode').locator('svg')).toHaveCount(4);
  for (const card of [childCard, twinCard, liuCard])
    await expect(sheet.locator(`[data-testid="barcode"][data-code="${card}"] svg`)).toHaveCount(1);
  await expect(rows.nth(1).locator('td.box')).toHaveCount(3);
  await expect(members.getByRole('columnheader')).toHaveText([
    '条码',
    '姓名',
    '签到时间',
    '签退时间',
    '接送人',
    '用餐（午餐）',
    '晨检（体温／结果）',
  ]);
  const deliveries = sheet.getByRole('table', { name: '当日送餐名单（1份）' });
  await expect(deliveries.getByRole('row').nth(1)).toContainText('刘桂兰午餐');
  await shot(page, 'sheet');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: '/tmp/paper-sheet-print.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await sheet.getByRole('button', { name: '关闭' }).click();

  // ---- Type the filled-in sheet back in ----------------------------------------------------------
  await page.getByLabel('纸质表日期').fill(PAPER_DAY);
  const scanBox = page.getByLabel('扫描或输入表上的条码');
  await scan(page, scanBox, childCard);
  await scan(page, scanBox, twinCard);
  const backfill = page.getByRole('table', { name: '补录纸质表' });
  const typed = backfill.getByTestId('backfill-row');
  await expect(typed).toHaveCount(2);
  await expect(typed.nth(1)).toContainText('张秀英（1952年生）');
  const child = typed.nth(0);
  await child.getByLabel('李小满 签到时间').fill('08:05');
  await child.getByLabel('李小满 签退时间').fill('16:30');
  await child.getByLabel('李小满 接送人').selectOption({ label: '王芳（母亲）' });
  await child.getByLabel('李小满 用餐').check();
  await child.getByLabel('李小满 体温').fill('36.6');
  await child.getByLabel('李小满 晨检结果').selectOption('admitted');
  const twin = typed.nth(1);
  await twin.getByLabel('张秀英（1952年生） 签到时间').fill('08:30');
  await twin.getByLabel('张秀英（1952年生） 签退时间').fill('15:00');
  await twin.getByLabel('张秀英（1952年生） 用餐').check();
  await backfill.scrollIntoViewIfNeeded();
  await shot(page, 'backfill');
  await page.getByRole('button', { name: '保存补录（2行）' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已补录' })).toHaveText(
    `已补录 ${PAPER_DAY} 的 2 行，记录标为"补录"。`,
  );

  // An impossible row: out before in. Refused in words naming the field and the fix; nothing kept.
  await scan(page, scanBox, liuCard);
  const liu = backfill.getByTestId('backfill-row');
  await liu.getByLabel('刘桂兰 签到时间').fill('15:00');
  await liu.getByLabel('刘桂兰 签退时间').fill('09:00');
  await liu.getByLabel('刘桂兰 用餐').check();
  await page.getByRole('button', { name: '保存补录（1行）' }).click();
  await expect(liu.getByRole('alert')).toHaveText(
    '签退时间：签退时间不在签到时间之后：请核对两个时间。',
  );
  await expect(liu.getByLabel('刘桂兰 签退时间')).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText('已保存 0 行；1 行未保存：请按行下的提示修改后再保存。'),
  ).toBeVisible();
  await liu.scrollIntoViewIfNeeded();
  await shot(page, 'refused');
  // The same child again, overlapping the visit just typed in: one visit per person at a time.
  await scan(page, scanBox, childCard);
  const again = backfill.getByTestId('backfill-row').nth(1);
  await again.getByLabel('李小满 签到时间').fill('09:00');
  await again.getByLabel('李小满 签退时间').fill('10:00');
  await again.getByLabel('李小满 接送人').selectOption({ label: '王芳（母亲）' });
  await liu.getByLabel('刘桂兰 签退时间').fill('16:00');
  await page.getByRole('button', { name: '保存补录（2行）' }).click();
  await expect(backfill.getByTestId('backfill-row')).toHaveCount(1);
  await expect(backfill.getByRole('alert')).toHaveText(
    '签到时间：与此人当天已有的一次来访（08:05–16:30）重叠：同一人同一时间只能有一次来访，请核对时间。',
  );
  // After the visit, someone not on her list took her home, as the manager agreed that day.
  const stillTyped = backfill.getByTestId('backfill-row');
  await stillTyped.getByLabel('李小满 签到时间').fill('16:40');
  await stillTyped.getByLabel('李小满 签退时间').fill('17:20');
  await stillTyped.getByLabel('李小满 接送人').selectOption({ label: '名单外的人（站长同意）' });
  await stillTyped.getByLabel('李小满 接走人姓名').fill('李强');
  await stillTyped.getByLabel('李小满 与幼儿关系').fill('舅舅');
  await stillTyped.getByLabel('李小满 同意的站长').selectOption({ label: '周站长' });
  await page.getByRole('button', { name: '保存补录（1行）' }).click();
  await expect(stillTyped.getByRole('alert')).toHaveText(
    '接送人：名单外的人接走须写明接走人姓名、同意的站长和理由：请补全。',
  );
  await stillTyped.getByLabel('李小满 同意的理由').fill('母亲来电委托，已核对身份证');
  await stillTyped.scrollIntoViewIfNeeded();
  await shot(page, 'pickup-other');
  await page.getByRole('button', { name: '保存补录（1行）' }).click();
  await expect(backfill).toBeHidden();
  await expect(page.getByRole('region', { name: '本次已补录（4）' })).toContainText('刘桂兰');

  // ---- 补录 on the paper day's sheet ---------------------------------------------------------------
  await page.getByRole('button', { name: '查看并打印日报' }).click();
  const daily = page.getByRole('dialog', { name: `${PAPER_DAY} 日报` });
  const visits = daily.getByRole('region', { name: '到馆记录（4 人次）' });
  await expect(visits.getByRole('row').filter({ hasText: '李小满' }).first()).toContainText(
    '李小满幼儿08:0516:30补录',
  );
  await expect(visits.getByRole('row').filter({ hasText: '刘桂兰' })).toContainText('补录');
  await expect(
    daily
      .getByRole('region', { name: '站长授权的接送（名单以外的人，1 次）' })
      .getByRole('row')
      .nth(1),
  ).toContainText('李小满17:20李强，舅舅周站长母亲来电委托，已核对身份证');
  await expect(
    daily
      .getByRole('region', { name: /晨午检/ })
      .getByRole('row')
      .nth(1),
  ).toContainText('正常入班；补录');
  const meals = daily.getByRole('region', { name: '助餐（3 份）' });
  await expect(meals.getByRole('columnheader').last()).toHaveText('其中补录');
  await shot(page, 'daily-sheet');
  await daily.getByRole('button', { name: '关闭' }).click();

  // ---- 补录 in the person's records, and in the audit log ------------------------------------------
  const record = await desk.openPerson('李小满');
  const history = record.region.getByRole('region', { name: '近30天的记录' });
  await expect(history.getByRole('row')).toHaveCount(5); // heading + 2 visits, meal, check
  for (const what of ['08:05–16:30', '16:40–17:20', '用餐（午餐）', '晨检 36.6℃，正常入班'])
    await expect(history.getByRole('row').filter({ hasText: what })).toContainText(`补录${''}`);
  await expect(history).toContainText('周站长录入');
  await history.scrollIntoViewIfNeeded();
  await shot(page, 'person');

  await desk.goTo('操作日志');
  const entries = page.getByRole('row').filter({ hasText: '补录纸质表' });
  await expect(entries).toHaveCount(4);
  await expect(entries.filter({ hasText: '李小满' }).last()).toContainText(
    `签到签退、接送、用餐、健康信息纸质表日期 ${PAPER_DAY}`,
  );
  await expect(page.getByRole('row').filter({ hasText: '站长授权接送' })).toContainText(
    '母亲来电委托，已核对身份证',
  );
  await shot(page, 'audit');

  // ---- Sync, and the district's monthly report counts the paper entries apart --------------------
  await desk.enrol(district.url, await district.issueCode(centreId));
  await desk.expectSynced();
  const dash = await dashboardAs(browser, district, 'li');
  await dash
    .getByRole('navigation', { name: '主菜单' })
    .getByRole('link', { name: '报表' })
    .click();
  await expect(dash.getByRole('heading', { name: '月度报表' })).toBeVisible();
  await dash.getByLabel('月份').selectOption(PAPER_DAY.slice(0, 7));
  const paper = dash.getByRole('region', { name: '补录（纸质应急表）' });
  await expect(paper.getByTestId('stat-paperVisits')).toHaveText('4');
  await expect(paper.getByTestId('stat-paperMeals')).toHaveText('3');
  await expect(paper.getByTestId('stat-paperChecks')).toHaveText('1');
  await expect(paper.getByTestId('stat-paperDays')).toHaveText('1');
  await expect(paper.getByTestId('paper-table')).toContainText('东湖社区老幼共托中心4311');
  await paper.scrollIntoViewIfNeeded();
  await shot(dash, 'dashboard');
});
