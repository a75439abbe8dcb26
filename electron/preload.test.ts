import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC, type DeskBridge } from '../shared/bridge';

// The real 'electron' module is never loaded: the preload sees these stand-ins.
const { exposed, invoke } = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn((...args: unknown[]) => Promise.resolve({ ok: true, value: args })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => exposed.set(name, api) },
  ipcRenderer: { invoke },
}));

describe('preload', () => {
  let bridge: DeskBridge;
  beforeAll(async () => {
    await import('./preload');
    bridge = exposed.get('cocare') as DeskBridge;
  });

  it('exposes exactly one object, window.cocare, shaped like DeskBridge', () => {
    expect([...exposed.keys()]).toEqual(['cocare']);
    expect(Object.keys(bridge).sort()).toEqual(['app', 'backups', 'secrets']);
    expect(Object.keys(bridge.backups).sort()).toEqual([
      'chooseFolder',
      'folder',
      'list',
      'pick',
      'read',
      'write',
    ]);
    expect(Object.keys(bridge.secrets).sort()).toEqual(['delete', 'get', 'set']);
    expect(Object.keys(bridge.app)).toEqual(['info']);
  });

  it('maps each call to its own IPC channel only', async () => {
    await bridge.secrets.get('deviceToken');
    await bridge.secrets.set('deviceToken', 'tok');
    await bridge.secrets.delete('deviceToken');
    await bridge.app.info();
    const bytes = new Uint8Array([1, 2, 3]);
    await bridge.backups.chooseFolder();
    await bridge.backups.folder();
    await bridge.backups.write(bytes, 'c1', 30);
    await bridge.backups.list();
    await bridge.backups.read('cocare-backup-c1-20261123-0800.cocare');
    await bridge.backups.pick();
    expect(invoke.mock.calls).toEqual([
      [IPC.secretsGet, 'deviceToken'],
      [IPC.secretsSet, 'deviceToken', 'tok'],
      [IPC.secretsDelete, 'deviceToken'],
      [IPC.appInfo],
      [IPC.backupsChooseFolder],
      [IPC.backupsFolder],
      [IPC.backupsWrite, bytes, 'c1', 30],
      [IPC.backupsList],
      [IPC.backupsRead, 'cocare-backup-c1-20261123-0800.cocare'],
      [IPC.backupsPick],
    ]);
  });
});
