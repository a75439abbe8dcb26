import { expect, test, type Page } from '@playwright/test';
import { DeskPage, type StaffLogin } from './pages/desk';

const CAREGIVER: StaffLogin = { name: '赵护理', pin: '3571' };
const RECEPTION: StaffLogin = { name: '陈静', pin: '1470' };
const HEALTH_WORKER: StaffLogin = { name: '刘医生', pin: '3692' };

/** The desk's own message about what was just saved (the status bar is a status too). */
const saved = (page: Page) => page.getByRole('main').getByRole('status');

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });

test('an overdue high-risk elder is cleared by a caregiver’s home visit, and the month’s completion rate follows', async ({
  page,
}) => {
  // Wednesday 25 November 2026, 9:00 in the centre (the test's time zone is Asia/Shanghai).
  await page.clock.install({ time: new Date('2026-11-25T09:00:00+08:00') });
  const desk = new DeskPage(page);
  await desk.open();
  await desk.addStaff(CAREGIVER, '护理员/保育员');
  await desk.addStaff(RECEPTION, '前台');
  await desk.register({ name: '王秀英', gender: 'F', birthDate: '1940-05-01' });
  await desk.register({ name: '李桂兰', gender: 'F', birthDate: '1945-08-12' });

  // The manager lists 王秀英 as high risk (weekly) since October; her last visit was 20 October.
  await desk.goTo('探访');
  const add = page.getByRole('form', { name: '加入探访名单' });
  await add.getByLabel('老人').selectOption({ label: '王秀英（1940-05-01）' });
  await add.getByLabel('风险等级').selectOption({ label: '高风险' });
  await add.getByLabel('列入日期').fill('2026-10-01');
  await add.getByRole('button', { name: '加入名单' }).click();
  await expect(saved(page)).toHaveText('已把 王秀英 列入探访名单（高风险）。');
  await add.getByLabel('老人').selectOption({ label: '李桂兰（1945-08-12）' });
  await add.getByLabel('风险等级').selectOption({ label: '一般' });
  await add.getByRole('button', { name: '加入名单' }).click();

  await page.getByRole('button', { name: '记录 王秀英 的探访' }).click();
  let dialog = page.getByRole('dialog', { name: '记录 王秀英 的探访' });
  await dialog.getByLabel('电话').check();
  await dialog.getByLabel('探访时间').fill('2026-10-20T10:00');
  await dialog.getByRole('button', { name: '保存探访' }).click();
  await expect(dialog).toBeHidden();

  const overdue = page.getByRole('region', { name: '逾期未探访' });
  const week = page.getByRole('region', { name: '本周应探访' });
  await expect(overdue.getByTestId('overdue-count')).toHaveText('逾期 1 人');
  await expect(overdue.locator('li')).toHaveCount(1);
  await expect(overdue.locator('li')).toContainText('王秀英');
  await expect(overdue.locator('li')).toContainText('已逾期 29 天（应于 2026-10-27 前）');
  // 李桂兰, listed today and never visited, is due her first visit today.
  await expect(week.locator('li')).toContainText(['李桂兰']);
  await expect(page.getByTestId('completion-rate')).toHaveText('0%');
  await expect(page.getByText('应探访 2 人，按时完成 0 人，进行中 2 人 · 目标 100%')).toBeVisible();
  await shot(page, 'visits-overdue');

  // A caregiver records a home visit in a few taps, with what she found.
  await desk.switchTo(CAREGIVER);
  await desk.goTo('探访');
  await overdue.getByRole('button', { name: '记录 王秀英 的探访' }).click();
  dialog = page.getByRole('dialog', { name: '记录 王秀英 的探访' });
  await expect(dialog.getByLabel('入户探访')).toBeChecked();
  await expect(dialog.getByLabel('联系上了')).toBeChecked();
  // A follow-up date before the visit is refused beside the field.
  await dialog.getByLabel(/下次回访日期/).fill('2026-11-01');
  await dialog.getByRole('button', { name: '保存探访' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('回访日期不能早于探访日期。');
  await dialog.getByLabel(/下次回访日期/).fill('');
  await dialog.getByLabel('居住情况').fill('独居，屋内整洁，冰箱里有青菜和鸡蛋');
  await dialog.getByLabel('安全隐患').fill('浴室地滑无扶手，已联系社区加装');
  await dialog.getByLabel('提供的服务').fill('量血压，代购降压药');
  await shot(page, 'visits-record-dialog');
  await dialog.getByRole('button', { name: '保存探访' }).click();
  await expect(dialog).toBeHidden();
  await expect(saved(page)).toHaveText('已记录 王秀英 的入户探访。');

  await expect(overdue.getByTestId('overdue-count')).toHaveText('逾期 0 人');
  await expect(overdue).toContainText('没有逾期的探访。');
  await expect(page.getByTestId('completion-rate')).toHaveText('50%');
  await expect(page.getByText('应探访 2 人，按时完成 1 人，进行中 1 人 · 目标 100%')).toBeVisible();
  const row = page
    .getByRole('table', { name: /探访名单/ })
    .getByRole('row')
    .filter({ hasText: '王秀英' });
  await expect(row).toContainText('2026-11-25');
  await expect(row).toContainText('2026-12-02');
  await shot(page, 'visits-after-visit');

  // October: listed on the 1st, first visited on the 20th, so the month was missed.
  await page.getByLabel('月份').selectOption({ label: '2026年10月' });
  await expect(page.getByTestId('completion-rate')).toHaveText('0%');
  await expect(page.getByRole('row').filter({ hasText: '未按时探访' })).toContainText('王秀英');

  // Reception keeps neither the visit list nor health records.
  await desk.switchTo(RECEPTION);
  const nav = page.getByRole('navigation', { name: 'main' });
  await expect(nav.getByRole('button', { name: '签到签退' })).toBeVisible();
  await expect(nav.getByRole('button', { name: '探访' })).toHaveCount(0);
  await expect(nav.getByRole('button', { name: '健康记录' })).toHaveCount(0);
});

test('a health worker records blood pressures and sees the trend, follows an incident up until it is closed; reception has no health screen', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-11-25T09:00:00+08:00') });
  const desk = new DeskPage(page);
  await desk.open();
  await desk.addStaff(HEALTH_WORKER, '保健员');
  await desk.addStaff(RECEPTION, '前台');
  await desk.register({ name: '王秀英', gender: 'F', birthDate: '1940-05-01' });

  await desk.switchTo(HEALTH_WORKER);
  await desk.goTo('健康记录');
  await page.getByLabel('查找成员（姓名、拼音或首字母）').fill('wxy');
  await page
    .getByRole('list', { name: '成员' })
    .getByRole('listitem')
    .filter({ hasText: '王秀英' })
    .getByRole('button', { name: '打开' })
    .click();
  const record = page.getByRole('region', { name: '王秀英 的健康记录' });
  await expect(record.getByText('还没有血压记录。')).toBeVisible();

  const measure = record.getByRole('form', { name: '记录测量' });
  const bp = async (systolic: string, diastolic: string, at: string) => {
    await measure.getByLabel('收缩压（高压，mmHg）').fill(systolic);
    await measure.getByLabel('舒张压（低压，mmHg）').fill(diastolic);
    await measure.getByLabel('测量时间').fill(at);
    await measure.getByRole('button', { name: '保存测量' }).click();
  };
  await bp('300', '95', '2026-11-18T09:00');
  await expect(measure.getByRole('alert')).toHaveText('请填写 60–260 之间的数值。');
  await expect(measure.getByLabel('收缩压（高压，mmHg）')).toHaveAttribute('aria-invalid', 'true');
  await bp('162', '98', '2026-11-18T09:00');
  await expect(measure.getByRole('status')).toHaveText('已保存。');
  await bp('150', '92', '2026-11-21T09:00');
  await bp('138', '86', '2026-11-25T08:30');

  const trend = record.getByRole('region', { name: '血压趋势' });
  await expect(trend.getByRole('table').getByRole('row')).toHaveCount(4);
  await expect(trend.getByRole('table').getByRole('row').nth(1)).toContainText(
    '2026-11-25 08:30138/86 mmHg',
  );
  await expect(trend.getByRole('img')).toHaveAccessibleName(/^血压：2026-11-18 09:00 162\/98 mmHg/);
  await expect(trend.locator('svg')).toContainText('毫米汞柱');
  await expect(trend.locator('svg')).toContainText('日期');
  await expect(trend.locator('svg polyline')).toHaveCount(2);
  await shot(page, 'care-blood-pressure-trend');

  // A fall: recorded with what was done, followed up, then closed.
  await record.getByText('记录意外事件').click();
  await record.getByLabel('事件类型').selectOption({ label: '跌倒' });
  await record.getByLabel('发生时间').fill('2026-11-25T07:40');
  await record.getByRole('button', { name: '保存事件' }).click();
  await expect(record.getByRole('alert').first()).toHaveText('必填，请填写。');
  await record.getByLabel('经过').fill('晨起在卫生间滑倒，左膝擦伤');
  await record.getByLabel('已采取的措施').fill('消毒包扎，电话通知女儿');
  await record.getByRole('button', { name: '保存事件' }).click();
  const incident = record.locator('li.incident');
  await expect(incident).toContainText('跌倒');
  await expect(incident).toContainText('2026-11-25 发生，跟进中');
  await expect(page.getByRole('region', { name: '待跟进的意外事件（1）' })).toContainText('王秀英');
  await incident.getByLabel('跟进情况').fill('下午复查：膝盖无肿胀');
  await incident.getByRole('button', { name: '记录跟进' }).click();
  await expect(incident.getByRole('list', { name: '跟进记录' })).toContainText('膝盖无肿胀');
  await incident.getByLabel('跟进情况').fill('浴室已加装扶手，结案');
  await incident.getByRole('button', { name: '记录并结案' }).click();
  await expect(incident).toContainText('已于 2026-11-25 结案');
  await expect(incident.getByLabel('跟进情况')).toHaveCount(0);
  await expect(page.getByText('没有待跟进的意外事件。')).toBeVisible();
  await shot(page, 'care-incident-closed');

  await desk.switchTo(RECEPTION);
  await expect(
    page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: '健康记录' }),
  ).toHaveCount(0);
});
