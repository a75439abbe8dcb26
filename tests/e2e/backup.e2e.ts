import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { BridgeApi } from '../../shared/bridge';
import { DeskPage } from './pages/desk';

const elder = (name: string) => ({ name, gender: 'F' as const, birthDate: '1948-05-12' });

/** The Settings screen's backup panel, as a manager sees it in Chinese. */
function backupPanel(page: Page) {
  const panel = page.getByRole('region', { name: '备份与恢复' });
  return {
    panel,
    restoreGroup: panel.getByRole('group', { name: '从备份恢复' }),
    confirm: panel.getByRole('region', { name: '确认从这个备份恢复' }),
    async backUp(): Promise<{ name: string; bytes: Buffer }> {
      const downloading = page.waitForEvent('download');
      await panel.getByRole('button', { name: '立即备份' }).click();
      const download = await downloading;
      await expect(panel.getByRole('status').filter({ hasText: '已备份：' })).toBeVisible();
      return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
    },
    async choose(name: string, bytes: Buffer): Promise<void> {
      await panel
        .getByLabel('选择备份文件（.cocare）')
        .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
    },
  };
}

/** The screen as staff see it (1366×768), with `what` scrolled into the middle of it. */
async function shoot(page: Page, what: Locator, name: string): Promise<void> {
  await what.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `test-results/screens/${name}.png` });
}

/** Every member document in the desk's IndexedDB, deleted ones too: what the store really holds. */
async function storedMembers(page: Page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const dbName = names.find((n) => n.includes('cocare-desk') && n.endsWith('--members'));
    if (!dbName) throw new Error(`no members store among ${names.join(', ')}`);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = [...db.objectStoreNames].find((n) => n.startsWith('docs'))!;
    const docs = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const all = db.transaction(store).objectStore(store).getAll();
      all.onsuccess = () => resolve(all.result as Record<string, unknown>[]);
      all.onerror = () => reject(all.error);
    });
    db.close();
    return docs.map((d) => ({
      name: d.name as string,
      allergies: d.allergies as string[] | undefined,
      status: d.status as string | undefined,
      deleted: d._deleted === true || d._deleted === '1' || d._deleted === 1,
    }));
  });
}

test('a manager backs up, records change, and restoring the backup changes nothing newer; a damaged file is refused', async ({
  page,
}) => {
  const desk = new DeskPage(page);
  await desk.open();
  for (const name of ['王秀英', '李桂兰', '张建国']) await desk.register(elder(name));

  await desk.goTo('设置');
  const backup = backupPanel(page);
  await expect(backup.panel.getByText('浏览器版：备份文件会下载到')).toBeVisible();
  await expect(backup.panel.getByTestId('backup-last')).toHaveText('本机还没有备份过。');
  const file = await backup.backUp();
  expect(file.name).toMatch(/^cocare-backup-unenrolled-\d{8}-\d{4}\.cocare$/);
  await expect(backup.panel.getByTestId('backup-last')).toContainText('上次备份：');
  await expect(backup.panel.getByTestId('backup-last')).toContainText(file.name);
  await shoot(page, backup.panel.getByRole('heading', { name: '备份与恢复' }), 'backup-done');

  // After the backup: one person's data erased, one record corrected, one person added.
  await desk.goTo('人员');
  const people = page.getByRole('list', { name: '人员名单' });
  await people.getByRole('listitem').filter({ hasText: '李桂兰' }).getByRole('button').click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByText('删除此人的个人信息').click();
  await page.getByLabel('删除原因').fill('家属要求删除');
  await page.getByRole('button', { name: '确认删除' }).click();
  await expect(people.getByRole('listitem').filter({ hasText: '李桂兰' })).toHaveCount(0);
  await people.getByRole('listitem').filter({ hasText: '张建国' }).getByRole('button').click();
  await page.getByText('修改信息', { exact: true }).click();
  await page.getByLabel('过敏（可选，用顿号分隔）').fill('花生');
  await page.getByLabel('更正原因').fill('家属告知');
  await page.getByRole('button', { name: '保存修改' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存更正。' })).toBeVisible();
  await desk.register(elder('赵新'));
  const before = await storedMembers(page);

  // A damaged, a cut-short and a wrong file are refused, each saying why, and change nothing.
  await desk.goTo('设置');
  const damaged = Buffer.from(file.bytes);
  damaged[damaged.length - 40]! ^= 0x01;
  await backup.choose(file.name, damaged);
  const refusal = backup.restoreGroup.getByRole('alert');
  await expect(refusal).toContainText('这个备份文件已损坏，无法使用。请选择另一个备份');
  await expect(backup.confirm).toHaveCount(0);
  await shoot(page, refusal, 'backup-corrupt');
  await backup.choose(file.name, file.bytes.subarray(0, 200));
  await expect(refusal).toContainText('这个备份文件不完整');
  await backup.choose('名单.csv', Buffer.from('姓名,性别\n王秀英,女\n'));
  await expect(refusal).toContainText('这不是 CoCare 的备份文件');
  expect(await storedMembers(page)).toEqual(before);

  // The good file: a confirmation that says it merges, then the result.
  await backup.choose(file.name, file.bytes);
  await expect(backup.confirm).toContainText(`文件：${file.name}`);
  await expect(backup.confirm).toContainText('本机已有相同或更新版本的记录保持不变');
  await expect(backup.confirm).toContainText('备份之后删除的记录不会恢复');
  await shoot(page, backup.confirm, 'backup-confirm');
  await backup.confirm.getByRole('button', { name: '确认恢复' }).click();
  const result = backup.restoreGroup.getByRole('status');
  await expect(result).toContainText('恢复完成：补回 0 条记录');
  await expect(result).toContainText('（本机已有相同或更新的版本）');
  await shoot(page, result, 'backup-restored');

  // Nothing newer was overwritten: the erased person stays erased, the correction and the new
  // person stay, on the screen and in the store.
  expect(await storedMembers(page)).toEqual(before);
  expect(before.map((m) => m.name).sort()).toEqual(
    ['（已删除）', '张建国', '王秀英', '赵新'].sort(),
  );
  // The correction's allergies are sealed at rest (renderer/data/fieldEncryption.ts): the same
  // ciphertext before and after the restore is the same value, untouched.
  expect(before.find((m) => m.name === '张建国')?.allergies).toMatch(/^gcm1:/);
  await desk.goTo('人员');
  await expect(people.getByRole('listitem')).toHaveCount(3);
  await expect(people).not.toContainText('李桂兰');
  await expect(people).toContainText('赵新');
});

test('a replacement desk restores a backup with the centre’s passphrase, and gets back what was lost', async ({
  browser,
  baseURL,
}) => {
  // Two computers: each its own browser profile, so its own store and its own key.
  const computer = () =>
    browser.newContext({
      ...(baseURL ? { baseURL } : {}),
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  const oldContext = await computer();
  const oldPage = await oldContext.newPage();
  const oldDesk = new DeskPage(oldPage);
  await oldDesk.open();
  await oldDesk.register(elder('孙丽华'));
  await oldDesk.goTo('设置');
  const oldPanel = backupPanel(oldPage);
  await expect(oldPanel.panel).toContainText('还没有设置备份密码');
  await oldPanel.panel.getByLabel('新的备份密码（至少 10 个字）').fill('青山绿水 常在 2026');
  await oldPanel.panel.getByLabel('再输一次备份密码').fill('青山绿水 常在 2026');
  await oldPanel.panel.getByRole('button', { name: '设置备份密码' }).click();
  await expect(oldPanel.panel.getByRole('status')).toContainText('备份密码已设置');
  const file = await oldPanel.backUp();
  await oldContext.close();

  // A new computer: its own store and its own key.
  const newContext = await computer();
  const page = await newContext.newPage();
  const desk = new DeskPage(page);
  await desk.open();
  await desk.goTo('设置');
  const backup = backupPanel(page);
  await backup.choose(file.name, file.bytes);
  const refusal = backup.restoreGroup.getByRole('alert');
  await expect(refusal).toContainText('这个备份不是本机做的');
  await shoot(page, refusal, 'backup-wrong-key');
  await refusal.getByLabel('本中心的备份密码').fill('青山绿水 常在 2026');
  await refusal.getByRole('button', { name: '用这个密码再试' }).click();
  await expect(backup.confirm).toContainText(`文件：${file.name}`);
  await backup.confirm.getByRole('button', { name: '确认恢复' }).click();
  await expect(backup.restoreGroup.getByRole('status')).toContainText(
    /恢复完成：补回 [1-9]\d* 条记录/,
  );
  await desk.goTo('人员');
  await expect(page.getByRole('list', { name: '人员名单' })).toContainText('孙丽华');
  expect((await storedMembers(page)).map((m) => m.name)).toEqual(['孙丽华']);
  await newContext.close();
});

/**
 * The desktop app's panel (a folder, the list of backups, the days kept). There is no Electron
 * binary on this machine, so a stand-in for the shell's `window.cocare` bridge is put in the page
 * before the desk starts: an in-memory folder behind the same typed interface the preload exposes
 * (electron/backup.ts itself is tested in Node). What this checks is the desk's side: the Electron
 * platform, the panel, and their layout at 1366×768.
 */
test('in the desktop app, the manager chooses a folder, backs up into it, keeps 7 days and restores from the list', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const files = new Map<string, Uint8Array>();
    let folder: string | null = null;
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    // Each channel of the bridge answered in memory; `satisfies BridgeApi` keeps the names,
    // arguments and results those of shared/bridge.ts (the page can load no module of its own).
    const shell = {
      'cocare:secrets:get': (k: string) => localStorage.getItem(`shell.${k}`),
      'cocare:secrets:set': (k: string, v: string) => localStorage.setItem(`shell.${k}`, v),
      'cocare:secrets:delete': (k: string) => localStorage.removeItem(`shell.${k}`),
      'cocare:app:info': () => ({ version: 'e2e', platform: 'win32', secureStoreAvailable: true }),
      'cocare:backups:choose-folder': () => (folder = 'D:\\CoCare 备份'),
      'cocare:backups:folder': () => folder,
      'cocare:backups:write': (bytes: Uint8Array, centreId: string) => {
        const at = new Date();
        const name = `cocare-backup-${centreId}-${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}.cocare`;
        files.set(name, bytes);
        return { fileName: name, folder: folder ?? '', removed: [] };
      },
      'cocare:backups:list': () =>
        [...files].map(([fileName, bytes]) => ({
          fileName,
          size: bytes.length,
          createdAt: new Date().toISOString(),
        })),
      'cocare:backups:read': (fileName: string) => ({
        fileName,
        bytes: files.get(fileName) ?? new Uint8Array(),
      }),
      'cocare:backups:pick': () => null,
      'cocare:updates:set-district': (districtUrl: string) => ({
        feedUrl: `${new URL(districtUrl).origin}/updates/`,
        disabledReason: 'e2e: this shell does not update itself',
      }),
    } satisfies BridgeApi;
    (window as unknown as { cocare: unknown }).cocare = {
      invoke: async (channel: keyof BridgeApi, ...args: unknown[]) => ({
        ok: true,
        value: (shell[channel] as (...a: unknown[]) => unknown)(...args),
      }),
    };
  });
  const desk = new DeskPage(page);
  await desk.open();
  await desk.register(elder('钱桂香'));
  await desk.goTo('设置');
  const { panel, restoreGroup, confirm } = backupPanel(page);
  await expect(panel).toContainText('还没有选择备份文件夹');
  await expect(panel.getByRole('button', { name: '立即备份' })).toBeDisabled();
  await panel.getByRole('button', { name: '选择文件夹…' }).click();
  await expect(panel.getByTestId('backup-folder')).toHaveText('D:\\CoCare 备份');

  await panel.getByRole('button', { name: '立即备份' }).click();
  await expect(panel.getByRole('status').filter({ hasText: '已备份：' })).toBeVisible();
  await panel.getByLabel('备份保留天数').fill('7');
  await panel.getByRole('button', { name: '保存天数' }).click();
  await expect(panel.getByText('已保存：保留 7 天。')).toBeVisible();
  const list = restoreGroup.getByRole('table', { name: '文件夹中的备份' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await shoot(page, list, 'backup-folder-list');

  await list.getByRole('button', { name: '恢复' }).click();
  await confirm.getByRole('button', { name: '确认恢复' }).click();
  await expect(restoreGroup.getByRole('status')).toContainText('恢复完成：补回 0 条记录');
});
