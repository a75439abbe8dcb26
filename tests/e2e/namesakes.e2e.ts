import { expect, test } from '@playwright/test';
import { DeskPage, type NewMember } from './pages/desk';

/** Issue 15, points 3 and 4: namesakes told apart, and every name a centre registers found. */

const elder = (name: string, birthDate: string, extra: Partial<NewMember> = {}): NewMember => ({
  kind: 'elder',
  name,
  gender: 'F',
  birthDate,
  ...extra,
});

test('two members named 王秀英 are told apart at check-in and in the building, and Enter does not pick one', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register(
    elder('王秀英', '1948-03-02', {
      idNumber: '110105194803020023',
      consent: { by: '王秀英', relation: '本人', scopes: ['idNumber'] },
    }),
  );
  await desk.register(elder('王秀英', '1952-11-20'));
  await desk.register(elder('王小燕', '1950-06-06'));
  await desk.goTo('签到签退');

  const results = page.getByRole('list', { name: 'results' });
  await desk.finder.fill('wxy');
  await expect(results.getByRole('listitem')).toHaveCount(3);
  await expect(results.getByRole('listitem').filter({ hasText: '王秀英 1948年生' })).toHaveCount(1);
  await expect(results.getByRole('listitem').filter({ hasText: '王秀英 1952年生' })).toHaveCount(1);
  // A name borne once is not given a detail.
  await expect(results.getByRole('listitem').filter({ hasText: '王小燕' })).not.toContainText(
    '年生',
  );

  // Enter picks no one while namesakes are shown: the desk asks to choose.
  await desk.finder.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '有同名的人' })).toBeVisible();
  await expect(page.getByTestId('arrival')).toHaveCount(0);
  await expect(desk.presentRows).toHaveCount(0);
  await page.screenshot({ path: '/tmp/fd-names-checkin-namesakes.png' });

  // Chosen with the arrows, Enter takes exactly the one selected.
  await desk.finder.press('ArrowDown');
  const chosen = await results.locator('li.selected .name').textContent();
  expect(chosen).toMatch(/^王秀英 (1948|1952)年生$/);
  await desk.finder.press('Enter');
  await expect(page.getByTestId('arrival')).toContainText(`${chosen!.replace(' ', '（')}）`);
  await expect(desk.presentRows).toHaveCount(1);
  await expect(desk.presentRows.first()).toContainText(chosen!);

  // The other one, by a click on their own check-in button.
  const other = chosen!.includes('1948') ? '王秀英 1952年生' : '王秀英 1948年生';
  await desk.finder.fill('王秀英');
  await desk.finder.press('Enter');
  await expect(desk.presentRows).toHaveCount(1);
  await results
    .getByRole('listitem')
    .filter({ hasText: other })
    .getByRole('button', { name: '签到' })
    .click();
  await expect(desk.presentRows).toHaveCount(2);
  await expect(desk.presentRow('1948年生')).toHaveCount(1);
  await expect(desk.presentRow('1952年生')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/fd-names-inbuilding-namesakes.png' });

  // Checking one out names which one went.
  await desk.presentRow('1952年生').getByRole('button', { name: '签退' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '王秀英（1952年生） 已签退' }),
  ).toBeVisible();
  await expect(desk.presentRows).toHaveCount(1);
  await expect(desk.presentRows.first()).toContainText('王秀英 1948年生');

  // The people screen lists both, told apart, in the desk's name order.
  await desk.goTo('人员');
  await page.getByLabel('查找（姓名、拼音、首字母、手机号、卡号）').fill('王秀英');
  const found = page.getByRole('listitem').filter({ hasText: '王秀英' });
  await expect(found.locator('.name')).toHaveText(['王秀英 1948年生', '王秀英 1952年生']);
  await page.screenshot({ path: '/tmp/fd-names-people.png' });

  // Serving a meal: the same finder, the same rule.
  await desk.goTo('助餐');
  const meal = page.getByRole('textbox', { name: '供餐：查找成员（姓名、拼音、首字母或扫码）' });
  await meal.fill('王秀英');
  await meal.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '有同名的人' })).toBeVisible();
  await page.screenshot({ path: '/tmp/fd-names-meals.png' });

  // The daily sheet prints them apart too.
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '今日' })
    .click();
  await page.getByRole('button', { name: '查看并打印日报' }).click();
  const sheet = page.getByRole('dialog', { name: /日报/ });
  await expect(sheet).toContainText('王秀英（1948年生）');
  await expect(sheet).toContainText('王秀英（1952年生）');
  await page.screenshot({ path: '/tmp/fd-names-daily-sheet.png' });
  await sheet.getByRole('button', { name: '关闭' }).click();

  // The audit log says which of them a look at an ID number was about.
  await desk.goTo('人员');
  await page.getByLabel('查找（姓名、拼音、首字母、手机号、卡号）').fill('王秀英');
  await page
    .getByRole('listitem')
    .filter({ hasText: '王秀英 1948年生' })
    .getByRole('button', { name: '查看' })
    .click();
  await page
    .getByRole('region', { name: /王秀英/ })
    .getByRole('button', { name: /显示身份证号/ })
    .click();
  await desk.goTo('操作日志');
  await expect(page.getByRole('row').filter({ hasText: '查看敏感信息' })).toContainText(
    '王秀英（1948年生）',
  );
  await page.screenshot({ path: '/tmp/fd-names-audit.png' });

  // Marking one of them as left says which one.
  await desk.goTo('人员');
  await page.getByLabel('查找（姓名、拼音、首字母、手机号、卡号）').fill('王秀英');
  await page
    .getByRole('listitem')
    .filter({ hasText: '王秀英 1952年生' })
    .getByRole('button', { name: '查看' })
    .click();
  const record = page.getByRole('region', { name: /王秀英/ });
  await record.getByText('登记离开').click();
  await record.getByLabel('离开原因').fill('搬去女儿家');
  await record.getByRole('button', { name: '确认离开' }).click();
  await expect(page.getByText('已登记 王秀英（1952年生） 离开。')).toBeVisible();
  await page.screenshot({ path: '/tmp/fd-names-left.png' });
});

test('a name with an Extension B character is found by the character and by the pinyin typed for it; 单 by shan and dan', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();

  // The form fills in what the library reads and shows which character has no reading.
  await desk.goTo('登记新成员');
  const form = desk.registrationForm();
  await form.getByLabel('姓名', { exact: true }).first().fill('王𠮷');
  const pinyin = form.getByLabel('拼音（查找用）');
  await expect(pinyin).toHaveValue('wang 𠮷');
  await expect(form.getByText('“𠮷”查不到读音')).toBeVisible();
  await page.screenshot({ path: '/tmp/fd-names-register-pinyin.png' });

  await desk.register(elder('王𠮷', '1950-04-04', { pinyin: 'wang ji' }));
  await desk.register(elder('单秀兰', '1949-09-09'));
  await desk.register(elder('丹凤', '1951-01-01'));
  await desk.goTo('签到签退');
  const names = page.getByRole('list', { name: 'results' }).locator('.name');

  await desk.finder.fill('𠮷');
  await expect(names).toHaveText(['王𠮷']);
  await desk.finder.fill('wangji');
  await expect(names).toHaveText(['王𠮷']);
  await desk.finder.fill('wj');
  await expect(names).toHaveText(['王𠮷']);

  await desk.finder.fill('shan');
  await expect(names).toHaveText(['单秀兰']);
  // By the ordinary reading too, after whoever bears "dan" as their own reading.
  await desk.finder.fill('dan');
  await expect(names).toHaveText(['丹凤', '单秀兰']);
  await page.screenshot({ path: '/tmp/fd-names-search-dan.png' });

  // The reading can be corrected later on the person's record, and is then searched.
  await desk.openPerson('王𠮷');
  await page.getByText('修改信息', { exact: true }).click();
  const fix = page.getByLabel('拼音（查找用）');
  await expect(fix).toHaveValue('wangji');
  await fix.fill('wang jie');
  await page.screenshot({ path: '/tmp/fd-names-correct-pinyin.png' });
  await page.getByLabel('更正原因').fill('本人告知读音');
  await page
    .getByRole('region', { name: '王𠮷' })
    .getByRole('button', { name: '保存修改' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: '已保存更正' })).toBeVisible();
  await desk.goTo('签到签退');
  await desk.finder.fill('wangjie');
  await expect(names).toHaveText(['王𠮷']);
});
