import { expect, test } from '@playwright/test';
import { DeskPage } from './pages/desk';

test('register a member, check in by pinyin initials, check out; all of it survives a reload', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({
    name: '王秀英',
    gender: 'F',
    birthDate: '1949-12-31',
    idNumber: '11010519491231002X',
    consent: { by: '王秀英', relation: '本人', scopes: ['idNumber'] },
  });
  await desk.register({ kind: 'child', name: '李小宝', gender: 'M', birthDate: '2023-03-08' });

  await desk.checkInByTyping('wxy');
  await expect(page.getByRole('status').filter({ hasText: '王秀英 已签到' })).toBeVisible();
  await expect(desk.finder).toHaveValue('');
  await expect(desk.finder).toBeFocused();

  await desk.checkInByTyping('lixiaobao');
  await expect(desk.presentRow('李小宝')).toBeVisible();
  await expect(page.getByText('共 2 人：老人 1，幼儿 1，员工 0，访客 0')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/checkin-two-in.png' });

  // A second check-in of someone already in does not open a second visit.
  await desk.checkInByTyping('王秀英');
  await expect(page.getByRole('status').filter({ hasText: '已在馆内' })).toBeVisible();
  await expect(desk.presentRows).toHaveCount(2);

  await desk.reload();
  await expect(desk.presentRow('王秀英')).toBeVisible();
  await desk.checkOut('王秀英');
  await expect(desk.presentRows).toHaveCount(1);

  await desk.reload();
  await expect(desk.presentRows).toHaveCount(1);
  await expect(desk.presentRow('李小宝')).toBeVisible();
});

test('the registration form names each wrong field and how to fix it, and stores nothing', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.goTo('登记新成员');
  const form = page.getByRole('form', { name: '登记新成员' });
  await form.getByLabel('姓名', { exact: true }).first().fill('赵四');
  await form.getByLabel('身份证号（可选）').fill('110105194912310021');
  await form.getByLabel('手机号（可选）').fill('12345');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByText('身份证号校验位不对，请逐位核对，可能有一位输错。')).toBeVisible();
  await expect(form.getByText('请填写 11 位手机号，例如 138 0013 8000。')).toBeVisible();
  await expect(form.getByText('必填，请填写。').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/register-errors.png', fullPage: true });

  await desk.checkInByTyping('赵四');
  await expect(page.getByText('没有找到“赵四”').first()).toBeVisible();
});

test('the desk switches to English and back', async ({ page }) => {
  const desk = new DeskPage(page);
  await desk.open();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'In the building now' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/checkin-english.png' });
  // The language stays across a restart, from the login screen on.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Please log in' })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await desk.logIn();
  await expect(page.getByRole('heading', { name: '在馆人员' })).toBeVisible();
});

test('the desk runs under a Content-Security-Policy that refuses injected scripts', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const desk = new DeskPage(page);
  await desk.open();
  // An injected inline script, as a cross-site-scripting bug would add, must not run.
  const injectedRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.appendChild(script);
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(injectedRan).toBe(false);
  expect(violations).toHaveLength(1);
  // The app itself needs nothing the policy forbids.
  await desk.register({ name: '孙桂芳', gender: 'F', birthDate: '1948-02-02' });
  await desk.checkInByTyping('sgf');
  await expect(desk.presentRow('孙桂芳')).toBeVisible();
  expect(violations).toHaveLength(1);
});
