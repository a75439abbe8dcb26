import type { BridgeResult, DeskBridge } from '../../shared/bridge';
import type { Platform } from './types';

function unwrap<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The desk inside Electron: every call goes through the preload's typed `window.cocare`. */
export function electronPlatform(bridge: DeskBridge): Platform {
  return {
    kind: 'electron',
    secretsAreDevelopmentOnly: false,
    getSecret: async (key) => unwrap(await bridge.secrets.get(key)),
    setSecret: async (key, value) => unwrap(await bridge.secrets.set(key, value)),
    deleteSecret: async (key) => unwrap(await bridge.secrets.delete(key)),
    appInfo: async () => unwrap(await bridge.app.info()),
    backups: {
      kind: 'folder',
      chooseFolder: async () => unwrap(await bridge.backups.chooseFolder()),
      folder: async () => unwrap(await bridge.backups.folder()),
      save: async (bytes, centreId, retentionDays) =>
        unwrap(await bridge.backups.write(bytes, centreId, retentionDays)),
      list: async () => unwrap(await bridge.backups.list()),
      read: async (fileName) => unwrap(await bridge.backups.read(fileName)),
      pick: async () => unwrap(await bridge.backups.pick()),
    },
  };
}
