import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { makeMember, wire } from '../../server/testing/docs';
import type { TestDistrict } from '../../server/testing/harness';
import { nameSearchKeys } from '../../shared/search';
import { DeskPage } from './pages/desk';
import { dashboardAs, startDashboardDistrict } from './pages/dashboard';

/**
 * Sync packets (docs/DESIGN.md, "Sync packets") by file, as staff do it: a desk with no link
 * writes a packet (in the browser build a download; in the desk's window the shell asks where to
 * save it), the district's admin uploads it on the dashboard and downloads the return packet, the
 * desk imports that: its waiting count goes down and another desk's change appears. A changed
 * packet is refused on the dashboard with the reason. Screenshots at 1366×768 in Chinese to /tmp.
 */
let district: TestDistrict;
let centreId: string;

test.beforeAll(async () => {
  district = await startDashboardDistrict();
  centreId = await district.createCentre('山脚村老幼共托点', 'shanjiao');
});
test.afterAll(async ({ browser }) => {
  // Pages opened on contexts of their own (the dashboard's) still talk to the district: closed
  // first, or its close waits for them.
  await Promise.all(browser.contexts().map((context) => context.close()));
  await district?.close();
});

/** The screen as staff see it, with `what` scrolled into the middle. */
async function shoot(page: Page, what: Locator, name: string): Promise<void> {
  await what.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `/tmp/packets-${name}.png` });
}

async function saved(download: Download): Promise<{ name: string; bytes: Buffer }> {
  return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
}

test('a desk without a link exchanges packets with the district by file; a changed packet is refused', async ({
  browser,
}) => {
  // The desk is enrolled online (its packet keys are exchanged then), then the link goes down.
  const context = await browser.newContext({ acceptDownloads: true });
  const desk = new DeskPage(await context.newPage(), '山脚村老幼共托点');
  await desk.open();
  await desk.enrol(district.url, await district.issueCode(centreId));
  await desk.expectSynced();
  await context.setOffline(true);

  // She agreed to the district holding her data: it receives her record whole.
  await desk.register({
    name: '钱秀兰',
    gender: 'F',
    birthDate: '1947-03-08',
    consent: { by: '钱秀兰', relation: '本人', scopes: ['districtSharing'] },
  });
  await desk.checkInByTyping('钱秀兰');
  await expect(desk.presentRow('钱秀兰')).toBeVisible();
  // Meanwhile the centre's other desk, online, registers someone.
  const other = await district.enrolDevice(centreId, 'second desk');
  const sun = makeMember(centreId, { name: '孙建华', ...nameSearchKeys('孙建华') });
  await district.client(other.token).batch({
    pushes: { members: [{ newDocumentState: wire(sun) }] },
  });

  // 1. On the desk: write the packet.
  await desk.goTo('设置');
  const panel = desk.page.getByRole('region', { name: '同步包（无网络时用U盘传送）' });
  // What waits: the registration, the check-in and their audit entries, once the count settles.
  let waiting = -1;
  await expect
    .poll(
      async () => {
        const now = Number(await desk.statusBar.getAttribute('data-pending'));
        const settled = now === waiting;
        waiting = now;
        return settled && now > 0;
      },
      { intervals: [700] },
    )
    .toBe(true);
  await expect(panel.getByTestId('packet-waiting')).toHaveText(`待上传：${waiting} 条记录`);
  await expect(panel.getByRole('note')).toHaveCount(0);
  const writing = desk.page.waitForEvent('download');
  await panel.getByRole('button', { name: '写同步包' }).click();
  const packet = await saved(await writing);
  expect(packet.name).toMatch(/\.cocarepkt$/);
  await expect(panel.getByRole('status')).toContainText(
    `已写好第 1 号同步包（${waiting} 条记录）：${packet.name}。请存到U盘，交区级平台导入。`,
  );
  await shoot(desk.page, panel, 'desk-written');

  // 2. On the dashboard: a changed packet is refused with its reason, and nothing is imported.
  const admin = await dashboardAs(browser, district, 'wang');
  await admin.goto(`${district.url}/dashboard/#/centre/${centreId}`);
  await expect(admin.getByRole('heading', { name: '山脚村老幼共托点' })).toBeVisible();
  const upload = admin.getByRole('region', { name: '导入同步包（U盘）' });
  const file = JSON.parse(packet.bytes.toString('utf8')) as { ciphertext: string };
  const tampered = JSON.stringify({
    ...file,
    ciphertext: (file.ciphertext.startsWith('A') ? 'B' : 'A') + file.ciphertext.slice(1),
  });
  await upload.getByLabel('选择同步包文件并导入').setInputFiles({
    name: packet.name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(tampered),
  });
  await expect(upload.getByRole('alert')).toHaveText(
    '签名不对：同步包被改动过，或不是这台电脑写的，已拒收。',
  );
  await expect(admin.getByTestId('centre-sync')).toContainText('最近同步包从未');
  await shoot(admin, upload, 'dashboard-tampered');

  // The packet as written is imported; the centre shows it came by packet, and what waits.
  await upload.getByLabel('选择同步包文件并导入').setInputFiles({
    name: packet.name,
    mimeType: 'application/octet-stream',
    buffer: packet.bytes,
  });
  await expect(upload.getByRole('status')).toContainText(`第 1 号同步包：${waiting} 条记录`);
  const summary = admin.getByTestId('centre-sync');
  await expect(summary).not.toContainText('最近同步包从未');
  await expect(admin.getByTestId('centre-waiting')).toHaveText(`${waiting} 条`);
  const { rows } = await district.db.query<{ name: string }>(
    `SELECT data->>'name' AS name FROM documents WHERE collection = 'members' AND centre_id = $1
      ORDER BY name`,
    [centreId],
  );
  expect(rows.map((r) => r.name).sort()).toEqual(['孙建华', '钱秀兰'].sort());

  // The same packet again changes nothing, and says so.
  await upload.getByLabel('选择同步包文件并导入').setInputFiles({
    name: packet.name,
    mimeType: 'application/octet-stream',
    buffer: packet.bytes,
  });
  await expect(upload.getByRole('alert')).toHaveText('这个同步包已经导入过，没有任何变化。');

  // 3. The return packet for that desk, from the centre's device list.
  const returning = admin.waitForEvent('download');
  await admin
    .locator('tr[data-device]')
    .getByRole('button', { name: '下载回执包' })
    .first()
    .click();
  const back = await saved(await returning);
  expect(back.name).toMatch(/\.cocarepkt$/);
  await shoot(admin, summary, 'dashboard-imported');

  // 4. On the desk: import the return packet. The waiting count drops, 孙建华 is here.
  await panel.getByLabel('导入区里的回执包').setInputFiles({
    name: back.name,
    mimeType: 'application/octet-stream',
    buffer: back.bytes,
  });
  await expect(panel.getByRole('status')).toContainText('已导入第 1 号回执包');
  await expect(panel.getByTestId('packet-waiting')).toHaveText('待上传：0 条记录');
  await expect(desk.statusBar).toHaveAttribute('data-pending', '0');
  await shoot(desk.page, panel, 'desk-imported');
  // The same return packet again changes nothing.
  await panel.getByLabel('导入区里的回执包').setInputFiles({
    name: back.name,
    mimeType: 'application/octet-stream',
    buffer: back.bytes,
  });
  await expect(panel.getByRole('alert')).toHaveText('这个回执包已经导入过，没有任何变化。');

  await desk.checkInByTyping('孙建华');
  await expect(desk.presentRow('孙建华')).toBeVisible();
  await shoot(desk.page, desk.inBuilding, 'desk-other-desk');
});
