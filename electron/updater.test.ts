/**
 * electron/updater.ts on its own: which district addresses and which builds update, and a damaged
 * update-source.json. The updater driving the real electron-updater against a real district is
 * tests/integration/desk-updates.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDeskUpdater, UPDATE_ERRORS, updateFeedFor, updatesDisabledReason } from './updater';

const root = mkdtempSync(path.join(tmpdir(), 'cocare-updater-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the district address and the build', () => {
  it('updates over HTTPS, or plain HTTP on this machine only, from the district’s /updates/', () => {
    expect(updateFeedFor('https://district.example.cn/api/sync')).toEqual({
      origin: 'https://district.example.cn',
      feedUrl: 'https://district.example.cn/updates/',
    });
    expect(updateFeedFor('http://localhost:4100')?.feedUrl).toBe('http://localhost:4100/updates/');
    expect(updateFeedFor('http://[::1]:4100')?.feedUrl).toBe('http://[::1]:4100/updates/');
    for (const address of [
      'http://district.example.cn',
      'http://192.168.1.10:4100',
      'https://admin:pw@district.example.cn',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      `https://${'a'.repeat(3000)}.cn`,
      42,
      null,
    ]) {
      expect(updateFeedFor(address), String(address).slice(0, 40)).toBeNull();
    }
  });

  it('does not update a development run, an unsigned Windows build, or a build without metadata', () => {
    const config = 'provider: generic\nurl: https://district.invalid/updates/\n';
    const signed = `${config}publisherName:\n  - CoCare Ltd\n`;
    expect(
      updatesDisabledReason({ platform: 'linux', isPackaged: true, appUpdateConfig: config }),
    ).toBeNull();
    expect(
      updatesDisabledReason({ platform: 'win32', isPackaged: true, appUpdateConfig: signed }),
    ).toBeNull();
    expect(
      updatesDisabledReason({ platform: 'win32', isPackaged: true, appUpdateConfig: config }),
    ).toMatch(/未签名/);
    expect(
      updatesDisabledReason({ platform: 'linux', isPackaged: false, appUpdateConfig: config }),
    ).toMatch(/开发运行/);
    expect(
      updatesDisabledReason({ platform: 'linux', isPackaged: true, appUpdateConfig: null }),
    ).toMatch(/app-update\.yml/);
    expect(
      updatesDisabledReason({ platform: 'darwin', isPackaged: true, appUpdateConfig: config }),
    ).toMatch(/darwin/);
  });

  it('says how to recover from a damaged update-source.json, and does not overwrite it', async () => {
    const dir = path.join(root, 'damaged');
    mkdirSync(dir);
    const sourceFile = path.join(dir, 'update-source.json');
    writeFileSync(sourceFile, '{"version":1,"districtOrigin":"http://evil.example"}');
    const log: string[] = [];
    const updater = createDeskUpdater({
      engine: () => {
        throw new Error('no district to check: electron-updater must not be made');
      },
      sourceFile,
      disabledReason: null,
      log: (m) => void log.push(m),
    });
    await updater.start();
    expect(log).toEqual([UPDATE_ERRORS.unreadable(sourceFile)]);
    expect(await updater.setDistrict('https://district.example.cn')).toEqual({
      ok: false,
      error: UPDATE_ERRORS.unreadable(sourceFile),
    });
    expect(readFileSync(sourceFile, 'utf8')).toContain('evil.example');
  });

  it('keeps the first district, takes the same one again, and refuses another', async () => {
    const sourceFile = path.join(root, 'pinned', 'update-source.json');
    // An unsigned Windows build: the district is still kept, so a signed reinstall follows it.
    const updater = createDeskUpdater({
      engine: () => {
        throw new Error('an unsigned build never makes electron-updater');
      },
      sourceFile,
      disabledReason: '未签名',
    });
    const first = await updater.setDistrict('https://district.example.cn');
    expect(first).toEqual({
      ok: true,
      value: { feedUrl: 'https://district.example.cn/updates/', disabledReason: '未签名' },
    });
    expect(await updater.setDistrict('https://district.example.cn/other/path')).toEqual(first);
    expect(await updater.setDistrict('https://district.example.cn:8443')).toEqual({
      ok: false,
      error: UPDATE_ERRORS.pinned(
        'https://district.example.cn',
        'https://district.example.cn:8443',
      ),
    });
    expect(JSON.parse(readFileSync(sourceFile, 'utf8'))).toEqual({
      version: 1,
      districtOrigin: 'https://district.example.cn',
    });
  });
});
