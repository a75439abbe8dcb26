import { backupFileName } from '../../shared/backup';
import type { BackupShell, Platform } from './types';

const PREFIX = 'cocare.dev-only-secret.';

/**
 * The desk in a plain browser (development and end-to-end tests). There is no OS secure store
 * here, so secrets sit in localStorage: DEVELOPMENT ONLY, and the status bar says so.
 */
export function browserPlatform(storage: Storage = window.localStorage): Platform {
  return {
    kind: 'browser',
    secretsAreDevelopmentOnly: true,
    getSecret: async (key) => storage.getItem(PREFIX + key),
    setSecret: async (key, value) => storage.setItem(PREFIX + key, value),
    deleteSecret: async (key) => storage.removeItem(PREFIX + key),
    appInfo: async () => ({
      version: import.meta.env.VITE_APP_VERSION ?? 'dev',
      platform: 'browser',
      secureStoreAvailable: false,
    }),
    backups: downloadBackups(),
    // A page updates when its server does: nothing to install.
    updateFrom: async () => null,
  };
}

/**
 * Backups in the browser: each one is downloaded (the browser puts it in its downloads folder),
 * and a restore reads a file the manager picks in the page's file input. No folder, no list.
 */
function downloadBackups(): BackupShell {
  const noFolder = async () => null;
  return {
    kind: 'download',
    chooseFolder: noFolder,
    folder: noFolder,
    async save(bytes, centreId) {
      const fileName = backupFileName(centreId, new Date());
      const url = URL.createObjectURL(
        new Blob([bytes.slice()], { type: 'application/octet-stream' }),
      );
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once started; give it a moment before freeing the blob.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { fileName, folder: '', removed: [] };
    },
    list: async () => [],
    read: async () => {
      throw new Error('backup.noFolder');
    },
    pick: async () => null,
  };
}
