import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSecretStore,
  isOsBackedEncryption,
  SECRET_ERRORS,
  type SecretCipher,
} from './secret-store';

/** Reversible and visibly not plain text, like the OS store's output. */
function fakeCipher(available = true): SecretCipher & { available: boolean } {
  return {
    available,
    isAvailable() {
      return this.available;
    },
    encrypt: (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`, 'utf8'),
    decrypt: (cipher) => {
      const text = Buffer.from(cipher).toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('bad ciphertext');
      return [...text.slice(4)].reverse().join('');
    },
  };
}

let dir: string;
let filePath: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cocare-secrets-'));
  filePath = path.join(dir, 'userData', 'secrets.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('secret store', () => {
  it('stores, reads back and deletes the device token', async () => {
    const store = createSecretStore({ ...fakeCipher(), filePath });
    expect(await store.get('deviceToken')).toEqual({ ok: true, value: null });
    expect(await store.set('deviceToken', 'tok-设备-123')).toEqual({ ok: true, value: undefined });
    expect(await store.get('deviceToken')).toEqual({ ok: true, value: 'tok-设备-123' });
    expect(await store.delete('deviceToken')).toEqual({ ok: true, value: undefined });
    expect(await store.get('deviceToken')).toEqual({ ok: true, value: null });
  });

  it('keeps only ciphertext on disk, in a file only the user can read', async () => {
    const store = createSecretStore({ ...fakeCipher(), filePath });
    await store.set('deviceToken', 'plain-token-value');
    const text = readFileSync(filePath, 'utf8');
    expect(text).not.toContain('plain-token-value');
    expect(JSON.parse(text)).toMatchObject({
      version: 1,
      secrets: { deviceToken: expect.any(String) },
    });
    if (process.platform !== 'win32') {
      const { statSync } = await import('node:fs');
      expect(statSync(filePath).mode & 0o777).toBe(0o600);
    }
    expect(readdirSync(path.dirname(filePath))).toEqual(['secrets.json']);
  });

  it("keeps the desk's sync-packet key pairs (renderer/sync/packets.ts) only as ciphertext", async () => {
    const store = createSecretStore({ ...fakeCipher(), filePath });
    const keys = JSON.stringify({
      public: { sign: 'MFkw-public-sign', box: 'MFkw-public-box' },
      private: { sign: 'MIGH-private-sign', box: 'MIGH-private-box' },
    });
    expect(await store.set('packetKeys', keys)).toEqual({ ok: true, value: undefined });
    expect(readFileSync(filePath, 'utf8')).not.toContain('MIGH-private');
    const reopened = createSecretStore({ ...fakeCipher(), filePath });
    expect(await reopened.get('packetKeys')).toEqual({ ok: true, value: keys });
  });

  it('survives a reopen', async () => {
    await createSecretStore({ ...fakeCipher(), filePath }).set('deviceToken', 'kept');
    const reopened = createSecretStore({ ...fakeCipher(), filePath });
    expect(await reopened.get('deviceToken')).toEqual({ ok: true, value: 'kept' });
  });

  it('refuses keys outside SECRET_KEYS and values that are not text', async () => {
    const store = createSecretStore({ ...fakeCipher(), filePath });
    for (const key of ['password', '__proto__', '', 42, null, undefined, { key: 'deviceToken' }]) {
      expect(await store.set(key, 'x')).toEqual({ ok: false, error: SECRET_ERRORS.unknownKey });
      expect(await store.get(key)).toEqual({ ok: false, error: SECRET_ERRORS.unknownKey });
      expect(await store.delete(key)).toEqual({ ok: false, error: SECRET_ERRORS.unknownKey });
    }
    for (const value of [42, null, '', 'x'.repeat(17 * 1024)]) {
      expect(await store.set('deviceToken', value)).toEqual({
        ok: false,
        error: SECRET_ERRORS.badValue,
      });
    }
    expect(() => readFileSync(filePath)).toThrow();
  });

  it('refuses to store anything when the OS store is unavailable, and writes nothing', async () => {
    const store = createSecretStore({ ...fakeCipher(false), filePath });
    const result = await store.set('deviceToken', 'secret');
    expect(result).toEqual({ ok: false, error: SECRET_ERRORS.unavailable });
    expect(result.ok === false && result.error).toContain('密钥环');
    expect(() => readFileSync(filePath)).toThrow();
  });

  it('does not return a stored token once the OS store has gone', async () => {
    const cipher = fakeCipher();
    const store = createSecretStore({ ...cipher, filePath });
    await store.set('deviceToken', 'secret');
    cipher.available = false;
    const reopened = createSecretStore({ ...cipher, filePath });
    expect(await reopened.get('deviceToken')).toEqual({
      ok: false,
      error: SECRET_ERRORS.unavailable,
    });
    expect(await reopened.delete('deviceToken')).toEqual({ ok: true, value: undefined });
    expect(await reopened.get('deviceToken')).toEqual({ ok: true, value: null });
  });

  it('reports a damaged file or undecryptable token, and lets a new token replace it', async () => {
    const store = createSecretStore({ ...fakeCipher(), filePath });
    await store.set('deviceToken', 'first');
    writeFileSync(filePath, '{ not json');
    expect(await store.get('deviceToken')).toEqual({ ok: false, error: SECRET_ERRORS.unreadable });
    writeFileSync(filePath, JSON.stringify({ version: 1, secrets: { deviceToken: 'AAAA' } }));
    expect(await store.get('deviceToken')).toEqual({
      ok: false,
      error: SECRET_ERRORS.undecryptable,
    });
    expect((await store.set('deviceToken', 'second')).ok).toBe(true);
    expect(await store.get('deviceToken')).toEqual({ ok: true, value: 'second' });
  });

  it('runs concurrent writes one after another', async () => {
    const store = createSecretStore({ ...fakeCipher(), filePath });
    const results = await Promise.all([
      store.set('deviceToken', 'a'),
      store.set('deviceToken', 'b'),
      store.delete('deviceToken'),
      store.set('deviceToken', 'c'),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await store.get('deviceToken')).toEqual({ ok: true, value: 'c' });
    expect(readdirSync(path.dirname(filePath))).toEqual(['secrets.json']);
  });
});

describe('isOsBackedEncryption', () => {
  it('trusts DPAPI and Keychain whenever encryption is available', () => {
    expect(isOsBackedEncryption({ platform: 'win32', encryptionAvailable: true })).toBe(true);
    expect(isOsBackedEncryption({ platform: 'darwin', encryptionAvailable: true })).toBe(true);
    expect(isOsBackedEncryption({ platform: 'win32', encryptionAvailable: false })).toBe(false);
  });

  it('on Linux, trusts a keyring but not the hard-coded basic_text fallback', () => {
    const linux = (linuxBackend?: string) =>
      isOsBackedEncryption({ platform: 'linux', encryptionAvailable: true, linuxBackend });
    expect(linux('gnome_libsecret')).toBe(true);
    expect(linux('kwallet5')).toBe(true);
    expect(linux('basic_text')).toBe(false);
    expect(linux('unknown')).toBe(false);
    expect(linux(undefined)).toBe(false);
  });
});
