/**
 * The embedded database is private to the user that runs the server: its folder and files are
 * the owner's alone, it is served on no TCP port, and its socket wants a password that only the
 * folder's owner can read. Run as root, the test also tries as another local user (`nobody`).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, pgliteLockPath, pgliteSocketPath, readLivePgliteLock } from './db';
import { migrate } from './migrate';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { freePort, startDistrictProcess } from '../testing/process';

const mode = (path: string) => statSync(path).mode & 0o777;

/** Every folder and file under `dir` with its mode, e.g. ["pgdata/PG_VERSION 600", …]. */
function modesUnder(dir: string): string[] {
  const found: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = lstatSync(path);
      found.push(`${path.slice(dir.length + 1)} ${(stat.mode & 0o777).toString(8)}`);
      if (stat.isDirectory()) stack.push(path);
    }
  }
  return found;
}

/** Entries whose mode is not the private one (0700 for folders and the socket, 0600 for files). */
function notPrivate(dir: string): string[] {
  return modesUnder(dir).filter((entry) => {
    const path = join(dir, entry.slice(0, entry.lastIndexOf(' ')));
    const stat = lstatSync(path);
    const want = stat.isDirectory() ? 0o700 : 0o600;
    return (stat.mode & 0o777) !== want;
  });
}

/** TCP ports this process listens on (Linux: its socket inodes matched in /proc/net/tcp*). */
function listeningTcpPorts(): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`))?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed meanwhile
    }
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // sl local_address rem_address st … inode (column 9); 0A is LISTEN.
      if (cols.length > 9 && cols[3] === '0A' && inodes.has(cols[9]!)) {
        ports.push(parseInt(cols[1]!.split(':').pop()!, 16));
      }
    }
  }
  return ports.sort((a, b) => a - b);
}

/** Runs a command without blocking this process (the server under test lives in it). */
function run(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const old = process.umask(mask);
  return fn().finally(() => process.umask(old));
}

const onLinux = process.platform === 'linux';

describe.skipIf(!onLinux)('the embedded database is private to the server', () => {
  it('makes the data folder 0700 and its files 0600, whatever the umask', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cocare-private-'));
    const dir = join(root, 'not', 'yet', 'there');
    try {
      // A umask of 0 would leave everything PGlite and the server make open to every user.
      await withUmask(0, async () => {
        const db = await openDatabase({ dataDir: dir });
        try {
          expect(mode(dir)).toBe(0o700);
          // Right after opening, before anything else, every file is 0600 and every folder 0700
          // (PGlite unpacks its files 0666).
          expect(notPrivate(dir)).toEqual([]);
          expect(modesUnder(dir)).toContain('pglite.json 600');
          expect(modesUnder(dir).length).toBeGreaterThan(100);
          await migrate(db);
          await db.query("INSERT INTO centres (id, name) VALUES ('c1', 'Sunrise')");
          // While it runs the folder stays closed to others, and no file anyone else could write.
          expect(mode(dir)).toBe(0o700);
          const writableByOthers = (entry: string) => parseInt(entry.split(' ').pop()!, 8) & 0o022;
          expect(modesUnder(dir).filter(writableByOthers)).toEqual([]);
        } finally {
          await db.close();
        }
        expect(mode(dir)).toBe(0o700);
        expect(notPrivate(dir)).toEqual([]);
      });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses to open a data folder that other users can read, write or enter, and says how to fix it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cocare-open-'));
    try {
      for (const [open, words] of [
        [0o755, 'its group can read, other users can read'],
        [0o770, 'its group can read and write'],
        [0o702, 'other users can write'],
        [0o711, 'its group can enter, other users can enter'],
      ] as const) {
        const dir = join(root, open.toString(8));
        mkdirSync(dir);
        chmodSync(dir, open);
        await expect(openDatabase({ dataDir: dir })).rejects.toThrow(
          `the data folder ${dir} is not private (mode 0${open.toString(8)}: ${words}), and it ` +
            `holds people's personal data: run \`chmod -R go= ${dir}\`, then start again`,
        );
        // Nothing was opened or written there.
        expect(readdirSync(dir)).toEqual([]);
        expect(mode(dir)).toBe(open);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('does not start the server on such a folder: `npm run district` prints the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cocare-open-'));
    try {
      chmodSync(dir, 0o755);
      const started = startDistrictProcess({ port: await freePort(), dataDir: dir });
      await expect(started).rejects.toThrow(
        new RegExp(
          `district server failed to start: the data folder ${dir} is not private .*chmod -R go= ${dir}`,
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!onLinux)('the embedded database has no open door', () => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await startTestDistrict({ kind: 'pglite' });
  });
  afterAll(async () => {
    await d?.close();
  });

  const connect = async (password: string | undefined) => {
    const client = new pg.Client({
      host: d.dataDir!,
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      ...(password === undefined ? {} : { password }),
    });
    try {
      await client.connect();
      return (await client.query<{ n: number }>('SELECT 41 + 1 AS n')).rows[0]!.n;
    } finally {
      await client.end().catch(() => {});
    }
  };

  it('listens on no TCP port but its HTTP one', () => {
    expect(listeningTcpPorts()).toEqual([Number(new URL(d.url).port)]);
  });

  it("serves the database only on a socket in the data folder, to clients with the server's password", async () => {
    const lock = readLivePgliteLock(d.dataDir!)!;
    expect(lock).toMatchObject({ pid: process.pid, socketDir: d.dataDir });
    expect(lock.password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mode(pgliteLockPath(d.dataDir!))).toBe(0o600);
    expect(lstatSync(pgliteSocketPath(d.dataDir!)).isSocket()).toBe(true);
    expect(mode(pgliteSocketPath(d.dataDir!))).toBe(0o600);

    expect(await connect(lock.password)).toBe(42);
    await expect(connect(`${lock.password}x`)).rejects.toMatchObject({ code: '28P01' });
    await expect(connect('')).rejects.toMatchObject({ code: '28P01' });
    // The server goes on serving its own pool and the CLI after refusing those.
    expect((await fetch(`${d.url}/api/health`)).status).toBe(200);
    expect(await connect(lock.password)).toBe(42);
  });

  const isRoot = process.getuid?.() === 0;
  const hasTools =
    spawnSync('runuser', ['--help']).status === 0 && spawnSync('psql', ['--version']).status === 0;
  it.skipIf(!isRoot || !hasTools)(
    'keeps another local user (nobody) out of the socket, the password and the files',
    async () => {
      const lock = readLivePgliteLock(d.dataDir!)!;
      const psql = (user?: string) =>
        run(
          user ? 'runuser' : 'psql',
          [
            ...(user ? ['-u', user, '--', 'psql'] : []),
            '-X',
            '-At',
            '-c',
            'SELECT 41 + 1',
            `host=${lock.socketDir} port=5432 user=postgres dbname=postgres`,
          ],
          { PGPASSWORD: lock.password, PGCONNECT_TIMEOUT: '5' },
        );
      // The owner (root here) with the password gets in: the socket is real.
      const owner = await psql();
      expect(owner.stderr).toBe('');
      expect(owner.stdout.trim()).toBe('42');
      // nobody, even knowing the password, cannot reach the socket …
      const stranger = await psql('nobody');
      expect(stranger.status).not.toBe(0);
      expect(stranger.stderr).toMatch(/Permission denied/);
      // … nor read the password, nor any of the database's files, nor list the folder.
      for (const args of [
        ['cat', pgliteLockPath(d.dataDir!)],
        ['cat', join(d.dataDir!, 'pgdata', 'PG_VERSION')],
        ['ls', d.dataDir!],
      ]) {
        const attempt = await run('runuser', ['-u', 'nobody', '--', ...args]);
        expect(attempt.status, args.join(' ')).not.toBe(0);
        expect(attempt.stderr).toMatch(/Permission denied/);
      }
    },
  );
});
