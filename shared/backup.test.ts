import { describe, expect, it } from 'vitest';
import {
  BACKUP_VERSION,
  BackupError,
  backupFileName,
  backupFileTime,
  derivePassphraseKey,
  readBackup,
  readBackupHeader,
  writeBackup,
  type BackupContent,
  type BackupProblem,
} from './backup';

const STORE_KEY = 'a'.repeat(64);
const identity = {
  centreId: 'centre-1',
  centreName: '阳光中心',
  deviceId: 'dev-1',
  createdAt: '2026-11-23T10:00:00.000Z',
};
const content: BackupContent = {
  collections: {
    members: [
      { id: 'm1', updatedAt: '000001700000000-00000-dA', name: '王秀英', _deleted: false },
      { id: 'm2', updatedAt: '000001700000001-00000-dA', name: '李桂兰', _deleted: true },
    ],
    attendance: [],
  },
  local: { 'centre-rules': { feverFrom: 37.5 } },
};

async function problemOf(promise: Promise<unknown>): Promise<BackupProblem | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    if (error instanceof BackupError) return error.problem;
    throw error;
  }
}

/** Rewrites the trailing SHA-256 so only the deeper checks can catch a change. */
async function rehash(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  const out = bytes.slice();
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', out.slice(0, out.length - 32)),
  );
  out.set(digest, out.length - 32);
  return out;
}

/** Replaces the clear header (same length) and fixes the hash: what a forger would do. */
async function withHeader(
  bytes: Uint8Array<ArrayBuffer>,
  change: (h: Record<string, unknown>) => void,
): Promise<Uint8Array<ArrayBuffer>> {
  const length = new DataView(bytes.buffer).getUint32(8);
  const header = JSON.parse(new TextDecoder().decode(bytes.slice(12, 12 + length)));
  change(header);
  const next = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(bytes.length - length + next.length);
  out.set(bytes.slice(0, 8));
  new DataView(out.buffer).setUint32(8, next.length);
  out.set(next, 12);
  out.set(bytes.slice(12 + length), 12 + next.length);
  return rehash(out);
}

describe('backup file', () => {
  it('round-trips every document, tombstones included, with the desk’s key', async () => {
    const file = await writeBackup(identity, content, { storeKey: STORE_KEY });
    const opened = await readBackup(file, { storeKey: STORE_KEY }, 'centre-1');
    expect(opened.content).toEqual(content);
    expect(opened.openedWith).toBe('desk');
    expect(opened.header).toMatchObject({
      format: 'cocare-backup',
      version: BACKUP_VERSION,
      ...identity,
      counts: { members: { docs: 2, deleted: 1 }, attendance: { docs: 0, deleted: 0 } },
    });
  });

  it('keeps names and health data out of the clear bytes', async () => {
    const file = await writeBackup(identity, content, { storeKey: STORE_KEY });
    const text = new TextDecoder('utf-8', { fatal: false }).decode(file);
    expect(text).not.toContain('王秀英');
    expect(text).not.toContain('feverFrom');
  });

  it('opens on a replacement desk with the centre’s passphrase, and on the old desk without it', async () => {
    const passphraseKey = await derivePassphraseKey('青山绿水 2026', undefined, 1000);
    const file = await writeBackup(identity, content, { storeKey: STORE_KEY, passphraseKey });
    const onNewDesk = await readBackup(
      file,
      { storeKey: 'b'.repeat(64), passphrase: '青山绿水 2026' },
      'centre-1',
    );
    expect(onNewDesk.openedWith).toBe('passphrase');
    expect(onNewDesk.content).toEqual(content);
    expect((await readBackup(file, { storeKey: STORE_KEY }, 'centre-1')).openedWith).toBe('desk');
    expect(
      await problemOf(
        readBackup(file, { storeKey: 'b'.repeat(64), passphrase: 'wrong' }, 'centre-1'),
      ),
    ).toBe('wrongKey');
  });

  it('names what is wrong, in order: not a backup, truncated, corrupt, wrong key, newer, other centre', async () => {
    const file = await writeBackup(identity, content, { storeKey: STORE_KEY });
    const read = (bytes: Uint8Array, key = STORE_KEY, centre = 'centre-1') =>
      problemOf(readBackup(bytes, { storeKey: key }, centre));

    expect(await read(new TextEncoder().encode('姓名,性别\n王秀英,女\n'))).toBe('notBackup');
    expect(await read(new Uint8Array(0))).toBe('notBackup');
    expect(await read(file.slice(0, 10))).toBe('truncated');
    expect(await read(file.slice(0, 40))).toBe('truncated');
    expect(await read(file.slice(0, file.length - 1))).toBe('truncated');
    expect(await read(file.slice(0, file.length - 100))).toBe('truncated');

    const flipped = file.slice();
    flipped[file.length - 60]! ^= 0x01;
    expect(await read(flipped)).toBe('corrupt');
    const extra = new Uint8Array(file.length + 5);
    extra.set(file);
    expect(await read(extra)).toBe('corrupt');
    // A forger who also fixes the hash is caught by the GCM tag.
    const forged = file.slice();
    forged[file.length - 60]! ^= 0x01;
    expect(await read(await rehash(forged))).toBe('corrupt');
    expect(await read(await withHeader(file, (h) => (h.centreId = 'centre-2')))).toBe('corrupt');

    expect(await read(file, 'c'.repeat(64))).toBe('wrongKey');
    // Same key, but someone else's centre: the header is genuine (authenticated), so it is told.
    expect(await read(file, STORE_KEY, 'centre-2')).toBe('otherCentre');
  });

  it('refuses a newer format it cannot understand, after checking it is genuine', async () => {
    const newer = await writeBackup(identity, content, { storeKey: STORE_KEY }, BACKUP_VERSION + 1);
    expect(await problemOf(readBackup(newer, { storeKey: STORE_KEY }, 'centre-1'))).toBe(
      'newerFormat',
    );
    // Only a desk holding the data key can stamp a version: an edited header is caught as corrupt.
    const file = await writeBackup(identity, content, { storeKey: STORE_KEY });
    const edited = await withHeader(file, (h) => (h.version = BACKUP_VERSION + 1));
    expect(await problemOf(readBackup(edited, { storeKey: STORE_KEY }, 'centre-1'))).toBe(
      'corrupt',
    );
  });

  it('reads the header without any key, for listing and checks', async () => {
    const file = await writeBackup(identity, content, { storeKey: STORE_KEY });
    expect((await readBackupHeader(file)).centreName).toBe('阳光中心');
  });

  it('names files by centre and local time, and reads the time back', () => {
    const at = new Date(2026, 10, 23, 9, 5);
    const name = backupFileName('centre-1', at);
    expect(name).toBe('cocare-backup-centre-1-20261123-0905.cocare');
    expect(backupFileTime(name)).toEqual(at);
    expect(backupFileTime('../cocare-backup-centre-1-20261123-0905.cocare')).toBeNull();
    expect(backupFileTime('cocare-backup-x-20261123-0905.cocare.tmp')).toBeNull();
    expect(() => backupFileName('../etc', at)).toThrow();
  });
});
