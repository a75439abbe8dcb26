import { expect, test, type Page } from '@playwright/test';
import { DeskPage, MANAGER } from './pages/desk';

/**
 * Issue 15, point 1: every record can be corrected (with a reason, before and after in the audit
 * log), people leave and come back, and the manager looks after the staff records.
 */

const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/rec-${name}.png` });

test('a person’s name, birth date and guardian are corrected with a reason, and the audit log shows before and after', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.registerWithCard({
    kind: 'child',
    name: '孙小雨',
    gender: 'F',
    birthDate: '2023-09-09',
    guardian: { name: '孙建国', relation: '父亲', phone: '13912345678' },
  });
  await desk.openPerson('孙小雨');
  await page.getByText('修改信息', { exact: true }).click();
  const form = page.getByRole('form', { name: '更正信息' });
  // Every field is there, filled in from the record.
  await expect(form.getByLabel('姓名', { exact: true }).first()).toHaveValue('孙小雨');
  await expect(form.getByLabel('出生日期')).toHaveValue('2023-09-09');
  const guardian = form.getByRole('group', { name: '监护人' });
  await expect(guardian.getByLabel('姓名')).toHaveValue('孙建国');

  await form.getByLabel('姓名', { exact: true }).first().fill('孙小宇');
  await form.getByLabel('出生日期').fill('2023-10-09');
  await guardian.getByLabel('姓名').fill('孙建军');
  // Without a reason nothing is written, and the form says what is missing.
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(form.getByText('必填，请填写。')).toBeVisible();
  await form.getByLabel('更正原因').fill('出生证明上的信息');
  await shot(page, 'correct-form');
  await form.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存更正。' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '孙小宇' })).toBeVisible();

  await desk.goTo('操作日志');
  const log = page.getByRole('table', { name: '操作日志' });
  const row = log.getByRole('row').filter({ hasText: '更正个人信息' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('姓名：孙小雨 → 孙小宇');
  await expect(row).toContainText('出生日期：2023-09-09 → 2023-10-09');
  await expect(row).toContainText(
    '监护人：孙建国（父亲） 13912345678 → 孙建军（父亲） 13912345678',
  );
  await expect(row).toContainText('出生证明上的信息');
  await expect(row).toContainText('孙小宇');
  await row.scrollIntoViewIfNeeded();
  await shot(page, 'audit');
});

test('someone who left is not offered at check-in, their card says so and how to restore, and after their return they check in', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  const card = await desk.registerWithCard({
    name: '王秀英',
    gender: 'F',
    birthDate: '1948-05-02',
  });
  await desk.openPerson('王秀英');
  await page.getByText('登记离开', { exact: true }).click();
  await expect(page.getByLabel('离开日期')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByRole('button', { name: '确认离开' }).click();
  await expect(page.getByText('请填写离开原因。')).toBeVisible();
  await page.getByLabel('离开原因').fill('搬去女儿家');
  await page.getByRole('button', { name: '确认离开' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已登记 王秀英 离开' })).toBeVisible();
  // Still on the record, marked as left.
  const people = page.getByRole('list', { name: '人员名单' });
  await expect(people.getByRole('listitem').filter({ hasText: '王秀英' })).toContainText('已离开');
  await shot(page, 'left');

  await desk.goTo('签到签退');
  await desk.finder.fill('王秀英');
  await expect(page.getByRole('button', { name: '签到', exact: true })).toHaveCount(0);
  await desk.finder.fill('');
  await desk.scan(card);
  const refused = page.getByText('王秀英 已登记为离开本中心');
  await expect(refused).toBeVisible();
  await expect(refused).toContainText('回来了，恢复服务');
  await expect(desk.presentRows).toHaveCount(0);
  // Not "not found, register them": they are on the record.
  await expect(page.getByText(`没有找到“${card}”`)).toHaveCount(0);
  await shot(page, 'scan-left');

  await desk.openPerson('王秀英');
  await page.getByRole('button', { name: '回来了，恢复服务' }).click();
  await expect(page.getByRole('status').filter({ hasText: '王秀英 已恢复服务' })).toBeVisible();
  await desk.goTo('签到签退');
  await desk.scan(card);
  await expect(page.getByTestId('arrival')).toContainText('王秀英 已签到');
});

test('the manager edits a staff member, records the missing screening, resets a PIN and deactivates them', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.goTo('员工');
  const add = page.getByRole('form', { name: '添加员工' });
  await add.getByLabel('姓名').fill('林芳');
  await add.getByLabel('岗位').selectOption({ label: '护理员/保育员' });
  await add.getByLabel('负责班级').selectOption({ label: '托小班' });
  await add.getByLabel('个人密码（4–8 位数字）').fill('147025');
  await add.getByRole('button', { name: '保存员工' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已添加 林芳' })).toBeVisible();

  // The warning about the missing screening leads straight to recording it.
  const warning = page.getByRole('status').filter({ hasText: '背景审查提醒' });
  await expect(warning).toContainText('林芳 负责幼儿班级，但还没有背景审查记录。');
  await warning.getByRole('button', { name: '现在登记：林芳' }).click();
  const edit = page.getByRole('form', { name: '修改员工：林芳' });
  await expect(edit.getByLabel(/最近一次从业背景审查日期/)).toBeFocused();
  await edit.getByLabel(/最近一次从业背景审查日期/).fill('2026-12-01');
  await edit.getByLabel('姓名').fill('林小芳');
  await edit.getByLabel('手机号').fill('13800001111');
  await shot(page, 'staff-edit');
  await edit.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存 林小芳 的修改' })).toBeVisible();
  await expect(page.getByText('背景审查提醒')).toHaveCount(0);
  const staff = page.getByRole('region', { name: '员工' });
  await expect(staff.getByRole('row', { name: /林小芳/ })).toBeVisible();

  // A forgotten PIN: the manager sets a new one, and she logs in with it.
  await staff.getByRole('button', { name: '修改 林小芳' }).click();
  const edit2 = page.getByRole('form', { name: '修改员工：林小芳' });
  await edit2.getByLabel(/新的个人密码/).fill('258036');
  await edit2.getByRole('button', { name: '重置本机密码' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '已为 林小芳 设置新的本机密码' }),
  ).toBeVisible();
  await desk.switchTo({ name: '林小芳', pin: '258036' });
  await desk.switchTo(MANAGER);

  // She leaves: deactivated, she is no longer offered at the lock screen; her name stays.
  await desk.goTo('员工');
  await staff.getByRole('button', { name: '修改 林小芳' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page
    .getByRole('form', { name: '修改员工：林小芳' })
    .getByRole('button', { name: '停用（已离职）' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: '已停用 林小芳' })).toBeVisible();
  await expect(staff.getByRole('row', { name: /林小芳/ })).toContainText('已停用');
  await shot(page, 'staff-deactivated');
  await page.getByRole('button', { name: '切换人员' }).click();
  const pick = page.getByRole('list', { name: '工作人员' });
  await expect(pick.getByRole('button', { name: MANAGER.name })).toBeVisible();
  await expect(pick.getByRole('button', { name: '林小芳' })).toHaveCount(0);
  await desk.logIn(MANAGER);
  // Her name stays in the log of what she did.
  await desk.goTo('操作日志');
  await expect(
    page
      .getByRole('table', { name: '操作日志' })
      .getByRole('row')
      .filter({ hasText: '登录' })
      .filter({ hasText: '林小芳' }),
  ).not.toHaveCount(0);
});
