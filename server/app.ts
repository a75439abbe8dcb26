/**
 * The district server's HTTP API (docs/API.md). `buildServer` returns a Fastify instance that is
 * ready for `inject` in tests or `listen` in `main.ts`.
 */
import compress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { NEW_DEVICE_TOKEN_HEADER } from '../shared/sync/protocol';
import { enrolDevice } from './admin';
import { authenticateDevice, checkDeviceToken, deviceTokenHash, type DeviceActor } from './auth';
import type { DashboardSettings } from './config';
import type { Db } from './db/db';
import type { LoginAttemptLimiter } from './district/loginAttempts';
import type { ScryptParams } from './district/passwords';
import { registerDistrictApi } from './district/routes';
import { apiError, clip, HttpError } from './errors';
import { drainRequest, parseJsonBody } from './jsonBody';
import type { ServerKey } from './serverKey';
import { RateLimiter, takeOrThrow } from './rateLimit';
import { checkBodyText, checkUrlText, ownsItsInput } from './requestText';
import { createChangeBus, type ChangeBus } from './sync/changes';
import { DEFAULT_COLLECTIONS, type CollectionRegistry } from './sync/collections';
import { PacketService } from './sync/packets';
import { SyncService, type SyncHooks } from './sync/service';
import { LiveStreams } from './sync/streams';
import { registerUpdates, type UpdatesOptions } from './updates';

export interface BuildServerOptions extends UpdatesOptions {
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
  /** Limits login attempts on `POST /api/district/login` (default: district/loginAttempts.ts). */
  loginAttempts?: LoginAttemptLimiter;
  /** Password hashing parameters of the dashboard's accounts (tests lower them). */
  scryptParams?: ScryptParams;
  /**
   * Enrolment attempts per client address per window (default 20 per 15 minutes), and the clock
   * the windows are timed by (tests).
   */
  enrolRateLimit?: { limit: number; windowMs: number; now?: () => number };
  /**
   * The dashboard's built pages (`npm run build:dashboard` → dist/dashboard), served at
   * `/dashboard/`. Without it, or when the folder holds no build, `/dashboard/` says how to build.
   */
  dashboardDir?: string | null;
  /**
   * The address people open (config.ts `publicUrl`). When it is https, the dashboard's session
   * cookie is `Secure` and every answer carries `Strict-Transport-Security`.
   */
  publicUrl: string;
  /**
   * Reverse proxies whose `X-Forwarded-For` is believed (config.ts `trustedProxies`); the client
   * address is then the last one they did not add. None by default: the client is the TCP peer.
   */
  trustedProxies?: string[];
  /**
   * The district's key (serverKey.ts): enrolment codes are stored as HMACs under it, and failed
   * logins are logged under a tag made with it.
   */
  serverKey: ServerKey;
}

export interface DistrictServer extends FastifyInstance {
  sync: SyncService;
  packets: PacketService;
}

const TEN_MB = 10 * 1024 * 1024;
/** Sent with every answer under /api/. */
const API_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
/** A year; no includeSubDomains: other names of the district's domain are not ours to decide. */
const HSTS = 'max-age=31536000';
/** Enrolment attempts that did not enrol a device, per client address and window, before 429. */
const ENROL_ATTEMPTS_ALLOWED = 20;
const ENROL_WINDOW_MS = 15 * 60_000;
/** An enrolment body is a code and a device name. */
const ENROL_BODY_LIMIT = 16 * 1024;

/** "10 MB", "16 KB", "900 bytes". */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

/** An answer in the API's error shape, written straight to a socket whose request HTTP could not parse. */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'the request headers are too large: send a shorter URL and fewer or smaller headers']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request headers took too long to arrive (over 60 seconds): try again']
        : [400, 'the request is not valid HTTP/1.1: send a well-formed request'];
  if (socket.writable) {
    const body = JSON.stringify(apiError('bad_request', message));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * The dashboard's pages: scripts and styles from this origin only (the build has no inline script),
 * never framed (clickjacking), no referrer sent with the session's URLs.
 */
export const DASHBOARD_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

const DASHBOARD_NOT_BUILT =
  'The district dashboard has not been built on this server.\n' +
  'Run `npm run build:dashboard` in the CoCare folder, then restart the district server ' +
  '(`npm run district`) and open /dashboard/ again.\n';

async function registerDashboard(app: FastifyInstance, dir: string | null | undefined) {
  app.addHook('onSend', async (request, reply) => {
    if (request.url === '/dashboard' || request.url.startsWith('/dashboard/')) {
      void reply.headers(DASHBOARD_SECURITY_HEADERS);
    }
  });
  app.get('/', async (_request, reply) => reply.redirect('/dashboard/'));
  if (dir && existsSync(join(dir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/dashboard/',
      decorateReply: false,
      cacheControl: false,
      // The file names of assets carry their content's hash; the page itself must be fresh.
      // (@fastify/static 10 hands over Fastify's reply, not the raw response.)
      setHeaders: (reply, path) => {
        void reply.header(
          'Cache-Control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
    app.get('/dashboard', async (_request, reply) => reply.redirect('/dashboard/'));
    return;
  }
  const notBuilt = async (_request: unknown, reply: FastifyReply) =>
    reply.code(404).type('text/plain; charset=utf-8').send(DASHBOARD_NOT_BUILT);
  app.get('/dashboard', notBuilt);
  app.get('/dashboard/*', notBuilt);
}

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

  // API answers hold personal data and tokens: no cache (the browser's, a proxy's) may keep them,
  // and none is to be read as anything but its declared type. Behind an https address, browsers
  // are told to use nothing else.
  const https = new URL(options.publicUrl).protocol === 'https:';
  const answerHeaders = (url: string): Record<string, string> => ({
    ...(url.startsWith('/api/') ? API_HEADERS : {}),
    ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
  });

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? TEN_MB,
    // Requests the router cannot read (a broken %-escape, an over-long path segment) and requests
    // HTTP itself cannot parse are answered in the API's error shape too.
    frameworkErrors: (error, request, reply) => {
      const message =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'a part of the URL is too long: check the collection name'
          : 'the URL is not valid (a broken %-escape?): check the address';
      // These answers skip the onSend hooks.
      void (reply as unknown as FastifyReply)
        .code(400)
        .headers(answerHeaders(request.url))
        .send(apiError('bad_request', message));
    },
    clientErrorHandler: answerClientError,
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
  }) as unknown as DistrictServer;
  app.decorate('sync', sync);
  const packets = new PacketService(
    db,
    sync,
    options.collections ?? DEFAULT_COLLECTIONS,
    options.serverKey,
  );
  app.decorate('packets', packets);

  // Bodies are JSON and nothing else: any other Content-Type is answered 415.
  app.removeAllContentTypeParsers();
  // As bytes: Fastify's decoding to text would turn bytes that are not UTF-8 into U+FFFD.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  await app.register(compress, { global: true, encodings: ['br', 'gzip', 'deflate'] });

  app.addHook('onSend', async (request, reply) => {
    void reply.headers(answerHeaders(request.url));
  });

  // CORS: the desk runs in a browser on another origin (dev server, test page) or from Electron's
  // file origin. Tokens travel in a header, never in cookies, so any origin may call. Not the
  // dashboard's API: it runs on a session cookie, for pages of this server's own origin only.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/district/')) return;
    reply.raw.setHeader('Access-Control-Allow-Origin', '*');
    // The desk reads the server's Date to notice when its own clock is wrong, and takes the new
    // device token the district offers.
    reply.raw.setHeader('Access-Control-Expose-Headers', `Date, ${NEW_DEVICE_TOKEN_HEADER}`);
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
    if (error instanceof HttpError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.code(error.statusCode).send(error.toBody());
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
      const limit = request.routeOptions.bodyLimit ?? options.bodyLimit ?? TEN_MB;
      // Answered once the body has arrived, so the client reads 413 rather than a reset.
      return drainRequest(request.raw).then(() => {
        void reply
          .code(413)
          .send(
            apiError(
              'payload_too_large',
              `the request is larger than ${formatBytes(limit)}: send smaller batches`,
            ),
          );
      });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      const type = request.headers['content-type'];
      return reply
        .code(415)
        .send(
          apiError(
            'bad_request',
            `the body must be JSON sent with Content-Type: application/json (got ${type ? `"${clip(type)}"` : 'no Content-Type'})`,
          ),
        );
    }
    if (
      error.code === 'FST_CP_ERR_INVALID_CONTENT_ENCODING' ||
      error.code === 'FST_CP_ERR_INVALID_CONTENT'
    ) {
      const encoding = clip(String(request.headers['content-encoding']), 20);
      return reply
        .code(status)
        .send(
          apiError(
            'bad_request',
            error.code === 'FST_CP_ERR_INVALID_CONTENT'
              ? `the body is not valid ${encoding} data: compress it again, or send it uncompressed`
              : `Content-Encoding "${encoding}" is not supported: use gzip, deflate or br, or send the body uncompressed`,
          ),
        );
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send(apiError('bad_request', clip(error.message, 200)));
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .code(500)
      .send(apiError('internal', 'the district server failed; try again later'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(
        apiError(
          'not_found',
          `no such endpoint: ${clip(request.method, 20)} ${clip(request.url, 200)} (see docs/API.md)`,
        ),
      );
  });

  // The URL parameters, query fields and body text of every route that does not check its own,
  // before the route reads them (requestText.ts). An unknown URL reads nothing: it is a 404.
  app.addHook('preValidation', async (request) => {
    const route = request.routeOptions.url;
    if (route === undefined || ownsItsInput(route)) return;
    checkUrlText(request);
    checkBodyText(request.body);
  });

  app.get('/api/health', async (_request, reply) => {
    try {
      await db.query('SELECT 1');
    } catch {
      return reply.code(503).send(apiError('internal', 'the database does not answer'));
    }
    return { ok: true, db: db.kind };
  });

  // Every attempt counts the moment it arrives, before the database has checked the code, so
  // concurrent guesses cannot slip past the limit; one that enrols a device gives its slot back.
  const enrolLimiter = new RateLimiter(
    options.enrolRateLimit ?? { limit: ENROL_ATTEMPTS_ALLOWED, windowMs: ENROL_WINDOW_MS },
  );
  app.post('/api/enrol', { bodyLimit: ENROL_BODY_LIMIT }, async (request) => {
    const refund = takeOrThrow(enrolLimiter, request.ip, 'enrolment attempts');
    const enrolled = await enrolDevice(db, request.body, options.serverKey, request.ip);
    refund();
    return enrolled;
  });

  /** The request's device; a new token is offered in the answer when its own is due (auth.ts). */
  const auth = async (request: FastifyRequest, reply: FastifyReply): Promise<DeviceActor> => {
    const { actor, newToken } = await checkDeviceToken(db, request.headers.authorization, {
      offerNewToken: true,
    });
    if (newToken) void reply.header(NEW_DEVICE_TOKEN_HEADER, newToken);
    return actor;
  };

  app.post<{ Params: { collection: string } }>(
    '/api/sync/:collection/pull',
    async (request, reply) => {
      const actor = await auth(request, reply);
      return sync.pull(actor, request.params.collection, request.body);
    },
  );
  app.post<{ Params: { collection: string } }>(
    '/api/sync/:collection/push',
    async (request, reply) => {
      const actor = await auth(request, reply);
      return sync.push(actor, request.params.collection, request.body);
    },
  );
  app.post('/api/sync/batch', async (request, reply) => {
    const actor = await auth(request, reply);
    return sync.batch(actor, request.body);
  });

  // Sync packets: the desk registers its packet keys and learns the district's (packets.ts).
  app.post('/api/packets/keys', async (request, reply) => {
    const actor = await auth(request, reply);
    return packets.registerDevice(actor.deviceId, request.body);
  });

  // Server-sent events: `event: change` with {"collections":[…]} after pushes this device can
  // see (not its own), a `: ping` comment every 20 s. Read with fetch streaming (Bearer header).
  const streams = new LiveStreams(db, changes, pingMs);
  app.get('/api/sync/stream', async (request, reply) => {
    const actor = await authenticateDevice(db, request.headers.authorization);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store, no-transform',
      'X-Content-Type-Options': 'nosniff',
      ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 5000\n: connected\n\n');
    // Hints of its centre's changes, pings that re-check its token (sync/streams.ts).
    streams.add(res, {
      tokenHash: deviceTokenHash(request.headers.authorization)!,
      deviceId: actor.deviceId,
      centreId: actor.centreId,
    });
  });

  await registerDistrictApi(app, { ...options, changes, sync, packets });
  await registerDashboard(app, options.dashboardDir);
  await registerUpdates(app, options);

  app.addHook('preClose', () => streams.close());
  app.addHook('onClose', async () => {
    if (ownsChanges) await changes.close();
  });

  return app;
}
