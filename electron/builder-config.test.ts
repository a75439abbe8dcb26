/**
 * The desk as shipped: electron-builder.yml read and checked by electron-builder's own loader and
 * schema (the code `npm run dist` runs), then its fuses, update feed and Windows signing pinned.
 * The fuses are flipped in the Electron binary at packaging, which cannot be downloaded here, so
 * the packaging itself is not run (docs/SECURITY.md, "The shipped binary").
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  // Throws on a key electron-builder does not know (a misspelt fuse would otherwise do nothing).
  await validateConfiguration(config, new DebugLogger(false));
});

describe('electron-builder.yml', () => {
  it('flips the fuses that would let code on the machine run inside the desk', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Integrity and asar-only loading mean something only for an app packed into an asar.
    expect(config.asar).toBe(true);
  });

  it('packs the Electron that is installed, a supported line', () => {
    const installed = JSON.parse(
      readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(config.electronVersion).toBe(installed.version);
    // Electron supports its latest three major lines; 45 is the newest at the time of writing.
    expect(Number(installed.version.split('.')[0])).toBeGreaterThanOrEqual(45);
  });

  it('writes update metadata for a generic feed whose address the desk sets itself', () => {
    expect([config.publish].flat()).toEqual([
      { provider: 'generic', url: 'https://district.invalid/updates/' },
    ]);
  });

  it('signs Windows installers with SHA-256 and a timestamp, and pins their publisher for updates', () => {
    expect(config.win?.signtoolOptions).toMatchObject({
      signingHashAlgorithms: ['sha256'],
      rfc3161TimeStampServer: expect.stringMatching(/^https?:\/\//),
    });
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
  });
});
