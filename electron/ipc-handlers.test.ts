import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../shared/backup';
import { BACKUP_SHELL_ERRORS, IPC } from '../shared/bridge';
import { APP_ENTRY_URL } from './app-origin';
import { createBackupStore } from './backup';
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
  backups: createBackupStore({
    configPath: path.join(dir, 'backup-config.json'),
    dialog: {
      chooseFolder: async () => path.join(dir, 'backups'),
      chooseFile: async () => null,
    },
    now: () => new Date(2026, 10, 23, 8, 0),
  }),
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

  it('writes, lists and reads back a backup for the app’s page, checking its arguments', async () => {
    expect(await handlers[IPC.backupsChooseFolder](APP_ENTRY_URL, [])).toEqual({
      ok: true,
      value: path.join(dir, 'backups'),
    });
    const bytes = await writeBackup(
      { centreId: 'c1', deviceId: 'd1', createdAt: '2026-11-23T00:00:00.000Z' },
      { collections: {}, local: {} },
      { storeKey: 'k' },
    );
    const written = await handlers[IPC.backupsWrite](APP_ENTRY_URL, [bytes, 'c1', 30]);
    expect(written).toMatchObject({
      ok: true,
      value: { fileName: 'cocare-backup-c1-20261123-0800.cocare' },
    });
    expect(await handlers[IPC.backupsList](APP_ENTRY_URL, [])).toMatchObject({
      ok: true,
      value: [{ fileName: 'cocare-backup-c1-20261123-0800.cocare', size: bytes.length }],
    });
    expect(
      await handlers[IPC.backupsRead](APP_ENTRY_URL, ['cocare-backup-c1-20261123-0800.cocare']),
    ).toMatchObject({ ok: true, value: { bytes } });
    expect(await handlers[IPC.backupsWrite](APP_ENTRY_URL, ['/etc/passwd', 'c1', 30])).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.badArgument,
    });
    expect(await handlers[IPC.backupsRead](APP_ENTRY_URL, ['../secrets.json'])).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.badName,
    });
    expect(await handlers[IPC.backupsPick](APP_ENTRY_URL, [])).toEqual({ ok: true, value: null });
  });

  it('refuses unknown secret names coming over IPC', async () => {
    expect(await handlers[IPC.secretsSet](APP_ENTRY_URL, ['apiKey', 'x'])).toEqual({
      ok: false,
      error: SECRET_ERRORS.unknownKey,
    });
  });
});
