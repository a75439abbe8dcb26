import type { Platform } from '../platform';

/**
 * The key that encrypts the local store's sensitive fields. Made once per desk, 256 random bits,
 * and kept only in the shell's secure store (Electron safeStorage; the browser mode's
 * development-only fallback). If the secure store is ever reset the encrypted fields cannot be
 * read again on this desk: enrol it anew and the district sends everything back.
 */
export function loadStoreKey(platform: Platform): Promise<string> {
  // One answer per platform, even when the desk starts twice at once (React's strict mode runs
  // start-up effects twice): two new keys would leave the store locked with the other one.
  let key = loading.get(platform);
  if (!key) {
    key = readOrMakeKey(platform);
    loading.set(platform, key);
  }
  return key;
}

const loading = new WeakMap<Platform, Promise<string>>();

async function readOrMakeKey(platform: Platform): Promise<string> {
  const existing = await platform.getSecret('storeKey');
  if (existing) return existing;
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const key = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  await platform.setSecret('storeKey', key);
  return key;
}
