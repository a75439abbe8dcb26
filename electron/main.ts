/**
 * The main process: one instance, one sandboxed window showing the renderer from app://desk,
 * a strict CSP, no navigation away, no new windows, no permissions, and the typed IPC of the
 * bridge with its sender checked on every call, and updates from the district. The decisions live
 * in plain modules (security.ts, app-protocol.ts, ipc-handlers.ts, secret-store.ts, menu.ts,
 * updater.ts); this file wires them into Electron.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type OpenDialogOptions,
  type WebContents,
} from 'electron';
import { autoUpdater } from 'electron-updater';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_ENTRY_URL, APP_SCHEME } from './app-origin';
import { createAppProtocolHandler } from './app-protocol';
import { createBackupStore } from './backup';
import { createBridgeHandlers, registerBridgeHandlers } from './ipc-handlers';
import { menuTemplate } from './menu';
import { openSecretStore, secureStoreAvailable } from './secrets';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  mainWindowOptions,
  permissionDecision,
  windowOpenDecision,
} from './security';
import { createDeskUpdater, updatesDisabledReason, type DeskUpdater } from './updater';

const isDev = !app.isPackaged;
let mainWindow: BrowserWindow | null = null;

// Must run before 'ready'. 'standard' and 'secure' give app://desk a real origin that counts as a
// secure context (IndexedDB, fetch, crypto.subtle); codeCache speeds up cold starts.
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      codeCache: true,
    },
  },
]);

function hardenWebContents(contents: WebContents): void {
  const guardNavigation = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guardNavigation);
  contents.on('will-frame-navigate', guardNavigation);
  contents.on('will-redirect', guardNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenDecision);
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(permissionDecision()),
  );
  ses.setPermissionCheckHandler(() => permissionDecision());
  // app:// responses carry the CSP from the protocol handler; this also covers any other
  // document that might ever be loaded into a frame.
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') {
      callback({});
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/** The shell's own open dialog, over the desk's window: the only way a backup path is chosen. */
async function showOpenDialog(options: OpenDialogOptions): Promise<string | null> {
  const result = mainWindow
    ? await dialog.showOpenDialog(mainWindow, options)
    : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** The app-update.yml electron-builder packed beside the app, or null (not packaged, or none). */
function readAppUpdateConfig(): string | null {
  try {
    return readFileSync(path.join(process.resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
}

/**
 * Updates from the district the desk is enrolled with (electron/updater.ts). electron-updater's
 * autoUpdater is a getter that builds the updater for this OS: it is read only once there is a
 * district to check.
 */
function createUpdater(): DeskUpdater {
  return createDeskUpdater({
    engine: () => autoUpdater,
    sourceFile: path.join(app.getPath('userData'), 'update-source.json'),
    disabledReason: updatesDisabledReason({
      platform: process.platform,
      isPackaged: app.isPackaged,
      appUpdateConfig: app.isPackaged ? readAppUpdateConfig() : null,
    }),
  });
}

function registerIpc(updates: DeskUpdater): void {
  const handlers = createBridgeHandlers({
    secrets: openSecretStore(),
    backups: createBackupStore({
      configPath: path.join(app.getPath('userData'), 'backup-config.json'),
      dialog: {
        chooseFolder: () =>
          showOpenDialog({ properties: ['openDirectory', 'createDirectory', 'promptToCreate'] }),
        chooseFile: (folder) =>
          showOpenDialog({
            properties: ['openFile'],
            ...(folder ? { defaultPath: folder } : {}),
            filters: [{ name: 'CoCare backup', extensions: ['cocare'] }],
          }),
      },
    }),
    appInfo: () => ({
      version: app.getVersion(),
      platform: process.platform,
      secureStoreAvailable: secureStoreAvailable(),
    }),
    updates,
  });
  registerBridgeHandlers(ipcMain, handlers);
}

function createMainWindow(): BrowserWindow {
  const appDir = app.getAppPath();
  const window = new BrowserWindow(
    mainWindowOptions({ preloadPath: path.join(appDir, 'dist', 'electron', 'preload.cjs'), isDev }),
  );
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  await app.whenReady();
  const rendererRoot = path.join(app.getAppPath(), 'dist', 'renderer');
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(rendererRoot, (filePath) => readFile(filePath)),
  );
  hardenSession();
  const updates = createUpdater();
  registerIpc(updates);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate({ isDev, isMac: process.platform === 'darwin' })),
  );
  mainWindow = createMainWindow();
  await updates.start();
}

if (!app.requestSingleInstanceLock()) {
  // Another desk is already running: it gets 'second-instance' and comes to the front.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (app.isReady() && mainWindow === null) mainWindow = createMainWindow();
  });
  start().catch((error: unknown) => {
    console.error('CoCare Desk failed to start:', error);
    app.exit(1);
  });
}
