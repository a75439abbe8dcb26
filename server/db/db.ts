/**
 * The district's database: one `pg` Pool, whether it points at PostgreSQL (DATABASE_URL) or at the
 * embedded PGlite, which this process serves on a unix socket inside the private data folder
 * (pgliteSocket.ts). One SQL code path.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { QueryResult, QueryResultRow } from 'pg';
import { requirePrivateFolder, tightenModes } from '../dataFolder';
import { servePgliteSocket } from './pgliteSocket';

export type DbKind = 'pglite' | 'postgres';

export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    params?: unknown[],
  ): Promise<QueryResult<R>>;
}

export interface Db extends Queryable {
  readonly kind: DbKind;
  /** Human words for the logs: where the data lives. */
  readonly location: string;
  /** What the pool connects to (for extra connections, e.g. LISTEN), without any password. */
  readonly connectionString: string;
  readonly pool: pg.Pool;
  /** Runs `fn` in one transaction (BEGIN … COMMIT, ROLLBACK on a throw). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL connection string; without it, the embedded PGlite in `dataDir` is used. */
  databaseUrl?: string;
  /** The district's data folder (PGlite lives in `<dataDir>/pgdata`). */
  dataDir: string;
  /** Pool size (default 10 for PostgreSQL, 4 for PGlite). */
  poolMax?: number;
}

/**
 * Written (0600) while a process serves the PGlite data folder, so others connect to it instead of
 * opening the folder: the process, the folder its socket is in, and the socket's password.
 */
export interface PgliteLockFile {
  pid: number;
  socketDir: string;
  password: string;
}

export const PGLITE_LOCK_FILE = 'pglite.json';
/** pg finds a unix socket as `<host>/.s.PGSQL.<port>`; the port only names the file. */
const SOCKET_PORT = 5432;
/** sun_path is 108 bytes on Linux and 104 on macOS, its terminating NUL included. */
const MAX_SOCKET_PATH = 103;

export function pgliteLockPath(dataDir: string): string {
  return join(dataDir, PGLITE_LOCK_FILE);
}

export function pgliteSocketPath(dataDir: string): string {
  return join(dataDir, `.s.PGSQL.${SOCKET_PORT}`);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file of a live process serving this data folder, or null. */
export function readLivePgliteLock(dataDir: string): PgliteLockFile | null {
  const path = pgliteLockPath(dataDir);
  if (!existsSync(path)) return null;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<PgliteLockFile>;
    if (
      typeof parsed.pid !== 'number' ||
      typeof parsed.socketDir !== 'string' ||
      typeof parsed.password !== 'string'
    ) {
      return null;
    }
    return isProcessAlive(parsed.pid)
      ? { pid: parsed.pid, socketDir: parsed.socketDir, password: parsed.password }
      : null;
  } catch {
    return null;
  }
}

/** The pg settings that reach the PGlite a lock file describes. */
function pgliteConfig(lock: PgliteLockFile): pg.PoolConfig {
  return {
    host: lock.socketDir,
    port: SOCKET_PORT,
    user: 'postgres',
    database: 'postgres',
    password: lock.password,
  };
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) {
    return wrapPool(
      'postgres',
      { connectionString: options.databaseUrl },
      options.databaseUrl,
      options.poolMax ?? 10,
      { location: `PostgreSQL at ${redactUrl(options.databaseUrl)}` },
    );
  }
  return openEmbeddedPglite(options.dataDir, options.poolMax ?? 4);
}

/**
 * The database for an admin command: PostgreSQL when DATABASE_URL is set; else the PGlite of a
 * running server in this data folder (through its socket, with the password in `pglite.json`),
 * so the folder is never opened by two processes; else the data folder itself.
 */
export async function openAdminDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openDatabase(options);
  const dir = resolve(options.dataDir);
  requirePrivateFolder(dir);
  const live = readLivePgliteLock(dir);
  if (live) {
    const db = wrapPool('pglite', pgliteConfig(live), socketUrl(live.socketDir), 2, {
      location: `PGlite of the running server (process ${live.pid}) in ${dir}`,
    });
    try {
      await db.query('SELECT 1');
      return db;
    } catch (err) {
      await db.close();
      throw new Error(
        `process ${live.pid} holds ${pgliteLockPath(dir)} but its database does not answer on ` +
          `${pgliteSocketPath(live.socketDir)} (${(err as Error).message}): stop that process, ` +
          'or delete the file if it is not a district server',
      );
    }
  }
  return openDatabase({ ...options, poolMax: options.poolMax ?? 2 });
}

function socketUrl(socketDir: string): string {
  return `postgres://postgres@/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
}

async function openEmbeddedPglite(dataDir: string, poolMax: number): Promise<Db> {
  const dir = resolve(dataDir);
  requirePrivateFolder(dir);
  const live = readLivePgliteLock(dir);
  if (live) {
    throw new Error(
      `the data folder ${dir} is already open in process ${live.pid}; ` +
        'stop that process first, or point DISTRICT_DATA_DIR at another folder',
    );
  }
  const socketPath = pgliteSocketPath(dir);
  if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH) {
    throw new Error(
      `the data folder's path is too long for the database's socket (${socketPath} has ` +
        `${Buffer.byteLength(socketPath)} bytes, at most ${MAX_SOCKET_PATH}): ` +
        'point DISTRICT_DATA_DIR at a folder with a shorter path',
    );
  }
  // Loaded lazily: a PostgreSQL deployment never pays for the WebAssembly build.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite(join(dir, 'pgdata'));
  await pglite.waitReady;
  // PGlite's first start unpacks its files 0666: set every file right before anything is served.
  tightenModes(dir);
  const lock: PgliteLockFile = {
    pid: process.pid,
    socketDir: dir,
    password: randomBytes(32).toString('base64url'),
  };
  const socket = await servePgliteSocket(pglite, socketPath, lock.password);
  const lockPath = pgliteLockPath(dir);
  rmSync(lockPath, { force: true });
  writeFileSync(lockPath, JSON.stringify(lock), { mode: 0o600, flag: 'wx' });
  return wrapPool('pglite', pgliteConfig(lock), socketUrl(dir), poolMax, {
    location: `embedded PGlite in ${join(dir, 'pgdata')}`,
    onClose: async () => {
      await socket.close();
      await pglite.close();
      rmSync(lockPath, { force: true });
      tightenModes(dir);
    },
  });
}

function newPool(config: pg.PoolConfig, max: number): pg.Pool {
  const pool = new pg.Pool({ ...config, max });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

function wrapPool(
  kind: DbKind,
  config: pg.PoolConfig,
  connectionString: string,
  poolMax: number,
  extra: { location: string; onClose?: () => Promise<void> },
): Db {
  const pool = newPool(config, poolMax);
  let closed = false;
  const transaction = async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const tx: Queryable = {
        query: (text, params) => client.query(text, params as unknown[] | undefined),
      };
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
  return {
    kind,
    pool,
    connectionString,
    location: extra.location,
    transaction,
    query: <R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]) =>
      pool.query<R>(text, params),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
      await extra.onClose?.();
    },
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
