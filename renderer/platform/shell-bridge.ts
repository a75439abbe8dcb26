import {
  IPC,
  type BridgeResult,
  type Channel,
  type ChannelArgs,
  type ChannelResult,
  type DeskBridge,
} from '../../shared/bridge';
import type { Platform } from './types';

function unwrap<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/**
 * The desk inside Electron: every call goes through the preload's typed `window.cocare.invoke`,
 * and a refused call (`{ ok: false }`) is thrown as an Error whose message is the shell's error.
 */
export function electronPlatform({ invoke }: DeskBridge): Platform {
  const call = async <C extends Channel>(
    channel: C,
    ...args: ChannelArgs<C>
  ): Promise<ChannelResult<C>> => unwrap(await invoke(channel, ...args));
  return {
    kind: 'electron',
    secretsAreDevelopmentOnly: false,
    getSecret: (key) => call(IPC.secretsGet, key),
    setSecret: (key, value) => call(IPC.secretsSet, key, value),
    deleteSecret: (key) => call(IPC.secretsDelete, key),
    appInfo: () => call(IPC.appInfo),
    backups: {
      kind: 'folder',
      chooseFolder: () => call(IPC.backupsChooseFolder),
      folder: () => call(IPC.backupsFolder),
      save: (bytes, centreId, retentionDays) =>
        call(IPC.backupsWrite, bytes, centreId, retentionDays),
      list: () => call(IPC.backupsList),
      read: (fileName) => call(IPC.backupsRead, fileName),
      pick: () => call(IPC.backupsPick),
    },
    updateFrom: (districtUrl) => call(IPC.updatesSetDistrict, districtUrl),
  };
}
