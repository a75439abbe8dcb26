import type { AppInfo, SecretKey } from '../../shared/bridge';

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
}
