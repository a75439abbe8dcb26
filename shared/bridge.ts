/**
 * The one typed interface between the desk's renderer and the Electron shell: its IPC channels,
 * each with its arguments and its result (BridgeApi). The main process's handlers
 * (electron/ipc-handlers.ts), the preload's `window.cocare.invoke` and the renderer's Electron
 * platform (renderer/platform/shell-bridge.ts) are all typed against that one map. Every call
 * returns a result, never a thrown string.
 */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: string };

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
  /** The desk's sync-packet key pairs (renderer/sync/packets.ts): JSON of public and private. */
  'packetKeys',
] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

export interface AppInfo {
  version: string;
  platform: string;
  /** Where the secure store is backed by the OS (false e.g. on Linux without a keyring). */
  secureStoreAvailable: boolean;
}

/** Where the desk looks for its own updates (electron/updater.ts), as the shell answers. */
export interface UpdateSource {
  /** The district's updates folder, e.g. https://district.example.cn/updates/ */
  feedUrl: string;
  /** Why this desk does not update itself (a development run, an unsigned Windows build), or null. */
  disabledReason: string | null;
}

/** The IPC channel names: the preload forwards these and no other, the main process serves them. */
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
  updatesSetDistrict: 'cocare:updates:set-district',
} as const;

/**
 * Each channel: what the renderer sends on it, and what the main process answers (inside a
 * BridgeResult). A handler answering another type, a call with other arguments, or a channel
 * without a handler does not compile.
 */
export interface BridgeApi {
  // Secrets (the device token) kept encrypted by the OS secure store (Electron safeStorage).
  [IPC.secretsGet]: (key: SecretKey) => string | null;
  [IPC.secretsSet]: (key: SecretKey, value: string) => void;
  [IPC.secretsDelete]: (key: SecretKey) => void;
  [IPC.appInfo]: () => AppInfo;
  // Backup files in a folder the manager chooses (electron/backup.ts). The renderer hands over
  // sealed bytes and file names, never a path: the folder is chosen in a dialog of the shell and
  // kept by the shell.
  /** Opens the shell's folder dialog; null when the manager cancels. */
  [IPC.backupsChooseFolder]: () => string | null;
  /** The folder chosen before, if any. */
  [IPC.backupsFolder]: () => string | null;
  /** Writes a backup atomically, then removes this centre's backups older than the retention. */
  [IPC.backupsWrite]: (bytes: Uint8Array, centreId: string, retentionDays: number) => BackupWritten;
  /** The backup files in the folder, newest first. */
  [IPC.backupsList]: () => BackupFileInfo[];
  /** One backup file of the folder, by its name (names only of the backup pattern). */
  [IPC.backupsRead]: (fileName: string) => BackupFile;
  /** Opens the shell's file dialog and reads the file chosen; null when the manager cancels. */
  [IPC.backupsPick]: () => BackupFile | null;
  // The desk's own updates, from the district it is enrolled with (electron/updater.ts).
  /**
   * The district the desk syncs with (its address, as enrolled). The shell checks that district's
   * /updates/ for a newer desk, downloads it and installs it when the desk is closed. The first
   * district is kept: another one is refused (a page must not point the updater elsewhere).
   */
  [IPC.updatesSetDistrict]: (districtUrl: string) => UpdateSource;
}

export type Channel = keyof BridgeApi;
export type ChannelArgs<C extends Channel> = Parameters<BridgeApi[C]>;
export type ChannelResult<C extends Channel> = ReturnType<BridgeApi[C]>;

/** Every channel, once. As Channel[], a name in IPC without its entry in BridgeApi does not compile. */
export const CHANNELS: readonly Channel[] = Object.values(IPC);

export function isChannel(name: unknown): name is Channel {
  return (CHANNELS as readonly unknown[]).includes(name);
}

export function unknownChannelError(name: unknown): string {
  return `已拒绝：CoCare Desk 的桥接口没有“${String(name)}”这个通道（可用的通道见 shared/bridge.ts 的 IPC）。`;
}

/** A call on one channel, as the renderer makes it: the preload's one function. */
export type BridgeInvoke = <C extends Channel>(
  channel: C,
  ...args: ChannelArgs<C>
) => Promise<BridgeResult<ChannelResult<C>>>;

/** What the preload exposes as `window.cocare` through contextBridge, and nothing else. */
export interface DeskBridge {
  invoke: BridgeInvoke;
}

/**
 * A channel's arguments as the main process receives them: as many, each `unknown`. They come
 * from a renderer that may not follow the types (a compromised page), so each handler checks
 * what it uses.
 */
type Unchecked<Args extends readonly unknown[]> = { [K in keyof Args]: unknown };

/** The main process's handler of every channel, answering that channel's result type. */
export type BridgeHandlers = {
  [C in Channel]: (...args: Unchecked<ChannelArgs<C>>) => Promise<BridgeResult<ChannelResult<C>>>;
};
