/**
 * The district's database: one `pg` Pool, whether it points at PostgreSQL (DATABASE_URL) or at an
 * embedded PGlite served over the Postgres wire protocol on a loopback port. One SQL code path.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { QueryResult, QueryResultRow } from 'pg';

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
  /** What the pool connects to (for extra connections, e.g. LISTEN). */
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
  /** Pool size (default 10 for PostgreSQL, 4 for PGlite, where it is capped at 5). */
  poolMax?: number;
}

/** Written while a process serves the PGlite data folder, so others connect instead of opening it. */
export interface PgliteLockFile {
  port: number;
  pid: number;
}

export const PGLITE_LOCK_FILE = 'pglite.json';
const PGLITE_MAX_CONNECTIONS = 8;
const PGLITE_POOL_MAX = 5;

export function pgliteLockPath(dataDir: string): string {
  return join(dataDir, PGLITE_LOCK_FILE);
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
    if (typeof parsed.port !== 'number' || typeof parsed.pid !== 'number') return null;
    return isProcessAlive(parsed.pid) ? { port: parsed.port, pid: parsed.pid } : null;
  } catch {
    return null;
  }
}

export function pgliteUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) {
    return wrapPool('postgres', options.databaseUrl, options.poolMax ?? 10, {
      location: `PostgreSQL at ${redactUrl(options.databaseUrl)}`,
    });
  }
  // PGlite runs one query at a time anyway; a few connections are plenty, and the socket server
  // must keep some free for the admin CLI.
  return openEmbeddedPglite(options.dataDir, Math.min(options.poolMax ?? 4, PGLITE_POOL_MAX));
}

/** Connects to the PGlite another process of this machine is serving (see `pglite.json`). */
export function connectToPglite(port: number, location: string, poolMax = 2): Db {
  return wrapPool('pglite', pgliteUrl(port), poolMax, { location });
}

/**
 * The database for an admin command: PostgreSQL when DATABASE_URL is set; else the PGlite of a
 * running server in this data folder (via its `pglite.json`), so the folder is never opened by
 * two processes; else the data folder itself.
 */
export async function openAdminDatabase(options: OpenDatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openDatabase(options);
  const dir = resolve(options.dataDir);
  const live = readLivePgliteLock(dir);
  if (live) {
    const db = connectToPglite(
      live.port,
      `PGlite of the running server (process ${live.pid}, port ${live.port}) in ${dir}`,
    );
    try {
      await db.query('SELECT 1');
      return db;
    } catch (err) {
      await db.close();
      throw new Error(
        `process ${live.pid} holds ${pgliteLockPath(dir)} but its database does not answer on port ` +
          `${live.port} (${(err as Error).message}): stop that process, or delete the file if it is not a district server`,
      );
    }
  }
  return openDatabase({ ...options, poolMax: options.poolMax ?? 2 });
}

async function openEmbeddedPglite(dataDir: string, poolMax: number): Promise<Db> {
  const dir = resolve(dataDir);
  const live = readLivePgliteLock(dir);
  if (live) {
    throw new Error(
      `the data folder ${dir} is already open in process ${live.pid} (PGlite on port ${live.port}); ` +
        'stop that process first, or point DISTRICT_DATA_DIR at another folder',
    );
  }
  mkdirSync(dir, { recursive: true });
  // Loaded lazily: a PostgreSQL deployment never pays for the WebAssembly build.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const pglite = new PGlite(join(dir, 'pgdata'));
  await pglite.waitReady;
  // PGlite is a single connection; the socket server multiplexes several clients onto it and
  // keeps a client's transaction together (other clients' queries wait until it ends).
  const socketServer = new PGLiteSocketServer({
    db: pglite,
    host: '127.0.0.1',
    port: 0,
    maxConnections: PGLITE_MAX_CONNECTIONS,
  });
  await socketServer.start();
  const port = Number(socketServer.getServerConn().split(':').pop());
  const lockPath = pgliteLockPath(dir);
  writeFileSync(lockPath, JSON.stringify({ port, pid: process.pid } satisfies PgliteLockFile));
  return wrapPool('pglite', pgliteUrl(port), poolMax, {
    location: `embedded PGlite in ${join(dir, 'pgdata')} (served on 127.0.0.1:${port})`,
    onClose: async () => {
      await socketServer.stop();
      await pglite.close();
      rmSync(lockPath, { force: true });
    },
  });
}

function newPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  return pool;
}

function wrapPool(
  kind: DbKind,
  connectionString: string,
  poolMax: number,
  extra: { location: string; onClose?: () => Promise<void> },
): Db {
  const pool = newPool(connectionString, poolMax);
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
    query: <R extends QueryResultRow = QueryResultRow>(text: string, params?: unknown[]) => {
      if (kind === 'pglite') {
        // The PGlite multiplexer keeps only *transactions* together: the several messages of one
        // parameterised query (Parse/Bind/Execute/Sync) from two clients could otherwise
        // interleave on its single backend. Inside BEGIN … COMMIT they cannot.
        return transaction((tx) => tx.query<R>(text, params));
      }
      return pool.query<R>(text, params);
    },
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
