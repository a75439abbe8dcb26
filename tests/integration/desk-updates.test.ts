/**
 * The desk's updates, end to end without the Electron binary: the real electron-updater (its
 * AppImage updater, as on a Linux desk) driven by electron/updater.ts against a real district
 * serving /updates/ (server/updates.ts) over HTTP. Only Electron's own parts are stand-ins: the
 * app (version, folders, its quit event) and the socket under electron-updater's HTTP client
 * (Node's instead of Electron's net; see NodeDownloadExecutor). The "AppImage" is a small shell
 * script, so installing it on quit can be seen: it runs, as electron-updater runs a new AppImage.
 */
import { NodeHttpExecutor } from 'builder-util';
import type { DownloadOptions } from 'builder-util-runtime';
import { AppImageUpdater, type Logger } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type DistrictServer } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/db';
import { migrate } from '../../server/db/migrate';
import { createTestDatabase, type TestDatabase } from '../../server/testing/harness';
import { createDeskUpdater, UPDATE_ERRORS, type DeskUpdater } from '../../electron/updater';

const root = mkdtempSync(path.join(tmpdir(), 'cocare-updater-'));
const updatesDir = path.join(root, 'district-updates');
const NEW_APPIMAGE = 'CoCare-Desk-0.2.0-x86_64.AppImage';
/** What the new "AppImage" writes when electron-updater runs it after installing it. */
const marker = path.join(root, 'installed-version-ran');
const newAppImage = Buffer.from(
  `#!/bin/sh\n# CoCare Desk 0.2.0\nprintf '0.2.0 exit-after-install=%s' "$APPIMAGE_EXIT_AFTER_INSTALL" > '${marker}'\n`,
);

function latestLinuxYml(version: string, sha512Of: Buffer): string {
  const sha512 = createHash('sha512').update(sha512Of).digest('base64');
  return (
    `version: ${version}\nfiles:\n  - url: ${NEW_APPIMAGE}\n    sha512: ${sha512}\n` +
    `    size: ${newAppImage.length}\npath: ${NEW_APPIMAGE}\nsha512: ${sha512}\n` +
    `releaseDate: '2026-12-01T08:00:00.000Z'\n`
  );
}

/** Publishes a release into the district's folder, as a release manager copies release/ there. */
function publish(yml: string): void {
  writeFileSync(path.join(updatesDir, 'latest-linux.yml'), yml);
  writeFileSync(path.join(updatesDir, NEW_APPIMAGE), newAppImage);
}

/**
 * Node's HTTP client with electron-updater's own download method (the one the desk runs over
 * Electron's net): the same redirects, SHA-512 check and temporary file, another socket.
 */
class NodeDownloadExecutor extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return ElectronHttpExecutor.prototype.download.call(this, url, destination, options);
  }
}

let place: TestDatabase;
let db: Db;
let district: DistrictServer;
let districtUrl: string;

beforeAll(async () => {
  mkdirSync(updatesDir);
  place = await createTestDatabase({ kind: 'pglite' });
  db = await openDatabase({ dataDir: place.dataDir! });
  await migrate(db);
  district = await buildServer({
    db,
    updatesDir,
    publicUrl: 'http://localhost',
    serverKey: randomBytes(32),
  });
  await district.listen({ port: 0, host: '127.0.0.1' });
  const address = district.server.address();
  if (!address || typeof address !== 'object') throw new Error('district has no address');
  districtUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await district?.close();
  await db?.close();
  await place?.drop();
  rmSync(root, { recursive: true, force: true });
});

/** One installed desk: its AppImage, its folders, and electron-updater with its quit hook. */
interface Desk {
  appImage: string;
  engine: AppImageUpdater;
  updater: DeskUpdater;
  sourceFile: string;
  log: string[];
  /** Closes the desk as staff do (exit code 0): electron-updater's quit handlers run. */
  quit(): void;
  /** The next outcome of a check: a download, nothing newer, or an error. */
  outcome(): Promise<string>;
}

function installedDesk(name: string): Desk {
  const home = path.join(root, name);
  mkdirSync(home);
  // No version in the file name: electron-updater replaces the file in place.
  const appImage = path.join(home, 'CoCare-Desk.AppImage');
  writeFileSync(appImage, '#!/bin/sh\n# CoCare Desk 0.1.0\n', { mode: 0o755 });
  const appUpdateConfig = path.join(home, 'app-update.yml');
  // What electron-builder packs (electron-builder.yml's publish, plus the cache folder's name).
  writeFileSync(
    appUpdateConfig,
    'provider: generic\nurl: https://district.invalid/updates/\nupdaterCacheDirName: cocare-desk-updater\n',
  );
  const quitHandlers: ((exitCode: number) => void)[] = [];
  const app: AppAdapter = {
    version: '0.1.0',
    name: 'CoCare Desk',
    isPackaged: true,
    appUpdateConfigPath: appUpdateConfig,
    userDataPath: path.join(home, 'userData'),
    baseCachePath: path.join(home, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: (handler) => void quitHandlers.push(handler),
  };
  const log: string[] = [];
  const logger: Logger = {
    info: (m: unknown) => void log.push(String(m)),
    warn: (m: unknown) => void log.push(String(m)),
    error: (m: unknown) => void log.push(String(m)),
  };
  const engine = new AppImageUpdater(null, app);
  engine.logger = logger;
  Object.assign(engine, { httpExecutor: new NodeDownloadExecutor() });
  const sourceFile = path.join(home, 'userData', 'update-source.json');
  const updater = createDeskUpdater({
    engine: () => engine,
    sourceFile,
    disabledReason: null,
    log: (m) => void log.push(m),
  });
  return {
    appImage,
    engine,
    updater,
    sourceFile,
    log,
    quit: () => quitHandlers.forEach((handler) => handler(0)),
    outcome: () =>
      new Promise((resolve) => {
        engine.once('update-downloaded', (e) => resolve(`downloaded ${e.version}`));
        engine.once('update-not-available', (i) => resolve(`nothing newer than ${i.version}`));
        engine.once('error', (e) => resolve(`error ${(e as Error & { code?: string }).code}`));
      }),
  };
}

describe('a desk updating from its district', () => {
  let desk: Desk;
  beforeAll(() => {
    // electron-updater finds the running AppImage by this variable (the AppImage runtime sets it).
    desk = installedDesk('desk-a');
    process.env.APPIMAGE = desk.appImage;
  });
  afterAll(() => {
    desk.updater.stop();
    delete process.env.APPIMAGE;
  });

  it('downloads a newer desk from the district it is enrolled with, and installs it on quit', async () => {
    publish(latestLinuxYml('0.2.0', newAppImage));
    const outcome = desk.outcome();
    expect(await desk.updater.setDistrict(districtUrl)).toEqual({
      ok: true,
      value: { feedUrl: `${districtUrl}/updates/`, disabledReason: null },
    });
    expect(await outcome, desk.log.join('\n')).toBe('downloaded 0.2.0');
    // Downloaded and checked, but the running desk is left alone until the staff close it.
    expect(readFileSync(desk.appImage, 'utf8')).toContain('0.1.0');
    expect(existsSync(marker)).toBe(false);

    desk.quit();
    expect(readFileSync(desk.appImage)).toEqual(newAppImage);
    expect(readFileSync(marker, 'utf8')).toBe('0.2.0 exit-after-install=true');
  });

  it('keeps following that district after a restart, and refuses to be pointed elsewhere', async () => {
    const restarted = installedDesk('desk-a-restarted');
    process.env.APPIMAGE = restarted.appImage;
    const updater = createDeskUpdater({
      engine: () => restarted.engine,
      sourceFile: desk.sourceFile,
      disabledReason: null,
    });
    publish(latestLinuxYml('0.2.0', newAppImage));
    const outcome = restarted.outcome();
    await updater.start();
    expect(await outcome).toBe('downloaded 0.2.0');
    expect(await updater.setDistrict('https://evil.example')).toEqual({
      ok: false,
      error: UPDATE_ERRORS.pinned(districtUrl, 'https://evil.example'),
    });
    updater.stop();
  });
});

describe('what a desk refuses to install', () => {
  it('a download whose SHA-512 is not the one in latest-linux.yml', async () => {
    const desk = installedDesk('desk-b');
    process.env.APPIMAGE = desk.appImage;
    publish(latestLinuxYml('0.3.0', Buffer.from('another file')));
    const outcome = desk.outcome();
    await desk.updater.setDistrict(districtUrl);
    expect(await outcome).toBe('error ERR_CHECKSUM_MISMATCH');
    desk.quit();
    expect(readFileSync(desk.appImage, 'utf8')).toContain('0.1.0');
    desk.updater.stop();
  });

  it('an older desk than the one running', async () => {
    const desk = installedDesk('desk-c');
    process.env.APPIMAGE = desk.appImage;
    publish(latestLinuxYml('0.0.9', newAppImage));
    const outcome = desk.outcome();
    await desk.updater.setDistrict(districtUrl);
    expect(await outcome).toBe('nothing newer than 0.0.9');
    desk.quit();
    expect(readFileSync(desk.appImage, 'utf8')).toContain('0.1.0');
    desk.updater.stop();
  });

  afterAll(() => {
    delete process.env.APPIMAGE;
  });
});
