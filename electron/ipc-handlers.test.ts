import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IPC } from '../shared/bridge';
import { APP_ENTRY_URL } from './app-origin';
import { createBridgeHandlers, UNTRUSTED_SENDER_ERROR } from './ipc-handlers';
import { createSecretStore, SECRET_ERRORS } from './secret-store';

const dir = mkdtempSync(path.join(tmpdir(), 'cocare-ipc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const handlers = createBridgeHandlers({
  secrets: createSecretStore({
    filePath: path.join(dir, 'secrets.json'),
    isAvailable: () => true,
    encrypt: (plain) => Buffer.from(plain, 'utf8').reverse(),
    decrypt: (cipher) => Buffer.from(cipher).reverse().toString('utf8'),
  }),
  appInfo: () => ({ version: '0.1.0', platform: 'linux', secureStoreAvailable: true }),
});

describe('bridge IPC handlers', () => {
  it('has a handler for every IPC channel and no other', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.values(IPC).sort());
  });

  it('serves the app’s own page', async () => {
    expect(await handlers[IPC.secretsSet](APP_ENTRY_URL, ['deviceToken', 't1'])).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await handlers[IPC.secretsGet](APP_ENTRY_URL, ['deviceToken'])).toEqual({
      ok: true,
      value: 't1',
    });
    expect(await handlers[IPC.appInfo](APP_ENTRY_URL, [])).toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux', secureStoreAvailable: true },
    });
    expect(await handlers[IPC.secretsDelete](APP_ENTRY_URL, ['deviceToken'])).toEqual({
      ok: true,
      value: undefined,
    });
  });

  it('refuses any other sender on every channel', async () => {
    for (const sender of [null, 'https://evil.example/', 'file:///x/index.html', 'app://evil/']) {
      for (const handler of Object.values(handlers)) {
        expect(await handler(sender, ['deviceToken', 'x'])).toEqual({
          ok: false,
          error: UNTRUSTED_SENDER_ERROR,
        });
      }
    }
  });

  it('refuses unknown secret names coming over IPC', async () => {
    expect(await handlers[IPC.secretsSet](APP_ENTRY_URL, ['apiKey', 'x'])).toEqual({
      ok: false,
      error: SECRET_ERRORS.unknownKey,
    });
  });
});
