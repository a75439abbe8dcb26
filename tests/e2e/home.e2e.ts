import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DeskPage } from './pages/desk';

test('today: who is in, the child not yet in, and the daily sheet printed, saved as PDF and exported to Excel with its Chinese intact', async ({
  page,
}, testInfo) => {
  // Half past ten in the morning: past the 09:30 by which children are expected.
  await page.clock.install({ time: new Date('2026-11-23T10:30:00+08:00') });
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register({ name: '王秀英', gender: 'F', birthDate: '1949-12-31' });
  await desk.register({ kind: 'child', name: '李小满', gender: 'M', birthDate: '2024-03-01' });
  await desk.register({ kind: 'child', name: '单丽丽', gender: 'F', birthDate: '2023-05-01' });
  await desk.checkInByTyping('王秀英');
  await expect(page.getByTestId('arrival')).toContainText('王秀英 已签到');
  await desk.checkInByTyping('单丽丽');
  await expect(page.getByTestId('arrival')).toContainText('单丽丽 已签到');
  await desk.checkOut('王秀英');
  // Lunch for 王秀英, recorded after she checked out: the desk asks first (issue 15, point 6).
  await desk.goTo('助餐');
  await page.getByRole('radio', { name: '午餐' }).check();
  const mealFinder = page.getByRole('textbox', {
    name: '供餐：查找成员（姓名、拼音、首字母或扫码）',
  });
  await mealFinder.fill('王秀英');
  await mealFinder.press('Enter');
  await page
    .getByRole('dialog', { name: '供餐前请核对：王秀英' })
    .getByRole('button', { name: '确认仍然供餐' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: '已记录：王秀英 午餐' })).toBeVisible();

  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '今日' })
    .click();
  await expect(page.getByRole('heading', { name: '2026年11月23日 星期一' })).toBeVisible();
  const inNow = page.getByRole('region', { name: '现在在馆' });
  await expect(inNow).toContainText('共 1 人：老人 0，幼儿 1，员工 0，访客 0');
  await expect(page.getByRole('region', { name: '今天到馆的成员（人次）' })).toContainText('2');
  await expect(page.getByRole('region', { name: '需要留意' })).toContainText(
    '09:30 前应到但还没到、也没请假的幼儿：李小满。',
  );
  await expect(page.getByRole('region', { name: '已供餐（份）' })).toContainText(
    '早餐 0，午餐 1，晚餐 0',
  );
  await expect(page.getByRole('region', { name: '今天的活动' })).toContainText(
    '今天没有安排活动。',
  );
  await page.screenshot({ path: 'test-results/screens/home.png', fullPage: true });

  // The sheet, on screen as it prints.
  await page.getByRole('button', { name: '查看并打印日报' }).click();
  const sheet = page.getByRole('dialog', { name: '2026-11-23 日报' });
  const visits = sheet.getByRole('region', { name: '到馆记录（2 人次）' });
  await expect(visits.getByRole('row')).toHaveCount(3);
  await expect(visits.getByRole('row').nth(1)).toContainText('王秀英老人10:3010:30');
  await expect(visits.getByRole('row').nth(2)).toContainText('单丽丽幼儿10:30仍在馆');
  const meals = sheet.getByRole('region', { name: '助餐（1 份）' });
  await expect(meals.getByRole('row').nth(1)).toContainText('午餐');
  await page.screenshot({ path: 'test-results/screens/daily-sheet.png' });

  // Saved as PDF the way the print dialog does it; its text reads back in Chinese.
  const pdfPath = testInfo.outputPath('daily.pdf');
  await page.pdf({ path: pdfPath, format: 'A4' });
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
  expect(text).toContain('2026-11-23 日报');
  expect(text).toMatch(/单丽丽\s+幼儿\s+10:30\s+仍在馆/);
  expect(text).not.toContain('导出 Excel');
  await sheet.getByRole('button', { name: '关闭' }).click();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('cocare-daily-2026-11-23.xlsx');
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const rows = book.worksheets[0]!.getSheetValues().map((r) =>
    Array.isArray(r) ? r.slice(1).map((c) => String(c ?? '')) : [],
  );
  // The centre's name, asked at first start, heads the sheet.
  expect(rows[1]).toEqual(['幸福里社区中心 2026-11-23 日报']);
  expect(rows).toContainEqual(['单丽丽', '幼儿', '10:30', '仍在馆', '']);
  expect(rows).toContainEqual(['到馆记录（2 人次）']);
});
