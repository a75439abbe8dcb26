import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_ERASE_AFTER_YEARS, MIN_LOG_MONTHS } from '../shared/rules/erasure';
import { DEFAULT_RETENTION, type RetentionSettings } from './retention';
import { MIN_SECRET_LENGTH } from './serverKey';

/** The server's settings, from the environment (docs/API.md, "Settings"). */
export interface DistrictConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  dashboard: DashboardSettings;
  /** The dashboard's built pages, served at /dashboard/ (DISTRICT_DASHBOARD_DIR; default dist/dashboard). */
  dashboardDir: string;
  /**
   * The address people open, e.g. https://district.example.cn (DISTRICT_PUBLIC_URL). When it is
   * https, the session cookie is `Secure` and every answer carries HSTS. Without the setting: this
   * machine's `http://localhost:<port>`, allowed only while the server listens on loopback only.
   */
  publicUrl: string;
  /**
   * The reverse proxies whose `X-Forwarded-For` is believed (DISTRICT_TRUSTED_PROXIES): addresses,
   * CIDR ranges, or loopback / linklocal / uniquelocal. Empty: the client is the TCP peer.
   */
  trustedProxies: string[];
  /**
   * The district's secret (DISTRICT_SECRET, at least 32 characters): keys the hashes of enrolment
   * codes. Without it, `district.key` in the data folder is used (serverKey.ts).
   */
  secret?: string;
  /** What is kept how long (server/retention.ts). */
  retention: RetentionSettings;
}

/** Settings of the district dashboard's API (`/api/district/*`). */
export interface DashboardSettings {
  /** The district's time zone: what "today" and "this month" mean in the overview. */
  timeZone: string;
  /** The overview warns about a centre none of whose devices synced for this many days. */
  staleDays: number;
  /** Minutes without a request before a dashboard session ends. */
  sessionIdleMinutes: number;
  /** Hours after login when a dashboard session ends regardless. */
  sessionHours: number;
}

export const DEFAULT_DASHBOARD_SETTINGS: DashboardSettings = {
  timeZone: 'Asia/Shanghai',
  staleDays: 3,
  sessionIdleMinutes: 60,
  sessionHours: 12,
};

function wholeNumber(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

/** A retention period: below the law's minimum is refused, saying which law. */
function period(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
  unit: string,
  why: string,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${name} must be a whole number of ${unit} from ${min} (${why}) to ${max} (got "${raw}")`,
    );
  }
  return value;
}

function timeZone(env: NodeJS.ProcessEnv): string {
  const zone = env.DISTRICT_TIME_ZONE || DEFAULT_DASHBOARD_SETTINGS.timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new Error(
      `DISTRICT_TIME_ZONE must be a time zone name such as Asia/Shanghai (got "${zone}")`,
    );
  }
  return zone;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of DISTRICT_TRUSTED_PROXIES: an address, address/bits, address/netmask or a name. */
function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.has(entry)) return true;
  const [address, range, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length > 0) return false;
  if (range === undefined) return true;
  if (/^\d{1,3}$/.test(range)) return Number(range) <= (version === 4 ? 32 : 128);
  return version === 4 && isIP(range) === 4;
}

function trustedProxies(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.DISTRICT_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isProxyEntry(e));
  if (bad !== undefined) {
    throw new Error(
      `DISTRICT_TRUSTED_PROXIES must list the reverse proxies' addresses, separated by commas: ` +
        `addresses (10.0.0.5), ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal (got "${bad}")`,
    );
  }
  return entries;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function publicUrl(env: NodeJS.ProcessEnv, host: string, port: number, proxied: boolean): string {
  const raw = env.DISTRICT_PUBLIC_URL;
  if (!raw) {
    if (!LOOPBACK_HOSTS.has(host) || proxied) {
      throw new Error(
        `set DISTRICT_PUBLIC_URL to the address people open, e.g. https://district.example.cn: ` +
          (proxied ? 'behind a reverse proxy' : `listening on ${host}, people reach the server`) +
          ' through another address, which decides whether the session cookie is Secure',
      );
    }
    return `http://localhost:${port}`;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.pathname !== '/' ||
    url.search
  ) {
    throw new Error(
      `DISTRICT_PUBLIC_URL must be the origin people open, like https://district.example.cn (got "${raw}")`,
    );
  }
  return url.origin;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DistrictConfig {
  const port = Number(env.PORT ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  }
  const d = DEFAULT_DASHBOARD_SETTINGS;
  const host = env.HOST || '127.0.0.1';
  const proxies = trustedProxies(env);
  const secret = env.DISTRICT_SECRET || undefined;
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new Error(
      `DISTRICT_SECRET must be at least ${MIN_SECRET_LENGTH} random characters, e.g. the output of ` +
        '`openssl rand -base64 32` (or leave it unset to keep the key in the data folder)',
    );
  }
  return {
    port,
    host,
    ...(secret !== undefined ? { secret } : {}),
    publicUrl: publicUrl(env, host, port, proxies.length > 0),
    trustedProxies: proxies,
    dataDir: resolve(env.DISTRICT_DATA_DIR || '.district-data'),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    dashboardDir: env.DISTRICT_DASHBOARD_DIR
      ? resolve(env.DISTRICT_DASHBOARD_DIR)
      : fileURLToPath(new URL('../dist/dashboard', import.meta.url)),
    dashboard: {
      timeZone: timeZone(env),
      staleDays: wholeNumber(env, 'DISTRICT_STALE_DAYS', d.staleDays, 1, 365),
      sessionIdleMinutes: wholeNumber(
        env,
        'DISTRICT_SESSION_IDLE_MINUTES',
        d.sessionIdleMinutes,
        1,
        24 * 60,
      ),
      sessionHours: wholeNumber(env, 'DISTRICT_SESSION_HOURS', d.sessionHours, 1, 24 * 30),
    },
    retention: {
      eraseLeftAfterYears: period(
        env,
        'DISTRICT_ERASE_LEFT_AFTER_YEARS',
        DEFAULT_RETENTION.eraseLeftAfterYears,
        MIN_ERASE_AFTER_YEARS,
        100,
        'years',
        'records are kept at least five years after service ends',
      ),
      logMonths: period(
        env,
        'DISTRICT_LOG_RETENTION_MONTHS',
        DEFAULT_RETENTION.logMonths,
        MIN_LOG_MONTHS,
        1200,
        'months',
        'logs are kept at least six months, Cybersecurity Law art. 21',
      ),
      intervalHours: wholeNumber(
        env,
        'DISTRICT_RETENTION_INTERVAL_HOURS',
        DEFAULT_RETENTION.intervalHours,
        0,
        24 * 30,
      ),
    },
  };
}
