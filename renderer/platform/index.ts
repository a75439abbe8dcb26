import type { DeskBridge } from '../../shared/bridge';
import { browserPlatform } from './browser';
import { electronPlatform } from './shell-bridge';
import type { Platform } from './types';

export type { Platform } from './types';

declare global {
  interface Window {
    cocare?: DeskBridge;
  }
}

/**
 * Set to "yes" in the browser's localStorage to run a built desk in a plain browser for a trial
 * (and the end-to-end tests): its secrets then sit in that browser's storage, unencrypted.
 */
export const BROWSER_TRIAL_KEY = 'cocare.browser-trial';

export type PlatformChoice = { ok: true; platform: Platform } | { ok: false };

export interface PlatformSurroundings {
  /** The shell's preload bridge, when the desk runs in Electron. */
  bridge: DeskBridge | undefined;
  /** A production build (as opposed to the development server, `npm run start:web`). */
  production: boolean;
  storage: Storage;
}

/**
 * The one way the renderer reaches the shell: Electron's preload bridge if present. Without it,
 * the browser's storage holds the device token and the store's key; the development server may
 * do that, but a production build only when a trial says so explicitly (BROWSER_TRIAL_KEY): a
 * desk whose shell lost its bridge must not quietly keep its secrets in the clear.
 */
export function detectPlatform(
  surroundings: PlatformSurroundings = {
    bridge: window.cocare,
    production: import.meta.env.PROD,
    storage: window.localStorage,
  },
): PlatformChoice {
  const { bridge, production, storage } = surroundings;
  if (bridge) return { ok: true, platform: electronPlatform(bridge) };
  if (!production || storage.getItem(BROWSER_TRIAL_KEY) === 'yes') {
    return { ok: true, platform: browserPlatform(storage) };
  }
  return { ok: false };
}
