/**
 * Backup files on disk, for the main process. The renderer seals a backup (shared/backup.ts) and
 * hands over its bytes; this module writes them into the folder the manager chose in the shell's
 * own dialog, keeps the chosen folder in the app's config, and keeps a set number of days of
 * backups. Plain Node with the dialog injected: main.ts plugs in Electron's, tests a fake one.
 *
 * The renderer never names a path: it gets the folder only to show it, and reads files back by a
 * name that must match the backup pattern (so no "../", no other file of the disk).
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  BACKUP_FILE_PATTERN,
  backupFileName,
  backupFileTime,
  looksLikeBackup,
} from '../shared/backup';
import {
  BACKUP_SHELL_ERRORS as ERR,
  type BackupFile,
  type BackupFileInfo,
  type BackupWritten,
  type BridgeResult,
} from '../shared/bridge';

/** A year of a busy centre compresses to a few tens of MB; far more than that is not a backup. */
export const MAX_BACKUP_BYTES = 512 * 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;
const CENTRE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface BackupDialog {
  /** The shell's folder dialog; null when cancelled. */
  chooseFolder(): Promise<string | null>;
  /** The shell's file dialog, opened on `folder` if there is one; null when cancelled. */
  chooseFile(folder: string | null): Promise<string | null>;
}

export interface BackupStoreOptions {
  /** The app's config file for backups (in Electron's userData). */
  configPath: string;
  dialog: BackupDialog;
  now?: () => Date;
}

export interface BackupStore {
  chooseFolder(): Promise<BridgeResult<string | null>>;
  folder(): Promise<BridgeResult<string | null>>;
  write(
    bytes: unknown,
    centreId: unknown,
    retentionDays: unknown,
  ): Promise<BridgeResult<BackupWritten>>;
  list(): Promise<BridgeResult<BackupFileInfo[]>>;
  read(fileName: unknown): Promise<BridgeResult<BackupFile>>;
  pick(): Promise<BridgeResult<BackupFile | null>>;
}

interface BackupConfig {
  folder: string | null;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Write to a temporary file in the same folder, flush it, then rename: a crash leaves old or new. */
async function writeAtomically(filePath: string, data: Uint8Array): Promise<void> {
  const tempPath = path.join(
    path.dirname(filePath),
    `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

async function isPlainFile(filePath: string): Promise<{ size: number } | null> {
  try {
    const stat = await lstat(filePath);
    return stat.isFile() ? { size: stat.size } : null;
  } catch {
    return null;
  }
}

export function createBackupStore(options: BackupStoreOptions): BackupStore {
  const now = options.now ?? (() => new Date());

  async function loadConfig(): Promise<BackupConfig> {
    try {
      const data = JSON.parse(await readFile(options.configPath, 'utf8')) as Partial<BackupConfig>;
      return { folder: typeof data.folder === 'string' ? data.folder : null };
    } catch {
      return { folder: null };
    }
  }

  async function saveConfig(config: BackupConfig): Promise<void> {
    await mkdir(path.dirname(options.configPath), { recursive: true });
    await writeAtomically(
      options.configPath,
      new TextEncoder().encode(`${JSON.stringify(config, null, 2)}\n`),
    );
  }

  async function backupsIn(folder: string): Promise<BackupFileInfo[]> {
    const out: BackupFileInfo[] = [];
    for (const name of await readdir(folder)) {
      const at = backupFileTime(name);
      if (!at) continue;
      const file = await isPlainFile(path.join(folder, name));
      if (file) out.push({ fileName: name, size: file.size, createdAt: at.toISOString() });
    }
    return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async function readChecked(filePath: string): Promise<BridgeResult<BackupFile>> {
    const file = await isPlainFile(filePath);
    if (!file) return fail(ERR.notFound);
    if (file.size > MAX_BACKUP_BYTES) return fail(ERR.tooLarge);
    const bytes = new Uint8Array(await readFile(filePath));
    return { ok: true, value: { fileName: path.basename(filePath), bytes } };
  }

  const io = (error: unknown) =>
    fail(`${ERR.io}: ${error instanceof Error ? error.message : String(error)}`);

  return {
    async chooseFolder() {
      const chosen = await options.dialog.chooseFolder();
      if (!chosen) return { ok: true, value: null };
      const folder = path.resolve(chosen);
      try {
        await saveConfig({ folder });
      } catch (error) {
        return io(error);
      }
      return { ok: true, value: folder };
    },

    async folder() {
      return { ok: true, value: (await loadConfig()).folder };
    },

    async write(bytes, centreId, retentionDays) {
      if (!(bytes instanceof Uint8Array) || bytes.length === 0) return fail(ERR.badArgument);
      if (typeof centreId !== 'string' || !CENTRE_ID.test(centreId)) return fail(ERR.badArgument);
      if (
        typeof retentionDays !== 'number' ||
        !Number.isInteger(retentionDays) ||
        retentionDays < 1 ||
        retentionDays > 3650
      )
        return fail(ERR.badArgument);
      if (bytes.length > MAX_BACKUP_BYTES) return fail(ERR.tooLarge);
      if (!looksLikeBackup(bytes)) return fail(ERR.notBackup);
      const { folder } = await loadConfig();
      if (!folder) return fail(ERR.noFolder);
      const at = now();
      const fileName = backupFileName(centreId, at);
      try {
        await mkdir(folder, { recursive: true });
        await writeAtomically(path.join(folder, fileName), bytes);
        // Retention: this centre's backups made more than `retentionDays` ago, nothing else.
        const cutoff = at.getTime() - retentionDays * DAY_MS;
        const removed: string[] = [];
        for (const file of await backupsIn(folder)) {
          const match = BACKUP_FILE_PATTERN.exec(file.fileName);
          if (match?.[1] !== centreId || file.fileName === fileName) continue;
          if (Date.parse(file.createdAt) < cutoff) {
            await rm(path.join(folder, file.fileName));
            removed.push(file.fileName);
          }
        }
        return { ok: true, value: { fileName, folder, removed } };
      } catch (error) {
        return io(error);
      }
    },

    async list() {
      const { folder } = await loadConfig();
      if (!folder) return { ok: true, value: [] };
      try {
        return { ok: true, value: await backupsIn(folder) };
      } catch (error) {
        return io(error);
      }
    },

    async read(fileName) {
      // The pattern allows letters, digits, '-' and '_' only: no separator, no "..".
      if (typeof fileName !== 'string' || !BACKUP_FILE_PATTERN.test(fileName))
        return fail(ERR.badName);
      const { folder } = await loadConfig();
      if (!folder) return fail(ERR.noFolder);
      try {
        return await readChecked(path.join(folder, fileName));
      } catch (error) {
        return io(error);
      }
    },

    async pick() {
      const chosen = await options.dialog.chooseFile((await loadConfig()).folder);
      if (!chosen) return { ok: true, value: null };
      try {
        return await readChecked(chosen);
      } catch (error) {
        return io(error);
      }
    },
  };
}
