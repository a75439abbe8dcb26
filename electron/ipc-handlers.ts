/**
 * What the main process answers on each IPC channel of the bridge. Plain: main.ts registers these
 * with ipcMain.handle, passing the sending frame's URL, and tests call them directly. Every reply
 * is a BridgeResult; nothing is thrown across the boundary.
 */
import { IPC, type AppInfo, type BridgeResult } from '../shared/bridge';
import type { BackupStore } from './backup';
import type { SecretStore } from './secret-store';
import { isTrustedSender } from './security';

export type IpcChannel = (typeof IPC)[keyof typeof IPC];

export type BridgeHandler = (
  senderUrl: string | null | undefined,
  args: readonly unknown[],
) => Promise<BridgeResult<unknown>>;

export interface BridgeHandlerDeps {
  secrets: SecretStore;
  appInfo(): AppInfo;
  backups: BackupStore;
}

export const UNTRUSTED_SENDER_ERROR = '已拒绝：请求不是来自 CoCare Desk 自己的页面。';

function guarded(
  serve: (args: readonly unknown[]) => Promise<BridgeResult<unknown>>,
): BridgeHandler {
  return async (senderUrl, args) => {
    if (!isTrustedSender(senderUrl)) return { ok: false, error: UNTRUSTED_SENDER_ERROR };
    try {
      return await serve(args);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}

export function createBridgeHandlers(deps: BridgeHandlerDeps): Record<IpcChannel, BridgeHandler> {
  return {
    [IPC.secretsGet]: guarded(([key]) => deps.secrets.get(key)),
    [IPC.secretsSet]: guarded(([key, value]) => deps.secrets.set(key, value)),
    [IPC.secretsDelete]: guarded(([key]) => deps.secrets.delete(key)),
    [IPC.appInfo]: guarded(async () => ({ ok: true, value: deps.appInfo() })),
    [IPC.backupsChooseFolder]: guarded(() => deps.backups.chooseFolder()),
    [IPC.backupsFolder]: guarded(() => deps.backups.folder()),
    // The store checks each argument's type and size: they come from the renderer.
    [IPC.backupsWrite]: guarded(([bytes, centreId, retentionDays]) =>
      deps.backups.write(bytes, centreId, retentionDays),
    ),
    [IPC.backupsList]: guarded(() => deps.backups.list()),
    [IPC.backupsRead]: guarded(([fileName]) => deps.backups.read(fileName)),
    [IPC.backupsPick]: guarded(() => deps.backups.pick()),
  };
}
