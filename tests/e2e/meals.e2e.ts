import { expect, test, type Page } from '@playwright/test';
import { DeskPage } from './pages/desk';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screens/${name}.png` });

test('lunch: a peanut dish on the menu, a child allergic to peanuts warned before serving, others served, counts, a delivery marked and the month’s claim', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({
    kind: 'child',
    name: '李小满',
    gender: 'M',
    birthDate: '2023-03-01',
    allergies: '花生',
  });
  // 低保 → the neediest rate (¥15); 72 years → 70+ (¥5); 67 years → 65+ (¥1), lunch and dinner.
  await desk.register({
    name: '王秀英',
    gender: 'F',
    birthDate: '1950-06-01',
    categories: ['低保'],
  });
  await desk.register({ name: '张德明', gender: 'M', birthDate: '1954-02-10' });
  await desk.register({ name: '刘桂兰', gender: 'F', birthDate: '1959-04-20' });

  await desk.goTo('助餐');
  await page.getByRole('radio', { name: '午餐' }).check();
  const menu = page.getByRole('region', { name: '今日午餐菜单' });
  await expect(menu).toContainText('尚未录入菜单。');
  await menu.getByRole('button', { name: '编辑菜单' }).click();
  const first = menu.getByRole('group', { name: '菜名 1' });
  await first.getByLabel('菜名').fill('花生酱拌面');
  await first.getByLabel('过敏原').fill('花生、小麦');
  await menu.getByRole('button', { name: '再加一道菜' }).click();
  const second = menu.getByRole('group', { name: '菜名 2' });
  await second.getByLabel('菜名').fill('清蒸鲈鱼');
  await second.getByLabel('过敏原').fill('无');
  await second.getByLabel('低盐').check();
  await shot(page, 'meals-menu-edit');
  await menu.getByRole('button', { name: '保存菜单' }).click();
  await expect(menu.getByRole('status')).toHaveText('午餐菜单已保存');
  await expect(menu).toContainText('花生酱拌面');
  await expect(menu).toContainText('过敏原：花生、小麦');
  await expect(menu).toContainText('不含常见过敏原 · 适合：低盐');

  const finder = page.getByRole('textbox', { name: '供餐：查找成员（姓名、拼音、首字母或扫码）' });
  const status = page.getByRole('status').filter({ hasText: /已记录|未给|已在/ });

  // The allergic child: the warning comes first; Enter (a scanner's next key) does not serve.
  await finder.fill('李小满');
  await finder.press('Enter');
  const check = page.getByRole('dialog', { name: '供餐前请核对：李小满' });
  await expect(check.getByRole('alert')).toContainText('“花生酱拌面”含花生，李小满 对花生过敏！');
  await expect(check.getByRole('button', { name: '不供餐' })).toBeFocused();
  await shot(page, 'meals-allergy-warning');
  await page.keyboard.press('Enter');
  await expect(check).toBeHidden();
  await expect(status).toHaveText('未给 李小满 记录午餐。');

  await finder.fill('lxm');
  await finder.press('Enter');
  await check.getByRole('button', { name: '已核实，确认供餐' }).click();
  await expect(check).toBeHidden();
  await expect(status).toHaveText('已记录：李小满 午餐（堂食）');

  await finder.fill('王秀英');
  await finder.press('Enter');
  await expect(status).toHaveText('已记录：王秀英 午餐（堂食）');
  await page.getByRole('radio', { name: '自取' }).check();
  await finder.fill('zdm');
  await finder.press('Enter');
  await expect(status).toHaveText('已记录：张德明 午餐（自取）');
  await page.getByRole('radio', { name: '送餐' }).check();
  await finder.fill('刘桂兰');
  await finder.press('Enter');
  await expect(status).toHaveText('已记录：刘桂兰 午餐（送餐）');
  // A second lunch for the same person is not recorded.
  await finder.fill('王秀英');
  await finder.press('Enter');
  await expect(status).toContainText('王秀英 今天的午餐已在');

  const counts = page.getByRole('table', { name: '今日用餐人数（每人每餐计一次）' });
  const row = (name: string) => counts.getByRole('row').filter({ hasText: name });
  for (const category of ['无补贴类别', '特困/低保/低保边缘', '70 岁以上', '65–69 岁'])
    await expect(row(category).getByRole('cell')).toHaveText([category, '0', '1', '0']);
  await expect(counts.locator('[data-meal="lunch"]')).toHaveText('4');

  // 刘桂兰 books tonight's dinner to be delivered.
  await page.getByRole('radio', { name: '晚餐' }).check();
  await finder.fill('刘桂兰');
  await page
    .getByRole('list', { name: 'results' })
    .getByRole('listitem')
    .filter({ hasText: '刘桂兰' })
    .getByRole('button', { name: '预订' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: '预订' })).toHaveText(
    '已为 刘桂兰 预订晚餐（送餐）',
  );
  await expect(page.getByRole('region', { name: '今日用餐人数（每人每餐计一次）' })).toContainText(
    '晚餐已预订 1 人，未用餐 1 人：刘桂兰',
  );
  await shot(page, 'meals-serve-counts');

  await page.getByRole('button', { name: '送餐', exact: true }).first().click();
  const deliveries = page.getByRole('region', { name: '今日送餐名单' });
  const liu = deliveries
    .getByRole('listitem')
    .filter({ hasText: '刘桂兰' })
    .filter({ hasText: '午餐' });
  const liuDinner = deliveries
    .getByRole('listitem')
    .filter({ hasText: '刘桂兰' })
    .filter({ hasText: '晚餐' });
  await expect(liu).toContainText('出餐');
  await expect(liuDinner).toContainText('待出餐（已预订）');
  await liuDinner.getByRole('button', { name: '出餐' }).click();
  await expect(deliveries.getByRole('status')).toHaveText('已记录：刘桂兰 晚餐（送餐）');
  await expect(liuDinner).toContainText(/\d\d:\d\d 出餐/);
  await expect(liuDinner.getByRole('button', { name: '标记已送达' })).toBeVisible();
  await liu.getByLabel('送餐人').fill('志愿者 老李');
  await liu.getByLabel('送达时间').fill('12:05');
  await liu.getByRole('button', { name: '标记已送达' }).click();
  await expect(liu).toContainText('12:05 由 志愿者 老李 送达');
  await shot(page, 'meals-delivery');

  await page.getByRole('button', { name: '留样' }).click();
  const reminders = page.getByRole('region', { name: '食品留样记录' });
  await expect(reminders).toContainText('还没有留样：午餐 花生酱拌面');
  await expect(reminders).toContainText('还没有留样：午餐 清蒸鲈鱼');
  const form = page.getByRole('form', { name: '记录留样' });
  await form.getByLabel('餐次').selectOption({ label: '午餐' });
  await form.getByLabel('菜名').fill('花生酱拌面');
  await form.getByLabel('重量（克）').fill('100');
  await form.getByRole('button', { name: '保存留样' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已记录留样' })).toHaveText(
    '已记录留样：花生酱拌面 100 克',
  );
  await expect(reminders).not.toContainText('还没有留样：午餐 花生酱拌面');
  await expect(reminders).toContainText('花生酱拌面 只有 100 克，少 25 克（每样至少 125 克）');
  await shot(page, 'meals-samples');

  await page.getByRole('button', { name: '补贴申报' }).click();
  const claim = page.getByRole('region', { name: /助餐补贴申报表/ });
  await expect(claim.getByRole('status')).toHaveText('合计：4 份，¥22.00');
  const claimRow = (code: string) => claim.locator(`tr[data-category="${code}"]`);
  await expect(claimRow('neediest')).toContainText('¥15.00');
  await expect(claimRow('age70')).toContainText('¥5.00');
  await expect(claimRow('age65').getByRole('cell')).toHaveText([
    /^65–69 岁/,
    '0',
    '¥0.00',
    '1',
    '¥1.00',
    '1',
    '¥1.00',
    '2',
    '¥2.00',
  ]);
  await claim.getByText('未计入申报的记录（1）').click();
  await expect(claim.getByRole('row').filter({ hasText: '李小满' })).toContainText('无补贴类别');
  await shot(page, 'meals-claim');
  await claim.getByRole('button', { name: '打印申报表' }).click();
  const sheet = page.getByRole('dialog', { name: /助餐补贴申报表/ });
  await expect(sheet.getByRole('status')).toHaveText('合计：4 份，¥22.00');
  await shot(page, 'meals-claim-sheet');
  await sheet.getByRole('button', { name: '关闭' }).click();

  // A claim of another month has none of today's meals.
  await claim.getByLabel('月份').selectOption({ index: 1 });
  await expect(claim.getByRole('status')).toHaveText('合计：0 份，¥0.00');
});
