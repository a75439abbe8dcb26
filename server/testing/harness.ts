/**
 * A throwaway district for tests: a database (PGlite in a temp folder, or a fresh PostgreSQL
 * database), the server listening on a free loopback port, and helpers to enrol devices and sync
 * over real HTTP. Used by the server's tests, the RxDB replication tests and the e2e tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type {
  ApiError,
  BatchRequest,
  BatchResponse,
  PullRequest,
  PullResponse,
  PushResponse,
  PushRow,
} from '../../shared/sync/protocol';
import { createCentre, enrolDevice, issueEnrolmentCode } from '../admin';
import { buildServer, type BuildServerOptions, type DistrictServer } from '../app';
import { openDatabase, type Db } from '../db/db';
import { migrate } from '../db/migrate';
import type { CollectionRegistry } from '../sync/collections';
import { checkServerKey, loadServerKey, type ServerKey } from '../serverKey';
import type { SyncHooks } from '../sync/service';

export type TestDbKind = 'pglite' | 'postgres';

export interface StartTestDistrictOptions {
  kind: TestDbKind;
  /** Required for `postgres`: a server URL; a fresh database is created on it and dropped on close. */
  postgresUrl?: string;
  /** Extra or replacement collections (default: shared/schemas COLLECTIONS). */
  collections?: CollectionRegistry;
  /** Milliseconds between SSE pings (default 20 s). */
  streamPingMs?: number;
  /** Pool size of the server's database connection. */
  poolMax?: number;
  /** Test seams of the sync rules (e.g. a delay before each push commits). */
  syncHooks?: SyncHooks;
  /** Fastify logging (default off). */
  logger?: BuildServerOptions['logger'];
  /** The dashboard API's options (settings, login limiter, lighter password hashing). */
  dashboard?: Pick<BuildServerOptions, 'dashboard' | 'loginAttempts' | 'scryptParams'>;
  /** Enrolment attempts per address per window (default: the server's, 20 per 15 minutes). */
  enrolRateLimit?: BuildServerOptions['enrolRateLimit'];
  /** The dashboard's built pages to serve at /dashboard/ (none by default). */
  dashboardDir?: string;
  /** The address people open (default http://localhost: no Secure cookie, no HSTS). */
  publicUrl?: string;
  /** Reverse proxies whose X-Forwarded-For is believed (none by default). */
  trustedProxies?: string[];
  /**
   * The district's secret, as DISTRICT_SECRET (PostgreSQL only; default a random one): server
   * processes started apart on the same database need it (tests/bench/instances.ts).
   */
  secret?: string;
}

export interface EnrolledDevice {
  deviceId: string;
  token: string;
  centreId: string;
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A non-2xx answer of the district, with its `ApiError` body. */
export class DistrictHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError,
  ) {
    super(`HTTP ${status} ${body?.error?.code ?? ''}: ${body?.error?.message ?? ''}`);
    this.name = 'DistrictHttpError';
  }
}

export interface SyncClient {
  pull(collection: string, request: PullRequest): Promise<PullResponse>;
  push(collection: string, rows: PushRow[]): Promise<PushResponse>;
  batch(request: BatchRequest): Promise<BatchResponse>;
  /** Any call, without throwing on errors (status and parsed JSON body). */
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
}

export interface TestDistrict {
  kind: TestDbKind;
  /** e.g. http://127.0.0.1:39123 (no trailing slash). */
  url: string;
  db: Db;
  app: DistrictServer;
  /** The district's key (enrolment codes are stored as HMACs under it). */
  serverKey: ServerKey;
  /** The PGlite data folder (pglite) or the database name (postgres). */
  dataDir: string | null;
  databaseName: string | null;
  /** The PostgreSQL database's URL (null on PGlite). */
  databaseUrl: string | null;
  close(): Promise<void>;
  /** Creates a centre and returns its id. */
  createCentre(name: string, id?: string): Promise<string>;
  /** Issues a one-time enrolment code (XXXX-XXXX). */
  issueCode(centreId: string, hours?: number): Promise<string>;
  /** Issues a code and trades it for a device token, as a desk does. */
  enrolDevice(centreId: string, name?: string): Promise<EnrolledDevice>;
  /** A typed HTTP client authenticated with this token. */
  client(token: string): SyncClient;
  /**
   * Another server instance on the same PostgreSQL database, as behind a load balancer: its own
   * connection pool and its own LISTEN connection. Closed with the district.
   */
  addInstance(): Promise<{ url: string; app: DistrictServer }>;
}

export function createSyncClient(url: string, token: string | null): SyncClient {
  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<HttpResult<T>> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  };
  const call = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await request<T>('POST', path, body);
    if (res.status < 200 || res.status >= 300) {
      throw new DistrictHttpError(res.status, res.body as unknown as ApiError);
    }
    return res.body;
  };
  return {
    pull: (collection, req) => call(`/api/sync/${encodeURIComponent(collection)}/pull`, req),
    push: (collection, rows) => call(`/api/sync/${encodeURIComponent(collection)}/push`, rows),
    batch: (req) => call('/api/sync/batch', req),
    request,
  };
}

/** A fresh, empty place for a district's data: a PGlite folder, or a new PostgreSQL database. */
export interface TestDatabase {
  dataDir: string | null;
  databaseName: string | null;
  /** Set for PostgreSQL: the new database's URL. */
  databaseUrl: string | undefined;
  /** Removes the folder or drops the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase(
  options: Pick<StartTestDistrictOptions, 'kind' | 'postgresUrl'>,
): Promise<TestDatabase> {
  if (options.kind === 'postgres') {
    const serverUrl = options.postgresUrl;
    if (!serverUrl) throw new Error('createTestDatabase: kind postgres needs postgresUrl');
    const databaseName = `cocare_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${databaseName}`);
    } finally {
      await admin.end();
    }
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    return {
      dataDir: null,
      databaseName,
      databaseUrl: url.toString(),
      async drop() {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      },
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'cocare-district-'));
  return {
    dataDir,
    databaseName: null,
    databaseUrl: undefined,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function startTestDistrict(options: StartTestDistrictOptions): Promise<TestDistrict> {
  const place = await createTestDatabase(options);
  const { dataDir, databaseName, databaseUrl } = place;

  const db = await openDatabase({
    databaseUrl,
    dataDir: dataDir ?? tmpdir(),
    ...(options.poolMax ? { poolMax: options.poolMax } : {}),
  });
  await migrate(db);
  // As the server finds it: the PGlite folder's key file (which the admin CLI then shares), or a
  // DISTRICT_SECRET of its own for a PostgreSQL database.
  const serverKey = dataDir
    ? loadServerKey({ dataDir })
    : loadServerKey({
        secret: options.secret ?? randomBytes(32).toString('base64url'),
        dataDir: '',
      });
  await checkServerKey(db, serverKey);
  const serve = (db: Db) =>
    buildServer({
      db,
      logger: options.logger ?? false,
      ...(options.collections ? { collections: options.collections } : {}),
      ...(options.streamPingMs ? { streamPingMs: options.streamPingMs } : {}),
      ...(options.syncHooks ? { syncHooks: options.syncHooks } : {}),
      ...options.dashboard,
      ...(options.enrolRateLimit ? { enrolRateLimit: options.enrolRateLimit } : {}),
      ...(options.dashboardDir ? { dashboardDir: options.dashboardDir } : {}),
      publicUrl: options.publicUrl ?? 'http://localhost',
      serverKey,
      ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    });
  const listen = async (server: DistrictServer) => {
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    if (!address || typeof address !== 'object') throw new Error('server has no address');
    return `http://127.0.0.1:${address.port}`;
  };
  const app = await serve(db);
  const url = await listen(app);
  const others: { app: DistrictServer; db: Db }[] = [];

  const issueCode = async (centreId: string, hours?: number) =>
    (await issueEnrolmentCode(db, { centreId, hours }, serverKey)).code;

  let closed = false;
  return {
    kind: options.kind,
    url,
    db,
    app,
    dataDir,
    databaseName,
    databaseUrl: databaseUrl ?? null,
    serverKey,
    async close() {
      if (closed) return;
      closed = true;
      for (const other of others.splice(0)) {
        await other.app.close();
        await other.db.close();
      }
      await app.close();
      await db.close();
      await place.drop();
    },
    async createCentre(name, id) {
      return (await createCentre(db, { name, id })).id;
    },
    issueCode,
    async enrolDevice(centreId, name = 'test desk') {
      const code = await issueCode(centreId);
      const res = await enrolDevice(db, { code, deviceName: name }, serverKey);
      return { deviceId: res.deviceId, token: res.token, centreId: res.centreId };
    },
    client: (token) => createSyncClient(url, token),
    async addInstance() {
      if (!databaseUrl) throw new Error('addInstance: instances share a PostgreSQL database');
      const otherDb = await openDatabase({
        databaseUrl,
        dataDir: tmpdir(),
        ...(options.poolMax ? { poolMax: options.poolMax } : {}),
      });
      const other = await serve(otherDb);
      others.push({ app: other, db: otherDb });
      return { url: await listen(other), app: other };
    },
  };
}
