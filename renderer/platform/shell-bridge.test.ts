/**
 * The desk's Electron platform driven through the real shell: the real preload (with a stand-in
 * for Electron's IPC, there being no Electron binary here) reaching the main process's real
 * handlers and stores, which keep secrets and backups in real files in a temporary folder. Only
 * Electron's own parts are stand-ins: the OS cipher, the folder and file dialogs, and the IPC
 * transport, which copies what crosses it as Electron's does (structured clone).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/app-origin';
import { createBackupStore } from '../../electron/backup';
import {
  createBridgeHandlers,
  registerBridgeHandlers,
  UNTRUSTED_SENDER_ERROR,
  type BridgeIpcMain,
} from '../../electron/ipc-handlers';
import { createSecretStore, SECRET_ERRORS } from '../../electron/secret-store';
import { createDeskUpdater, UPDATE_ERRORS, updatesDisabledReason } from '../../electron/updater';
import { backupFileName, writeBackup } from '../../shared/backup';
import { BACKUP_SHELL_ERRORS, type DeskBridge } from '../../shared/bridge';
import { electronPlatform } from './shell-bridge';
import type { Platform } from './types';

type Listener = Parameters<BridgeIpcMain['handle']>[1];

const ipc = vi.hoisted(() => ({
  /** What ipcMain.handle registered, by channel. */
  listeners: new Map<string, Listener>(),
  /** The URL of the frame the preload runs in: the sender the main process sees. */
  pageUrl: '',
  exposed: new Map<string, unknown>(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => ipc.exposed.set(name, api),
  },
  ipcRenderer: {
    // As Electron's: a channel without a handler rejects; arguments and reply are copies.
    invoke: async (channel: string, ...args: unknown[]) => {
      const listener = ipc.listeners.get(channel);
      if (!listener) throw new Error(`No handler registered for '${channel}'`);
      const event = { senderFrame: { url: ipc.pageUrl } };
      return structuredClone(await listener(event, ...structuredClone(args)));
    },
  },
}));

const dir = mkdtempSync(path.join(tmpdir(), 'cocare-shell-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** The folder the manager picks in the shell's folder dialog, already on the disk. */
const backupFolder = path.join(dir, 'U 盘', 'CoCare 备份');
mkdirSync(backupFolder, { recursive: true });
const secretsFile = path.join(dir, 'userData', 'secrets.json');
const updateSourceFile = path.join(dir, 'userData', 'update-source.json');
/** An installed Windows desk built without a code-signing certificate. */
const unsigned = updatesDisabledReason({
  platform: 'win32',
  isPackaged: true,
  appUpdateConfig: 'provider: generic\nurl: https://district.invalid/updates/\n',
});
const now = new Date(2026, 10, 23, 8, 0);
/** What the manager picks in the shell's file dialog, when the test gets that far. */
let pickedFile: string | null = null;

registerBridgeHandlers(
  { handle: (channel, listener) => ipc.listeners.set(channel, listener) },
  createBridgeHandlers({
    secrets: createSecretStore({
      filePath: secretsFile,
      isAvailable: () => true,
      encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
      decrypt: (cipher) => Buffer.from(cipher).reverse().toString('utf8'),
    }),
    appInfo: () => ({ version: '0.1.0', platform: 'win32', secureStoreAvailable: true }),
    backups: createBackupStore({
      configPath: path.join(dir, 'userData', 'backup-config.json'),
      dialog: { chooseFolder: async () => backupFolder, chooseFile: async () => pickedFile },
      now: () => now,
    }),
    updates: createDeskUpdater({
      engine: () => {
        throw new Error('an unsigned build never makes electron-updater');
      },
      sourceFile: updateSourceFile,
      disabledReason: unsigned,
    }),
  }),
);

let platform: Platform;
beforeAll(async () => {
  await import('../../electron/preload');
  platform = electronPlatform(ipc.exposed.get('cocare') as DeskBridge);
});
beforeEach(() => {
  ipc.pageUrl = APP_ENTRY_URL;
});

const sealed = (centreId: string) =>
  writeBackup(
    { centreId, deviceId: 'd1', createdAt: now.toISOString() },
    { collections: {}, local: {} },
    { storeKey: 'k' },
  );

describe('the desk in Electron, through the preload and the main process’s handlers', () => {
  it('keeps a secret in the OS-encrypted file, reads it back, and forgets it', async () => {
    expect(platform.kind).toBe('electron');
    expect(platform.secretsAreDevelopmentOnly).toBe(false);
    expect(await platform.getSecret('deviceToken')).toBeNull();
    await platform.setSecret('deviceToken', 'tok-阳光-1');
    expect(await platform.getSecret('deviceToken')).toBe('tok-阳光-1');
    expect(readFileSync(secretsFile, 'utf8')).not.toContain('tok-阳光-1');
    await platform.deleteSecret('deviceToken');
    expect(await platform.getSecret('deviceToken')).toBeNull();
  });

  it('says what the app is', async () => {
    expect(await platform.appInfo()).toEqual({
      version: '0.1.0',
      platform: 'win32',
      secureStoreAvailable: true,
    });
  });

  it('throws the shell’s refusal as an Error carrying its message', async () => {
    // @ts-expect-error a page ignoring the types: the shell refuses the name, not just tsc
    await expect(platform.setSecret('apiKey', 'x')).rejects.toThrow(
      new Error(SECRET_ERRORS.unknownKey),
    );
    await expect(platform.backups.save(await sealed('c1'), 'c1', 30)).rejects.toThrow(
      new Error(BACKUP_SHELL_ERRORS.noFolder),
    );
  });

  it('backs up into the folder chosen in the shell’s dialog, keeps the days set, and reads a backup back', async () => {
    expect(platform.backups.kind).toBe('folder');
    expect(await platform.backups.folder()).toBeNull();
    expect(await platform.backups.chooseFolder()).toBe(backupFolder);
    expect(await platform.backups.folder()).toBe(backupFolder);

    const old = backupFileName('c1', new Date(2026, 9, 1, 8, 0));
    const otherCentre = backupFileName('c2', new Date(2026, 9, 1, 8, 0));
    const bytes = await sealed('c1');
    writeFileSync(path.join(backupFolder, old), bytes);
    writeFileSync(path.join(backupFolder, otherCentre), await sealed('c2'));

    const written = await platform.backups.save(bytes, 'c1', 30);
    expect(written).toEqual({
      fileName: backupFileName('c1', now),
      folder: backupFolder,
      removed: [old],
    });
    expect(new Uint8Array(readFileSync(path.join(backupFolder, written.fileName)))).toEqual(bytes);
    expect(existsSync(path.join(backupFolder, old))).toBe(false);

    expect((await platform.backups.list()).map((f) => [f.fileName, f.size])).toEqual([
      [written.fileName, bytes.length],
      [otherCentre, expect.any(Number)],
    ]);
    expect(await platform.backups.read(written.fileName)).toEqual({
      fileName: written.fileName,
      bytes,
    });
    await expect(platform.backups.read('../secrets.json')).rejects.toThrow(
      new Error(BACKUP_SHELL_ERRORS.badName),
    );
  });

  it('reads the file picked in the shell’s dialog, and nothing when the manager cancels', async () => {
    expect(await platform.backups.pick()).toBeNull();
    pickedFile = path.join(backupFolder, backupFileName('c1', now));
    expect(await platform.backups.pick()).toEqual({
      fileName: backupFileName('c1', now),
      bytes: new Uint8Array(readFileSync(pickedFile)),
    });
  });

  it('tells the shell the district to update from, keeps the first, and refuses another', async () => {
    expect(await platform.updateFrom('https://district.example.cn')).toEqual({
      feedUrl: 'https://district.example.cn/updates/',
      disabledReason: unsigned,
    });
    expect(unsigned).toMatch(/未签名/);
    expect(JSON.parse(readFileSync(updateSourceFile, 'utf8'))).toEqual({
      version: 1,
      districtOrigin: 'https://district.example.cn',
    });
    // Re-enrolled with the same district (another path, same origin): still that district.
    expect((await platform.updateFrom('https://district.example.cn/sync'))?.feedUrl).toBe(
      'https://district.example.cn/updates/',
    );
    await expect(platform.updateFrom('https://evil.example')).rejects.toThrow(
      new Error(UPDATE_ERRORS.pinned('https://district.example.cn', 'https://evil.example')),
    );
    await expect(platform.updateFrom('http://evil.example')).rejects.toThrow(
      new Error(UPDATE_ERRORS.badAddress),
    );
    expect(JSON.parse(readFileSync(updateSourceFile, 'utf8')).districtOrigin).toBe(
      'https://district.example.cn',
    );
  });

  it('refuses a page that is not the desk’s own, and changes nothing for it', async () => {
    await platform.setSecret('deviceToken', 'tok-real');
    ipc.pageUrl = 'https://evil.example/';
    const refused = new Error(UNTRUSTED_SENDER_ERROR);
    await expect(platform.getSecret('deviceToken')).rejects.toThrow(refused);
    await expect(platform.setSecret('deviceToken', 'tok-stolen')).rejects.toThrow(refused);
    await expect(platform.backups.list()).rejects.toThrow(refused);
    ipc.pageUrl = APP_ENTRY_URL;
    expect(await platform.getSecret('deviceToken')).toBe('tok-real');
  });
});
