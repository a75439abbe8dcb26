/**
 * Elder capability assessment to GB/T 42195-2022: a certified health worker assesses, the level is
 * computed (表2: 46–65 is 中度失能), what it drives follows (visit risk and frequency, the meal
 * subsidy category), the reassessment falls due on the home screen; an uncertified one is refused.
 */
import { expect, test, type Page } from '@playwright/test';
import { DeskPage, type StaffLogin } from './pages/desk';

const ASSESSOR: StaffLogin = { name: '刘医生', pin: '3692' };
const UNCERTIFIED: StaffLogin = { name: '孙护士', pin: '2581' };

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/assess-${name}.png`, fullPage: true });

async function addHealthWorker(page: Page, who: StaffLogin, certExpires?: string) {
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '员工' })
    .click();
  const form = page.getByRole('form', { name: '添加员工' });
  await form.getByLabel('姓名').fill(who.name);
  await form.getByLabel('岗位').selectOption({ label: '保健员' });
  await form.getByLabel('个人密码（4–8 位数字）').fill(who.pin);
  if (certExpires) {
    await form.getByLabel('证书').selectOption({ label: '老年人能力评估师证' });
    await form.getByLabel('有效期至').fill(certExpires);
  }
  await form.getByRole('button', { name: '保存员工' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已添加 ${who.name}` })).toBeVisible();
}

/** Opens an elder's health record (健康记录), where the health roles assess. */
async function openHealthRecord(desk: DeskPage, page: Page, name: string, pinyin: string) {
  await desk.goTo('健康记录');
  await page.getByLabel('查找成员（姓名、拼音或首字母）').fill(pinyin);
  await page
    .getByRole('list', { name: '成员' })
    .getByRole('listitem')
    .filter({ hasText: name })
    .getByRole('button', { name: '打开' })
    .click();
  return page.getByRole('region', { name: `${name} 的健康记录` });
}

/**
 * The answers, by item, as the option's place in the standard's list (0: the best). Self-care
 * all "需要他人协助，但以自身完成为主" (2 × 8 = 16 of 32); mobility 2, 2, 2 and stairs 1 (7 of 15);
 * mental state all best (28); daily affairs and social contact 2, the rest best (11 of 15):
 * 16 + 7 + 28 + 11 = 62, 中度失能 by 表2.
 */
const PLACES: Record<string, number> = {
  'B.1.1': 2,
  'B.1.2': 2,
  'B.1.3': 2,
  'B.1.4': 2,
  'B.1.5': 2,
  'B.1.6': 2,
  'B.1.7': 2,
  'B.1.8': 2,
  'B.2.1': 2,
  'B.2.2': 2,
  'B.2.3': 2,
  'B.2.4': 2,
  'B.4.3': 2,
  'B.4.5': 2,
};

test('a certified health worker assesses an elder; the level, visits and subsidy follow; reassessment falls due', async ({
  page,
}) => {
  await page.clock.install({ time: new Date('2026-12-05T09:00:00+08:00') });
  const desk = new DeskPage(page);
  await desk.open();
  await addHealthWorker(page, ASSESSOR, '2027-12-31');
  await addHealthWorker(page, UNCERTIFIED);
  await desk.register({ name: '李桂兰', gender: 'F', birthDate: '1948-03-02' });
  // The registration form no longer asks for an ability level.
  await desk.goTo('登记新成员');
  await expect(desk.registrationForm().getByLabel('能力等级')).toHaveCount(0);

  // A health worker without the assessor certificate is told so before filling anything in, and
  // is offered no form (the data layer refuses such an assessment too: assessments.test.ts).
  await desk.switchTo(UNCERTIFIED);
  let record = await openHealthRecord(desk, page, '李桂兰', 'lgl');
  const panel = () => record.getByRole('region', { name: '老年人能力评估（GB/T 42195-2022）' });
  await expect(panel().getByTestId('ability-level')).toHaveText('未按标准评估');
  await expect(panel().getByRole('button', { name: '新评估' })).toHaveCount(0);
  await expect(panel().locator('.notice.warn')).toHaveText(
    '您的员工记录上没有有效的老年人能力评估师证书，不能做能力评估。请站长在员工记录里登记证书和有效期。',
  );
  await shot(page, 'refused');

  // The certified health worker assesses: every item of the four parts, the total computed.
  await desk.switchTo(ASSESSOR);
  record = await openHealthRecord(desk, page, '李桂兰', 'lgl');
  await panel().getByRole('button', { name: '新评估' }).click();
  const form = panel().getByRole('form', { name: '能力评估表' });
  const groups = form.getByRole('radiogroup');
  await expect(groups).toHaveCount(26);
  for (let i = 0; i < 26; i++) {
    const group = groups.nth(i);
    const id = ((await group.locator('.item-name').textContent()) ?? '').split(' ')[0]!;
    await group
      .getByRole('radio')
      .nth(PLACES[id] ?? 0)
      .check();
  }
  await expect(form.getByRole('status', { name: '评估结果' })).toHaveText(
    '总分 62 分，能力等级：中度失能',
  );
  // Assessed a year ago, the periodic reassessment falls due on 2026-12-20.
  await form.getByLabel('评估日期').fill('2025-12-20');
  await shot(page, 'form');
  await form.getByRole('button', { name: '保存评估' }).click();
  await expect(panel().getByRole('status')).toHaveText(
    '已保存：中度失能。下次评估日期 2026-12-20。',
  );
  await expect(panel().getByTestId('ability-level')).toHaveText('中度失能（总分 62 分）');
  await expect(panel().getByTestId('ability-drives')).toHaveText(
    '探访风险：重点，每 1 个月至少一次；助餐补贴类别：特困/低保/低保边缘',
  );
  await expect(panel().getByRole('table', { name: '评估记录' }).getByRole('row')).toHaveCount(2);
  await shot(page, 'assessed');

  // The home screen lists the reassessment due, leading to her record.
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '今日' })
    .click();
  const due = page.getByLabel('老年人能力需重新评估');
  await expect(due).toContainText('有 1 位老人需要重新评估能力（已逾期 0 位）');
  await expect(due).toContainText('李桂兰：即将到期 2026-12-20（中度失能）');
  await shot(page, 'home');
  await due.getByRole('button', { name: '李桂兰' }).click();
  await expect(
    page.getByRole('region', { name: '李桂兰 的健康记录' }).getByTestId('ability-level'),
  ).toHaveText('中度失能（总分 62 分）');
});
