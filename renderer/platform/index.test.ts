import { describe, expect, it } from 'vitest';
import type { DeskBridge } from '../../shared/bridge';
import { BROWSER_TRIAL_KEY, detectPlatform } from './index';

/** A browser's localStorage, in memory. */
function memoryStorage(entries: Record<string, string> = {}): Storage & { keys(): string[] } {
  const items = new Map(Object.entries(entries));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
    keys: () => [...items.keys()],
  };
}

/** The bridge's shape only: detecting the platform calls none of it. */
const bridge = {} as DeskBridge;

describe('detectPlatform', () => {
  it('refuses to keep secrets in a plain browser in a production build, and stores nothing', () => {
    const storage = memoryStorage();
    expect(detectPlatform({ bridge: undefined, production: true, storage })).toEqual({ ok: false });
    expect(storage.keys()).toEqual([]);
    // Anything but an explicit "yes" is not a trial.
    for (const value of ['', 'no', 'true', '1', 'YES ']) {
      const other = memoryStorage({ [BROWSER_TRIAL_KEY]: value });
      expect(
        detectPlatform({ bridge: undefined, production: true, storage: other }).ok,
        value,
      ).toBe(false);
    }
  });

  it('uses the browser in a production build only when a trial is turned on explicitly', async () => {
    const storage = memoryStorage({ [BROWSER_TRIAL_KEY]: 'yes' });
    const choice = detectPlatform({ bridge: undefined, production: true, storage });
    if (!choice.ok) throw new Error('refused a trial');
    expect(choice.platform).toMatchObject({ kind: 'browser', secretsAreDevelopmentOnly: true });
    await choice.platform.setSecret('deviceToken', 't');
    expect(storage.keys()).toContain('cocare.dev-only-secret.deviceToken');
  });

  it('uses the browser on the development server, and the shell whenever its bridge is there', () => {
    const dev = detectPlatform({ bridge: undefined, production: false, storage: memoryStorage() });
    expect(dev.ok && dev.platform.kind).toBe('browser');
    for (const production of [true, false]) {
      const shell = detectPlatform({ bridge, production, storage: memoryStorage() });
      expect(shell.ok && shell.platform).toMatchObject({
        kind: 'electron',
        secretsAreDevelopmentOnly: false,
      });
    }
  });
});
