import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MIN_ERASE_AFTER_YEARS, MIN_LOG_MONTHS } from '../shared/rules/erasure';
import { DEFAULT_RETENTION, type RetentionSettings } from './retention';

/** The server's settings, from the environment (docs/API.md, "Settings"). */
export interface DistrictConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  dashboard: DashboardSettings;
  /** The dashboard's built pages, served at /dashboard/ (DISTRICT_DASHBOARD_DIR; default dist/dashboard). */
  dashboardDir: string;
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

export function readConfig(env: NodeJS.ProcessEnv = process.env): DistrictConfig {
  const port = Number(env.PORT ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (got "${env.PORT}")`);
  }
  const d = DEFAULT_DASHBOARD_SETTINGS;
  return {
    port,
    host: env.HOST || '127.0.0.1',
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
