/**
 * Children's growth, checks and vaccinations (issue 17, parts 2 and 3): a 36-month check's
 * measurements give the WS/T 423—2022 assessment (表 B.1 −2SD 11.9 kg → 低体重; 表 B.3 −2SD
 * 90.5 cm → 生长迟缓), the growth chart draws the reference curves, the doses on the certificate
 * leave the missing ones listed for catch-up, and the child joins the 体弱儿 list.
 */
import { expect, test, type Page } from '@playwright/test';
import { DeskPage } from './pages/desk';

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/growth-${name}.png`, fullPage: true });

test('a check gives 低体重 and 生长迟缓, the chart its curves, the certificate its missing doses, the 体弱儿 list its child', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.clock.install({ time: new Date('2026-06-01T09:00:00+08:00') });
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({ kind: 'child', name: '王小明', gender: 'M', birthDate: '2023-06-01' });

  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '生长与保健' })
    .click();
  await page.getByLabel('查找幼儿（姓名、拼音或卡号）').fill('王小明');
  await page
    .getByRole('list', { name: '在园幼儿' })
    .getByRole('listitem')
    .filter({ hasText: '王小明' })
    .getByRole('button', { name: '打开' })
    .click();
  const record = page.getByRole('region', { name: '王小明 的生长与保健' });
  await expect(record).toBeVisible();

  // A child first seen at 3 years: the check to do is the 36-month one, not the earlier ones
  // missed (they stay listed, to be recorded from the booklet).
  await expect(record.getByText('36月龄体检已到期', { exact: false })).toBeVisible();
  await expect(record).not.toContainText('1月龄体检已逾期');
  // The 36-month check: 89 cm, 11.5 kg.
  const check = record.getByRole('form', { name: '记录体检' });
  await expect(check.getByLabel('体检月龄')).toHaveValue('36');
  await check.getByLabel('体检日期').fill('2026-06-01');
  await check.getByLabel('身长/身高（cm）').fill('89');
  await check.getByLabel('体重（kg）').fill('11.5');
  await check.getByRole('button', { name: '保存体检' }).click();
  await expect(check.getByRole('status')).toHaveText('体检已记录。');
  // Done: no check is asked for until the 48-month one.
  await expect(record).not.toContainText('月龄体检已');
  await expect(record).toContainText('低体重');
  await expect(record).toContainText('生长迟缓');
  // The chart: the reference curves (−3SD … +3SD) and the child's point.
  const chart = record.locator('svg').first();
  await expect(chart).toBeVisible();
  expect(await chart.locator('path, polyline').count()).toBeGreaterThanOrEqual(5);
  await shot(page, 'check');

  // The certificate shows 乙肝 1 and 卡介苗 only: the rest up to 3 years is missing.
  const vaccines = record.getByRole('region', { name: '预防接种（国家免疫规划）' });
  const dose = vaccines.getByRole('form', { name: '按接种证记录剂次' });
  for (const [vaccine, day] of [
    ['乙肝疫苗', '2023-06-01'],
    ['卡介苗', '2023-06-01'],
  ] as const) {
    await dose.getByLabel('疫苗').selectOption({ label: vaccine });
    await dose.getByLabel('剂次').selectOption({ label: '第1剂' });
    await dose.getByLabel('接种日期').fill(day);
    await dose.getByRole('button', { name: '记录这一剂' }).click();
    await expect(dose.getByRole('status')).toHaveText('剂次已记录。');
  }
  await expect(vaccines).toContainText('已种（2023-06-01）');
  await expect(vaccines).toContainText('未种，需补种');
  await shot(page, 'vaccines');

  // The 体弱儿 list suggests him; he is put on it with a plan and a follow-up day.
  await expect(record).toContainText('最近一次测量的评价需要关注');
  const put = record.getByRole('form', { name: '列入体弱儿管理' });
  // The reasons offered are the latest measurement's statuses.
  await expect(put.getByLabel('低体重', { exact: true })).toBeChecked();
  await expect(put.getByLabel('生长迟缓', { exact: true })).toBeChecked();
  await expect(put.getByLabel('消瘦', { exact: true })).not.toBeChecked();
  await put.getByLabel('管理方案').fill('每月测身高体重，膳食指导');
  await put.getByLabel('下次随访').fill('2026-07-01');
  await put.getByRole('button', { name: '列入体弱儿管理' }).click();
  await expect(record).toContainText('体弱儿管理中（2026-06-01 起）');
  const list = page.getByRole('region', { name: '体弱儿名单' });
  await expect(list).toContainText('王小明');
  await expect(list).toContainText('2026-07-01');
  await expect(page.getByRole('region', { name: '需补种疫苗的幼儿' })).toContainText('王小明');
  await shot(page, 'screen');

  // The growth chart printed for the parents.
  await record.getByRole('button', { name: '打印生长曲线（给家长）' }).click();
  await expect(page.getByRole('heading', { name: '王小明 的生长曲线' })).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'print');
});
