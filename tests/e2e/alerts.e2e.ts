import { expect, test, type Page } from '@playwright/test';
import type { MonthlyReportResponse } from '../../server/district/types';
import { makeMember, wire } from '../../server/testing/docs';
import type { TestDistrict } from '../../server/testing/harness';
import { HybridClock } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import type { MealDoc } from '../../shared/schemas';
import { dashboardAs, startDashboardDistrict } from './pages/dashboard';
import { DeskPage, MANAGER, type StaffLogin } from './pages/desk';

/*
 * Issue 15, point 6 "Alerts reach someone" and point 8 "Rules take effect from a date", as a
 * centre's health worker, receptionist and manager, and the district's admin, would meet them.
 * Screenshots at 1366×768 in Chinese go to /tmp/al-*.png.
 */
const HEALTH_WORKER: StaffLogin = { name: '刘医生', pin: '3692' };
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/al-${name}.png` });

const nav = (page: Page, tab: string) =>
  page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: tab }).click();

test('a 38.3 °C child with a fever goes in as 正常入班 only with the health worker’s reason, and is flagged in the building list, on the home screen, on the health record and to the manager', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.addStaff(HEALTH_WORKER, '保健员');
  await desk.register({
    kind: 'child',
    name: '李小满',
    gender: 'M',
    birthDate: '2024-03-01',
    consent: { by: '李建国', relation: '父亲', scopes: ['health'] },
  });
  await desk.register({ kind: 'child', name: '田甜', gender: 'F', birthDate: '2023-09-09' });

  await desk.switchTo(HEALTH_WORKER);
  await desk.checkInByTyping('李小满');
  await desk.checkInByTyping('田甜');
  await desk.presentRow('李小满').getByRole('button', { name: '晨检' }).click();
  const check = page.getByRole('dialog', { name: '李小满 晨检' });
  await check.getByLabel('体温（℃）').fill('38.3');
  await check.getByRole('group', { name: '症状' }).getByLabel('发热').check();
  await expect(check.getByRole('radio', { name: '正常入班' })).toBeChecked();
  await expect(check.getByRole('status')).toContainText('须由保健员写明放行理由');
  // Saved as 正常入班 without a reason: refused, nothing written, the reason asked for.
  await check.getByRole('button', { name: '保存晨检' }).click();
  const reason = check.getByLabel('放行理由（发现异常仍正常入班）');
  await expect(check.getByText('发现异常仍选“正常入班”，必须填写放行理由')).toBeVisible();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'check-refused');
  await reason.fill('家长说明已服退烧药，班主任每小时复测');
  await check.getByRole('button', { name: '保存晨检' }).click();
  await expect(check).toBeHidden();

  // The in-building list flags him, in words for the health worker.
  const row = desk.presentRow('李小满');
  await expect(row.locator('.health-flag')).toContainText('健康留意');
  await expect(row).toContainText('体温 38.3℃');
  await expect(row).toContainText('保健员放行：家长说明已服退烧药');
  await expect(desk.presentRow('田甜').locator('.health-flag')).toHaveCount(0);
  await row.scrollIntoViewIfNeeded();
  await shot(page, 'in-building-flag');

  // The home screen's alerts.
  await nav(page, '今日');
  const alerts = page.getByRole('region', { name: '需要留意' });
  await expect(alerts.getByRole('alert', { name: '晨午检异常' })).toContainText(
    '李小满：晨检 体温 38.3℃ · 正常入班（保健员放行：家长说明已服退烧药，班主任每小时复测）',
  );

  // The health record.
  await nav(page, '健康记录');
  await page.getByLabel('查找成员（姓名、拼音或首字母）').fill('lxm');
  await page
    .getByRole('list', { name: '成员' })
    .getByRole('listitem')
    .filter({ hasText: '李小满' })
    .getByRole('button', { name: '打开' })
    .click();
  const record = page.getByRole('region', { name: '李小满 的健康记录' });
  const flagged = record.getByRole('region', { name: '晨午检异常记录（近 30 天）' });
  await expect(flagged).toContainText('健康留意');
  await expect(flagged).toContainText('晨检 体温 38.3℃ · 正常入班（保健员放行：');
  await flagged.scrollIntoViewIfNeeded();
  await shot(page, 'health-record-flag');

  // The manager logs in on this desk: the notice is on their home screen.
  await desk.switchTo(MANAGER);
  await nav(page, '今日');
  await expect(
    page.getByRole('region', { name: '需要留意' }).getByRole('alert', { name: '晨午检异常' }),
  ).toContainText('李小满：晨检 体温 38.3℃');
  await shot(page, 'manager-home');
});

test('a blood pressure of 168/98 is flagged and listed to follow up; a low-salt elder is reminded of the diet with no menu; a meal after check-out asks', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({ name: '王秀英', gender: 'F', birthDate: '1940-05-01', diets: ['低盐'] });
  await desk.register({ name: '张德明', gender: 'M', birthDate: '1944-02-10' });

  await desk.goTo('健康记录');
  await page.getByLabel('查找成员（姓名、拼音或首字母）').fill('wxy');
  await page
    .getByRole('list', { name: '成员' })
    .getByRole('listitem')
    .filter({ hasText: '王秀英' })
    .getByRole('button', { name: '打开' })
    .click();
  const record = page.getByRole('region', { name: '王秀英 的健康记录' });
  const measure = record.getByRole('form', { name: '记录测量' });
  await measure.getByLabel('收缩压（高压，mmHg）').fill('168');
  await measure.getByLabel('舒张压（低压，mmHg）').fill('98');
  await measure.getByRole('button', { name: '保存测量' }).click();
  await expect(measure.getByRole('status')).toHaveText('已保存。');
  const trend = record.getByRole('region', { name: '血压趋势' });
  await expect(trend.getByRole('table').getByRole('row').nth(1)).toContainText('168/98 mmHg偏高');
  const follow = page.getByRole('region', { name: '需随访（1）' });
  await expect(follow.getByRole('listitem')).toHaveCount(1);
  await expect(follow.getByRole('listitem')).toContainText('王秀英');
  await expect(follow.getByRole('listitem')).toContainText('血压 168/98 mmHg 偏高');
  await shot(page, 'follow-up');
  await trend.scrollIntoViewIfNeeded();
  await shot(page, 'trend-flag');

  await nav(page, '今日');
  await expect(page.getByRole('region', { name: '需要留意' })).toContainText(
    '有 1 条血压或血糖读数超出标准，需随访。',
  );
  await shot(page, 'home-follow-up');

  // Lunch with no menu entered: the low-salt diet is a reminder all the same.
  await desk.goTo('助餐');
  await page.getByRole('radio', { name: '午餐' }).check();
  await expect(page.getByRole('region', { name: '今日午餐菜单' })).toContainText('尚未录入菜单。');
  const finder = page.getByRole('textbox', { name: '供餐：查找成员（姓名、拼音、首字母或扫码）' });
  await finder.fill('王秀英');
  await finder.press('Enter');
  const confirm = page.getByRole('dialog', { name: '供餐前请核对：王秀英' });
  await expect(confirm).toContainText(
    '今天的午餐没有录入菜单。王秀英 需要低盐，请按要求备餐后再供餐。',
  );
  await shot(page, 'diet-no-menu');
  await confirm.getByRole('button', { name: '知道了，确认供餐' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已记录' })).toHaveText(
    '已记录：王秀英 午餐（堂食）',
  );

  // 张德明 came and went home: a dinner eaten here is asked about; Enter does not serve it.
  await desk.checkInByTyping('张德明');
  await desk.checkOut('张德明');
  await desk.goTo('助餐');
  await page.getByRole('radio', { name: '晚餐' }).check();
  await page.getByRole('radio', { name: '堂食' }).check();
  await finder.fill('张德明');
  await finder.press('Enter');
  const asked = page.getByRole('dialog', { name: '供餐前请核对：张德明' });
  await expect(asked.getByRole('alert')).toContainText('张德明 今天');
  await expect(asked.getByRole('alert')).toContainText('已签退离馆。确认仍为其登记堂食吗？');
  await expect(asked.getByRole('button', { name: '不供餐' })).toBeFocused();
  await shot(page, 'meal-after-checkout');
  await page.keyboard.press('Enter');
  await expect(asked).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '张德明' })).toHaveText(
    '未给 张德明 记录晚餐。',
  );
  await finder.fill('张德明');
  await finder.press('Enter');
  await asked.getByRole('button', { name: '确认仍然供餐' }).click();
  await expect(page.getByRole('status').filter({ hasText: '张德明' })).toHaveText(
    '已记录：张德明 晚餐（堂食）',
  );
});

// ---- the district: a rate published mid-month keeps earlier meals at the old price ----------

/** Last month in the district's time zone. */
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

test.describe('the district', () => {
  let district: TestDistrict;
  const MONTH = lastMonth();
  const day = (n: number) => `${MONTH}-${String(n).padStart(2, '0')}`;
  test.beforeAll(async () => {
    district = await startDashboardDistrict();
    const centre = await district.createCentre('东城老幼共托中心', 'east');
    const elder = makeMember(centre, { kind: 'elder', name: '王一' });
    const clock = new HybridClock('e2edesk');
    const lunch = (n: number): MealDoc => ({
      id: newId(),
      centreId: centre,
      createdAt: `${day(n)}T04:00:00.000Z`,
      updatedAt: clock.tick(),
      updatedBy: 'staff-1',
      kind: 'serving',
      memberId: elder.id,
      day: day(n),
      mealType: 'lunch',
      mode: 'dineIn',
      servedAt: `${day(n)}T04:00:00.000Z`,
      servedBy: 'staff-1',
      subsidyCategory: 'neediest',
    });
    await district.app.sync.pushMany({ kind: 'district', name: 'e2e' }, [
      { collection: 'members', rows: [{ newDocumentState: wire(elder) }] },
      {
        collection: 'meals',
        rows: [3, 10, 20, 25].map((n) => ({ newDocumentState: wire(lunch(n)) })),
      },
    ]);
  });
  test.afterAll(async ({ browser }) => {
    // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
    // first, or its close waits for them.
    await Promise.all(browser.contexts().map((context) => context.close()));
    await district?.close();
  });

  test('a new rate published to take effect mid-month leaves the meals served before it at the old price', async ({
    browser,
  }) => {
    const page = await dashboardAs(browser, district, 'wang');
    const report = async () => {
      const res = await page.request.get(
        `${district.url}/api/district/reports/monthly?month=${MONTH}`,
      );
      return ((await res.json()) as MonthlyReportResponse).district.meals.amountFen;
    };
    expect(await report()).toBe(4 * 1500); // the default ¥15 for the neediest

    await page.getByRole('link', { name: '发布规则与通知' }).click();
    const rules = page.getByRole('form', { name: '规则' });
    const effective = rules.getByLabel('生效日期');
    await expect(effective).toHaveValue(
      // Today (the browser runs in Shanghai time).
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()),
    );
    await expect(rules.getByLabel('收缩压偏高（mmHg，达到即偏高）')).toHaveValue('140');
    await rules.getByLabel('标题').fill('提高特困老人助餐补贴');
    await rules.getByLabel(/(neediest|特困).*午餐/).fill('18');
    // A day box, year first whatever the computer's language; 2026/11/16 is read as 2026-11-16.
    await effective.fill(day(16).replaceAll('-', '/'));
    await effective.scrollIntoViewIfNeeded();
    await shot(page, 'dashboard-effective-date');
    await rules.getByRole('button', { name: '发布到全区' }).click();
    await expect(page.getByTestId('published')).toContainText('已发布“提高特困老人助餐补贴”');

    // The 3rd and 10th stay at ¥15; the 20th and 25th at ¥18.
    expect(await report()).toBe(2 * 1500 + 2 * 1800);
    await page
      .getByRole('navigation', { name: '主菜单' })
      .getByRole('link', { name: '报表' })
      .click();
    await page.getByRole('button', { name: '◀ 上个月' }).click();
    await expect(page.getByText(`统计 ${day(1)} 至`)).toBeVisible();
    await expect(page.getByTestId('stat-amount')).toHaveText('66.00 元');
    await expect(page.getByTestId('rates-changed')).toHaveText(
      `本月助餐补贴标准自 ${day(16)} 起调整：每餐按供餐当天执行的标准结算。`,
    );
    await shot(page, 'dashboard-report');
  });
});
