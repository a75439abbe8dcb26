import { expect, test, type Page } from '@playwright/test';
import { dashboardAs, startDashboardDistrict } from './pages/dashboard';
import { DeskPage, MANAGER, type StaffLogin } from './pages/desk';

// Every flow here runs in a browser whose own language is American English: what the desk and the
// dashboard show and take must not follow it (dates year first, 24-hour times).
test.use({ locale: 'en-US' });

const RECEPTION: StaffLogin = { name: '陈静', pin: '1470' };

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/wk-${name}.png` });

test('a guardian is on the pick-up list by default, says the form, and collects the child at the door', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.goTo('登记新成员');
  const form = desk.registrationForm();
  await form.getByRole('radio', { name: '幼儿' }).check();
  const guardian = form.getByRole('group', { name: '监护人' });
  await expect(guardian.getByLabel('也可接送')).toBeChecked();
  await expect(guardian).toContainText('监护人默认列入接送名单');
  await shot(page, 'guardian-form');

  // A guardian only, no pick-up adult typed: the guardian takes the child home.
  const card = await desk.registerWithCard({
    kind: 'child',
    name: '孙小雨',
    gender: 'F',
    birthDate: '2023-09-09',
    guardian: { name: '孙丽', relation: '母亲', phone: '13800003333' },
  });
  await desk.goTo('签到签退');
  await desk.scan(card);
  await expect(page.getByTestId('arrival')).toContainText('孙小雨 已签到');
  await desk.presentRow('孙小雨').getByRole('button', { name: '签退' }).click();
  const pickup = page.getByRole('dialog', { name: '孙小雨 离园接送' });
  await expect(pickup.getByRole('button', { name: /孙丽/ })).toBeVisible();
  await shot(page, 'guardian-pickup');
  await pickup.getByRole('button', { name: /孙丽/ }).click();
  await expect(page.getByRole('status').filter({ hasText: '孙小雨 已签退' })).toBeVisible();
  await expect(desk.presentRows).toHaveCount(0);

  // Unticked, the guardian is not on the list: only the adult typed is.
  await desk.goTo('登记新成员');
  await form.getByRole('radio', { name: '幼儿' }).check();
  await form.getByLabel('姓名', { exact: true }).first().fill('孙小雷');
  await form.getByLabel('女').check();
  await form.getByLabel('出生日期').fill('2023-10-10');
  await guardian.getByLabel('姓名').fill('孙强');
  await guardian.getByLabel('关系').fill('父亲');
  await guardian.getByLabel('手机号').fill('13800004444');
  await guardian.getByLabel('也可接送').uncheck();
  const first = form.getByRole('group', { name: '接送人 1' });
  await first.getByLabel('姓名').fill('孙奶奶');
  await first.getByLabel('关系').fill('祖母');
  await form.getByLabel('监护人同意本中心收集和使用幼儿的个人信息').check();
  await form.getByLabel(/^签署人/).fill('孙强');
  await form.getByLabel('与本人关系').fill('父亲');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已登记 孙小雷' })).toBeVisible();
  await desk.checkInByTyping('孙小雷');
  await expect(page.getByTestId('arrival')).toContainText('孙小雷 已签到');
  await desk.presentRow('孙小雷').getByRole('button', { name: '签退' }).click();
  const second = page.getByRole('dialog', { name: '孙小雷 离园接送' });
  await expect(second.getByRole('button', { name: /孙奶奶/ })).toBeVisible();
  await expect(second.getByRole('button', { name: /孙强/ })).toHaveCount(0);
});

test('a half-filled registration survives the idle lock for the same staff member, and is gone for another', async ({
  page,
}) => {
  await page.clock.install();
  const desk = new DeskPage(page);
  await desk.open();
  await desk.addStaff(RECEPTION, '前台');
  await desk.goTo('登记新成员');
  const form = desk.registrationForm();
  await form.getByLabel('姓名', { exact: true }).first().fill('王秀英');
  await form.getByLabel('出生日期').fill('1940/5/1');
  await form.getByLabel('手机号（可选）').fill('13900001111');

  // Five minutes without a key: the desk locks (the default rule).
  await page.clock.runFor('05:01');
  const pick = page.getByRole('list', { name: '工作人员' });
  await expect(pick).toBeVisible();
  await expect(form).toBeHidden();

  // The same manager logs in again: the form is back as it was left, with a word saying so.
  await pick.getByRole('button', { name: MANAGER.name }).click();
  await page.getByLabel(`${MANAGER.name} 的密码`).fill(MANAGER.pin);
  await page.getByLabel(`${MANAGER.name} 的密码`).press('Enter');
  await expect(form).toBeVisible();
  await expect(form.getByLabel('姓名', { exact: true }).first()).toHaveValue('王秀英');
  await expect(form.getByLabel('出生日期')).toHaveValue('1940-05-01');
  await expect(form.getByLabel('手机号（可选）')).toHaveValue('13900001111');
  await expect(form).toContainText('已恢复锁屏前未填完的登记');
  await shot(page, 'draft-back');

  // Locked again, and someone else logs in: they see an empty form, and the draft is gone.
  await page.clock.runFor('05:01');
  await expect(pick).toBeVisible();
  await desk.logIn(RECEPTION);
  await desk.goTo('登记新成员');
  await expect(form.getByLabel('姓名', { exact: true }).first()).toHaveValue('');
  await expect(form).not.toContainText('已恢复锁屏前未填完的登记');
  await desk.switchTo(MANAGER);
  await desk.goTo('登记新成员');
  await expect(form.getByLabel('姓名', { exact: true }).first()).toHaveValue('');
});

test('on an English (en-US) computer the desk shows and takes dates year first, in Chinese and in English', async ({
  page,
}) => {
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({ name: '赵桂兰', gender: 'F', birthDate: '1946/5/2' });
  await desk.goTo('人员');
  await expect(page.getByRole('listitem').filter({ hasText: '赵桂兰' })).toContainText(
    '1946-05-02',
  );

  // The audit log's days: typed as a Chinese worker writes them, kept year first.
  await desk.goTo('操作日志');
  const from = page.getByLabel('从（日期）');
  await expect(from).not.toHaveAttribute('type', 'date');
  await from.fill('2026年12月5日');
  await from.blur();
  await expect(from).toHaveValue('2026-12-05');
  await shot(page, 'dates-audit');

  // A check-in time is corrected in 24-hour time, not 07:31 PM.
  await desk.checkInByTyping('赵桂兰');
  await expect(page.getByTestId('arrival')).toContainText('赵桂兰 已签到');
  await desk.presentRow('赵桂兰').getByRole('button', { name: '更正' }).click();
  const correct = page.getByRole('dialog', { name: /更正 赵桂兰/ });
  const time = correct.getByLabel('实际到馆时间');
  await expect(time).toHaveValue(/^\d{2}:\d{2}$/);
  await time.fill('8点05');
  await time.blur();
  await expect(time).toHaveValue('08:05');
  await shot(page, 'dates-correct');
  await page.keyboard.press('Escape');

  // In English the desk keeps the same year-first days.
  await page.getByRole('button', { name: 'English' }).click();
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: 'Audit log' })
    .click();
  const fromEn = page.getByLabel('From');
  await fromEn.fill('2026/12/5');
  await fromEn.blur();
  await expect(fromEn).toHaveValue('2026-12-05');
  await expect(fromEn).toHaveAttribute('placeholder', /2026-12-05/);
});

test('the first start asks the centre’s name; the cards carry it, and an A4 sheet prints ten cards a page', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const desk = new DeskPage(page, '幸福里社区养老服务站');
  await page.goto('/');
  await expect(page.getByLabel('中心名称')).toBeVisible();
  await shot(page, 'first-start');
  await desk.logIn();
  await expect(page.locator('header')).toContainText('幸福里社区养老服务站');

  const names = ['钱玉珍', '吴长顺', '郑秀梅', '冯国华', '陈桂芳', '褚建军', '卫淑英', '蒋德明'];
  const more = ['沈玉兰', '韩志强', '杨翠花'];
  for (const [i, name] of [...names, ...more].entries())
    await desk.register({
      name,
      gender: i % 2 ? 'M' : 'F',
      birthDate: `194${i % 10}-03-0${1 + (i % 9)}`,
    });

  // One card, from the person's record.
  const record = await desk.openPerson('钱玉珍');
  await record.region.getByRole('button', { name: '打印会员卡' }).click();
  const one = page.getByRole('dialog', { name: '钱玉珍' });
  await expect(one.getByTestId('member-card')).toContainText('幸福里社区养老服务站');
  await expect(one.getByTestId('member-card')).not.toContainText('CoCare 前台');
  await one.getByRole('button', { name: '关闭' }).click();

  // Everyone's cards on A4: 11 people, two pages, each card with the centre and a barcode.
  await desk.goTo('人员');
  await page.getByRole('button', { name: '打印会员卡（A4，11 张）' }).click();
  const sheet = page.getByRole('dialog', { name: '会员卡 11 张' });
  await expect(sheet.getByTestId('cards-page')).toHaveCount(2);
  await expect(sheet.getByTestId('cards-page').first().getByTestId('member-card')).toHaveCount(10);
  await expect(sheet.getByTestId('member-card')).toHaveCount(11);
  await expect(sheet.getByTestId('barcode').locator('svg')).toHaveCount(11);
  for (const name of [...names, ...more]) await expect(sheet).toContainText(name);
  await expect(
    sheet.getByTestId('member-card').filter({ hasText: '幸福里社区养老服务站' }),
  ).toHaveCount(11);
  await shot(page, 'cards-a4');
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: '/tmp/wk-cards-a4-print.png', fullPage: true });
});

test('the dashboard’s rules form names the subsidy categories in the desk’s words, and its days are year first', async ({
  browser,
}) => {
  const district = await startDashboardDistrict();
  try {
    const page = await dashboardAs(browser, district, 'wang');
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('link', { name: '发布规则与通知' }).click();
    const rules = page.getByRole('form', { name: '规则' });
    const subsidies = rules.getByRole('group', { name: '助餐补贴（每餐，元）' });
    for (const words of ['特困/低保/低保边缘', '70 岁以上', '65–69 岁'])
      await expect(subsidies.getByRole('rowheader', { name: words })).toBeVisible();
    // No code name shown, nor editable.
    await expect(subsidies.getByRole('textbox', { name: /类别/ })).toHaveCount(0);
    await expect(subsidies).not.toContainText('neediest');
    await expect(subsidies).not.toContainText('age70');
    await expect(subsidies).not.toContainText('65 岁以上');
    await subsidies.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/wk-dashboard-rules.png' });
    await subsidies.getByLabel('65–69 岁 午餐').fill('1,5');
    // A new category of the district's own is typed as a code.
    await subsidies.getByRole('button', { name: '添加补贴类别' }).click();
    await expect(subsidies.getByRole('textbox', { name: '新类别代码 4' })).toBeVisible();

    // An announcement's days: year first on an English computer.
    await page.getByRole('tab', { name: '通知' }).click();
    const notice = page.getByRole('form', { name: '通知' });
    const shownFrom = notice.getByLabel('开始显示日期');
    await expect(shownFrom).not.toHaveAttribute('type', 'date');
    await expect(shownFrom).toHaveAttribute('placeholder', /2026-12-05/);
  } finally {
    await district.close();
  }
});
