import { expect, test, type Page } from '@playwright/test';
import { startTestDistrict } from '../../server/testing/harness';
import { DeskPage } from './pages/desk';

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/fd-desk-${name}.png` });

test('a second scan checks a person out, a child’s opens the pick-up check, and “scan asks” asks first, all from the keyboard', async ({
  page,
}) => {
  await page.clock.install();
  const desk = new DeskPage(page);
  await desk.open();
  const elder = await desk.registerWithCard({
    name: '赵桂兰',
    gender: 'F',
    birthDate: '1946-05-02',
  });
  const child = await desk.registerWithCard({
    kind: 'child',
    name: '孙小雨',
    gender: 'F',
    birthDate: '2023-09-09',
    pickupAdults: [{ name: '孙丽', relation: '母亲', phone: '13800003333' }],
  });
  await desk.goTo('签到签退');
  await desk.scan(elder);
  await expect(page.getByTestId('arrival')).toContainText('赵桂兰 已签到');
  await desk.scan(child);
  await expect(page.getByTestId('arrival')).toContainText('孙小雨 已签到');

  // A double read straight after the check-in checks nobody out.
  await desk.scan(elder);
  await expect(page.getByRole('status').filter({ hasText: '赵桂兰 已在馆内' })).toBeVisible();
  await expect(desk.presentRows).toHaveCount(2);

  // Later in the day the same card checks her out (the default: scan in / scan out).
  await page.clock.runFor('02:00');
  await desk.scan(elder);
  await expect(page.getByRole('status').filter({ hasText: '赵桂兰 已签退' })).toBeVisible();
  await expect(desk.presentRows).toHaveCount(1);
  await expect(desk.finder).toBeFocused();

  // The child's card opens the pick-up check; the adult on the list takes her, by keyboard.
  await desk.scan(child);
  const pickup = page.getByRole('dialog', { name: '孙小雨 离园接送' });
  await expect(pickup.getByRole('button', { name: /孙丽/ })).toBeVisible();
  await shot(page, 'scan-pickup');
  await pickup.getByRole('button', { name: /孙丽/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '孙小雨 已签退' })).toBeVisible();
  await expect(desk.presentRows).toHaveCount(0);

  // The manager sets “scan asks”: a second scan asks 签退？, Esc keeps her in, Enter checks out.
  await desk.goTo('设置');
  const rules = page.getByRole('form', { name: '本中心规则' });
  const asks = rules
    .getByRole('group', { name: '再次扫码（已在馆内的人）' })
    .getByLabel('先问“签退？”，回车确认');
  await asks.check();
  await rules.getByRole('button', { name: '保存规则' }).click();
  await expect(rules.getByRole('status')).toHaveText('规则已保存，立即生效。');
  await shot(page, 'rules-scan-again');
  await desk.goTo('签到签退');
  await desk.scan(elder);
  await expect(page.getByTestId('arrival')).toContainText('赵桂兰 已签到');
  await page.clock.runFor('02:00');
  await desk.scan(elder);
  const ask = page.getByRole('dialog', { name: '签退 赵桂兰？' });
  await expect(ask).toBeVisible();
  await shot(page, 'scan-asks');
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(desk.presentRows).toHaveCount(1);
  await expect(desk.finder).toBeFocused();
  await desk.scan(elder);
  await expect(ask).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '赵桂兰 已签退' })).toBeVisible();
  await expect(desk.presentRows).toHaveCount(0);
  await expect(desk.finder).toBeFocused();
});

test('the status bar counts the records waiting before enrolment, says “synced” only when none wait, and says a dead link once', async ({
  page,
  context,
}) => {
  const district = await startTestDistrict({ kind: 'pglite' });
  try {
    const centreId = await district.createCentre('状态栏测试中心');
    const desk = new DeskPage(page);
    await desk.open();
    for (const [name, birthDate] of [
      ['钱玉珍', '1944-02-03'],
      ['吴长顺', '1951-07-19'],
      ['郑秀梅', '1948-11-30'],
    ] as const)
      await desk.register({ name, gender: 'F', birthDate });
    const line = page.getByTestId('sync-line');
    const waiting = async () => Number(await desk.statusBar.getAttribute('data-pending'));
    await expect(line).toContainText('未连接区级平台：');
    await expect.poll(waiting).toBeGreaterThanOrEqual(4); // 3 members and the manager, at least
    // The count follows the writes a moment later (renderer/sync/replication.ts, debounced).
    await page.waitForTimeout(1000);
    const before = await waiting();
    await expect(line).toHaveText(`未连接区级平台：${before} 条记录只保存在本机，连接后上传`);
    // One check-in is one record more.
    await desk.checkInByTyping('钱玉珍');
    await expect(page.getByTestId('arrival')).toContainText('钱玉珍 已签到');
    await expect.poll(waiting).toBe(before + 1);
    await expect(line).toHaveText(`未连接区级平台：${before + 1} 条记录只保存在本机，连接后上传`);
    await shot(page, 'status-unenrolled');

    await desk.enrol(district.url, await district.issueCode(centreId));
    await desk.expectSynced();
    await expect(line).toHaveText('已同步，没有待上传的记录');
    // What was counted is what the district received, no more, no less.
    const { rows } = await district.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM documents WHERE centre_id = $1',
      [centreId],
    );
    expect(Number(rows[0]!.n)).toBe(before + 1);

    // The link goes down: one message, naming what waits.
    await context.setOffline(true);
    await desk.checkInByTyping('吴长顺');
    await expect(page.getByTestId('arrival')).toContainText('吴长顺 已签到');
    await expect(line).toHaveText(/^网络中断：1 条记录安全保存在本机，恢复后自动上传$/, {
      timeout: 20_000,
    });
    await expect(desk.statusBar).not.toContainText('网络中断，稍后会自动重试');
    expect((await desk.statusBar.textContent())!.split('网络中断').length - 1).toBe(1);
    await shot(page, 'status-offline');
    await context.setOffline(false);
    await desk.expectSynced();
    await expect(line).toHaveText('已同步，没有待上传的记录');
  } finally {
    await district.close();
  }
});

test('Enter inside a list entry adds the entry and never saves the form around it', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({ name: '王秀英', gender: 'F', birthDate: '1940-05-01' });
  await desk.register({ name: '张国梁', gender: 'M', birthDate: '1942-08-08' });

  // An activity's enrolment box: Enter enrols the match, the plan is not saved half-done.
  await desk.goTo('活动');
  await page.getByRole('button', { name: '安排新活动' }).click();
  const plan = page.getByRole('form', { name: '安排活动' });
  await plan.getByLabel('活动名称').fill('书法小组');
  const enrol = plan.getByLabel('报名人员（输入姓名或拼音查找）');
  await enrol.fill('wxy');
  await enrol.press('Enter');
  await expect(plan.getByText('已报名 1 人')).toBeVisible();
  await expect(plan.getByRole('list', { name: '已报名人员' })).toContainText('王秀英');
  await expect(enrol).toHaveValue('');
  await expect(enrol).toBeFocused();
  // ↓ then Enter takes the second match, as in every finder.
  await enrol.fill('z');
  await enrol.press('ArrowDown');
  await enrol.press('Enter');
  await expect(plan.getByText('已报名 2 人')).toBeVisible();
  // Enter with nothing matching stays in the box.
  await enrol.fill('qqq');
  await enrol.press('Enter');
  await expect(plan).toBeVisible();
  await expect(plan.locator('#plan-weekdays-error')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '已排入课表' })).toHaveCount(0);
  await shot(page, 'enter-enrol');

  // The registration: Enter in a pick-up adult's row adds the next adult, in an allergy list it
  // ends the item, and the person is not registered until 保存.
  await desk.goTo('登记新成员');
  const form = desk.registrationForm();
  await form.getByLabel('幼儿').check();
  await form.getByLabel('姓名', { exact: true }).first().fill('周小乐');
  const allergies = form.getByLabel('过敏（可选，用顿号分隔）');
  await allergies.fill('花生');
  await allergies.press('Enter');
  await expect(allergies).toHaveValue('花生、');
  await page.keyboard.type('牛奶');
  await expect(allergies).toHaveValue('花生、牛奶');
  const first = form.getByRole('group', { name: '接送人 1' });
  await first.getByLabel('姓名').fill('周红');
  await first.getByLabel('手机号').fill('13800004444');
  await first.getByLabel('手机号').press('Enter');
  const second = form.getByRole('group', { name: '接送人 2' });
  await expect(second).toBeVisible();
  await expect(second.getByLabel('姓名')).toBeFocused();
  // Enter in the first row again goes on to the second, adding nothing.
  await first.getByLabel('关系').press('Enter');
  await expect(second.getByLabel('姓名')).toBeFocused();
  await expect(form.getByRole('group', { name: '接送人 3' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: '已登记 周小乐' })).toHaveCount(0);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await shot(page, 'enter-register');
});

test('a temperature typed as 36,6 is taken, and so is a weight of 12,5', async ({ page }) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({ kind: 'child', name: '李小满', gender: 'M', birthDate: '2024-03-01' });
  await desk.checkInByTyping('李小满');
  const arrival = page.getByTestId('arrival');
  await expect(arrival).toContainText('李小满 已签到');
  await arrival.getByRole('button', { name: '晨检' }).click();
  const check = page.getByRole('dialog', { name: '李小满 晨检' });
  await check.getByLabel('体温（℃）').fill('36,6');
  await shot(page, 'temperature-comma');
  await check.getByRole('button', { name: '保存晨检' }).click();
  await expect(check).toBeHidden();
  await expect(desk.presentRow('李小满')).not.toContainText('待晨检');

  await desk.goTo('健康记录');
  await page.getByLabel('查找成员（姓名、拼音或首字母）').fill('lxm');
  await page
    .getByRole('list', { name: '成员' })
    .getByRole('listitem')
    .filter({ hasText: '李小满' })
    .getByRole('button', { name: '打开' })
    .click();
  const record = page.getByRole('region', { name: '李小满 的健康记录' });
  const measure = record.getByRole('form', { name: '记录测量' });
  // A child's record measures height and weight only: no choice of kind is offered then.
  const heightWeight = measure.getByLabel('身高体重');
  if (await heightWeight.count()) await heightWeight.check();
  await measure.getByLabel('身高（厘米）').fill('98,5');
  await measure.getByLabel('体重（千克）').fill('12,5');
  await measure.getByRole('button', { name: '保存测量' }).click();
  await expect(measure.getByRole('status')).toHaveText('已保存。');
  await expect(record).toContainText('12.5');
});

test('at 1366×768 the manager’s whole menu fits, the bars stay in view, and each screen opens at its top; at 125% too', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  const nav = page.getByRole('navigation', { name: 'main' });
  const main = page.locator('main');
  const banner = page.locator('.topbar');

  /** Every tab of the menu inside the window, the menu itself not scrolled or scrollable. */
  const expectWholeMenu = async () => {
    const height = page.viewportSize()!.height;
    for (const tab of ['今日', '操作日志', '设置']) {
      const box = (await nav.getByRole('button', { name: tab }).boundingBox())!;
      expect(box.y, tab).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, tab).toBeLessThanOrEqual(height);
    }
    expect(await nav.evaluate((n) => n.scrollHeight - n.clientHeight)).toBeLessThanOrEqual(0);
  };

  await desk.goTo('设置');
  await expectWholeMenu();
  // The settings screen is long: scrolled to its foot, the top bar and the status bar stay.
  await main.evaluate((m) => m.scrollTo(0, m.scrollHeight));
  await expect.poll(() => main.evaluate((m) => m.scrollTop)).toBeGreaterThan(100);
  expect((await banner.boundingBox())!.y).toBe(0);
  await expect(desk.statusBar).toBeInViewport();
  await expect(nav.getByRole('button', { name: '设置' })).toBeInViewport();
  await shot(page, 'layout-settings-scrolled');
  // The next screen opens at its top.
  await desk.goTo('操作日志');
  await expect.poll(() => main.evaluate((m) => m.scrollTop)).toBe(0);
  await shot(page, 'layout-audit');

  // As with the browser zoomed to 125% (the same CSS pixels on the same screen).
  await page.setViewportSize({ width: 1093, height: 614 });
  await desk.goTo('设置');
  await expectWholeMenu();
  await expect(banner).toBeInViewport();
  await expect(desk.statusBar).toBeInViewport();
  await shot(page, 'layout-zoom125');
});

test.describe('on a computer whose language is English', () => {
  test.use({ locale: 'en-US' });

  test('a birth date is typed and shown year first, never mm/dd/yyyy', async ({ page }) => {
    const desk = new DeskPage(page);
    await desk.open();
    await desk.goTo('登记新成员');
    const birth = desk.registrationForm().getByLabel('出生日期');
    await expect(birth).toHaveAttribute('placeholder', '年-月-日，如 2024-03-01');
    await shot(page, 'date-register-en-os');
    await desk.register({ name: '赵桂兰', gender: 'F', birthDate: '1946/5/2' });
    const record = await desk.openPerson('赵桂兰');
    await expect(record.region).toContainText('1946-05-02');
  });
});
