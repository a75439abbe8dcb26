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

/** The one way the renderer reaches the shell: Electron's preload bridge if present, else the browser. */
export function detectPlatform(): Platform {
  return window.cocare ? electronPlatform(window.cocare) : browserPlatform();
}
