/**
 * The main process's side of the bridge: every channel registered behind the sender check, the
 * arguments of a page that ignores the types checked, and the handlers typed against the
 * bridge's map (the `@ts-expect-error` lines fail `tsc` the day the types stop catching them).
 * The renderer's side, driven through these same handlers, is renderer/platform/shell-bridge.test.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../shared/backup';
import { BACKUP_SHELL_ERRORS, IPC, type BridgeHandlers } from '../shared/bridge';
import { APP_ENTRY_URL } from './app-origin';
import { createBackupStore } from './backup';
import {
  createBridgeHandlers,
  registerBridgeHandlers,
  UNTRUSTED_SENDER_ERROR,
  type BridgeIpcMain,
} from './ipc-handlers';
import { createSecretStore, SECRET_ERRORS } from './secret-store';
import { createDeskUpdater, UPDATE_ERRORS } from './updater';

const dir = mkdtempSync(path.join(tmpdir(), 'cocare-ipc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const secretsFile = path.join(dir, 'secrets.json');
const updateSourceFile = path.join(dir, 'update-source.json');

const handlers = createBridgeHandlers({
  secrets: createSecretStore({
    filePath: secretsFile,
    isAvailable: () => true,
    encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decrypt: (cipher) => Buffer.from(cipher).reverse().toString('utf8'),
  }),
  appInfo: () => ({ version: '0.1.0', platform: 'linux', secureStoreAvailable: true }),
  backups: createBackupStore({
    configPath: path.join(dir, 'backup-config.json'),
    dialog: {
      chooseFolder: async () => path.join(dir, 'backups'),
      chooseFile: async () => {
        throw new Error('对话框打不开');
      },
    },
    now: () => new Date(2026, 10, 23, 8, 0),
  }),
  // Not packaged: the district is checked and kept, electron-updater is never made.
  updates: createDeskUpdater({
    engine: () => {
      throw new Error('electron-updater is not made in a development run');
    },
    sourceFile: updateSourceFile,
    disabledReason: '开发运行（未打包）：不自动更新。',
  }),
});

type Listener = Parameters<BridgeIpcMain['handle']>[1];
const listeners = new Map<string, Listener>();
registerBridgeHandlers(
  { handle: (channel, listener) => listeners.set(channel, listener) },
  handlers,
);

/** What ipcMain does on an invoke: the listener of the channel, with the sending frame's URL. */
function invokeFrom(senderUrl: string | null, channel: string, ...args: unknown[]) {
  const listener = listeners.get(channel);
  if (!listener) throw new Error(`no listener on ${channel}`);
  return listener({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args);
}

describe('bridge IPC handlers', () => {
  it('registers a listener for every channel of the bridge and no other', () => {
    expect([...listeners.keys()].sort()).toEqual(Object.values(IPC).sort());
  });

  it('serves the app’s own page', async () => {
    expect(await invokeFrom(APP_ENTRY_URL, IPC.appInfo)).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux', secureStoreAvailable: true },
    });
  });

  it('refuses any other sender on every channel, before doing anything', async () => {
    for (const sender of [null, 'https://evil.example/', 'file:///x/index.html', 'app://evil/']) {
      for (const channel of listeners.keys()) {
        expect(await invokeFrom(sender, channel, 'deviceToken', 'x')).toEqual({
          ok: false,
          error: UNTRUSTED_SENDER_ERROR,
        });
      }
    }
    expect(existsSync(secretsFile)).toBe(false);
    expect(existsSync(path.join(dir, 'backup-config.json'))).toBe(false);
    expect(existsSync(updateSourceFile)).toBe(false);
  });

  it('checks the arguments of a page that does not follow the bridge’s types', async () => {
    expect(await invokeFrom(APP_ENTRY_URL, IPC.secretsSet, 'apiKey', 'x')).toEqual({
      ok: false,
      error: SECRET_ERRORS.unknownKey,
    });
    expect(await invokeFrom(APP_ENTRY_URL, IPC.secretsSet, 'deviceToken', { token: 'x' })).toEqual({
      ok: false,
      error: SECRET_ERRORS.badValue,
    });
    expect(await invokeFrom(APP_ENTRY_URL, IPC.backupsChooseFolder)).toMatchObject({ ok: true });
    const bytes = await writeBackup(
      { centreId: 'c1', deviceId: 'd1', createdAt: '2026-11-23T00:00:00.000Z' },
      { collections: {}, local: {} },
      { storeKey: 'k' },
    );
    for (const args of [
      ['/etc/passwd', 'c1', 30],
      [bytes, '../c1', 30],
      [bytes, 'c1', '30'],
      [bytes, 'c1'],
    ]) {
      expect(await invokeFrom(APP_ENTRY_URL, IPC.backupsWrite, ...args)).toEqual({
        ok: false,
        error: BACKUP_SHELL_ERRORS.badArgument,
      });
    }
    expect(await invokeFrom(APP_ENTRY_URL, IPC.backupsRead, '../secrets.json')).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.badName,
    });
    expect(await invokeFrom(APP_ENTRY_URL, IPC.backupsRead)).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.badName,
    });
    for (const address of [
      undefined,
      { href: 'https://evil.example/' },
      'http://district.example.cn',
      'file:///etc/passwd',
      'https://user:pw@district.example.cn',
    ]) {
      expect(await invokeFrom(APP_ENTRY_URL, IPC.updatesSetDistrict, address)).toEqual({
        ok: false,
        error: UPDATE_ERRORS.badAddress,
      });
    }
    expect(existsSync(updateSourceFile)).toBe(false);
  });

  it('answers a handler’s thrown error as a result, not a rejection', async () => {
    expect(await invokeFrom(APP_ENTRY_URL, IPC.backupsPick)).toEqual({
      ok: false,
      error: '对话框打不开',
    });
  });

  // These fail `tsc` (run by `npm test`), not vitest: each @ts-expect-error is an error the day
  // its line compiles.
  it('does not compile a handler answering another type than its channel’s, or trusting its arguments', () => {
    const typed = (h: BridgeHandlers) => h;
    const withoutAppInfo: Omit<BridgeHandlers, typeof IPC.appInfo> = handlers;
    // @ts-expect-error every channel needs its handler
    typed(withoutAppInfo);
    typed({
      ...handlers,
      // @ts-expect-error the app's info is an AppInfo, not its version string
      [IPC.appInfo]: async () => ({ ok: true, value: '0.1.0' }),
    });
    typed({
      ...handlers,
      // @ts-expect-error the key comes from the renderer: the handler gets it as `unknown`
      [IPC.secretsGet]: async (key: 'deviceToken') => ({ ok: true, value: key }),
    });
    typed({
      ...handlers,
      // @ts-expect-error the bridge has no such channel
      'cocare:shell:exec': async () => ({ ok: true, value: null }),
    });
    typed(handlers);
  });
});
