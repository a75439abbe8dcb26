import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeFor, createAppProtocolHandler, resolveAppPath } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';

const root = path.resolve('/srv/cocare/dist/renderer');

describe('resolveAppPath', () => {
  it('maps app://desk paths to files under the renderer folder', () => {
    expect(resolveAppPath(root, 'app://desk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://desk/assets/index-abc.js?v=1#x')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppPath(root, 'app://desk/assets/%E5%9B%BE.png')).toBe(
      path.join(root, 'assets', '图.png'),
    );
  });

  it('serves index.html for the root and for client-side routes', () => {
    expect(resolveAppPath(root, 'app://desk/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://desk')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://desk/members/42')).toBe(path.join(root, 'index.html'));
  });

  it('refuses .. traversal in every spelling', () => {
    for (const url of [
      'app://desk/../secrets.json',
      'app://desk/assets/../../package.json',
      'app://desk/%2e%2e/%2e%2e/etc/passwd',
      'app://desk/..%2f..%2fetc%2fpasswd',
      'app://desk/assets/..%2F..%2F..%2Fpackage.json',
      'app://desk/..%5c..%5cwindows%5cwin.ini',
      'app://desk/assets%5c..%5c..%5cpackage.json',
    ]) {
      const resolved = resolveAppPath(root, url);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep), url).toBe(true);
      expect(resolved === null || !resolved.includes('..'), url).toBe(true);
    }
    expect(resolveAppPath(root, 'app://desk/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath(root, 'app://desk/..%5c..%5cwindows%5cwin.ini')).toBeNull();
  });

  it('refuses other hosts, other schemes, NUL bytes and broken escapes', () => {
    expect(resolveAppPath(root, 'app://other/index.html')).toBeNull();
    expect(resolveAppPath(root, 'file:///srv/cocare/dist/renderer/index.html')).toBeNull();
    expect(resolveAppPath(root, 'https://desk/index.html')).toBeNull();
    expect(resolveAppPath(root, 'app://desk/index.html%00.png')).toBeNull();
    expect(resolveAppPath(root, 'app://desk/%E0%A4%A.js')).toBeNull();
    expect(resolveAppPath(root, 'not a url')).toBeNull();
  });

  it('knows the content types a Vite build produces', () => {
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a/index-abc.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a/blob.bin')).toBe('application/octet-stream');
  });
});

describe('app protocol handler', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cocare-protocol-'));
  const rendererDir = path.join(dir, 'dist', 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>CoCare</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'secrets.json'), '{"secret":true}');
  const handle = createAppProtocolHandler(rendererDir, (file) => readFile(file));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves files with their type and the CSP', async () => {
    const response = await handle(new Request('app://desk/assets/app.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('answers 404, with the CSP, for missing files and for anything outside the folder', async () => {
    const missing = await handle(new Request('app://desk/assets/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    const outside = await handle(new Request('app://desk/..%2f..%2fsecrets.json'));
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe('');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const response = await handle(new Request('app://desk/index.html', { method: 'POST' }));
    expect(response.status).toBe(405);
  });
});
