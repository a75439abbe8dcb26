import { expect, test } from '@playwright/test';
import { publishToCentres } from '../../server/publish';
import { startTestDistrict, type TestDistrict } from '../../server/testing/harness';
import { DeskPage } from './pages/desk';
import { formatHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { AuditLogDoc } from '../../shared/schemas';
import { makeAttendance, makeMember, wire } from '../../server/testing/docs';

let district: TestDistrict;
let centreId: string;

test.beforeAll(async () => {
  district = await startTestDistrict({ kind: 'pglite' });
  centreId = await district.createCentre('阳光社区老幼共托中心');
});
test.afterAll(async ({ browser }) => {
  // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
  // first, or its close waits for them.
  await Promise.all(browser.contexts().map((context) => context.close()));
  await district?.close();
});

test('a desk enrols with the district, its records reach the server, and a second desk of the centre receives them live', async ({
  browser,
}) => {
  const first = new DeskPage(await (await browser.newContext()).newPage());
  await first.open();
  // Work done before enrolment is kept and goes up with the first sync.
  await first.register({
    name: '王秀英',
    gender: 'F',
    birthDate: '1949-12-31',
    phone: '13800138000',
    // She agreed to the district holding her data: it receives her record whole.
    consent: { by: '王秀英', relation: '本人', scopes: ['districtSharing'] },
  });
  await first.checkInByTyping('wxy');
  await expect(first.presentRow('王秀英')).toBeVisible();

  await first.enrol(district.url, (await district.issueCode(centreId)).toLowerCase());
  await expect(first.page.getByText('本机已登记到：阳光社区老幼共托中心')).toBeVisible();
  await expect(first.page.getByText('开发模式：设备令牌保存在浏览器中')).toBeVisible();
  await first.expectSynced();
  await first.page.screenshot({ path: 'test-results/screens/settings-enrolled.png' });

  const onServer = await district.db.query<{
    collection: string;
    centre_id: string;
    name: string | null;
  }>(
    `SELECT collection, centre_id, data->>'name' AS name FROM documents
      WHERE centre_id = $1 AND collection IN ('attendance', 'members', 'staff') ORDER BY collection`,
    [centreId],
  );
  expect(onServer.rows).toEqual([
    { collection: 'attendance', centre_id: centreId, name: null },
    { collection: 'members', centre_id: centreId, name: '王秀英' },
    { collection: 'staff', centre_id: centreId, name: '周站长' },
  ]);

  // A second computer of the centre connects first, from its first-start screen; the staff list
  // comes with the sync, and the manager logs in with the password set on the first desk.
  const second = new DeskPage(await (await browser.newContext()).newPage());
  await second.page.goto('/');
  await second.page.getByText('这是本中心的又一台电脑？').click();
  await second.page.getByLabel('区级服务器地址').fill(district.url);
  await second.page.getByLabel('一次性登记码').fill(await district.issueCode(centreId));
  await second.page.getByRole('button', { name: '登记本机' }).click();
  await expect(second.page.getByRole('list', { name: '工作人员' })).toBeVisible({
    timeout: 20_000,
  });
  await second.logIn();
  await second.expectSynced();
  await second.goTo('签到签退');
  await expect(second.presentRow('王秀英')).toBeVisible();

  // Live: a check-out on the first desk shows on the second within seconds, and back.
  await first.goTo('签到签退');
  await first.checkOut('王秀英');
  await expect(second.presentRow('王秀英')).toHaveCount(0, { timeout: 10_000 });
  await second.checkInByTyping('王秀英');
  await expect(first.presentRow('王秀英')).toBeVisible({ timeout: 10_000 });
  await first.page.screenshot({ path: 'test-results/screens/checkin-synced.png' });
});

test('a new desk catching up with a centre’s history says how many records have come and how many are left, then that it is in sync', async ({
  page,
}) => {
  // A centre with years behind it: 5,000 log entries already at the district.
  const busy = await district.createCentre('老街老幼共托中心');
  const writer = await district.enrolDevice(busy, 'old desk');
  for (let i = 0; i < 5_000; i += 1_000) {
    const rows = Array.from({ length: 1_000 }, (_, j) => ({
      newDocumentState: wire({
        id: newId(),
        centreId: busy,
        createdAt: new Date(Date.now() - (i + j) * 60_000).toISOString(),
        updatedAt: formatHlc({ wallMs: Date.now(), counter: i + j, node: 'olddesk' }),
        updatedBy: 'staff-1',
        action: 'staff.login',
        subjectCollection: 'staff',
        subjectId: 'staff-1',
      } satisfies AuditLogDoc),
    }));
    await district.client(writer.token).push('auditLog', rows);
  }

  const desk = new DeskPage(page);
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(busy));
  // Not "in sync" while the years still arrive: how many have come, how many are left.
  await expect(desk.statusBar).toContainText(/正在接收区里的记录：已收 [\d,]+ 条，还有 [\d,]+ 条/, {
    timeout: 20_000,
  });
  await expect(desk.statusBar).not.toContainText('已同步');
  await page.screenshot({ path: 'test-results/screens/sync-incoming.png' });
  await expect(desk.statusBar).not.toContainText('正在接收', { timeout: 90_000 });
  await desk.expectSynced();
});

test('a new desk set up mid-morning lists who is in while the years of visits still arrive', async ({
  page,
}) => {
  // A centre with a long history (6,000 visits, all checked out), and 王秀英 checked in this
  // morning on its other desk: the newest document at the district.
  const busy = await district.createCentre('河畔老幼共托中心');
  const writer = await district.enrolDevice(busy, 'old desk');
  const api = district.client(writer.token);
  const people = Array.from({ length: 20 }, (_, i) =>
    makeMember(busy, { name: `历史${i}号`, pinyin: `lishi${i}hao`, initials: 'lshh' }),
  );
  const wang = makeMember(busy, {
    name: '王秀英',
    pinyin: 'wangxiuying',
    initials: 'wxy',
    gender: 'F',
  });
  await api.push(
    'members',
    [...people, wang].map((m) => ({ newDocumentState: wire(m) })),
  );
  for (let d = 0; d < 300; d += 50) {
    const rows = people.flatMap((m) =>
      Array.from({ length: 50 }, (_, k) => {
        const day = new Date(Date.UTC(2025, 0, 1) + (d + k) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return {
          newDocumentState: wire(
            makeAttendance(busy, m.id, {
              day,
              status: 'out',
              checkInAt: `${day}T01:00:00.000Z`,
              checkOutAt: `${day}T08:00:00.000Z`,
            }),
          ),
        };
      }),
    );
    await api.push('attendance', rows);
  }
  await api.push('attendance', [{ newDocumentState: wire(makeAttendance(busy, wang.id)) }]);

  const desk = new DeskPage(page);
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(busy));
  await desk.goTo('签到签退');
  // In the building at once, while the status bar still counts the history coming in.
  await expect(desk.presentRows.filter({ hasText: '王秀英' })).toHaveCount(1, { timeout: 20_000 });
  await expect(desk.statusBar).toContainText(/正在接收区里的记录：已收 [\d,]+ 条，还有 [\d,]+ 条/);
  await page.screenshot({ path: 'test-results/screens/sync-present-first.png' });
  await expect(desk.statusBar).not.toContainText('正在接收', { timeout: 120_000 });
  await desk.expectSynced();
  await expect(desk.presentRows).toHaveCount(1);
});

test('a wrong enrolment code is refused in words, and the desk keeps working on its own', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.enrol(district.url, 'ABCD-EFGH');
  await expect(page.getByRole('alert')).toContainText(
    '登记码无效、已用过或已过期，请向区里索取新的登记码。',
  );
  await desk.goTo('设置');
  await page.getByLabel('区级服务器地址').fill('http://district.example.cn');
  await page.getByRole('button', { name: '登记本机' }).click();
  await expect(page.getByText('地址应以 https:// 开头')).toBeVisible();
  await expect(desk.statusBar).toHaveAttribute('data-sync-mode', 'unenrolled');
  await page.screenshot({ path: 'test-results/screens/settings-errors.png' });
  await desk.register({ name: '李建华', gender: 'M', birthDate: '1950-05-05' });
});

test('a desk whose clock is two days slow is told so in the status bar once it reaches the district', async ({
  page,
}) => {
  await page.clock.install({ time: new Date(Date.now() - 2 * 24 * 60 * 60_000) });
  const desk = new DeskPage(page);
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(centreId));
  await desk.expectSynced();
  await expect(page.getByTestId('clock-warning')).toHaveText(
    '本机时钟比区级平台慢 2 天：请校正电脑的日期和时间，否则签到时间会记错。',
  );
  await page.screenshot({ path: 'test-results/screens/clock-warning.png' });
});

test('rules and a notice the district pushes reach an online desk within seconds, and its rules become read-only there', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(centreId));
  await desk.expectSynced();

  const today = new Date().toISOString().slice(0, 10);
  await publishToCentres(
    district.db,
    district.app.sync,
    { kind: 'announcement', title: '流感季', text: '入园请戴口罩。', shownFrom: today },
    'admin',
  );
  await publishToCentres(
    district.db,
    district.app.sync,
    { kind: 'rules', title: '2027 年托育标准', settings: { ratioLimits: { infant: 2 } as never } },
    'admin',
  );
  const notice = page.getByRole('region', { name: '区级通知' });
  await expect(notice).toContainText('流感季 入园请戴口罩。', { timeout: 10_000 });

  const rules = page.getByRole('form', { name: '本中心规则' });
  await expect(rules.getByText('区级平台于')).toContainText('“2027 年托育标准”');
  const infant = rules.getByLabel('乳儿班');
  await expect(infant).toHaveValue('2');
  await expect(infant).toHaveAttribute('readonly', '');
  await expect(rules.getByLabel('托小班')).not.toHaveAttribute('readonly', '');
  await page.screenshot({ path: 'test-results/screens/district-rules.png', fullPage: true });
});
