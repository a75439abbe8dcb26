/**
 * Dashboard sessions (`district_sessions`): a random token in an HttpOnly cookie, stored only as
 * its SHA-256. A session ends when unused for the idle time, and at the absolute time regardless.
 */
import { newToken, sha256 } from '../crypto';
import type { Queryable } from '../db/db';
import { HttpError } from '../errors';
import type { DistrictUser } from './users';

export interface SessionPolicy {
  /** Minutes without a request before the session ends. */
  idleMinutes: number;
  /** Hours after login when the session ends whatever happens. */
  absoluteHours: number;
}

/** Sessions are touched (idle time pushed back) at most this often, not on every request. */
const TOUCH_EVERY_MS = 30_000;

export interface Session {
  tokenHash: string;
  user: DistrictUser;
  idleExpiresAt: Date;
  expiresAt: Date;
}

export async function createSession(
  db: Queryable,
  user: DistrictUser,
  policy: SessionPolicy,
  address: string | null,
): Promise<{ token: string; session: Session }> {
  const token = newToken();
  const tokenHash = sha256(token);
  const { rows } = await db.query<{ idle_expires_at: Date; expires_at: Date }>(
    `INSERT INTO district_sessions (token_hash, user_id, idle_expires_at, expires_at, address)
     VALUES ($1, $2, now() + make_interval(mins => $3), now() + make_interval(hours => $4), $5)
     RETURNING idle_expires_at, expires_at`,
    [tokenHash, user.id, policy.idleMinutes, policy.absoluteHours, address],
  );
  const row = rows[0]!;
  return {
    token,
    session: { tokenHash, user, idleExpiresAt: row.idle_expires_at, expiresAt: row.expires_at },
  };
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  login: string;
  display_name: string;
  role: DistrictUser['role'];
  department: DistrictUser['department'];
  disabled_at: Date | null;
  user_created_at: Date;
  last_used_at: Date;
  idle_expires_at: Date;
  expires_at: Date;
  expired: boolean;
}

/**
 * The live session of `token`, its idle time pushed back. No token or an unknown one: 401
 * `not_logged_in`; a timed-out one: 401 `session_expired` (and it is deleted).
 */
export async function resolveSession(
  db: Queryable,
  token: string | undefined,
  policy: SessionPolicy,
): Promise<Session> {
  if (!token) {
    throw new HttpError(401, 'not_logged_in', 'not logged in: log in to the district dashboard');
  }
  const tokenHash = sha256(token);
  const { rows } = await db.query<SessionRow>(
    `SELECT s.token_hash, s.user_id, u.login, u.display_name, u.role, u.department, u.disabled_at,
            u.created_at AS user_created_at, s.last_used_at, s.idle_expires_at, s.expires_at,
            (s.idle_expires_at <= now() OR s.expires_at <= now()) AS expired
       FROM district_sessions s JOIN district_users u ON u.id = s.user_id
      WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row || row.disabled_at) {
    throw new HttpError(
      401,
      'not_logged_in',
      'this session has ended (logged out, or the account was changed): log in again',
    );
  }
  if (row.expired) {
    await db.query('DELETE FROM district_sessions WHERE token_hash = $1', [tokenHash]);
    throw new HttpError(401, 'session_expired', 'the session timed out: log in again');
  }
  let idleExpiresAt = row.idle_expires_at;
  if (Date.now() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    const touched = await db.query<{ idle_expires_at: Date }>(
      `UPDATE district_sessions
          SET last_used_at = now(),
              idle_expires_at = least(expires_at, now() + make_interval(mins => $2))
        WHERE token_hash = $1 RETURNING idle_expires_at`,
      [tokenHash, policy.idleMinutes],
    );
    idleExpiresAt = touched.rows[0]?.idle_expires_at ?? idleExpiresAt;
  }
  return {
    tokenHash,
    user: {
      id: row.user_id,
      login: row.login,
      displayName: row.display_name,
      role: row.role,
      department: row.department ?? null,
      disabledAt: row.disabled_at,
      createdAt: row.user_created_at,
    },
    idleExpiresAt,
    expiresAt: row.expires_at,
  };
}

export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM district_sessions WHERE token_hash = $1', [tokenHash]);
}

/** Drops sessions that have timed out (called now and then; expired ones are refused anyway). */
export async function deleteExpiredSessions(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    'DELETE FROM district_sessions WHERE idle_expires_at <= now() OR expires_at <= now()',
  );
  return rowCount ?? 0;
}
