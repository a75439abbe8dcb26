import { expect, test, type Page } from '@playwright/test';
import { CONSENT_BOX, DeskPage } from './pages/desk';

/** Issue 15, point 2: one person is one record. */

interface Elder {
  name: string;
  gender: 'M' | 'F';
  birthDate: string;
  idNumber?: string;
}

/** Fills the registration form for an elder (with their consent to the ID number) and saves. */
async function submitElder(desk: DeskPage, page: Page, elder: Elder) {
  await desk.goTo('登记新成员');
  const form = desk.registrationForm();
  await form.getByLabel('老人').check();
  await form.getByLabel('姓名', { exact: true }).first().fill(elder.name);
  if (elder.idNumber) await form.getByLabel('身份证号（可选）').fill(elder.idNumber);
  await form.getByLabel(elder.gender === 'M' ? '男' : '女').check();
  await form.getByLabel('出生日期').fill(elder.birthDate);
  if (elder.idNumber) {
    await form.getByLabel(CONSENT_BOX.idNumber).check();
    await form.getByLabel(/^签署人/).fill(elder.name);
    await form.getByLabel('与本人关系').fill('本人');
  }
  await form.getByRole('button', { name: '保存', exact: true }).click();
  return page;
}

const WANG: Elder = {
  name: '王秀英',
  gender: 'F',
  birthDate: '1949-12-31',
  idNumber: '11010519491231002X',
};

test('an ID number registered once is refused the second time, with a lower-case x, and leads to the person', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await submitElder(desk, page, WANG);
  await expect(page.getByRole('status').filter({ hasText: '已登记 王秀英' })).toBeVisible();

  await submitElder(desk, page, { ...WANG, idNumber: '11010519491231002x' });
  const refusal = page.getByRole('alert').filter({ hasText: '这个身份证号已经登记过' });
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('王秀英');
  // The refusal names the person, not the number.
  await expect(refusal).not.toContainText('1949123');
  await page.screenshot({ path: '/tmp/dup-refused.png' });

  await refusal.getByRole('button', { name: '查看已登记的档案' }).click();
  const record = page.getByRole('region', { name: '王秀英' });
  await expect(record).toBeVisible();
  await expect(page.getByRole('heading', { name: /人员（共 1 人）/ })).toBeVisible();
  await page.screenshot({ path: '/tmp/dup-existing-record.png' });
});

test('the same name and birth date is asked about, confirmed past, flagged and merged by the manager', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  const li: Elder = { name: '李桂兰', gender: 'F', birthDate: '1950-03-03' };
  await submitElder(desk, page, li);
  await expect(page.getByRole('status').filter({ hasText: '已登记 李桂兰' })).toBeVisible();

  await submitElder(desk, page, li);
  const warning = page.getByRole('status').filter({ hasText: '可能重复登记' });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('李桂兰');
  await page.screenshot({ path: '/tmp/dup-likely-warning.png' });
  await warning.getByRole('button', { name: '不是同一个人，继续登记' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已登记 李桂兰' })).toBeVisible();

  // The manager's home screen says so, and leads to the people screen's list.
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '今日' })
    .click();
  const alert = page.locator('#home-duplicates');
  await expect(alert).toContainText('有 1 组疑似重复登记的人员');
  await alert.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/dup-home-alert.png' });
  await alert.getByRole('button', { name: '去人员页核对' }).click();

  const list = page.getByRole('region', { name: '疑似重复（1 组）' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: '/tmp/dup-people-list.png' });
  page.once('dialog', (dialog) => void dialog.accept());
  await list
    .getByRole('button', { name: /保留这份/ })
    .first()
    .click();
  await expect(page.getByRole('status').filter({ hasText: '已合并' })).toBeVisible();
  await expect(page.getByRole('region', { name: /疑似重复/ })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /人员（共 1 人）/ })).toBeVisible();
  await page.screenshot({ path: '/tmp/dup-merged.png' });
});
