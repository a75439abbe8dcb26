/**
 * The device's secrets (its device token), encrypted by an injected cipher and kept in one JSON
 * file. Plain Node: secrets.ts plugs in Electron's safeStorage, tests plug in a fake cipher.
 * Nothing is ever written in plain text: without an OS-backed cipher, storing is refused.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { SECRET_KEYS, type BridgeResult, type SecretKey } from '../shared/bridge';

export interface SecretCipher {
  /** True only when encryption is backed by the OS store (DPAPI, Keychain, a Linux keyring). */
  isAvailable(): boolean;
  encrypt(plainText: string): Uint8Array;
  decrypt(cipherText: Uint8Array): string;
}

export interface SecretStoreOptions extends SecretCipher {
  filePath: string;
}

export interface SecretStore {
  get(key: unknown): Promise<BridgeResult<string | null>>;
  set(key: unknown, value: unknown): Promise<BridgeResult<void>>;
  delete(key: unknown): Promise<BridgeResult<void>>;
  isAvailable(): boolean;
}

interface SecretFile {
  version: 1;
  /** Base64 of each key's ciphertext. */
  secrets: Partial<Record<SecretKey, string>>;
}

/** A device token is a few hundred bytes; anything far larger is not one. */
const MAX_SECRET_LENGTH = 16 * 1024;

export const SECRET_ERRORS = {
  unknownKey: `不支持保存这个名称的密钥。可保存的只有：${SECRET_KEYS.join('、')}。`,
  badValue: '要保存的密钥必须是不超过 16 KB 的非空文本。',
  unavailable:
    '本机的系统密钥环不可用，设备令牌没有保存。Windows 和 macOS 自带安全存储；' +
    'Linux 请安装并解锁 GNOME 密钥环（gnome-keyring）或 KWallet，然后重新启动 CoCare Desk。',
  unreadable: '安全存储文件已损坏，无法读取设备令牌。请重新登记本设备。',
  undecryptable: '无法解密已保存的设备令牌（系统密钥环或用户账户可能已更换）。请重新登记本设备。',
  io: '读写安全存储文件失败',
} as const;

export function isSecretKey(key: unknown): key is SecretKey {
  return typeof key === 'string' && (SECRET_KEYS as readonly string[]).includes(key);
}

/**
 * Whether Electron's safeStorage really uses the OS store. On Linux without a keyring it falls
 * back to 'basic_text', a key hard-coded in Chromium: that is obfuscation, not protection.
 */
export function isOsBackedEncryption(input: {
  platform: string;
  encryptionAvailable: boolean;
  linuxBackend?: string;
}): boolean {
  if (!input.encryptionAvailable) return false;
  if (input.platform !== 'linux') return true;
  return (
    input.linuxBackend !== undefined && !['basic_text', 'unknown'].includes(input.linuxBackend)
  );
}

class DamagedFileError extends Error {}

function emptyFile(): SecretFile {
  return { version: 1, secrets: {} };
}

function parseSecretFile(text: string): SecretFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DamagedFileError('not JSON');
  }
  if (typeof data !== 'object' || data === null) throw new DamagedFileError('not an object');
  const secrets = (data as { secrets?: unknown }).secrets;
  if (typeof secrets !== 'object' || secrets === null) throw new DamagedFileError('no secrets');
  const out: SecretFile = emptyFile();
  for (const [key, value] of Object.entries(secrets)) {
    if (isSecretKey(key) && typeof value === 'string') out.secrets[key] = value;
  }
  return out;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createSecretStore(options: SecretStoreOptions): SecretStore {
  const { filePath } = options;
  // Calls run one after another so two quick writes cannot both read the old file and lose one.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<SecretFile> {
    let text: string;
    try {
      text = await readFile(filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyFile();
      throw error;
    }
    return parseSecretFile(text);
  }

  /** Loads for a write. A damaged file holds nothing usable, so a new token replaces it. */
  async function loadForWrite(): Promise<SecretFile> {
    try {
      return await load();
    } catch (error) {
      if (error instanceof DamagedFileError) return emptyFile();
      throw error;
    }
  }

  /** Write to a temporary file, flush it to disk, then rename: a crash leaves old or new. */
  async function save(file: SecretFile): Promise<void> {
    await mkdir(path.dirname(filePath), { recursive: true });
    const tempPath = `${filePath}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(tempPath, 'w', 0o600);
      try {
        await handle.writeFile(`${JSON.stringify(file, null, 2)}\n`, 'utf8');
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

  return {
    isAvailable: () => options.isAvailable(),

    get: (key) =>
      serial(async (): Promise<BridgeResult<string | null>> => {
        if (!isSecretKey(key)) return { ok: false, error: SECRET_ERRORS.unknownKey };
        let file: SecretFile;
        try {
          file = await load();
        } catch (error) {
          if (error instanceof DamagedFileError)
            return { ok: false, error: SECRET_ERRORS.unreadable };
          return { ok: false, error: `${SECRET_ERRORS.io}：${describe(error)}` };
        }
        const stored = file.secrets[key];
        if (stored === undefined) return { ok: true, value: null };
        if (!options.isAvailable()) return { ok: false, error: SECRET_ERRORS.unavailable };
        try {
          return { ok: true, value: options.decrypt(Buffer.from(stored, 'base64')) };
        } catch {
          return { ok: false, error: SECRET_ERRORS.undecryptable };
        }
      }),

    set: (key, value) =>
      serial(async (): Promise<BridgeResult<void>> => {
        if (!isSecretKey(key)) return { ok: false, error: SECRET_ERRORS.unknownKey };
        if (typeof value !== 'string' || value === '' || value.length > MAX_SECRET_LENGTH) {
          return { ok: false, error: SECRET_ERRORS.badValue };
        }
        if (!options.isAvailable()) return { ok: false, error: SECRET_ERRORS.unavailable };
        try {
          const file = await loadForWrite();
          file.secrets[key] = Buffer.from(options.encrypt(value)).toString('base64');
          await save(file);
          return { ok: true, value: undefined };
        } catch (error) {
          return { ok: false, error: `${SECRET_ERRORS.io}：${describe(error)}` };
        }
      }),

    delete: (key) =>
      serial(async (): Promise<BridgeResult<void>> => {
        if (!isSecretKey(key)) return { ok: false, error: SECRET_ERRORS.unknownKey };
        try {
          const file = await loadForWrite();
          if (file.secrets[key] === undefined) return { ok: true, value: undefined };
          delete file.secrets[key];
          await save(file);
          return { ok: true, value: undefined };
        } catch (error) {
          return { ok: false, error: `${SECRET_ERRORS.io}：${describe(error)}` };
        }
      }),
  };
}
