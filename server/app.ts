/**
 * The district server's HTTP API (docs/API.md). `buildServer` returns a Fastify instance that is
 * ready for `inject` in tests or `listen` in `main.ts`.
 */
import compress from '@fastify/compress';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyServerOptions,
} from 'fastify';
import type { ServerResponse } from 'node:http';
import { DISTRICT_CENTRE_ID } from '../shared/schemas';
import { enrolDevice } from './admin';
import { authenticateDevice, type DeviceActor } from './auth';
import type { DashboardSettings } from './config';
import type { Db } from './db/db';
import type { LoginAttemptLimiter } from './district/loginAttempts';
import type { ScryptParams } from './district/passwords';
import { registerDistrictApi } from './district/routes';
import { apiError, HttpError } from './errors';
import { createChangeBus, type ChangeBus } from './sync/changes';
import { DEFAULT_COLLECTIONS, type CollectionRegistry } from './sync/collections';
import { SyncService, type SyncHooks } from './sync/service';

export interface BuildServerOptions {
  db: Db;
  /** Change notifications for the SSE stream; made from `db` when left out (and closed with the app). */
  changes?: ChangeBus;
  /** The synced collections (default: shared/schemas COLLECTIONS). Tests may add their own. */
  collections?: CollectionRegistry;
  logger?: FastifyServerOptions['logger'];
  /** Milliseconds between `: ping` comments on the stream (default 20 s). */
  streamPingMs?: number;
  /** Test seams of the sync rules. */
  syncHooks?: SyncHooks;
  /** Largest request body in bytes (default 10 MB). */
  bodyLimit?: number;
  /** The dashboard API's settings (default: config.ts DEFAULT_DASHBOARD_SETTINGS). */
  dashboard?: Partial<DashboardSettings>;
  /** Limits login attempts per address on `POST /api/district/login` (none by default). */
  loginAttempts?: LoginAttemptLimiter;
  /** Password hashing parameters of the dashboard's accounts (tests lower them). */
  scryptParams?: ScryptParams;
}

export interface DistrictServer extends FastifyInstance {
  sync: SyncService;
}

const TEN_MB = 10 * 1024 * 1024;
/** Failed enrolments per client address per window before answering 429. */
const ENROL_FAILURES_ALLOWED = 20;
const ENROL_WINDOW_MS = 15 * 60_000;

export async function buildServer(options: BuildServerOptions): Promise<DistrictServer> {
  const { db } = options;
  const ownsChanges = !options.changes;
  const changes = options.changes ?? (await createChangeBus(db));
  const sync = new SyncService(
    db,
    changes,
    options.collections ?? DEFAULT_COLLECTIONS,
    options.syncHooks,
  );
  const pingMs = options.streamPingMs ?? 20_000;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? TEN_MB,
  }) as unknown as DistrictServer;
  app.decorate('sync', sync);

  await app.register(compress, { global: true, encodings: ['br', 'gzip', 'deflate'] });

  // CORS: the desk runs in a browser on another origin (dev server, test page) or from Electron's
  // file origin. Tokens travel in a header, never in cookies, so any origin may call. Not the
  // dashboard's API: it runs on a session cookie, for pages of this server's own origin only.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/district/')) return;
    reply.raw.setHeader('Access-Control-Allow-Origin', '*');
    // The desk reads the server's Date to notice when its own clock is wrong.
    reply.raw.setHeader('Access-Control-Expose-Headers', 'Date');
    reply.raw.setHeader('Vary', 'Origin');
  });
  app.options('/api/*', async (_request, reply) => {
    reply
      .code(204)
      .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Authorization, Content-Type, Content-Encoding')
      .header('Access-Control-Max-Age', '86400');
    return reply.send();
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send(error.toBody());
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      return reply
        .code(413)
        .send(
          apiError(
            'payload_too_large',
            `the request is larger than ${Math.round((options.bodyLimit ?? TEN_MB) / 1024 / 1024)} MB: send smaller batches`,
          ),
        );
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send(apiError('bad_request', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send(apiError('internal', 'the district server failed; try again later'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(apiError('not_found', `no such endpoint: ${request.method} ${request.url}`));
  });

  app.get('/api/health', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
    } catch {
      return reply.code(503).send(apiError('internal', 'the database does not answer'));
    }
    return { ok: true, db: db.kind };
  });

  const enrolFailures = new Map<string, { count: number; resetAt: number }>();
  app.post('/api/enrol', async (request) => {
    const now = Date.now();
    const record = enrolFailures.get(request.ip);
    if (record && record.resetAt > now && record.count >= ENROL_FAILURES_ALLOWED) {
      throw new HttpError(
        429,
        'rate_limited',
        'too many wrong enrolment codes: wait 15 minutes and try again',
      );
    }
    try {
      return await enrolDevice(db, request.body);
    } catch (err) {
      if (err instanceof HttpError && err.code === 'enrolment_code_invalid') {
        const fresh = !record || record.resetAt <= now;
        enrolFailures.set(request.ip, {
          count: fresh ? 1 : record.count + 1,
          resetAt: fresh ? now + ENROL_WINDOW_MS : record.resetAt,
        });
      }
      throw err;
    }
  });

  const auth = (authorization: string | undefined): Promise<DeviceActor> =>
    authenticateDevice(db, authorization);

  app.post<{ Params: { collection: string } }>('/api/sync/:collection/pull', async (request) => {
    const actor = await auth(request.headers.authorization);
    return sync.pull(actor, request.params.collection, request.body);
  });
  app.post<{ Params: { collection: string } }>('/api/sync/:collection/push', async (request) => {
    const actor = await auth(request.headers.authorization);
    return sync.push(actor, request.params.collection, request.body);
  });
  app.post('/api/sync/batch', async (request) => {
    const actor = await auth(request.headers.authorization);
    return sync.batch(actor, request.body);
  });

  // Server-sent events: `event: change` with {"collections":[…]} after pushes this device can
  // see (not its own), a `: ping` comment every 20 s. Read with fetch streaming (Bearer header).
  const streams = new Set<ServerResponse>();
  app.get('/api/sync/stream', async (request, reply) => {
    const actor = await auth(request.headers.authorization);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 5000\n: connected\n\n');
    streams.add(res);
    // Re-checks the token: a revoked device gets `event: error` with the ApiError body, and the
    // stream ends. Other failures (the database hiccups) keep the stream.
    const recheck = (then: () => void) =>
      authenticateDevice(db, request.headers.authorization).then(then, (err: unknown) => {
        if (res.writableEnded || res.destroyed) return;
        if (err instanceof HttpError) {
          res.write(`event: error\ndata: ${JSON.stringify(err.toBody())}\n\n`);
          res.end();
        } else {
          then();
        }
      });
    const unsubscribe = changes.subscribe((event) => {
      if (event.revokedDeviceId !== undefined) {
        if (event.revokedDeviceId === actor.deviceId) void recheck(() => {});
        return;
      }
      if (event.originDeviceId === actor.deviceId) return;
      if (event.centreId !== actor.centreId && event.centreId !== DISTRICT_CENTRE_ID) return;
      res.write(`event: change\ndata: ${JSON.stringify({ collections: event.collections })}\n\n`);
    });
    // The ping also notices a device revoked while it listens when no revocation event reached
    // this server (the admin CLI on PGlite).
    const ping = setInterval(
      () => void recheck(() => !res.writableEnded && res.write(': ping\n\n')),
      pingMs,
    );
    const cleanup = () => {
      clearInterval(ping);
      unsubscribe();
      streams.delete(res);
    };
    res.on('close', cleanup);
    request.raw.on('close', cleanup);
  });

  await registerDistrictApi(app, { ...options, changes });

  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
    streams.clear();
  });
  app.addHook('onClose', async () => {
    if (ownsChanges) await changes.close();
  });

  return app;
}
