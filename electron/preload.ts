/**
 * Runs sandboxed in the renderer before the page. Exposes exactly one object as window.cocare:
 * `invoke`, typed against the bridge's map of channels (shared/bridge.ts), which forwards only the
 * bridge's own channel names. A sandboxed preload can require only Electron's own modules, so
 * build/build-electron.mjs bundles this file (with shared/bridge) into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { isChannel, unknownChannelError, type DeskBridge } from '../shared/bridge';

const bridge: DeskBridge = {
  // The types stop a wrong name in the desk's code; this check stops it from a page that ignores
  // the types, so no other channel of ipcRenderer is ever reachable from the renderer.
  invoke: (channel, ...args) =>
    isChannel(channel)
      ? ipcRenderer.invoke(channel, ...args)
      : Promise.resolve({ ok: false, error: unknownChannelError(channel) }),
};

contextBridge.exposeInMainWorld('cocare', bridge);
