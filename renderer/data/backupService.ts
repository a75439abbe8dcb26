import { map, type Observable } from 'rxjs';
import {
  derivePassphraseKey,
  type BackupHeader,
  type BackupKeys,
  type PassphraseKey,
} from '../../shared/backup';
import type { Platform } from '../platform';
import { makeBackup, restoreFromBytes } from './backup';
import type { Desk } from './desk';
import { requirePermission } from './staff';
import { loadStoreKey } from './storeKey';

/** The desk's backup settings and its last backup, a local document (never synced). */
export interface BackupState {
  retentionDays: number;
  lastAt?: string;
  lastFile?: string;
  lastCounts?: BackupHeader['counts'];
  /** The last automatic backup failed (e.g. the USB disk of the folder is not plugged in). */
  lastError?: string;
  lastErrorAt?: string;
}

const STATE_ID = 'backup-state';
export const DEFAULT_RETENTION_DAYS = 30;
export const MIN_PASSPHRASE_LENGTH = 10;
export const DAY_MS = 24 * 60 * 60 * 1000;

const withDefaults = (data: Partial<BackupState> | undefined): BackupState => ({
  retentionDays: DEFAULT_RETENTION_DAYS,
  ...data,
});

export async function loadBackupState(desk: Desk): Promise<BackupState> {
  const doc = await desk.db.getLocal<BackupState>(STATE_ID);
  return withDefaults(doc?.toJSON().data);
}

export function backupState$(desk: Desk): Observable<BackupState> {
  return desk.db
    .getLocal$<BackupState>(STATE_ID)
    .pipe(map((doc) => withDefaults(doc?.toJSON().data as Partial<BackupState> | undefined)));
}

async function patchState(desk: Desk, patch: Partial<BackupState>): Promise<BackupState> {
  const next = { ...(await loadBackupState(desk)), ...patch };
  // A local document is JSON: fields set to undefined are cleared, not stored.
  const json = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
  await desk.db.upsertLocal(STATE_ID, json);
  return next;
}

export async function setRetentionDays(desk: Desk, days: number): Promise<void> {
  requirePermission(desk, 'manageStaff');
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error('retentionRange');
  await patchState(desk, { retentionDays: days });
}

/** The keys this desk seals its backups with and opens them by (see shared/backup.ts). */
export async function backupKeys(platform: Platform, passphrase?: string): Promise<BackupKeys> {
  const stored = await platform.getSecret('backupPassphraseKey');
  return {
    storeKey: await loadStoreKey(platform),
    ...(stored ? { passphraseKey: JSON.parse(stored) as PassphraseKey } : {}),
    ...(passphrase ? { passphrase } : {}),
  };
}

export async function hasBackupPassphrase(platform: Platform): Promise<boolean> {
  return (await platform.getSecret('backupPassphraseKey')) !== null;
}

/**
 * The manager sets the centre's backup passphrase: from now on each backup can also be opened with
 * it, on a replacement desk. Only the derived key is kept (in the secure store), so the daily
 * backup needs nobody to type it and the passphrase itself is never stored.
 */
export async function setBackupPassphrase(
  desk: Desk,
  platform: Platform,
  passphrase: string,
): Promise<void> {
  requirePermission(desk, 'manageStaff');
  if (passphrase.trim().length < MIN_PASSPHRASE_LENGTH) throw new Error('passphraseTooShort');
  const key = await derivePassphraseKey(passphrase);
  await platform.setSecret('backupPassphraseKey', JSON.stringify(key));
}

export interface BackupDone {
  fileName: string;
  folder: string;
  removed: string[];
  counts: BackupHeader['counts'];
  at: string;
}

/** Seals the whole store and hands it to the shell (a file in the folder, or a download). */
export async function backUpNow(desk: Desk, platform: Platform): Promise<BackupDone> {
  const state = await loadBackupState(desk);
  const { bytes, counts, at } = await makeBackup(desk, await backupKeys(platform));
  const written = await platform.backups.save(bytes, desk.settings.centreId, state.retentionDays);
  await patchState(desk, {
    lastAt: at.toISOString(),
    lastFile: written.fileName,
    lastCounts: counts,
    lastError: undefined,
    lastErrorAt: undefined,
  });
  return { ...written, counts, at: at.toISOString() };
}

/** Opens a backup file (refusing a bad one, see shared/backup.ts) and merges it in. */
export async function restoreFile(
  desk: Desk,
  platform: Platform,
  bytes: Uint8Array,
  passphrase?: string,
) {
  requirePermission(desk, 'manageStaff');
  return restoreFromBytes(desk, bytes, await backupKeys(platform, passphrase));
}

export interface DailyBackupOptions {
  /** When the last backup was made (ISO), if ever. */
  lastAt(): Promise<string | undefined>;
  run(): Promise<void>;
  now?: () => number;
  /** How often to look whether a day has passed (default: every 15 minutes). */
  checkEveryMs?: number;
}

/**
 * One backup a day while the desk is open: at start when the last one is a day old or more, and
 * then whenever a look (every 15 minutes) finds it so. The renderer runs it, not the shell: the
 * store and its key live in the renderer, and the shell only receives sealed bytes. A desk that
 * is closed overnight backs up soon after it is opened. Returns a function that stops it.
 */
export function scheduleDailyBackup(options: DailyBackupOptions): () => void {
  const now = options.now ?? Date.now;
  let running = false;
  const look = async () => {
    if (running) return;
    running = true;
    try {
      const last = await options.lastAt();
      if (!last || now() - Date.parse(last) >= DAY_MS) await options.run();
    } finally {
      running = false;
    }
  };
  const swallow = () => void look().catch(() => undefined);
  swallow();
  const timer = setInterval(swallow, options.checkEveryMs ?? 15 * 60_000);
  return () => clearInterval(timer);
}

/**
 * The desk's automatic backup: daily, into the folder the manager chose (Electron only: in the
 * browser a backup is a download, which needs someone to click). A failure is kept in the backup
 * state for the Settings screen, and tried again at the next look.
 */
export function startDailyBackup(desk: Desk, platform: Platform): () => void {
  if (platform.backups.kind !== 'folder') return () => undefined;
  return scheduleDailyBackup({
    now: () => desk.now(),
    lastAt: async () => (await loadBackupState(desk)).lastAt,
    run: async () => {
      if (!(await platform.backups.folder())) return;
      try {
        await backUpNow(desk, platform);
      } catch (error) {
        await patchState(desk, {
          lastError: error instanceof Error ? error.message : String(error),
          lastErrorAt: new Date(desk.now()).toISOString(),
        });
      }
    },
  });
}
