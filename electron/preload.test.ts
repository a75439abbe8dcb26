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
    expect(Object.keys(bridge).sort()).toEqual(['app', 'secrets']);
    expect(Object.keys(bridge.secrets).sort()).toEqual(['delete', 'get', 'set']);
    expect(Object.keys(bridge.app)).toEqual(['info']);
  });

  it('maps each call to its own IPC channel only', async () => {
    await bridge.secrets.get('deviceToken');
    await bridge.secrets.set('deviceToken', 'tok');
    await bridge.secrets.delete('deviceToken');
    await bridge.app.info();
    expect(invoke.mock.calls).toEqual([
      [IPC.secretsGet, 'deviceToken'],
      [IPC.secretsSet, 'deviceToken', 'tok'],
      [IPC.secretsDelete, 'deviceToken'],
      [IPC.appInfo],
    ]);
  });
});
