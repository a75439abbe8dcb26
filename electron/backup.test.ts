import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { backupFileName, writeBackup } from '../shared/backup';
import { BACKUP_SHELL_ERRORS } from '../shared/bridge';
import { createBackupStore, MAX_BACKUP_BYTES, type BackupDialog } from './backup';

const root = mkdtempSync(path.join(tmpdir(), 'cocare-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let run = 0;
let folder: string;
let userData: string;
let clock: Date;
let dialog: BackupDialog & { folder: string | null; file: string | null };

function store() {
  return createBackupStore({
    configPath: path.join(userData, 'backup-config.json'),
    dialog,
    now: () => clock,
  });
}

const sealed = () =>
  writeBackup(
    { centreId: 'centre-1', deviceId: 'd1', createdAt: clock.toISOString() },
    { collections: { members: [] }, local: {} },
    { storeKey: 'k'.repeat(64) },
  );

beforeEach(() => {
  run++;
  folder = path.join(root, `backups-${run}`);
  userData = path.join(root, `userData-${run}`);
  clock = new Date(2026, 10, 23, 10, 30);
  mkdirSync(folder);
  dialog = {
    folder,
    file: null,
    chooseFolder: vi.fn(async () => dialog.folder),
    chooseFile: vi.fn(async () => dialog.file),
  };
});

describe('backup files', () => {
  it('keeps the folder chosen in the dialog in the app’s config', async () => {
    expect(await store().folder()).toEqual({ ok: true, value: null });
    expect(await store().chooseFolder()).toEqual({ ok: true, value: folder });
    expect(await store().folder()).toEqual({ ok: true, value: folder });
    expect(JSON.parse(readFileSync(path.join(userData, 'backup-config.json'), 'utf8'))).toEqual({
      folder,
    });
    dialog.folder = null;
    expect(await store().chooseFolder()).toEqual({ ok: true, value: null });
    expect(await store().folder()).toEqual({ ok: true, value: folder });
  });

  it('refuses to write before a folder is chosen', async () => {
    expect(await store().write(await sealed(), 'centre-1', 30)).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.noFolder,
    });
  });

  it('writes the bytes under the centre’s name and the time, leaving no temporary file', async () => {
    const backups = store();
    await backups.chooseFolder();
    const bytes = await sealed();
    const written = await backups.write(bytes, 'centre-1', 30);
    expect(written).toEqual({
      ok: true,
      value: { fileName: 'cocare-backup-centre-1-20261123-1030.cocare', folder, removed: [] },
    });
    expect(readdirSync(folder)).toEqual(['cocare-backup-centre-1-20261123-1030.cocare']);
    expect(new Uint8Array(readFileSync(path.join(folder, readdirSync(folder)[0]!)))).toEqual(bytes);
    const listed = await backups.list();
    expect(listed).toEqual({
      ok: true,
      value: [
        {
          fileName: 'cocare-backup-centre-1-20261123-1030.cocare',
          size: bytes.length,
          createdAt: clock.toISOString(),
        },
      ],
    });
    const read = await backups.read('cocare-backup-centre-1-20261123-1030.cocare');
    expect(read.ok && read.value.bytes).toEqual(bytes);
  });

  it('replaces a file only whole: a failed write leaves the old backup and no temporary file', async () => {
    const backups = store();
    await backups.chooseFolder();
    const first = await sealed();
    await backups.write(first, 'centre-1', 30);
    const name = path.join(folder, 'cocare-backup-centre-1-20261123-1030.cocare');
    // The final name is taken by a folder: the rename fails after the temporary file was written.
    rmSync(name);
    mkdirSync(name);
    writeFileSync(path.join(name, 'x'), 'x');
    const failed = await backups.write(await sealed(), 'centre-1', 30);
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.error).toMatch(/^backup\.io/);
    expect(readdirSync(folder)).toEqual(['cocare-backup-centre-1-20261123-1030.cocare']);
    rmSync(name, { recursive: true });
    // The same minute again: the new file replaces the old one in one step.
    await backups.write(first, 'centre-1', 30);
    const second = await sealed();
    await backups.write(second, 'centre-1', 30);
    expect(readdirSync(folder)).toEqual(['cocare-backup-centre-1-20261123-1030.cocare']);
    expect(new Uint8Array(readFileSync(name))).toEqual(second);
  });

  it('keeps the last N days of this centre’s backups and touches nothing else', async () => {
    const backups = store();
    await backups.chooseFolder();
    const day = (d: number) => new Date(2026, 10, 23 - d, 10, 30);
    const old = [31, 40].map((d) => backupFileName('centre-1', day(d)));
    const recent = [1, 29].map((d) => backupFileName('centre-1', day(d)));
    const otherCentre = backupFileName('centre-2', day(90));
    const notOurs = ['notes.txt', 'cocare-backup-centre-1-2026.cocare', 'photo.cocare'];
    for (const name of [...old, ...recent, otherCentre, ...notOurs])
      writeFileSync(path.join(folder, name), 'x');
    const written = await backups.write(await sealed(), 'centre-1', 30);
    expect(written.ok && written.value.removed.sort()).toEqual(old.sort());
    expect(readdirSync(folder).sort()).toEqual(
      [...recent, otherCentre, ...notOurs, backupFileName('centre-1', clock)].sort(),
    );
    const shorter = await backups.write(await sealed(), 'centre-1', 7);
    expect(shorter.ok && shorter.value.removed).toEqual([recent[1]]);
  });

  it('refuses bad arguments from the renderer', async () => {
    const backups = store();
    await backups.chooseFolder();
    const bytes = await sealed();
    const bad = { ok: false, error: BACKUP_SHELL_ERRORS.badArgument };
    expect(await backups.write('not bytes', 'centre-1', 30)).toEqual(bad);
    expect(await backups.write(new Uint8Array(0), 'centre-1', 30)).toEqual(bad);
    expect(await backups.write(bytes, '../../etc', 30)).toEqual(bad);
    expect(await backups.write(bytes, 'centre-1', 0)).toEqual(bad);
    expect(await backups.write(bytes, 'centre-1', '30')).toEqual(bad);
    expect(await backups.write(bytes, 'centre-1', 1.5)).toEqual(bad);
    expect(await backups.write(new TextEncoder().encode('hello'), 'centre-1', 30)).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.notBackup,
    });
    const huge = new Uint8Array(MAX_BACKUP_BYTES + 1);
    huge.set(bytes.subarray(0, 8));
    expect(await backups.write(huge, 'centre-1', 30)).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.tooLarge,
    });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('reads back only backup files of the folder, by a name of the pattern', async () => {
    const backups = store();
    await backups.chooseFolder();
    writeFileSync(path.join(root, 'secret.txt'), 'secret');
    const badName = { ok: false, error: BACKUP_SHELL_ERRORS.badName };
    for (const name of [
      '../secret.txt',
      '..\\secret.txt',
      '/etc/passwd',
      'cocare-backup-centre-1-20261123-1030.cocare/../../secret.txt',
      '../cocare-backup-centre-1-20261123-1030.cocare',
      'cocare-backup-../x-20261123-1030.cocare',
      42,
    ])
      expect(await backups.read(name)).toEqual(badName);
    expect(await backups.read('cocare-backup-centre-1-20261123-1030.cocare')).toEqual({
      ok: false,
      error: BACKUP_SHELL_ERRORS.notFound,
    });
  });

  it('reads the file the manager picks in the shell’s dialog, opened on the folder', async () => {
    const backups = store();
    await backups.chooseFolder();
    const bytes = await sealed();
    const elsewhere = path.join(root, `usb-${run}.cocare`);
    writeFileSync(elsewhere, bytes);
    dialog.file = elsewhere;
    expect(await backups.pick()).toEqual({
      ok: true,
      value: { fileName: path.basename(elsewhere), bytes },
    });
    expect(dialog.chooseFile).toHaveBeenCalledWith(folder);
    dialog.file = null;
    expect(await backups.pick()).toEqual({ ok: true, value: null });
  });
});
