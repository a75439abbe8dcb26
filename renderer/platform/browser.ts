import type { Platform } from './types';

const PREFIX = 'cocare.dev-only-secret.';

/**
 * The desk in a plain browser (development and end-to-end tests). There is no OS secure store
 * here, so secrets sit in localStorage: DEVELOPMENT ONLY, and the status bar says so.
 */
export function browserPlatform(storage: Storage = window.localStorage): Platform {
  return {
    kind: 'browser',
    secretsAreDevelopmentOnly: true,
    getSecret: async (key) => storage.getItem(PREFIX + key),
    setSecret: async (key, value) => storage.setItem(PREFIX + key, value),
    deleteSecret: async (key) => storage.removeItem(PREFIX + key),
    appInfo: async () => ({
      version: import.meta.env.VITE_APP_VERSION ?? 'dev',
      platform: 'browser',
      secureStoreAvailable: false,
    }),
  };
}
