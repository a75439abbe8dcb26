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
}

/** Only these names can be stored: the bridge refuses any other. */
export const SECRET_KEYS = [
  'deviceToken',
  /** The key of the local store's encrypted fields (ID numbers, health data, guardians' phones). */
  'storeKey',
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
} as const;
