/**
 * The desk updates itself from the district it is enrolled with: electron-updater's `generic`
 * provider reads the district's `/updates/` (server/updates.ts), downloads a newer desk in the
 * background, checks its SHA-512 against the metadata (and on Windows its publisher's signature)
 * and installs it when the desk is closed. Plain Node: main.ts passes electron-updater's
 * autoUpdater; electron/updater.test.ts drives the real electron-updater against a real district.
 *
 * The renderer tells the shell the district's address (IPC updatesSetDistrict), but the renderer
 * is not trusted with where code comes from: the first district is kept in the user-data folder
 * and another one is refused, so a compromised page cannot point the updater at its own server.
 */
import type { AppUpdater } from 'electron-updater';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BridgeResult, UpdateSource } from '../shared/bridge';

/** What the desk drives of electron-updater's AppUpdater. */
export type UpdateEngine = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'allowPrerelease'
  | 'setFeedURL'
  | 'checkForUpdates'
>;

/** Where the district serves the desk's releases. */
export const UPDATES_PATH = '/updates/';
/** A desk runs all day: it looks again every four hours, besides at start. */
export const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;

export const UPDATE_ERRORS = {
  badAddress:
    '自动更新用的区级服务器地址必须是 https:// 地址（本机测试可用 http://localhost 或 http://127.0.0.1），' +
    '且不含用户名和密码。',
  pinned: (pinned: string, asked: string) =>
    `已拒绝：本机的自动更新已绑定区级服务器 ${pinned}，不能改为 ${asked}。` +
    '若本机确实改属另一个区，请由管理员删除用户数据文件夹中的 update-source.json，然后重新启动 CoCare Desk。',
  unreadable: (file: string) =>
    `自动更新设置文件已损坏：${file}。请由管理员删除它，然后重新启动 CoCare Desk。`,
  io: '读写自动更新设置失败',
} as const;

/** The district's origin and its updates folder, or null for an address updates may not use. */
export function updateFeedFor(districtUrl: unknown): { origin: string; feedUrl: string } | null {
  if (typeof districtUrl !== 'string' || districtUrl.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(districtUrl.trim());
  } catch {
    return null;
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.username || url.password) return null;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) return null;
  return { origin: url.origin, feedUrl: `${url.origin}${UPDATES_PATH}` };
}

/**
 * Why this copy of the desk must not update itself, or null when it may. `appUpdateConfig` is the
 * text of the app-update.yml electron-builder put into the package (null when there is none).
 * On Windows electron-updater checks an update's signature only against the publisher named in
 * that file, and electron-builder names one only for a signed build: an unsigned build would
 * install whatever the district serves, so it does not update itself at all.
 */
export function updatesDisabledReason(input: {
  platform: string;
  isPackaged: boolean;
  appUpdateConfig: string | null;
}): string | null {
  if (!input.isPackaged) return '开发运行（未打包）：不自动更新。';
  if (input.platform !== 'win32' && input.platform !== 'linux') {
    return `CoCare Desk 只为 Windows 和 Linux 打包：${input.platform} 上不自动更新。`;
  }
  if (input.appUpdateConfig === null) {
    return '安装包里没有 app-update.yml（打包时缺少 publish 设置）：不自动更新。';
  }
  if (input.platform === 'win32' && !/^publisherName:/m.test(input.appUpdateConfig)) {
    return '这是未签名的 Windows 安装包，无法核对更新的发布者签名，因此不自动更新（见 docs/SECURITY.md）。';
  }
  return null;
}

export interface DeskUpdaterOptions {
  /** electron-updater's autoUpdater, made when first needed: making it reads Electron's app. */
  engine: () => UpdateEngine;
  /** Where the district's origin is kept: update-source.json in the user-data folder. */
  sourceFile: string;
  /** From updatesDisabledReason: when set, the district is kept but nothing is checked. */
  disabledReason: string | null;
  checkEveryMs?: number;
  log?: (message: string) => void;
}

export interface DeskUpdater {
  /** At start-up: checks the district kept from before, if any, then every few hours. */
  start(): Promise<void>;
  /** The district the desk is enrolled with (from the renderer: checked, and kept once). */
  setDistrict(districtUrl: unknown): Promise<BridgeResult<UpdateSource>>;
  stop(): void;
}

interface SourceFile {
  version: 1;
  districtOrigin: string;
}

/** update-source.json is there but does not hold a district's origin. */
class UnreadableSourceError extends Error {}

export function createDeskUpdater(options: DeskUpdaterOptions): DeskUpdater {
  const log = options.log ?? ((message: string) => console.info(`CoCare updates: ${message}`));
  const everyMs = options.checkEveryMs ?? CHECK_EVERY_MS;
  let engine: UpdateEngine | null = null;
  let feedUrl: string | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;
  // One change at a time: the renderer may announce the district twice at start-up.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function readSource(): Promise<string | null> {
    let text: string;
    try {
      text = await readFile(options.sourceFile, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let parsed: Partial<SourceFile> | null = null;
    try {
      parsed = JSON.parse(text) as Partial<SourceFile> | null;
    } catch {
      // Reported below as an unreadable file.
    }
    const feed = updateFeedFor(parsed?.districtOrigin);
    if (parsed?.version !== 1 || !feed || feed.origin !== parsed.districtOrigin) {
      throw new UnreadableSourceError(UPDATE_ERRORS.unreadable(options.sourceFile));
    }
    return feed.origin;
  }

  async function writeSource(origin: string): Promise<void> {
    await mkdir(path.dirname(options.sourceFile), { recursive: true });
    const temp = `${options.sourceFile}.${randomBytes(6).toString('hex')}.tmp`;
    const content: SourceFile = { version: 1, districtOrigin: origin };
    await writeFile(temp, JSON.stringify(content), { mode: 0o600 });
    await rename(temp, options.sourceFile);
  }

  function check(): void {
    if (!engine) return;
    // Offline, a district without updates, a download that fails its SHA-512: tried again at the
    // next check, the desk goes on. The download runs on after the check resolves; its failure
    // is caught here too, or it would be an unhandled rejection in the main process.
    engine
      .checkForUpdates()
      .then((result) => result?.downloadPromise)
      .catch((error: unknown) => {
        log(`update failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  }

  /** Points the engine at the district's updates and checks now and every few hours. */
  function follow(url: string): void {
    if (options.disabledReason || feedUrl === url) return;
    if (!engine) {
      engine = options.engine();
      engine.autoDownload = true;
      // Installed when the staff close the desk, never in the middle of their work.
      engine.autoInstallOnAppQuit = true;
      // A district (or whoever holds its server) cannot roll desks back to an older version.
      engine.allowDowngrade = false;
      engine.allowPrerelease = false;
    }
    // Single ranges only: the district answers one range at a time (server/updates.ts).
    engine.setFeedURL({ provider: 'generic', url, useMultipleRangeRequest: false });
    feedUrl = url;
    check();
    timer ??= setInterval(check, everyMs);
    timer.unref();
  }

  const source = (url: string): UpdateSource => ({
    feedUrl: url,
    disabledReason: options.disabledReason,
  });

  return {
    start: () =>
      serially(async () => {
        if (options.disabledReason) log(options.disabledReason);
        const origin = await readSource().catch((error: unknown) => {
          log(error instanceof Error ? error.message : String(error));
          return null;
        });
        if (origin) follow(`${origin}${UPDATES_PATH}`);
      }),

    setDistrict: (districtUrl) =>
      serially(async (): Promise<BridgeResult<UpdateSource>> => {
        const feed = updateFeedFor(districtUrl);
        if (!feed) return { ok: false, error: UPDATE_ERRORS.badAddress };
        let kept: string | null;
        try {
          kept = await readSource();
          if (kept === null) await writeSource(feed.origin);
        } catch (error) {
          if (error instanceof UnreadableSourceError) return { ok: false, error: error.message };
          const message = error instanceof Error ? error.message : String(error);
          return { ok: false, error: `${UPDATE_ERRORS.io}: ${message}` };
        }
        if (kept !== null && kept !== feed.origin) {
          return { ok: false, error: UPDATE_ERRORS.pinned(kept, feed.origin) };
        }
        follow(feed.feedUrl);
        return { ok: true, value: source(feed.feedUrl) };
      }),

    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
