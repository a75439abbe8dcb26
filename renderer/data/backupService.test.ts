/**
 * The daily backup with a fake clock: the renderer's schedule, a desk on fake IndexedDB, and the
 * shell's real backup store (electron/backup.ts) on a temporary folder, joined as the bridge joins
 * them in the app.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackupStore } from '../../electron/backup';
import type { BridgeResult } from '../../shared/bridge';
import type { StaffDoc } from '../../shared/schemas';
import type { Platform } from '../platform';
import { simulatedMachine, TEST_STORE_KEY } from '../testing/node-desk';
import type { Desk } from './desk';
import { registerMember } from './members';
import {
  backUpNow,
  DAY_MS,
  loadBackupState,
  restoreFile,
  scheduleDailyBackup,
  setBackupPassphrase,
  startDailyBackup,
} from './backupService';

/** Sealing a store takes a moment on a busy test machine. */
const WAIT = { timeout: 15_000, interval: 50 };
const root = mkdtempSync(path.join(tmpdir(), 'cocare-daily-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const unwrap = <T>(r: BridgeResult<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** A platform whose backups go through the shell's store on a temporary folder. */
function folderPlatform(folder: string | null, now: () => number): Platform {
  const secrets = new Map<string, string>([['storeKey', TEST_STORE_KEY]]);
  const store = createBackupStore({
    configPath: path.join(root, `config-${Math.random()}.json`),
    dialog: { chooseFolder: async () => folder, chooseFile: async () => null },
    now: () => new Date(now()),
  });
  return {
    kind: 'electron',
    secretsAreDevelopmentOnly: false,
    getSecret: async (k) => secrets.get(k) ?? null,
    setSecret: async (k, v) => void secrets.set(k, v),
    deleteSecret: async (k) => void secrets.delete(k),
    appInfo: async () => ({ version: 't', platform: 'test', secureStoreAvailable: true }),
    backups: {
      kind: 'folder',
      chooseFolder: async () => unwrap(await store.chooseFolder()),
      folder: async () => unwrap(await store.folder()),
      save: async (b, c, r) => unwrap(await store.write(b, c, r)),
      list: async () => unwrap(await store.list()),
      read: async (n) => unwrap(await store.read(n)),
      pick: async () => unwrap(await store.pick()),
    },
    updateFrom: async () => null,
  };
}

describe('the daily schedule', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it('backs up at start when the last backup is a day old, then once a day', async () => {
    let clock = Date.parse('2026-11-23T08:00:00Z');
    let last: string | undefined = '2026-11-22T07:59:00Z';
    const run = vi.fn(async () => void (last = new Date(clock).toISOString()));
    const stop = scheduleDailyBackup({ lastAt: async () => last, run, now: () => clock });
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1), WAIT);

    const pass = async (ms: number) => {
      clock += ms;
      await vi.advanceTimersByTimeAsync(ms);
    };
    await pass(23 * 60 * 60_000);
    expect(run).toHaveBeenCalledTimes(1);
    await pass(60 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
    await pass(12 * 60 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
    stop();
    await pass(2 * DAY_MS);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('does not back up at start when today’s backup exists, and tries again after a failure', async () => {
    let clock = Date.parse('2026-11-23T08:00:00Z');
    const last = '2026-11-23T01:00:00Z';
    const run = vi.fn(async () => {
      throw new Error('disk unplugged');
    });
    const stop = scheduleDailyBackup({ lastAt: async () => last, run, now: () => clock });
    await vi.advanceTimersByTimeAsync(0);
    expect(run).not.toHaveBeenCalled();
    clock += DAY_MS;
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(run).toHaveBeenCalledTimes(2);
    stop();
  });
});

describe('the desk’s automatic backup', () => {
  let desk: Desk;
  afterEach(async () => {
    vi.useRealTimers();
    await desk?.db.close();
  });

  it('writes a sealed file into the chosen folder each day, which restores', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let clock = new Date(2026, 10, 23, 8, 0).getTime();
    desk = await simulatedMachine({ collections: ['members'] }).open(undefined, () => clock);
    desk.settings.centreId = 'centre-1';
    const folder = mkdtempSync(path.join(root, 'folder-'));
    const platform = folderPlatform(folder, () => clock);
    await registerMember(desk, {
      kind: 'elder',
      name: '王秀英',
      gender: 'F',
      birthDate: '1949-12-31',
    });

    // No folder chosen yet: nothing is written, nothing fails.
    let stop = startDailyBackup(desk, platform);
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    expect(readdirSync(folder)).toEqual([]);
    stop();

    await platform.backups.chooseFolder();
    stop = startDailyBackup(desk, platform);
    // A backup is written to a hidden temporary file and renamed when whole: wait for the rename.
    await vi.waitFor(
      () => expect(readdirSync(folder)).toEqual(['cocare-backup-centre-1-20261123-0800.cocare']),
      WAIT,
    );
    await vi.waitFor(
      async () =>
        expect((await loadBackupState(desk)).lastFile).toBe(
          'cocare-backup-centre-1-20261123-0800.cocare',
        ),
      WAIT,
    );
    clock += DAY_MS + 60_000;
    await vi.advanceTimersByTimeAsync(15 * 60_000);
    await vi.waitFor(
      () => expect(readdirSync(folder).filter((name) => !name.startsWith('.'))).toHaveLength(2),
      WAIT,
    );
    stop();

    desk.session = {
      staff: { id: 'm1', name: '站长', role: 'manager' } as StaffDoc,
      since: new Date(clock).toISOString(),
    };
    const [newest] = await platform.backups.list();
    const file = await platform.backups.read(newest!.fileName);
    const { result } = await restoreFile(desk, platform, file.bytes);
    expect(result).toMatchObject({ restored: 0, skipped: 1 });
  });

  it('seals with the centre passphrase once it is set, so a desk with another key opens it', async () => {
    desk = await simulatedMachine({ collections: ['members'] }).open();
    desk.settings.centreId = 'centre-1';
    // Restoring and setting the passphrase are a manager's: nobody logged in, or reception, is refused.
    const anonymous = folderPlatform(mkdtempSync(path.join(root, 'folder-')), Date.now);
    await expect(restoreFile(desk, anonymous, new Uint8Array(8))).rejects.toThrow(/manageStaff/);
    await expect(setBackupPassphrase(desk, anonymous, 'long enough passphrase')).rejects.toThrow(
      /manageStaff/,
    );
    desk.session = {
      staff: { id: 'r1', name: '前台', role: 'reception' } as StaffDoc,
      since: new Date().toISOString(),
    };
    await expect(restoreFile(desk, anonymous, new Uint8Array(8))).rejects.toThrow(/manageStaff/);
    desk.session = {
      staff: { id: 'm1', name: '站长', role: 'manager' } as StaffDoc,
      since: new Date().toISOString(),
    };
    const folder = mkdtempSync(path.join(root, 'folder-'));
    const platform = folderPlatform(folder, Date.now);
    await platform.backups.chooseFolder();
    await expect(setBackupPassphrase(desk, platform, 'short')).rejects.toThrow(
      'passphraseTooShort',
    );
    await setBackupPassphrase(desk, platform, '青山绿水常在 2026');
    expect(await platform.getSecret('backupPassphraseKey')).not.toContain('青山');
    const done = await backUpNow(desk, platform);
    const { bytes } = await platform.backups.read(done.fileName);

    const replacement = folderPlatform(folder, Date.now);
    await replacement.setSecret('storeKey', 'another-desk-key');
    await expect(restoreFile(desk, replacement, bytes)).rejects.toMatchObject({
      problem: 'wrongKey',
    });
    const { opened } = await restoreFile(desk, replacement, bytes, '青山绿水常在 2026');
    expect(opened.openedWith).toBe('passphrase');
  });
});
