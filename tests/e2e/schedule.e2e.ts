import { expect, test, type Page } from '@playwright/test';
import { publishToCentres } from '../../server/publish';
import { startTestDistrict } from '../../server/testing/harness';
import { DeskPage, type StaffLogin } from './pages/desk';

// The caregiver logs a session on a touch screen.
test.use({ hasTouch: true });

const CAREGIVER: StaffLogin = { name: '赵红', pin: '3691' };
const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** Today at the centre (the desk runs in Asia/Shanghai): its date and its weekday's name. */
function centreToday(): { date: string; weekday: string } {
  const date = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
  const day = new Date(`${date}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return { date, weekday: WEEKDAYS[(day + 6) % 7]! };
}

async function addCaregiver(page: Page, who: StaffLogin) {
  await page
    .getByRole('navigation', { name: 'main' })
    .getByRole('button', { name: '员工' })
    .click();
  const form = page.getByRole('form', { name: '添加员工' });
  await form.getByLabel('姓名').fill(who.name);
  await form.getByLabel('岗位').selectOption({ label: '护理员/保育员' });
  await form.getByLabel('个人密码（4–8 位数字）').fill(who.pin);
  await form.getByRole('button', { name: '保存员工' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已添加 ${who.name}` })).toBeVisible();
}

/** No English words on a Chinese screen (people's names and times are fine). */
async function expectNoEnglish(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text.match(/[A-Za-z]{3,}/g) ?? []).toEqual([]);
  // Nor an untranslated key (`schedule.something`) in a field's hint.
  const hints = await page
    .locator('main [placeholder]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('placeholder') ?? ''));
  expect(hints.filter((h) => /^[a-z]+\.[\w.]+$/.test(h))).toEqual([]);
}

test('a manager plans a weekly intergenerational activity past a clash, a caregiver logs today’s attendance by touch, and the timetable prints', async ({
  page,
}) => {
  const today = centreToday();
  const desk = new DeskPage(page);
  await desk.open();
  for (const [kind, name, birthDate] of [
    ['elder', '王秀英', '1946-03-02'],
    ['elder', '张桂兰', '1950-07-15'],
    ['elder', '刘大爷', '1944-10-01'],
    ['child', '李小满', '2023-05-01'],
  ] as const)
    await desk.register({ kind, name, gender: kind === 'child' ? 'M' : 'F', birthDate });
  await addCaregiver(page, CAREGIVER);

  // A health lecture already in the activity room this morning.
  await desk.goTo('活动');
  await expect(page.getByRole('heading', { name: '活动课表' })).toBeVisible();
  await page.getByRole('button', { name: '安排新活动' }).click();
  const form = page.getByRole('form', { name: '安排活动' });
  await form.getByLabel('活动名称').fill('防跌倒讲座');
  await form.getByLabel('类别').selectOption({ label: '健康讲座' });
  await form.getByLabel('活动室').fill('多功能室');
  await form.getByLabel('带领人').selectOption({ label: '周站长（站长）' });
  await form.getByLabel('名额（人）').fill('30');
  await form.getByLabel('开始时间').fill('09:00');
  await form.getByLabel('结束时间').fill('10:00');
  await form.getByLabel('只办一次').check();
  await form.getByLabel('日期').fill(today.date);
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(
    page.getByRole('status').filter({ hasText: '已排入课表：防跌倒讲座' }),
  ).toBeVisible();

  // The crafts: first refused with the fields named, then a clash named in words, then fixed.
  await page.getByRole('button', { name: '安排新活动' }).click();
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(form.locator('#plan-title-error')).toHaveText('必填，请填写。');
  await expect(form.locator('#plan-weekdays-error')).toBeVisible();
  await expect(form.getByLabel('活动名称')).toHaveAttribute('aria-invalid', 'true');

  await form.getByLabel('活动名称').fill('祖孙剪纸');
  await form.getByLabel('类别').selectOption({ label: '老幼代际' });
  await form.getByLabel('活动室').fill('多功能室');
  await form.getByLabel('带领人').selectOption({ label: `${CAREGIVER.name}（护理员/保育员）` });
  await form.getByLabel('名额（人）').fill('2');
  await form.getByLabel('开始时间').fill('09:30');
  await form.getByLabel('结束时间').fill('10:30');
  await form.getByLabel(today.weekday).check();
  for (const who of ['wxy', 'zgl', 'lxm']) {
    await form.getByLabel('报名人员（输入姓名或拼音查找）').fill(who);
    await form.getByRole('list', { name: '查找结果' }).getByRole('button').first().click();
  }
  await expect(form.getByText('已报名 3 人')).toBeVisible();
  await form.getByRole('button', { name: '保存', exact: true }).click();
  const clashes = form.getByRole('alert').filter({ hasText: '冲突' });
  await expect(clashes).toContainText('发现 2 处冲突');
  await expect(clashes).toContainText(
    `${today.date} 09:30–10:00：“防跌倒讲座”和“祖孙剪纸”同时使用 多功能室。`,
  );
  await expect(clashes).toContainText('“祖孙剪纸”报名 3 人，超过名额 2 人。');
  await expect(form.getByRole('button', { name: '仍然保存' })).toBeVisible();
  await expectNoEnglish(page);
  await page.screenshot({ path: 'test-results/screens/schedule-plan-clash.png', fullPage: true });

  await form.getByLabel('活动室').fill('手工室');
  await form.getByLabel('名额（人）').fill('4');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已排入课表：祖孙剪纸' })).toBeVisible();

  const todayColumn = page.getByRole('listitem', { name: `${today.weekday} ${today.date}` });
  await expect(todayColumn).toHaveAttribute('aria-current', 'date');
  await expect(todayColumn).toContainText('今天');
  await expect(todayColumn.locator('article')).toHaveCount(2);
  await expect(todayColumn.locator('article').nth(1)).toContainText('祖孙剪纸');
  await expect(todayColumn.locator('article').nth(1)).toContainText('手工室赵红');
  await expectNoEnglish(page);
  await page.screenshot({ path: 'test-results/screens/schedule-week.png', fullPage: true });
  // Zoomed to 125 % (the CSS pixels of 1366×768 at that zoom), the days become cards.
  await page.setViewportSize({ width: 1093, height: 614 });
  await expect(todayColumn).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/schedule-week-zoomed.png', fullPage: true });
  await page.setViewportSize({ width: 1366, height: 768 });

  // Next week the weekly activity is there again, the one-off lecture is not; that date is then
  // cancelled for a holiday.
  await page.getByRole('button', { name: '下一周 ›' }).click();
  await expect(page.locator('.week article')).toHaveCount(1);
  const nextWeek = page.locator('.week article').filter({ hasText: '祖孙剪纸' });
  await nextWeek.getByRole('button', { name: /^取消 .* 的 祖孙剪纸$/ }).click();
  await nextWeek.getByLabel('取消原因（可选）').fill('社区停电检修');
  await nextWeek.getByRole('button', { name: '确认取消' }).click();
  await expect(page.locator('.week article')).toHaveCount(0);
  await page.getByRole('button', { name: '回到本周' }).click();

  // The crafts run longer: the plan is changed, and today's session still stands.
  const editForm = page.getByRole('form', { name: '修改活动' });
  await todayColumn.getByRole('button', { name: '修改 祖孙剪纸' }).click();
  await expect(editForm.getByRole('heading', { name: '修改活动' })).toBeVisible();
  await expect(editForm.getByText('已报名 3 人')).toBeVisible();
  await editForm.getByLabel('结束时间').fill('10:45');
  await editForm.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: '已修改：祖孙剪纸' })).toBeVisible();
  await expect(todayColumn.locator('article').nth(1)).toContainText('09:30–10:45祖孙剪纸');
  await expect(page.locator('.week article')).toHaveCount(2);
  // The change kept next week's cancellation.
  await page.getByRole('button', { name: '下一周 ›' }).click();
  await expect(page.locator('.week article')).toHaveCount(0);
  await page.getByRole('button', { name: '回到本周' }).click();

  // The caregiver logs today's session by touch.
  await desk.switchTo(CAREGIVER);
  await desk.goTo('活动');
  await expect(page.getByRole('button', { name: '安排新活动' })).toHaveCount(0);
  await page.getByRole('button', { name: `记录 ${today.date} 祖孙剪纸 的到场` }).tap();
  const log = page.getByRole('region', { name: `${today.date} 祖孙剪纸 到场记录` });
  const marks = log.getByRole('list', { name: '到场名单' });
  const summary = log.getByRole('status', { name: '到场统计' });
  await expect(summary).toContainText('到场 0 人 / 名额 4 人（未到 0，未记录 3，临时加入 0）');
  await marks
    .getByRole('group', { name: '王秀英' })
    .getByRole('button', { name: '到', exact: true })
    .tap();
  await marks.getByRole('group', { name: '李小满' }).getByRole('button', { name: '未到' }).tap();
  await marks
    .getByRole('group', { name: '张桂兰' })
    .getByRole('button', { name: '到', exact: true })
    .tap();
  await expect(
    marks.getByRole('group', { name: '张桂兰' }).getByRole('button', { name: '到', exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
  // Li Xiaoman turned up after all: a second tap corrects the mark.
  await marks
    .getByRole('group', { name: '李小满' })
    .getByRole('button', { name: '到', exact: true })
    .tap();
  await log.getByLabel('加入临时来的人（姓名或拼音）').fill('ldy');
  await log
    .getByRole('list', { name: '查找结果' })
    .getByRole('button', { name: /刘大爷/ })
    .tap();
  await expect(marks.getByRole('group', { name: '刘大爷' })).toBeVisible();
  await expect(summary).toContainText('到场 4 人 / 名额 4 人（未到 0，未记录 0，临时加入 1）');
  await log.getByLabel('活动备注').fill('剪了窗花，下次带红纸');
  await log.getByRole('button', { name: '保存备注' }).tap();
  await expect(log.getByRole('list', { name: '已保存的备注' })).toContainText(
    '赵红：剪了窗花，下次带红纸',
  );
  await expectNoEnglish(page);
  await page.screenshot({ path: 'test-results/screens/schedule-session-log.png', fullPage: true });

  // The marks were saved: back on the week and in again, they are still there.
  await log.getByRole('button', { name: '返回课表' }).tap();
  await page.getByRole('button', { name: `记录 ${today.date} 祖孙剪纸 的到场` }).tap();
  await expect(summary).toContainText('到场 4 人');
  await log.getByRole('button', { name: '返回课表' }).tap();

  // The week's timetable for the notice board.
  await page.getByRole('button', { name: '打印本周课表' }).click();
  const sheet = page.getByRole('dialog', { name: '本周活动安排' });
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('table.timetable th')).toHaveCount(7);
  await expect(sheet).toContainText('祖孙剪纸');
  await expect(sheet).toContainText('防跌倒讲座');
  await page.screenshot({ path: 'test-results/screens/schedule-print-sheet.png' });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#root')).toBeHidden();
  await page.screenshot({ path: 'test-results/screens/schedule-printed.png', fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await sheet.getByRole('button', { name: '关闭' }).click();
  await expect(sheet).toBeHidden();
});

test('an activity template from the district shows read-only and, adopted, becomes the centre’s own activity, synced with its template', async ({
  page,
}) => {
  const today = centreToday();
  const district = await startTestDistrict({ kind: 'pglite' });
  try {
    const centreId = await district.createCentre('阳光社区老幼共托中心');
    const desk = new DeskPage(page);
    await desk.open();
    await desk.enrol(district.url, await district.issueCode(centreId));
    await desk.expectSynced();
    const template = await publishToCentres(
      district.db,
      district.app.sync,
      {
        kind: 'activityTemplate',
        title: '祖孙种植角',
        text: '老人和孩子一起认养一盆花，每周浇水记录。',
        template: { category: 'intergenerational', minutes: 45, capacity: 16 },
      },
      'admin',
    );

    await desk.goTo('活动');
    const templates = page.getByRole('region', { name: '区级活动模板（只读）' });
    const row = templates.getByRole('listitem').filter({ hasText: '祖孙种植角' });
    await expect(row).toContainText('老幼代际 · 45 分钟 · 建议 16 人', { timeout: 15_000 });
    await expect(row).toContainText('老人和孩子一起认养一盆花');
    await expect(templates.getByRole('textbox')).toHaveCount(0);
    await expectNoEnglish(page);
    await row.getByRole('button', { name: '采用到本站课表' }).click();

    const form = page.getByRole('form', { name: '安排活动' });
    await expect(form).toContainText('采用区级模板“祖孙种植角”');
    await expect(form.getByLabel('活动名称')).toHaveValue('祖孙种植角');
    await expect(form.getByLabel('活动名称')).toHaveAttribute('readonly', '');
    await expect(form.getByLabel('类别')).toHaveValue('老幼代际');
    await expect(form.getByLabel('名额（人）')).toHaveValue('16');
    await expect(form.getByLabel('结束时间')).toHaveValue('09:45');
    await form.getByLabel('活动室').fill('阳光房');
    await form.getByLabel('带领人').selectOption({ label: '周站长（站长）' });
    await form.getByLabel(today.weekday).check();
    await page.screenshot({ path: 'test-results/screens/schedule-adopt.png', fullPage: true });
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await expect(
      page.getByRole('status').filter({ hasText: '已排入课表：祖孙种植角' }),
    ).toBeVisible();
    await expect(
      page.getByRole('listitem', { name: `${today.weekday} ${today.date}` }),
    ).toContainText('09:00–09:45祖孙种植角阳光房');

    // The adopted plan reaches the district, marked with the template it came from.
    await desk.expectSynced();
    const { rows } = await district.db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM documents WHERE collection = 'activities'`,
    );
    expect(rows.map((r) => r.data)).toEqual([
      expect.objectContaining({
        kind: 'plan',
        title: '祖孙种植角',
        templateId: template.id,
        centreId,
        room: '阳光房',
        end: '09:45',
      }),
    ]);
  } finally {
    await district.close();
  }
});
