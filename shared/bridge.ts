/**
 * The one typed interface between the desk's renderer and the Electron shell. The preload
 * exposes exactly this object as `window.cocare` through contextBridge; the renderer reaches it
 * only through renderer/platform/. Every call returns a result, never a thrown string.
 */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface DeskBridge {
  /** Secrets (the device token) kept encrypted by the OS secure store (Electron safeStorage). */
  secrets: {
    get(key: SecretKey): Promise<BridgeResult<string | null>>;
    set(key: SecretKey, value: string): Promise<BridgeResult<void>>;
    delete(key: SecretKey): Promise<BridgeResult<void>>;
  };
  app: {
    info(): Promise<BridgeResult<AppInfo>>;
  };
  /**
   * Backup files in a folder the manager chooses (electron/backup.ts). The renderer hands over
   * sealed bytes and file names, never a path: the folder is chosen in a dialog of the shell and
   * kept by the shell.
   */
  backups: {
    /** Opens the shell's folder dialog; null when the manager cancels. */
    chooseFolder(): Promise<BridgeResult<string | null>>;
    /** The folder chosen before, if any. */
    folder(): Promise<BridgeResult<string | null>>;
    /** Writes a backup atomically, then removes this centre's backups older than the retention. */
    write(
      bytes: Uint8Array,
      centreId: string,
      retentionDays: number,
    ): Promise<BridgeResult<BackupWritten>>;
    /** The backup files in the folder, newest first. */
    list(): Promise<BridgeResult<BackupFileInfo[]>>;
    /** One backup file of the folder, by its name (names only of the backup pattern). */
    read(fileName: string): Promise<BridgeResult<BackupFile>>;
    /** Opens the shell's file dialog and reads the file chosen; null when the manager cancels. */
    pick(): Promise<BridgeResult<BackupFile | null>>;
  };
}

export interface BackupFileInfo {
  fileName: string;
  size: number;
  /** When it was made, from its name (ISO). */
  createdAt: string;
}

export interface BackupWritten {
  fileName: string;
  folder: string;
  /** Older backups removed by the retention. */
  removed: string[];
}

export interface BackupFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Error codes of the backups bridge; the renderer says each in the user's language. */
export const BACKUP_SHELL_ERRORS = {
  noFolder: 'backup.noFolder',
  badArgument: 'backup.badArgument',
  tooLarge: 'backup.tooLarge',
  notBackup: 'backup.notBackupBytes',
  badName: 'backup.badName',
  notFound: 'backup.notFound',
  io: 'backup.io',
} as const;

/** Only these names can be stored: the bridge refuses any other. */
export const SECRET_KEYS = [
  'deviceToken',
  /** The key of the local store's encrypted fields (ID numbers, health data, guardians' phones). */
  'storeKey',
  /** The key derived from the centre's backup passphrase (shared/backup.ts), never the passphrase. */
  'backupPassphraseKey',
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export interface AppInfo {
  version: string;
  platform: string;
  /** Where the secure store is backed by the OS (false e.g. on Linux without a keyring). */
  secureStoreAvailable: boolean;
}

/** IPC channel names, used by both the preload and the main process. */
export const IPC = {
  secretsGet: 'cocare:secrets:get',
  secretsSet: 'cocare:secrets:set',
  secretsDelete: 'cocare:secrets:delete',
  appInfo: 'cocare:app:info',
  backupsChooseFolder: 'cocare:backups:choose-folder',
  backupsFolder: 'cocare:backups:folder',
  backupsWrite: 'cocare:backups:write',
  backupsList: 'cocare:backups:list',
  backupsRead: 'cocare:backups:read',
  backupsPick: 'cocare:backups:pick',
} as const;
