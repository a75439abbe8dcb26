/**
 * The district dashboard's API under `/api/district` (docs/API.md, "District dashboard"): staff
 * log in with a password and get a session cookie; viewers look, admins also change things, and
 * every change is written to the action log in the transaction that makes it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  AdminError,
  DEFAULT_CODE_HOURS,
  getDevice,
  issueEnrolmentCode,
  listDevices,
  MAX_CODE_HOURS,
  MAX_DEVICE_NAME,
  MAX_REVOKE_REASON,
  renameDevice,
  revokeDevice,
  type Device,
} from '../admin';
import { DEFAULT_DASHBOARD_SETTINGS, type DashboardSettings } from '../config';
import type { Db } from '../db/db';
import { keyedHash, type ServerKey } from '../serverKey';
import { clip, HttpError } from '../errors';
import { listPublished, publishToCentres, withdrawFromCentres } from '../publish';
import type { ChangeBus, ChangeEvent } from '../sync/changes';
import type { SyncService } from '../sync/service';
import { packetHttpError, type PacketService } from '../sync/packets';
import { PacketError } from '../../shared/packets';
import { actionNames, listActions, logAction } from './actionLog';
import { listCentrePeople, personRecord } from './people';
import { clusterNow, outbreaks, parseReportFields, reportDraft } from './outbreaks';
import { outbreakAttachment, outbreakReportWorkbook } from './outbreakSheet';
import { sees, type DistrictView } from '../../shared/rules/departments';
import { parsePublishRequest } from './publishRequest';
import { failedLoginLimit, type LoginAttemptLimiter } from './loginAttempts';
import { RateLimiter } from '../rateLimit';
import { calendarDay, centresOverview, isCalendarDay } from './overview';
import { isReportMonth, monthlyReport } from './reports';
import {
  attachmentHeader,
  reportWorkbook,
  SHEET_LANGUAGES,
  type SheetLanguage,
} from './reportSheet';
import { DEFAULT_SCRYPT_PARAMS, MAX_PASSWORD_LENGTH, type ScryptParams } from './passwords';
import {
  createSession,
  deleteExpiredSessions,
  endSession,
  resolveSession,
  type Session,
  type SessionPolicy,
} from './sessions';
import type {
  ActionLogResponse,
  CentreInfo,
  CentrePeopleResponse,
  DeviceInfo,
  DeviceListResponse,
  ImportPacketResponse,
  ReturnPacketResponse,
  IssueCodeResponse,
  MonthlyReportResponse,
  OutbreakReportDraft,
  OutbreakReportSent,
  OutbreaksResponse,
  OverviewResponse,
  PersonRecord,
  PublishedDoc,
  PublishedResponse,
  PublishResponse,
  SessionInfo,
} from './types';
import { checkLogin, warmUpLoginCheck } from './users';

export interface DistrictApiOptions {
  db: Db;
  changes: ChangeBus;
  /** Publishing to the centres writes the `district` collection through the sync rules. */
  sync: SyncService;
  /** Sync packets carried by hand (server/sync/packets.ts). */
  packets: PacketService;
  /** Settings left out take config.ts's defaults. */
  dashboard?: Partial<DashboardSettings>;
  /** The login limiter (default: failed logins per address and per account, loginAttempts.ts). */
  loginAttempts?: LoginAttemptLimiter;
  /** Password hashing parameters (default: passwords.ts). */
  scryptParams?: ScryptParams;
  /** The address people open: the session cookie is `Secure` when it is https. */
  publicUrl: string;
  /** The district's key: enrolment codes' hashes, and the tags failed logins are logged under. */
  serverKey: ServerKey;
}

/**
 * What the log says of a failed login: 12 hex characters of an HMAC of it under the district's
 * key (bounded, and not reversible without the key), the same for the same login in any case.
 */
export function loginTag(key: ServerKey, login: string): string {
  return `login#${keyedHash(key, 'login-log', login.trim().toLowerCase()).slice(0, 12)}`;
}

export const SESSION_COOKIE = 'cocare_district_session';
const COOKIE_PATH = '/api/district';

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * `Secure` by the configured public address, not by what the request says: behind a proxy the
 * request's Host and scheme are the proxy's, and a client can send any Host it likes.
 */
function sessionCookie(secure: boolean, value: string, maxAgeSeconds: number): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    `Path=${COOKIE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

function sessionInfo(session: Session): SessionInfo {
  const { user } = session;
  return {
    user: {
      id: user.id,
      login: user.login,
      displayName: user.displayName,
      role: user.role,
      department: user.department,
    },
    idleExpiresAt: session.idleExpiresAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

function deviceInfo(d: Device): DeviceInfo {
  return {
    id: d.id,
    centreId: d.centreId,
    centreName: d.centreName,
    name: d.name,
    createdAt: d.createdAt.toISOString(),
    lastSeenAt: d.lastSeenAt?.toISOString() ?? null,
    revokedAt: d.revokedAt?.toISOString() ?? null,
    revokedReason: d.revokedReason,
    lastPacketAt: d.lastPacketAt?.toISOString() ?? null,
    packetPending: d.packetPending,
    packetReady: d.packetReady,
  };
}

function objectBody(request: FastifyRequest, shape: string): Record<string, unknown> {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'bad_request', `this request takes a JSON object ${shape}`);
  }
  return body as Record<string, unknown>;
}

/** The admin functions' mistakes as HTTP answers (404 for what does not exist). */
function asHttp(err: unknown): unknown {
  if (err instanceof AdminError) {
    return new HttpError(
      err.notFound ? 404 : 400,
      err.notFound ? 'not_found' : 'bad_request',
      err.what,
    );
  }
  return err;
}

/**
 * Cookies are SameSite=Strict, and every request that changes something must be JSON: an HTML
 * form on another site can send neither, so no CSRF token is needed.
 */
async function requireJson(request: FastifyRequest): Promise<void> {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new HttpError(
      415,
      'bad_request',
      'district requests that change something must be sent as Content-Type: application/json',
    );
  }
}

/** A packet upload's largest body (a busy fortnight is a few MB). */
const MAX_PACKET_BYTES = 64 * 1024 * 1024;

export const LOGIN_FAILURES_PER_ADDRESS = 10;
export const LOGIN_FAILURES_PER_ACCOUNT = 20;
const LOGIN_WINDOW_MS = 15 * 60_000;
/** No account's login is longer (users.ts, LOGIN_PATTERN). */
export const MAX_LOGIN_LENGTH = 60;
/** The most child places a centre can have (the migration's CHECK says the same). */
export const MAX_CHILD_PLACES = 1000;
/** The longest township name (the migration's CHECK says the same). */
export const MAX_TOWNSHIP = 40;

export async function registerDistrictApi(
  app: FastifyInstance,
  options: DistrictApiOptions,
): Promise<void> {
  const { db, changes, sync } = options;
  const settings: DashboardSettings = { ...DEFAULT_DASHBOARD_SETTINGS, ...options.dashboard };
  // By default, per 15 minutes: 10 failed logins per address, 20 per account (a correct one does
  // not count).
  const limiter =
    options.loginAttempts ??
    failedLoginLimit({
      perAddress: new RateLimiter({ limit: LOGIN_FAILURES_PER_ADDRESS, windowMs: LOGIN_WINDOW_MS }),
      perAccount: new RateLimiter({ limit: LOGIN_FAILURES_PER_ACCOUNT, windowMs: LOGIN_WINDOW_MS }),
    });
  const scryptParams = options.scryptParams ?? DEFAULT_SCRYPT_PARAMS;
  const secureCookie = new URL(options.publicUrl).protocol === 'https:';
  const policy: SessionPolicy = {
    idleMinutes: settings.sessionIdleMinutes,
    absoluteHours: settings.sessionHours,
  };
  // The first unknown login must not pay for making the stand-in hash (that would tell it apart):
  // it is made in the background on the first dashboard request (the login page asks `me`), not
  // at start, so a server whose dashboard is never used (most tests) never pays for it.
  let warmedUp = false;
  const warmUp = async () => {
    if (warmedUp) return;
    warmedUp = true;
    warmUpLoginCheck(scryptParams).catch(() => {});
  };

  const session = (request: FastifyRequest) =>
    resolveSession(db, readCookie(request, SESSION_COOKIE), policy);
  /**
   * The session, if its department's remit covers `view` (shared/rules/departments.ts): the
   * server refuses what the dashboard does not offer, so a 疾控 account never reads a person.
   */
  const viewSession = async (request: FastifyRequest, view: DistrictView) => {
    const s = await session(request);
    if (!sees(s.user.department, view)) {
      throw new HttpError(
        403,
        'forbidden',
        `the ${s.user.department} department's accounts do not see ${view}: it is outside their remit`,
      );
    }
    return s;
  };
  const adminSession = async (request: FastifyRequest, what: string, view?: DistrictView) => {
    const s = view ? await viewSession(request, view) : await session(request);
    if (s.user.role !== 'admin') {
      throw new HttpError(
        403,
        'forbidden',
        `only a district admin may ${what}: you are logged in as ${s.user.login} (viewer)`,
      );
    }
    return s;
  };
  /**
   * The monthly report's query, checked: `month` (default the district's current month) and an
   * optional `centre` that must exist.
   */
  const reportQuery = async (query: { month?: unknown; centre?: unknown }) => {
    const month = query.month ?? calendarDay(new Date(), settings.timeZone).slice(0, 7);
    if (typeof month !== 'string' || !isReportMonth(month)) {
      throw new HttpError(
        400,
        'bad_request',
        `month must be one month written YYYY-MM, e.g. 2026-11 (got "${String(month).slice(0, 20)}")`,
      );
    }
    const centreId = query.centre;
    if (centreId !== undefined) {
      if (typeof centreId !== 'string' || centreId === '') {
        throw new HttpError(400, 'bad_request', 'centre must be one centre id, or left out');
      }
      const { rows } = await db.query('SELECT 1 FROM centres WHERE id = $1', [centreId]);
      if (rows.length === 0) {
        throw new HttpError(
          404,
          'not_found',
          `centre: no centre has the id "${centreId.slice(0, 40)}"; leave it out for the whole district`,
        );
      }
    }
    return monthlyReport(db, {
      month,
      ...(centreId !== undefined ? { centreId } : {}),
      timeZone: settings.timeZone,
    });
  };
  const actorOf = (s: Session) => ({ user: { id: s.user.id, login: s.user.login } });
  const today = () => calendarDay(new Date(), settings.timeZone);

  await app.register(
    async (district) => {
      district.addHook('onRequest', warmUp);
      district.addHook('onRequest', requireJson);

      district.post('/login', async (request, reply): Promise<SessionInfo> => {
        const body = objectBody(request, '{login, password}');
        const { login, password } = body;
        if (
          typeof login !== 'string' ||
          typeof password !== 'string' ||
          !login.trim() ||
          login.trim().length > MAX_LOGIN_LENGTH ||
          password.length > MAX_PASSWORD_LENGTH
        ) {
          throw new HttpError(
            400,
            'bad_request',
            `login takes {login, password}: a login of 1 to ${MAX_LOGIN_LENGTH} characters and a password of at most ${MAX_PASSWORD_LENGTH}`,
          );
        }
        // The rate limiter may refuse before any password is checked.
        const attempt = limiter.begin(request.ip, login.trim());
        const user = await checkLogin(db, login, password, scryptParams).catch((err: unknown) => {
          attempt.failed();
          throw err;
        });
        if (!user) {
          attempt.failed();
          // Not the typed login itself: it may be a password typed in the wrong box. A tag of it
          // still shows the same login failing again and again.
          request.log.warn(
            { login: loginTag(options.serverKey, login), address: request.ip },
            'district login failed',
          );
          throw new HttpError(
            401,
            'login_failed',
            'wrong login name or password: check both and try again',
          );
        }
        attempt.succeeded();
        const { token, session: s } = await db.transaction(async (tx) => {
          await deleteExpiredSessions(tx);
          const created = await createSession(tx, user, policy, request.ip);
          await logAction(tx, {
            actor: actorOf(created.session),
            action: 'login',
            address: request.ip,
          });
          return created;
        });
        const maxAge = Math.max(0, Math.floor((s.expiresAt.getTime() - Date.now()) / 1000));
        reply.header('set-cookie', sessionCookie(secureCookie, token, maxAge));
        return sessionInfo(s);
      });

      district.post('/logout', async (request, reply) => {
        reply.header('set-cookie', sessionCookie(secureCookie, '', 0));
        let s: Session;
        try {
          s = await session(request);
        } catch (err) {
          if (err instanceof HttpError && err.statusCode === 401) return { ok: true };
          throw err;
        }
        await db.transaction(async (tx) => {
          await endSession(tx, s.tokenHash);
          await logAction(tx, { actor: actorOf(s), action: 'logout', address: request.ip });
        });
        return { ok: true };
      });

      district.get('/me', async (request): Promise<SessionInfo> =>
        sessionInfo(await session(request)),
      );

      district.post<{ Params: { id: string } }>(
        '/centres/:id/enrolment-codes',
        async (request, reply): Promise<IssueCodeResponse> => {
          const s = await adminSession(request, 'issue enrolment codes');
          const body = objectBody(request, '{hours?}');
          const hours = body.hours ?? DEFAULT_CODE_HOURS;
          if (typeof hours !== 'number' || !(hours > 0 && hours <= MAX_CODE_HOURS)) {
            throw new HttpError(
              400,
              'bad_request',
              `hours must be a number above 0 and at most ${MAX_CODE_HOURS}`,
            );
          }
          const issued = await db
            .transaction(async (tx) => {
              const code = await issueEnrolmentCode(
                tx,
                { centreId: request.params.id, hours },
                options.serverKey,
              );
              await logAction(tx, {
                actor: actorOf(s),
                action: 'code.issue',
                target: code.centreId,
                // Never the code itself: the log is read by more people than the desk's installer.
                details: { hours, expiresAt: code.expiresAt.toISOString() },
                address: request.ip,
              });
              return code;
            })
            .catch((err: unknown) => {
              throw asHttp(err);
            });
          reply.code(201);
          return {
            code: issued.code,
            centreId: issued.centreId,
            expiresAt: issued.expiresAt.toISOString(),
          };
        },
      );

      district.get<{ Querystring: { centre?: string } }>(
        '/devices',
        async (request): Promise<DeviceListResponse> => {
          await viewSession(request, 'devices');
          const devices = await listDevices(db, { centreId: request.query.centre }).catch(
            (err: unknown) => {
              throw asHttp(err);
            },
          );
          return { devices: devices.map(deviceInfo) };
        },
      );

      district.patch<{ Params: { id: string } }>(
        '/devices/:id',
        async (request): Promise<DeviceInfo> => {
          const s = await adminSession(request, 'rename devices');
          const { name } = objectBody(request, '{name}');
          if (typeof name !== 'string' || !name.trim() || name.trim().length > MAX_DEVICE_NAME) {
            throw new HttpError(
              400,
              'bad_request',
              `a device's name has 1 to ${MAX_DEVICE_NAME} characters: send {name}`,
            );
          }
          const device = await db
            .transaction(async (tx) => {
              const before = await getDevice(tx, request.params.id);
              const renamed = await renameDevice(tx, request.params.id, name);
              await logAction(tx, {
                actor: actorOf(s),
                action: 'device.rename',
                target: renamed.id,
                details: { centreId: renamed.centreId, from: before.name, to: renamed.name },
                address: request.ip,
              });
              return renamed;
            })
            .catch((err: unknown) => {
              throw asHttp(err);
            });
          return deviceInfo(device);
        },
      );

      district.post<{ Params: { id: string } }>(
        '/devices/:id/revoke',
        async (request): Promise<DeviceInfo> => {
          const s = await adminSession(request, 'revoke devices');
          const { reason } = objectBody(request, '{reason}');
          if (
            typeof reason !== 'string' ||
            !reason.trim() ||
            reason.trim().length > MAX_REVOKE_REASON
          ) {
            throw new HttpError(
              400,
              'bad_request',
              `say why the device is revoked (1 to ${MAX_REVOKE_REASON} characters): send {reason}`,
            );
          }
          const events: ChangeEvent[] = [];
          const device = await db
            .transaction(async (tx) => {
              const revoked = await revokeDevice(tx, request.params.id, reason);
              await logAction(tx, {
                actor: actorOf(s),
                action: 'device.revoke',
                target: revoked.id,
                details: { centreId: revoked.centreId, reason: revoked.revokedReason },
                address: request.ip,
              });
              // Ends the device's open sync streams at once, on every server instance.
              events.push({
                centreId: revoked.centreId,
                collections: [],
                revokedDeviceId: revoked.id,
              });
              await changes.publishInTransaction(tx, events);
              return revoked;
            })
            .catch((err: unknown) => {
              throw asHttp(err);
            });
          changes.committed(events);
          return deviceInfo(device);
        },
      );

      // Sync packets (server/sync/packets.ts): a desk's packet uploaded, a device's return packet made.
      district.post(
        '/packets',
        { bodyLimit: MAX_PACKET_BYTES },
        async (request): Promise<ImportPacketResponse> => {
          const s = await adminSession(request, 'import sync packets');
          const { packet } = objectBody(request, '{packet}');
          if (typeof packet !== 'string' || packet === '') {
            throw new HttpError(400, 'bad_request', "send {packet}: the packet file's text");
          }
          return options.packets.importPacket(packet, actorOf(s)).catch((err: unknown) => {
            throw err instanceof PacketError ? packetHttpError(err) : err;
          });
        },
      );
      district.post<{ Params: { id: string } }>(
        '/devices/:id/return-packet',
        async (request): Promise<ReturnPacketResponse> => {
          const s = await adminSession(request, 'write return packets');
          const written = await options.packets
            .returnPacket(request.params.id, actorOf(s))
            .catch((err: unknown) => {
              throw err instanceof PacketError ? packetHttpError(err) : err;
            });
          return { fileName: written.fileName, packet: written.text, documents: written.documents };
        },
      );

      district.get<{ Querystring: { staleDays?: string; day?: string } }>(
        '/overview',
        async (request): Promise<OverviewResponse> => {
          await viewSession(request, 'overview');
          const { staleDays: rawStale, day: rawDay } = request.query;
          const staleDays = rawStale === undefined ? settings.staleDays : Number(rawStale);
          if (!Number.isInteger(staleDays) || staleDays < 1 || staleDays > 365) {
            throw new HttpError(
              400,
              'bad_request',
              'staleDays must be a whole number from 1 to 365',
            );
          }
          const day = rawDay ?? calendarDay(new Date(), settings.timeZone);
          if (!isCalendarDay(day)) {
            throw new HttpError(400, 'bad_request', 'day must be a date written YYYY-MM-DD');
          }
          return centresOverview(db, { day, staleDays });
        },
      );

      // A centre's licensed child places, the denominator of the report's child-place use rate, and
      // its township, which the outbreak rule counts by. The old value goes into the log with the
      // new, so a changed rate or cluster can be traced to who changed it and when.
      district.patch<{ Params: { id: string } }>(
        '/centres/:id',
        async (request): Promise<CentreInfo> => {
          const s = await adminSession(request, 'change a centre', 'devices');
          const body = objectBody(request, '{childPlaces?, township?}');
          const { childPlaces, township } = body;
          for (const key of Object.keys(body))
            if (key !== 'childPlaces' && key !== 'township')
              throw new HttpError(
                400,
                'bad_request',
                `${clip(key)}: send {childPlaces} or {township}`,
              );
          if (
            (childPlaces !== undefined || township === undefined) &&
            (typeof childPlaces !== 'number' ||
              !Number.isInteger(childPlaces) ||
              childPlaces < 0 ||
              childPlaces > MAX_CHILD_PLACES)
          ) {
            throw new HttpError(
              400,
              'bad_request',
              `childPlaces must be a whole number from 0 to ${MAX_CHILD_PLACES}: send {childPlaces}`,
            );
          }
          const newTownship =
            township === undefined || township === null
              ? township
              : typeof township === 'string' && township.trim().length <= MAX_TOWNSHIP
                ? township.trim() || null
                : undefined;
          if (township !== undefined && newTownship === undefined) {
            throw new HttpError(
              400,
              'bad_request',
              `township must be the township's name (at most ${MAX_TOWNSHIP} characters), or null`,
            );
          }
          return db.transaction(async (tx) => {
            const before = await tx.query<{ child_places: number | null; township: string | null }>(
              'SELECT child_places, township FROM centres WHERE id = $1 FOR UPDATE',
              [request.params.id],
            );
            if (!before.rows[0]) {
              throw new HttpError(404, 'not_found', `unknown centre '${clip(request.params.id)}'`);
            }
            const { rows } = await tx.query<{
              id: string;
              name: string;
              child_places: number | null;
              township: string | null;
            }>(
              `UPDATE centres
                  SET child_places = CASE WHEN $2 THEN $3::integer ELSE child_places END,
                      township = CASE WHEN $4 THEN $5::text ELSE township END
                WHERE id = $1 RETURNING id, name, child_places, township`,
              [
                request.params.id,
                childPlaces !== undefined,
                childPlaces ?? null,
                newTownship !== undefined,
                newTownship ?? null,
              ],
            );
            if (childPlaces !== undefined)
              await logAction(tx, {
                actor: actorOf(s),
                action: 'centre.update',
                target: request.params.id,
                details: {
                  field: 'childPlaces',
                  from: before.rows[0].child_places,
                  to: childPlaces,
                },
                address: request.ip,
              });
            if (newTownship !== undefined)
              await logAction(tx, {
                actor: actorOf(s),
                action: 'centre.township',
                target: request.params.id,
                details: { field: 'township', from: before.rows[0].township, to: newTownship },
                address: request.ip,
              });
            const r = rows[0]!;
            return { id: r.id, name: r.name, childPlaces: r.child_places, township: r.township };
          });
        },
      );

      district.get<{ Params: { id: string } }>(
        '/centres/:id/people',
        async (request): Promise<CentrePeopleResponse> => {
          await viewSession(request, 'people');
          const found = await listCentrePeople(db, request.params.id, today());
          if (!found) {
            throw new HttpError(404, 'not_found', `unknown centre '${clip(request.params.id)}'`);
          }
          return { centreId: request.params.id, ...found };
        },
      );

      // Every view of a person's record is logged, a viewer's as much as an admin's: the log says
      // who looked at whom, which is what a person asking "who saw my file?" needs answered.
      district.get<{ Params: { id: string } }>(
        '/people/:id',
        async (request): Promise<PersonRecord> => {
          const s = await viewSession(request, 'people');
          const record = await personRecord(db, request.params.id, s.user.role, today());
          if (!record) {
            throw new HttpError(404, 'not_found', `unknown person '${clip(request.params.id)}'`);
          }
          await logAction(db, {
            actor: actorOf(s),
            action: 'person.view',
            target: record.id,
            details: { centreId: record.centreId, withheld: record.withheld.length > 0 },
            address: request.ip,
          });
          return record;
        },
      );

      district.get('/published', async (request): Promise<PublishedResponse> => {
        await viewSession(request, 'publish');
        const docs = (await listPublished(db)) as unknown as PublishedDoc[];
        return {
          rules: docs.find((d) => d.kind === 'rules') ?? null,
          announcements: docs.filter((d) => d.kind === 'announcement'),
          templates: docs.filter((d) => d.kind === 'activityTemplate'),
        };
      });

      // The write goes through the sync rules in its own transaction (publishToCentres); the log
      // entry follows once it is in, so a refused publication is never logged as made.
      district.post('/publish', async (request, reply): Promise<PublishResponse> => {
        const s = await adminSession(request, 'publish to the centres', 'publish');
        const input = parsePublishRequest(request.body);
        const doc = await publishToCentres(db, sync, input, s.user.login, today()).catch(
          (err: unknown) => {
            throw asHttp(err);
          },
        );
        await logAction(db, {
          actor: actorOf(s),
          action: `publish.${input.kind}`,
          target: doc.id,
          details: {
            title: doc.title,
            ...(input.effectiveFrom ? { effectiveFrom: input.effectiveFrom } : {}),
          },
          address: request.ip,
        });
        reply.code(201);
        return { published: doc as unknown as PublishedDoc };
      });

      district.post<{ Params: { id: string } }>(
        '/published/:id/withdraw',
        async (request): Promise<PublishResponse> => {
          const s = await adminSession(request, 'withdraw what was published', 'publish');
          objectBody(request, '{}');
          const doc = await withdrawFromCentres(db, sync, request.params.id, s.user.login).catch(
            (err: unknown) => {
              throw asHttp(err);
            },
          );
          await logAction(db, {
            actor: actorOf(s),
            action: 'publish.withdraw',
            target: doc.id,
            details: { kind: doc.kind, title: doc.title },
            address: request.ip,
          });
          return { published: doc as unknown as PublishedDoc };
        },
      );

      district.get<{ Querystring: { month?: string; centre?: string } }>(
        '/reports/monthly',
        async (request): Promise<MonthlyReportResponse> => {
          await viewSession(request, 'reports');
          return reportQuery(request.query);
        },
      );

      district.get<{ Querystring: { month?: string; centre?: string; lang?: string } }>(
        '/reports/monthly.xlsx',
        async (request, reply) => {
          await viewSession(request, 'reports');
          const lang = request.query.lang ?? 'zh';
          if (!(SHEET_LANGUAGES as readonly string[]).includes(lang)) {
            throw new HttpError(400, 'bad_request', 'lang must be zh (the default) or en');
          }
          const report = await reportQuery(request.query);
          const bytes = await reportWorkbook(report, lang as SheetLanguage);
          reply
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', attachmentHeader(report.month, lang as SheetLanguage));
          return bytes;
        },
      );

      // Outbreaks across centres (issue 17, part 4; ./outbreaks.ts): counts and symptoms, no names.
      district.get('/outbreaks', async (request): Promise<OutbreaksResponse> => {
        await viewSession(request, 'outbreaks');
        return outbreaks(db, today());
      });

      district.get<{ Querystring: { cluster?: string } }>(
        '/outbreaks/report',
        async (request): Promise<OutbreakReportDraft> => {
          await viewSession(request, 'outbreakReport');
          return reportDraft(db, request.query.cluster, today());
        },
      );

      // The sheet of the report as filled in; every export is logged with what it said.
      district.post('/outbreaks/report.xlsx', async (request, reply) => {
        const s = await viewSession(request, 'outbreakReport');
        const body = objectBody(request, '{cluster, fields, lang?}');
        const lang = body.lang ?? 'zh';
        if (!(SHEET_LANGUAGES as readonly string[]).includes(lang as string)) {
          throw new HttpError(400, 'bad_request', 'lang must be zh (the default) or en');
        }
        const fields = parseReportFields(body.fields);
        const cluster = await clusterNow(db, body.cluster, today());
        const bytes = await outbreakReportWorkbook(
          cluster,
          fields,
          lang as SheetLanguage,
          settings.timeZone,
        );
        await logAction(db, {
          actor: actorOf(s),
          action: 'outbreak.export',
          target: cluster.key,
          details: { ...fields },
          address: request.ip,
        });
        reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', outbreakAttachment(today(), lang as SheetLanguage));
        return bytes;
      });

      // The report sent to the disease-control centre: logged, and the cluster's deadline met.
      district.post('/outbreaks/report', async (request, reply): Promise<OutbreakReportSent> => {
        const s = await viewSession(request, 'outbreakReport');
        const body = objectBody(request, '{cluster, fields}');
        const fields = parseReportFields(body.fields);
        const cluster = await clusterNow(db, body.cluster, today());
        const { rows } = await db.query<{ at: Date }>(
          `INSERT INTO district_action_log (user_id, actor, action, target, details, address)
           VALUES ($1, $2, 'outbreak.report', $3, $4, $5) RETURNING at`,
          [
            s.user.id,
            s.user.login,
            cluster.key,
            JSON.stringify({ ...fields, centreIds: cluster.centres.map((c) => c.centreId) }),
            request.ip,
          ],
        );
        reply.code(201);
        return { cluster: cluster.key, at: rows[0]!.at.toISOString() };
      });

      district.get<{ Querystring: { limit?: string } }>(
        '/actions',
        async (request): Promise<ActionLogResponse> => {
          await adminSession(request, 'read the action log');
          const limit = request.query.limit === undefined ? 200 : Number(request.query.limit);
          if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
            throw new HttpError(400, 'bad_request', 'limit must be a whole number from 1 to 1000');
          }
          const actions = await listActions(db, limit);
          return {
            actions: actions.map((a) => ({ ...a, at: a.at.toISOString() })),
            names: await actionNames(db, actions),
          };
        },
      );
    },
    { prefix: '/api/district' },
  );
}
