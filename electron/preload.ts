/**
 * Runs sandboxed in the renderer before the page. Exposes exactly the DeskBridge object as
 * window.cocare: one function per channel, no way to name another channel. A sandboxed preload
 * can require only Electron's own modules, so build/build-electron.mjs bundles this file (with
 * shared/bridge) into one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type DeskBridge } from '../shared/bridge';

const bridge: DeskBridge = {
  secrets: {
    get: (key) => ipcRenderer.invoke(IPC.secretsGet, key),
    set: (key, value) => ipcRenderer.invoke(IPC.secretsSet, key, value),
    delete: (key) => ipcRenderer.invoke(IPC.secretsDelete, key),
  },
  app: {
    info: () => ipcRenderer.invoke(IPC.appInfo),
  },
  backups: {
    chooseFolder: () => ipcRenderer.invoke(IPC.backupsChooseFolder),
    folder: () => ipcRenderer.invoke(IPC.backupsFolder),
    write: (bytes, centreId, retentionDays) =>
      ipcRenderer.invoke(IPC.backupsWrite, bytes, centreId, retentionDays),
    list: () => ipcRenderer.invoke(IPC.backupsList),
    read: (fileName) => ipcRenderer.invoke(IPC.backupsRead, fileName),
    pick: () => ipcRenderer.invoke(IPC.backupsPick),
  },
};

contextBridge.exposeInMainWorld('cocare', bridge);
