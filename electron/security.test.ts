import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-origin';
import {
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isTrustedSender,
  mainWindowOptions,
  permissionDecision,
  windowOpenDecision,
} from './security';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('main window options', () => {
  const options = mainWindowOptions({
    preloadPath: '/app/dist/electron/preload.cjs',
    isDev: false,
  });
  const prefs = options.webPreferences ?? {};

  it('isolates and sandboxes the renderer, with no Node in it', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
  });

  it('keeps web security on', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });

  it('loads the given preload and fits a 1366×768 screen', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(options.minWidth).toBeLessThanOrEqual(1366);
    expect(options.minHeight).toBeLessThanOrEqual(728);
    expect(options.width).toBeLessThanOrEqual(1366);
    expect(options.height).toBeLessThanOrEqual(728);
    expect(options.minWidth).toBeGreaterThanOrEqual(1024);
  });

  it('offers DevTools only in development', () => {
    expect(prefs.devTools).toBe(false);
    const dev = mainWindowOptions({ preloadPath: '/p.cjs', isDev: true });
    expect(dev.webPreferences?.devTools).toBe(true);
    expect(dev.webPreferences?.sandbox).toBe(true);
  });
});

describe('content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('never allows eval or inline scripts', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('defaults to self and forbids plugins, base changes, framing and forms', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('connects over https anywhere, over http only to this machine', () => {
    const connect = csp.get('connect-src') ?? [];
    expect(connect).toEqual(["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*']);
    expect(connect).not.toContain('http:');
    expect(connect).not.toContain('*');
  });
});

describe('isTrustedSender', () => {
  it('trusts the app’s own pages', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://desk/members?q=1#top')).toBe(true);
  });

  it('refuses everything else', () => {
    for (const url of [
      null,
      undefined,
      '',
      'not a url',
      'about:blank',
      'file:///app/dist/renderer/index.html',
      'https://desk/index.html',
      'http://localhost:5173/',
      'app://desk.evil.example/index.html',
      'app://evil/index.html',
      'app://user:pw@desk/index.html',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  it('allows moving within the app only', () => {
    expect(isAllowedNavigation('app://desk/index.html')).toBe(true);
    expect(isAllowedNavigation('https://district.example.cn/')).toBe(false);
    expect(isAllowedNavigation('http://localhost:3000/')).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd')).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)')).toBe(false);
  });

  it('denies every new window and every permission', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    expect(permissionDecision()).toBe(false);
  });
});
