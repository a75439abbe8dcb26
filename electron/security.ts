/**
 * The shell's security settings as plain values and pure functions, so tests can pin them
 * without starting Electron. main.ts only wires them into Electron's hooks.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * Sent with every response of the app:// scheme. No 'unsafe-eval' and no inline scripts; inline
 * styles are allowed because React and the UI kit set style attributes. connect-src lets the desk
 * reach the district server the user configures: over https anywhere, over plain http only on
 * this machine (a server run locally for testing or a single-PC centre).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export interface WindowOptionsInput {
  preloadPath: string;
  isDev: boolean;
}

/** Sized for the 1366×768 screens common at reception desks (minus a taskbar). */
export function mainWindowOptions({
  preloadPath,
  isDev,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 720,
    minWidth: 1024,
    minHeight: 700,
    title: 'CoCare Desk',
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: isDev,
    },
  };
}

/**
 * Whether an IPC call may be served: its sending frame must show the app's own page. A frame
 * that navigated elsewhere (or is gone, so Electron reports no URL) is refused.
 */
export function isTrustedSender(frameUrl: string | null | undefined): boolean {
  return isAppUrl(frameUrl);
}

/** Any frame may move only within the app; everything else (remote pages, file://) is blocked. */
export function isAllowedNavigation(targetUrl: string): boolean {
  return isAppUrl(targetUrl);
}

/** The answer to every window.open / target=_blank: the desk never opens a second window. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** The desk needs no camera, microphone, notifications, geolocation or other permission. */
export function permissionDecision(): false {
  return false;
}
