import type {
  AppInfo,
  BackupFile,
  BackupFileInfo,
  BackupWritten,
  SecretKey,
  UpdateSource,
} from '../../shared/bridge';

/** What the desk needs from the machine it runs on. One implementation per platform. */
export interface Platform {
  kind: 'electron' | 'browser';
  /**
   * True where secrets are NOT protected by the OS secure store (the browser mode used for
   * development and tests): the UI says so.
   */
  secretsAreDevelopmentOnly: boolean;
  getSecret(key: SecretKey): Promise<string | null>;
  setSecret(key: SecretKey, value: string): Promise<void>;
  deleteSecret(key: SecretKey): Promise<void>;
  appInfo(): Promise<AppInfo>;
  backups: BackupShell;
  /**
   * Tells the shell which district the desk is enrolled with, so that it updates the desk from
   * there. Null where the desk does not update itself (the browser).
   */
  updateFrom(districtUrl: string): Promise<UpdateSource | null>;
}

/** Where backup files go. Errors are thrown with the shell's codes (BACKUP_SHELL_ERRORS). */
export interface BackupShell {
  /**
   * 'folder': the shell writes each backup into a folder the manager chose, keeps a set number of
   * days and lists them (Electron). 'download': each backup is downloaded as a file, and a restore
   * reads a file the manager picks (the browser).
   */
  kind: 'folder' | 'download';
  chooseFolder(): Promise<string | null>;
  folder(): Promise<string | null>;
  save(bytes: Uint8Array, centreId: string, retentionDays: number): Promise<BackupWritten>;
  list(): Promise<BackupFileInfo[]>;
  read(fileName: string): Promise<BackupFile>;
  /** The shell's own file dialog; null where there is none (the UI then offers a file input). */
  pick(): Promise<BackupFile | null>;
}
