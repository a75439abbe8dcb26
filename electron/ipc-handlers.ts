/**
 * What the main process answers on each IPC channel of the bridge. createBridgeHandlers is typed
 * against the bridge's one map (BridgeHandlers, shared/bridge.ts): a handler answering another
 * type than its channel's does not compile. registerBridgeHandlers puts them on ipcMain (main.ts
 * passes Electron's, tests a stand-in) behind the sender check. Every reply is a BridgeResult;
 * nothing is thrown across the boundary.
 */
import {
  CHANNELS,
  IPC,
  type AppInfo,
  type BridgeHandlers,
  type BridgeResult,
} from '../shared/bridge';
import type { BackupStore } from './backup';
import type { SecretStore } from './secret-store';
import { isTrustedSender } from './security';
import type { DeskUpdater } from './updater';

export interface BridgeHandlerDeps {
  secrets: SecretStore;
  appInfo(): AppInfo;
  backups: BackupStore;
  updates: Pick<DeskUpdater, 'setDistrict'>;
}

export const UNTRUSTED_SENDER_ERROR = '已拒绝：请求不是来自 CoCare Desk 自己的页面。';

export function createBridgeHandlers(deps: BridgeHandlerDeps): BridgeHandlers {
  // The arguments are `unknown` here: the secret and backup stores and the updater check each
  // one's type and size, since they come from the renderer.
  return {
    [IPC.secretsGet]: (key) => deps.secrets.get(key),
    [IPC.secretsSet]: (key, value) => deps.secrets.set(key, value),
    [IPC.secretsDelete]: (key) => deps.secrets.delete(key),
    [IPC.appInfo]: async () => ({ ok: true, value: deps.appInfo() }),
    [IPC.backupsChooseFolder]: () => deps.backups.chooseFolder(),
    [IPC.backupsFolder]: () => deps.backups.folder(),
    [IPC.backupsWrite]: (bytes, centreId, retentionDays) =>
      deps.backups.write(bytes, centreId, retentionDays),
    [IPC.backupsList]: () => deps.backups.list(),
    [IPC.backupsRead]: (fileName) => deps.backups.read(fileName),
    [IPC.backupsPick]: () => deps.backups.pick(),
    [IPC.updatesSetDistrict]: (districtUrl) => deps.updates.setDistrict(districtUrl),
  };
}

/** The one method of Electron's ipcMain the bridge uses, with the part of its event it reads. */
export interface BridgeIpcMain {
  handle(
    channel: string,
    listener: (
      event: { senderFrame: { url: string } | null },
      ...args: unknown[]
    ) => Promise<BridgeResult<unknown>>,
  ): void;
}

/**
 * Registers one listener per channel of the bridge, and none for any other name. Each checks the
 * sending frame first (only the app's own page is served) and turns a thrown error into a result.
 */
export function registerBridgeHandlers(ipcMain: BridgeIpcMain, handlers: BridgeHandlers): void {
  for (const channel of CHANNELS) {
    // Every handler takes `unknown` arguments, so calling it with whatever arrived is sound.
    const handler: (...args: unknown[]) => Promise<BridgeResult<unknown>> = handlers[channel];
    ipcMain.handle(channel, async (event, ...args) => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return { ok: false, error: UNTRUSTED_SENDER_ERROR };
      }
      try {
        return await handler(...args);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    });
  }
}
