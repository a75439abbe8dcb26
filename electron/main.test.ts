/**
 * Wiring of main.ts into Electron, against a stand-in 'electron' module (the real one is never
 * loaded): what gets registered, with which settings, and that IPC checks its sender.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC } from '../shared/bridge';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './security';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    userData: '',
    appListeners: new Map<string, Listener>(),
    schemes: [] as unknown[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
    ipc: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; url: string }[],
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    headersReceived: null as Listener | null,
    menu: null as unknown,
    dialogs: [] as unknown[],
  };
  class BrowserWindow {
    options: Record<string, unknown>;
    url = '';
    constructor(options: Record<string, unknown>) {
      this.options = options;
      state.windows.push(this);
    }
    once() {}
    on() {}
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => state.appListeners.set(event, listener),
      whenReady: () => Promise.resolve(),
      isReady: () => true,
      getAppPath: () => '/opt/cocare/resources/app.asar',
      getVersion: () => '0.1.0',
      getPath: () => state.userData,
      quit: () => {},
      exit: () => {},
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, listener: Listener) => state.ipc.set(channel, listener) },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        state.dialogs.push(args.at(-1));
        return { canceled: false, filePaths: [state.userData + '/chosen-backups'] };
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => (state.menu = menu),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.schemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        state.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (state.permissionRequest = h),
        setPermissionCheckHandler: (h: Listener) => (state.permissionCheck = h),
        webRequest: { onHeadersReceived: (h: Listener) => (state.headersReceived = h) },
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
    },
  };
  return { state, electron };
});

vi.mock('electron', () => fake.electron);

const { state } = fake;
const dir = mkdtempSync(path.join(tmpdir(), 'cocare-main-'));

beforeAll(async () => {
  state.userData = dir;
  await import('./main');
  await vi.waitFor(() => expect(state.windows).toHaveLength(1));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('main process wiring', () => {
  it('registers app:// as a standard, secure scheme and serves it', () => {
    expect(state.schemes).toEqual([
      expect.objectContaining({
        scheme: APP_SCHEME,
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(state.protocolHandlers.has(APP_SCHEME)).toBe(true);
  });

  it('opens one sandboxed window on the app’s entry page, with the bundled preload', () => {
    const [window] = state.windows;
    expect(window?.url).toBe(APP_ENTRY_URL);
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
      preload: path.join('/opt/cocare/resources/app.asar', 'dist', 'electron', 'preload.cjs'),
    });
  });

  it('holds the single-instance lock and hardens every web contents', () => {
    expect(state.appListeners.has('second-instance')).toBe(true);
    const hooks = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    const contents = {
      on: (event: string, listener: Listener) => hooks.set(event, listener),
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    };
    state.appListeners.get('web-contents-created')?.({}, contents);
    expect(openHandler!()).toEqual({ action: 'deny' });
    const blocked = { url: 'https://evil.example/', preventDefault: vi.fn() };
    hooks.get('will-navigate')?.(blocked);
    expect(blocked.preventDefault).toHaveBeenCalled();
    const inApp = { url: 'app://desk/index.html', preventDefault: vi.fn() };
    hooks.get('will-navigate')?.(inApp);
    expect(inApp.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    hooks.get('will-attach-webview')?.(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    state.permissionRequest?.({}, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.permissionCheck?.({}, 'notifications')).toBe(false);
  });

  it('adds the CSP to documents', () => {
    const callback = vi.fn();
    state.headersReceived?.({ resourceType: 'mainFrame', responseHeaders: {} }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('handles every bridge channel, checking the sender frame', async () => {
    expect([...state.ipc.keys()].sort()).toEqual(Object.values(IPC).sort());
    const set = state.ipc.get(IPC.secretsSet)!;
    const get = state.ipc.get(IPC.secretsGet)!;
    const fromApp = { senderFrame: { url: APP_ENTRY_URL } };
    expect(await set(fromApp, 'deviceToken', 'tok')).toEqual({ ok: true, value: undefined });
    expect(await get(fromApp, 'deviceToken')).toEqual({ ok: true, value: 'tok' });
    expect(
      await get({ senderFrame: { url: 'https://evil.example/' } }, 'deviceToken'),
    ).toMatchObject({
      ok: false,
    });
    expect(await get({ senderFrame: null }, 'deviceToken')).toMatchObject({ ok: false });
    expect(await state.ipc.get(IPC.appInfo)!(fromApp)).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: process.platform, secureStoreAvailable: true },
    });
  });

  it('chooses the backup folder in the shell’s own dialog, for the app’s page only', async () => {
    const choose = state.ipc.get(IPC.backupsChooseFolder)!;
    expect(await choose({ senderFrame: { url: 'https://evil.example/' } })).toMatchObject({
      ok: false,
    });
    expect(state.dialogs).toEqual([]);
    expect(await choose({ senderFrame: { url: APP_ENTRY_URL } })).toEqual({
      ok: true,
      value: path.join(dir, 'chosen-backups'),
    });
    expect(state.dialogs).toEqual([
      { properties: ['openDirectory', 'createDirectory', 'promptToCreate'] },
    ]);
    expect(
      await state.ipc.get(IPC.backupsFolder)!({ senderFrame: { url: APP_ENTRY_URL } }),
    ).toEqual({ ok: true, value: path.join(dir, 'chosen-backups') });
  });

  it('keeps the district to update from in the user-data folder, for the app’s page only', async () => {
    const set = state.ipc.get(IPC.updatesSetDistrict)!;
    const address = 'https://district.example.cn';
    expect(await set({ senderFrame: { url: 'https://evil.example/' } }, address)).toMatchObject({
      ok: false,
    });
    // This stand-in package has no app-update.yml: the district is kept, nothing is checked.
    expect(await set({ senderFrame: { url: APP_ENTRY_URL } }, address)).toEqual({
      ok: true,
      value: {
        feedUrl: 'https://district.example.cn/updates/',
        disabledReason: expect.stringContaining('app-update.yml'),
      },
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'update-source.json'), 'utf8'))).toEqual({
      version: 1,
      districtOrigin: address,
    });
  });
});
