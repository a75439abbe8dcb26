import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC, unknownChannelError, type Channel, type DeskBridge } from '../shared/bridge';

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

  it('exposes exactly one object, window.cocare, with one function: invoke', () => {
    expect([...exposed.keys()]).toEqual(['cocare']);
    expect(Object.keys(bridge)).toEqual(['invoke']);
  });

  it('forwards each channel of the bridge under its own name, with its arguments', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    await bridge.invoke(IPC.secretsSet, 'deviceToken', 'tok');
    await bridge.invoke(IPC.appInfo);
    await bridge.invoke(IPC.backupsWrite, bytes, 'c1', 30);
    expect(invoke.mock.calls).toEqual([
      [IPC.secretsSet, 'deviceToken', 'tok'],
      [IPC.appInfo],
      [IPC.backupsWrite, bytes, 'c1', 30],
    ]);
  });

  it('sends nothing on a name that is not a channel of the bridge, from a page ignoring the types', async () => {
    invoke.mockClear();
    for (const name of ['cocare:shell:exec', 'ELECTRON_BROWSER_WINDOW_CLOSE', 'constructor', '']) {
      expect(await bridge.invoke(name as Channel)).toEqual({
        ok: false,
        error: unknownChannelError(name),
      });
    }
    expect(invoke).not.toHaveBeenCalled();
  });
});
