import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { DeskPage } from './pages/desk';

const HEADER = [
  '类别',
  '姓名',
  '性别',
  '出生日期',
  '身份证号',
  '手机号',
  '过敏',
  '班级',
  '监护人姓名',
  '监护人关系',
  '监护人手机',
  '同意事项',
  '签署同意人',
  '签署人关系',
];

async function xlsx(rows: (string | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('people');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a spreadsheet with bad rows is refused whole, each problem named by row, column and fix; the corrected file imports', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '导入' })
    .click();
  const panel = page.getByRole('region', { name: '从表格导入人员' });
  const chooser = panel.locator('input[type=file]');

  // The template: the header row the import reads, in Chinese, with an example elder and child.
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: '下载模板（Excel）' }).click();
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile(await (await downloading).path());
  const first = template.worksheets[0]!;
  expect((first.getRow(1).values as string[]).slice(1, 5)).toEqual([
    '类别',
    '姓名',
    '性别',
    '出生日期',
  ]);
  expect(first.getRow(3).getCell(2).text).toBe('李小满');

  const bad = await xlsx([
    [
      '老人',
      '王秀英',
      '女',
      new Date(Date.UTC(1949, 11, 31)),
      '',
      '13800138000',
      '',
      '',
      '',
      '',
      '',
    ],
    [
      '幼儿',
      '李小满',
      '男',
      '2024-03-01',
      '',
      '',
      '花生',
      '托大班',
      '王芳',
      '母亲',
      '12345',
      '幼儿信息',
      '王芳',
      '母亲',
    ],
    ['老人', '赵四', '男', '1950-05-05', '110105194912310021', '', '', '', '', '', ''],
    // An ID number needs its own consent, as on the registration form.
    ['老人', '钱五', '女', '1949-12-31', '11010519491231002X', '', '', '', '', '', ''],
  ]);
  await chooser.setInputFiles({
    name: 'people.xlsx',
    mimeType: 'application/octet-stream',
    buffer: bad,
  });
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('文件中有 3 处问题，未导入任何人');
  await expect(alert).toContainText('第 3 行，“监护人手机”列：请填写 11 位手机号');
  await expect(alert).toContainText('第 4 行，“身份证号”列：身份证号校验位不对');
  await expect(alert).toContainText(
    '第 5 行，“身份证号”列：记录身份证号需要本人（或监护人）同意：在“同意事项”列写上“身份证号”',
  );
  await page.screenshot({ path: 'test-results/screens/import-problems.png' });
  await desk.goTo('签到签退');
  await desk.finder.fill('王秀英');
  await expect(page.getByText('没有找到“王秀英”')).toBeVisible();

  // A corrupt file changes nothing and says why.
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '导入' })
    .click();
  await chooser.setInputFiles({
    name: 'people.xlsx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK\u0003\u0004 not really a workbook'),
  });
  await expect(alert).toContainText('无法读取这个文件');

  // The corrected file, as CSV saved by Excel (UTF-8 with a byte-order mark).
  const csv =
    '\ufeff' +
    [
      HEADER.join(','),
      '老人,王秀英,女,1949/12/31,,13800138000,,,,,,,,',
      '幼儿,李小满,男,2024-03-01,,,花生,托大班,王芳,母亲,13800001111,幼儿信息,王芳,母亲',
      '老人,赵四,男,1950-05-05,,,,,,,,,,',
      '老人,钱五,女,1949-12-31,11010519491231002X,,,,,,,身份证号,钱五,本人',
    ].join('\r\n');
  await chooser.setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(panel.getByRole('status')).toContainText('将导入 4 人（老人 3，幼儿 1）');
  await page.screenshot({ path: 'test-results/screens/import-preview.png' });
  await panel.getByRole('button', { name: '确认导入' }).click();
  await expect(panel.getByRole('status')).toContainText('已导入 4 人');

  await desk.checkInByTyping('lxm');
  await expect(page.getByTestId('arrival')).toContainText('过敏：花生');
});
