import { expect, test, type Browser, type Page } from '@playwright/test';
import { createCentre } from '../../server/admin';
import { TEST_PASSWORD } from '../../server/district/testing';
import { makeConsent, makeMember, wire } from '../../server/testing/docs';
import type { TestDistrict } from '../../server/testing/harness';
import { nameSearchKeys } from '../../shared/search';
import { DeskPage } from './pages/desk';
import { dashboardAs, logIn as logInAs, startDashboardDistrict } from './pages/dashboard';

/**
 * The district dashboard in Chromium, served by a real district server from the built pages
 * (`npm run build:dashboard`, which `npm run test:e2e` runs first), with desks enrolled in other
 * browser contexts to see what the dashboard does reach them.
 */
const SCREENS = 'test-results/screens';
const ID_NUMBER = '110101194912311234';

let district: TestDistrict;
let centreId: string;

test.beforeAll(async () => {
  district = await startDashboardDistrict();
  centreId = await district.createCentre('阳光社区老幼共托中心', 'sunrise');
});
test.afterAll(async ({ browser }) => {
  // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
  // first, or its close waits for them.
  await Promise.all(browser.contexts().map((context) => context.close()));
  await district?.close();
});

const logIn = (page: Page, login: string, password?: string) =>
  logInAs(page, district, login, password);

/**
 * No sideways scrolling of the page at 1366×768, nor at 150 % browser zoom (the same layout as a
 * 911×512 window); wide tables scroll inside their own box.
 */
async function expectNoSidewaysScroll(page: Page, screenshot?: string): Promise<void> {
  const overflow = () =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  expect(await overflow()).toBe(0);
  await page.setViewportSize({ width: 911, height: 512 });
  expect(await overflow()).toBe(0);
  if (screenshot) await page.screenshot({ path: `${SCREENS}/${screenshot}` });
  await page.setViewportSize({ width: 1366, height: 768 });
}

const dashboard = (browser: Browser, login: string) => dashboardAs(browser, district, login);

/** A desk of `centre` in its own browser context, enrolled and online. */
async function enrolledDesk(browser: Browser, centre: string): Promise<DeskPage> {
  const desk = new DeskPage(await (await browser.newContext()).newPage());
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(centre));
  await desk.expectSynced();
  return desk;
}

test('login: a wrong password is refused in words, the right one gets in; logout and an expired session lead back to the login page', async ({
  page,
}) => {
  const root = await page.goto(`${district.url}/`);
  expect(page.url()).toBe(`${district.url}/dashboard/`);
  expect(root?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('heading', { name: '区级管理平台登录' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/dashboard-login.png` });

  await logIn(page, 'wang', 'not the password');
  await expect(page.getByRole('alert')).toHaveText('登录名或密码不对，请检查后再试。');
  await expect(page.getByLabel('密码')).toHaveValue('');
  await page.screenshot({ path: `${SCREENS}/dashboard-login-error.png` });

  await page.getByLabel('密码').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page.getByTestId('who')).toContainText('王科长（wang）');
  await expect(page.getByTestId('who')).toContainText('身份：区级管理员');
  const nav = page.getByRole('navigation', { name: '主菜单' });
  await expect(nav.getByRole('link')).toHaveText([
    '概况',
    '传染病聚集',
    '设备',
    '报表',
    '发布规则与通知',
    '操作日志',
  ]);

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('status')).toHaveText('已退出登录。');
  await page.reload();
  await expect(page.getByRole('heading', { name: '区级管理平台登录' })).toBeVisible();

  // The session ends on the server (timed out, or the account disabled): the next call leads back.
  await logIn(page, 'wang');
  await expect(page.getByTestId('who')).toBeVisible();
  await district.db.query('DELETE FROM district_sessions');
  // The overview may still be loading (its outbreak alert is a call of its own): whichever call
  // comes next, the page's own or opening 设备, leads back to the login page.
  await page.evaluate(() => {
    window.location.hash = '#/devices';
  });
  await expect(page.getByRole('status')).toHaveText('登录已过期，请重新登录。');
  await expect(page.getByLabel('登录名')).toBeVisible();
});

test('overview: 300 centres, the quiet ones flagged, sorted by last sync both ways and filtered by pinyin initials', async ({
  browser,
}) => {
  // 299 more centres; three have desks, synced an hour, two days and five days ago.
  await district.db.transaction(async (tx) => {
    for (let i = 1; i < 300; i++) {
      await createCentre(tx, { name: `第${String(i).padStart(3, '0')}社区中心`, id: `c${i}` });
    }
  });
  const synced: [string, number][] = [
    ['c1', 60 * 60_000],
    ['c2', 2 * 86400_000],
    ['c3', 5 * 86400_000],
  ];
  for (const [id, ago] of synced) {
    const device = await district.enrolDevice(id, `${id} 前台`);
    await district.db.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [
      device.deviceId,
      new Date(Date.now() - ago),
    ]);
  }

  const page = await dashboard(browser, 'wang');
  const table = page.locator('table.overview');
  const rows = table.locator('tbody tr');
  await expect(rows).toHaveCount(300);
  await expect(page.getByText('共 300 个中心（全区 300 个），298 个超过 3 天未同步')).toBeVisible();
  const quiet = rows.filter({ hasText: '第003社区中心' });
  await expect(quiet.getByTestId('last-sync')).toHaveText('5天前⚠ 超过 3 天未同步');
  await expect(rows.filter({ hasText: '第001社区中心' }).locator('.badge')).toHaveCount(0);

  const header = table.getByRole('columnheader', { name: '最近同步' });
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.nth(0).locator('th')).toHaveText('第003社区中心');
  await expect(rows.nth(1).locator('th')).toHaveText('第002社区中心');
  await expect(rows.nth(2).locator('th')).toHaveText('第001社区中心');
  // The keyboard works as well as the mouse.
  await header.getByRole('button').press('Enter');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.nth(0).locator('th')).toHaveText('第001社区中心');
  await expect(rows.nth(2).locator('th')).toHaveText('第003社区中心');
  await expect(table.getByRole('columnheader', { name: '中心' })).toHaveAttribute(
    'aria-sort',
    'none',
  );
  await page.screenshot({ path: `${SCREENS}/dashboard-overview.png` });
  await expectNoSidewaysScroll(page, 'dashboard-overview-zoom150.png');

  await page.getByLabel('只看未同步的中心').check();
  await expect(rows).toHaveCount(298);
  await page.getByLabel('只看未同步的中心').uncheck();
  await page.getByLabel('查找中心').fill('ygsq');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().locator('th')).toHaveText('阳光社区老幼共托中心');
  await page.getByLabel('查找中心').fill('');

  // A stricter limit: one day without sync makes the centre of two days ago stale as well.
  await page.getByLabel('多少天未同步算异常').fill('1');
  await expect(page.getByText('299 个超过 1 天未同步')).toBeVisible();

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Centres overview' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/dashboard-overview-en.png` });
  await page.getByRole('button', { name: '中文' }).click();
});

test('revoking a device on the dashboard refuses its desk at once', async ({ browser }) => {
  const centre = await district.createCentre('东村老幼中心', 'east');
  const desk = await enrolledDesk(browser, centre);
  const page = await dashboard(browser, 'wang');
  await page.goto(`${district.url}/dashboard/#/centre/${centre}`);
  await expect(page.getByRole('heading', { name: '东村老幼中心' })).toBeVisible();
  const row = page.locator('tr[data-device]').first();
  const deviceName = (await row.getAttribute('data-device'))!;
  await expect(row).toContainText('在用');

  await row.getByRole('button', { name: '改名' }).click();
  await page.getByLabel(`“${deviceName}”的新名称`).fill('东村一楼前台');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('已改名为“东村一楼前台”。');

  await row.getByRole('button', { name: '停用' }).click();
  const dialog = page.getByRole('dialog', { name: '停用设备' });
  await expect(dialog).toContainText('确定停用 东村老幼中心 的“东村一楼前台”吗？');
  await dialog.getByRole('button', { name: '确定停用“东村一楼前台”' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('请写明停用原因（1 至 500 个字）。');
  await dialog.getByLabel('停用原因（会告诉这台电脑）').fill('电脑丢失，已报警');
  await page.screenshot({ path: `${SCREENS}/dashboard-revoke-dialog.png` });
  await dialog.getByRole('button', { name: '确定停用“东村一楼前台”' }).click();
  await expect(page.getByRole('status')).toHaveText('“东村一楼前台”已停用。');
  await expect(row).toContainText('已停用：电脑丢失，已报警');

  await expect(desk.statusBar).toContainText('本机已被区里停用，原因：“电脑丢失，已报警”', {
    timeout: 10_000,
  });
  await desk.page.screenshot({ path: `${SCREENS}/dashboard-revoked-desk.png` });

  // An enrolment code for the centre's replacement computer, big enough to read over the phone.
  await page.getByLabel('有效小时数').fill('48');
  await page.getByRole('button', { name: '生成登记码' }).click();
  await expect(page.getByTestId('enrolment-code')).toHaveText(
    /^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/,
  );
  await expect(page.getByText(/有效期至 .*（48 小时）/)).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/dashboard-centre.png`, fullPage: true });

  await page.getByRole('navigation').getByRole('link', { name: '设备' }).click();
  await page.getByLabel('显示').selectOption('revoked');
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await page.screenshot({ path: `${SCREENS}/dashboard-devices.png` });
  await expectNoSidewaysScroll(page);
});

test('rules and a notice published on the dashboard reach an online desk within seconds', async ({
  browser,
}) => {
  const desk = await enrolledDesk(browser, centreId);
  const page = await dashboard(browser, 'wang');
  await page.getByRole('link', { name: '发布规则与通知' }).click();
  const rules = page.getByRole('form', { name: '规则' });
  await expect(rules.getByText('现行：37.3').first()).toBeVisible();

  // A figure out of range is refused beside the field, before anything is sent.
  await rules.getByLabel('发热标准（°C，达到即算发热）').fill('41');
  await rules.getByLabel('乳儿班').fill('2');
  await rules.getByLabel('70 岁以上 午餐').fill('6');
  await rules.getByRole('button', { name: '发布到全区' }).click();
  await expect(rules.getByText('应为 37 至 38.5 之间的数')).toBeVisible();
  await expect(rules.getByRole('alert').last()).toHaveText('有填写错误，请按红字修改后再发布。');
  await page.screenshot({ path: `${SCREENS}/dashboard-publish-error.png`, fullPage: true });
  await rules.getByLabel('发热标准（°C，达到即算发热）').fill('37.5');
  await rules.getByLabel('标题').fill('2027 年托育标准');
  await rules.getByRole('button', { name: '发布到全区' }).click();
  await expect(page.getByTestId('published')).toHaveText(
    '已发布“2027 年托育标准”。在线的中心几秒内就会收到，离线的中心下次同步时收到。',
  );

  const desksRules = desk.page.getByRole('form', { name: '本中心规则' });
  await expect(desksRules.getByText('区级平台于')).toContainText('“2027 年托育标准”', {
    timeout: 10_000,
  });
  await expect(desksRules.getByLabel('乳儿班')).toHaveValue('2');
  await expect(desksRules.getByLabel('乳儿班')).toHaveAttribute('readonly', '');
  // The daily rules come with it: the subsidy the district raised, read-only on the desk.
  const desksDaily = desk.page.getByRole('region', { name: '日常标准（区级平台统一设定）' });
  await expect(desksDaily).toContainText('区级平台于');
  await expect(desksDaily.locator('tr[data-category="age70"]')).toContainText('¥6.00');
  await expect(desksDaily.locator('tr[data-category="age70"]')).toContainText('¥5.00');

  const pushed = await district.db.query<{ settings: Record<string, unknown> }>(
    `SELECT data->'settings' AS settings FROM documents WHERE collection = 'district' AND id = 'district-rules'`,
  );
  // The rules in force, and the same as the one dated version kept (in force from today).
  const { versions, ...inForce } = pushed.rows[0]!.settings;
  expect((versions as { settings: unknown }[]).map((v) => v.settings)).toEqual([inForce]);
  expect(inForce).toEqual({
    feverFrom: 37.5,
    ratioLimits: { infant: 2 },
    daily: {
      mealSubsidies: {
        neediest: { breakfast: 1500, lunch: 1500, dinner: 1500 },
        age70: { breakfast: 500, lunch: 600, dinner: 500 },
        age65: { breakfast: 100, lunch: 100, dinner: 100 },
      },
    },
  });

  await page.getByRole('tab', { name: '通知' }).click();
  const notice = page.getByRole('form', { name: '通知' });
  await notice.getByLabel('标题').fill('流感季');
  await notice.getByLabel('说明（可不填）').fill('入园请戴口罩。');
  await notice.getByRole('button', { name: '发布到全区' }).click();
  await expect(page.getByTestId('published')).toContainText('已发布“流感季”');
  await expect(desk.page.getByRole('region', { name: '区级通知' })).toContainText(
    '流感季 入园请戴口罩。',
    { timeout: 10_000 },
  );
  await desk.page.screenshot({ path: `${SCREENS}/dashboard-pushed-desk.png`, fullPage: true });
  await page.screenshot({ path: `${SCREENS}/dashboard-publish.png`, fullPage: true });

  // Withdrawn on the dashboard, the notice leaves the desk as well.
  page.once('dialog', (dialog) => void dialog.accept());
  await page
    .getByRole('listitem')
    .filter({ hasText: '流感季' })
    .getByRole('button', { name: '撤回' })
    .click();
  await expect(page.getByTestId('published')).toHaveText('已撤回“流感季”。');
  await expect(desk.page.getByRole('region', { name: '区级通知' })).toHaveCount(0, {
    timeout: 10_000,
  });
  await expectNoSidewaysScroll(page, 'dashboard-publish-zoom150.png');

  await page.getByRole('tab', { name: '活动模板' }).click();
  const template = page.getByRole('form', { name: '活动模板' });
  await template.getByLabel('标题').fill('祖孙放风筝');
  await template.getByLabel('时长（分钟）').fill('90');
  await template.getByRole('button', { name: '发布到全区' }).click();
  await expect(page.getByTestId('published')).toContainText('已发布“祖孙放风筝”');
  await page.screenshot({ path: `${SCREENS}/dashboard-publish-template.png`, fullPage: true });
});

test('a viewer sees no admin controls, and a person record without its sensitive fields; every view is logged', async ({
  browser,
}) => {
  const device = await district.enrolDevice(centreId, 'fixture');
  const wang = makeMember(centreId, {
    name: '王秀英',
    birthDate: '1949-12-31',
    idNumber: ID_NUMBER,
    healthNotes: '高血压，每日服药',
    categories: ['livingAlone', 'dibao'],
    visitRisk: 'high',
  });
  const li = makeMember(centreId, {
    name: '李小明',
    kind: 'child',
    birthDate: '2024-05-01',
    childClass: 'toddler',
    guardians: [{ id: 'g1', name: '李妈妈', relation: '母亲', phone: '13912345678' }],
  });
  // Registered before consents were asked for: the district counts her, and shows nothing of hers.
  const zhao = makeMember(centreId, { name: '赵桂芝', birthDate: '1945-02-02' });
  const consents = [
    ...(['districtSharing', 'idNumber', 'health'] as const).map((scope) =>
      makeConsent(centreId, wang.id, scope),
    ),
    ...(['childData', 'districtSharing'] as const).map((scope) =>
      makeConsent(centreId, li.id, scope, { givenBy: '李妈妈', relation: '母亲' }),
    ),
  ];
  await district.client(device.token).batch({
    pushes: {
      consents: consents.map((c) => ({ newDocumentState: wire(c) })),
      members: [wang, li, zhao].map((m) => ({ newDocumentState: wire(m) })),
    },
  });

  const viewer = await dashboard(browser, 'li');
  await expect(viewer.getByTestId('who')).toContainText('身份：只读查看');
  const nav = viewer.getByRole('navigation', { name: '主菜单' });
  await expect(nav.getByRole('link')).toHaveText(['概况', '传染病聚集', '设备', '报表']);
  await nav.getByRole('link', { name: '设备' }).click();
  await expect(viewer.locator('tbody tr').first()).toBeVisible();
  await expect(viewer.getByRole('button', { name: '停用' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: '改名' })).toHaveCount(0);

  await viewer.goto(`${district.url}/dashboard/#/centre/${centreId}`);
  await expect(viewer.getByRole('heading', { name: '本中心的人员' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: '生成登记码' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: '赵桂芝' })).toHaveCount(0);
  await expect(viewer.getByTestId('not-shared')).toContainText(
    '另有 1 位老人、0 位儿童未同意向区里提供个人信息',
  );
  await viewer.getByRole('button', { name: '王秀英' }).click();
  const record = viewer.getByRole('dialog', { name: '王秀英 的档案' });
  await expect(record).toContainText('独居、低保');
  await expect(record.getByTestId('withheld')).toContainText(
    '以下信息只有区级管理员可以看到，已隐藏：身份证号、出生日期、电话、健康备注',
  );
  await expect(record).not.toContainText(ID_NUMBER);
  await expect(record).not.toContainText('高血压');
  await viewer.screenshot({ path: `${SCREENS}/dashboard-person-viewer.png` });

  const admin = await dashboard(browser, 'wang');
  await admin.goto(`${district.url}/dashboard/#/centre/${centreId}`);
  await admin.getByRole('button', { name: '王秀英' }).click();
  const full = admin.getByRole('dialog', { name: '王秀英 的档案' });
  await expect(full).toContainText(ID_NUMBER);
  await expect(full).toContainText('高血压，每日服药');
  await admin.screenshot({ path: `${SCREENS}/dashboard-person-admin.png` });
  await full.getByRole('button', { name: '关闭' }).click();

  await admin.getByRole('link', { name: '操作日志' }).click();
  const views = admin.locator('table.log tbody tr').filter({ hasText: '查看个人档案' });
  await expect(views.nth(0)).toContainText('王科长（wang）查看个人档案王秀英');
  await expect(views.nth(1)).toContainText('李干事（li）查看个人档案王秀英');
  await admin.screenshot({ path: `${SCREENS}/dashboard-actions.png` });
  await expectNoSidewaysScroll(admin, 'dashboard-actions-zoom150.png');
});

test('the dashboard lists people in the desk’s name order: surnames by their surname reading (单 under S, 曾 under Z)', async ({
  browser,
}) => {
  const centre = await district.createCentre('和平里老幼共托中心', 'heping');
  const device = await district.enrolDevice(centre, 'fixture');
  const names = ['曾国华', '单秀兰', '丹凤', '陈明'];
  const people = names.map((name, i) =>
    makeMember(centre, { name, ...nameSearchKeys(name), birthDate: `194${i}-01-01` }),
  );
  await district.client(device.token).batch({
    pushes: {
      consents: people.map((p) => ({
        newDocumentState: wire(makeConsent(centre, p.id, 'districtSharing')),
      })),
      members: people.map((p) => ({ newDocumentState: wire(p) })),
    },
  });
  const admin = await dashboard(browser, 'wang');
  await admin.goto(`${district.url}/dashboard/#/centre/${centre}`);
  const rows = admin.locator('tbody th[scope="row"] button');
  // The collator alone would put 曾 (céng) first and 单 (dān) beside 丹; the desk does not.
  await expect(rows).toHaveText(['陈明', '丹凤', '单秀兰', '曾国华']);
  await rows.last().scrollIntoViewIfNeeded();
  await admin.screenshot({ path: '/tmp/fd-names-dashboard-order.png' });
});
