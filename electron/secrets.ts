/**
 * The device's secret store backed by Electron's safeStorage (DPAPI on Windows, Keychain on
 * macOS, libsecret/KWallet on Linux). Call only after the app is ready: before that, safeStorage
 * reports no encryption on Windows and Linux.
 */
import { app, safeStorage } from 'electron';
import path from 'node:path';
import { createSecretStore, isOsBackedEncryption, type SecretStore } from './secret-store';

export function secureStoreAvailable(): boolean {
  const encryptionAvailable = safeStorage.isEncryptionAvailable();
  return isOsBackedEncryption({
    platform: process.platform,
    encryptionAvailable,
    linuxBackend:
      process.platform === 'linux' && encryptionAvailable
        ? safeStorage.getSelectedStorageBackend()
        : undefined,
  });
}

export function openSecretStore(): SecretStore {
  return createSecretStore({
    filePath: path.join(app.getPath('userData'), 'secrets.json'),
    isAvailable: secureStoreAvailable,
    encrypt: (plainText) => safeStorage.encryptString(plainText),
    decrypt: (cipherText) => safeStorage.decryptString(Buffer.from(cipherText)),
  });
}
