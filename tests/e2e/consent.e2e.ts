import { expect, test } from '@playwright/test';
import { CONSENT_BOX, DeskPage } from './pages/desk';

/**
 * Consent at the desk (docs/DOMAIN.md "Privacy and safety"): each purpose asked separately, a
 * child only with a guardian's consent, an ID number only with its own; a withdrawal recorded
 * and acted on; who opened a list of children or took the daily sheet in the audit log.
 */
test('registration asks each purpose separately and refuses what is not consented to; a withdrawal clears it and is logged', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.goTo('登记新成员');
  const form = desk.registrationForm();
  await form.getByLabel('幼儿').check();
  await form.getByLabel('姓名', { exact: true }).first().fill('李小满');
  await form.getByLabel('男').check();
  await form.getByLabel('出生日期').fill('2024-03-01');
  const guardian = form.getByRole('group', { name: '监护人' });
  await guardian.getByLabel('姓名').fill('王芳');
  await guardian.getByLabel('关系').fill('母亲');
  await guardian.getByLabel('手机号').fill('13800001111');
  const consent = form.getByRole('group', { name: '信息使用同意' });
  // Five purposes, one box each, none ticked for the family.
  for (const box of Object.values(CONSENT_BOX))
    await expect(consent.getByLabel(box)).not.toBeChecked();

  // No guardian's consent: the child is not registered.
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(consent.getByRole('alert')).toHaveText(
    '登记幼儿须经监护人同意：请勾选此项，并填写签署的监护人。',
  );
  // Signed by the child: refused, a guardian signs under 14. An ID number without its consent.
  await consent.getByLabel(CONSENT_BOX.childData).check();
  await consent.getByLabel('签署人（监护人）').fill('李小满');
  await consent.getByLabel('与本人关系').fill('本人');
  await form.getByLabel('身份证号（可选）').fill('110101202403010012');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(consent.getByRole('alert')).toContainText('不满 14 周岁，须由监护人签署');
  await expect(form.getByRole('alert').filter({ hasText: '记录身份证号需要同意' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '已登记' })).toHaveCount(0);
  await consent.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/register-consent-zh.png' });

  await consent.getByLabel('签署人（监护人）').fill('王芳');
  await consent.getByLabel('与本人关系').fill('母亲');
  await consent.getByLabel(CONSENT_BOX.idNumber).check();
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已登记 李小满' })).toBeVisible();

  // The record lists each purpose; the ID number's consent is withdrawn at the mother's request.
  const record = await desk.openPerson('李小满');
  await expect(record.consentRow('childData')).toContainText('已同意（王芳，母亲）');
  await expect(record.consentRow('idNumber')).toContainText('已同意');
  await expect(record.consentRow('districtSharing')).toContainText('未同意');
  await record.region.getByRole('button', { name: /显示身份证号/ }).click();
  await expect(record.region).toContainText('110101202403010012');
  await record.withdraw('idNumber', '王芳（母亲）');
  await expect(page.getByRole('status').filter({ hasText: '已撤回“记录身份证号”' })).toBeVisible();
  await expect(record.consentRow('idNumber')).toContainText('已撤回');
  await expect(record.consentRow('idNumber').getByRole('button')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/person-consents-zh.png' });
  await expect(record.region).not.toContainText('110101202403010012');

  await desk.goTo('操作日志');
  const withdrawal = page.getByRole('row').filter({ hasText: '撤回同意' });
  await expect(withdrawal).toContainText('身份证号');
  await expect(withdrawal).toContainText('王芳（母亲）');
});

test('opening a list of children and taking the daily sheet are in the audit log, once each', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({ kind: 'child', name: '赵一一', gender: 'F', birthDate: '2024-09-01' });
  await desk.register({ name: '王秀英', gender: 'F', birthDate: '1949-12-31' });

  await desk.goTo('人员');
  await expect(page.getByRole('listitem').filter({ hasText: '赵一一' })).toBeVisible();
  // Elders only: no child in the list, nothing to log.
  await page.getByRole('group', { name: '显示' }).getByLabel('老人').check();
  await expect(page.getByRole('listitem').filter({ hasText: '赵一一' })).toHaveCount(0);
  await page.getByRole('group', { name: '显示' }).getByLabel('幼儿').check();
  await expect(page.getByRole('listitem').filter({ hasText: '赵一一' })).toBeVisible();

  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '今日' })
    .click();
  await page.getByRole('button', { name: '查看并打印日报' }).click();
  await expect(page.getByRole('dialog', { name: /日报/ })).toBeVisible();
  await page.getByRole('dialog', { name: /日报/ }).getByRole('button', { name: '关闭' }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  await download;

  await desk.goTo('操作日志');
  const lists = page.getByRole('row').filter({ hasText: '查看幼儿名单' });
  await expect(lists).toHaveCount(2);
  await expect(lists.filter({ hasText: '人员名单（全部）' })).toHaveCount(1);
  await expect(lists.filter({ hasText: '人员名单（幼儿）' })).toHaveCount(1);
  const sheets = page.getByRole('row').filter({ hasText: '打印或导出日报' });
  await expect(sheets).toHaveCount(2);
  // How it was taken, in the reason column (the action's own words say 打印 too).
  const how = (words: string) => page.getByRole('cell', { name: words, exact: true });
  await expect(sheets.filter({ has: how('导出 Excel') })).toHaveCount(1);
  await expect(sheets.filter({ has: how('打印') })).toHaveCount(1);
});
