/**
 * District staff accounts (`district_users`): created by the admin CLI, checked at login. Logins
 * are unique regardless of case.
 */
import { newId } from '../../shared/ids';
import { AdminError } from '../admin';
import type { Queryable } from '../db/db';
import {
  DEFAULT_SCRYPT_PARAMS,
  hashPassword,
  needsRehash,
  passwordProblem,
  verifyPassword,
  type ScryptParams,
} from './passwords';
import { isDepartment, type Department } from '../../shared/rules/departments';
import { isDistrictRole, type DistrictRole } from './types';

export interface DistrictUser {
  id: string;
  login: string;
  displayName: string;
  role: DistrictRole;
  /** The department whose remit the account sees (shared/rules/departments.ts); null: all. */
  department: Department | null;
  disabledAt: Date | null;
  createdAt: Date;
}

interface UserRow {
  id: string;
  login: string;
  display_name: string;
  role: DistrictRole;
  department: Department | null;
  password_hash: string;
  disabled_at: Date | null;
  created_at: Date;
}

const USER_COLUMNS =
  'id, login, display_name, role, department, password_hash, disabled_at, created_at';
const LOGIN_PATTERN = /^[\p{L}\p{N}._@-]{2,60}$/u;

function toUser(r: UserRow): DistrictUser {
  return {
    id: r.id,
    login: r.login,
    displayName: r.display_name,
    role: r.role,
    department: r.department ?? null,
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
  };
}

export async function createUser(
  db: Queryable,
  input: {
    login: string;
    password: string;
    role: string;
    displayName?: string;
    /** civil, health or cdc (shared/rules/departments.ts); left out: the district office. */
    department?: string;
    params?: ScryptParams;
  },
): Promise<DistrictUser> {
  const login = input.login.trim();
  if (!LOGIN_PATTERN.test(login)) {
    throw new AdminError(
      `login '${login}' is not valid: use 2–60 letters, digits, '.', '_', '@' or '-'`,
    );
  }
  if (!isDistrictRole(input.role)) {
    throw new AdminError(`role '${input.role}' is not known: use admin or viewer`);
  }
  if (input.department !== undefined && !isDepartment(input.department)) {
    throw new AdminError(
      `department '${input.department}' is not known: use civil (民政), health (卫健) or cdc (疾控), or leave it out`,
    );
  }
  const problem = passwordProblem(input.password);
  if (problem) throw new AdminError(problem);
  const displayName = (input.displayName?.trim() || login).slice(0, 100);
  const hash = await hashPassword(input.password, input.params);
  const { rows } = await db.query<UserRow>(
    `INSERT INTO district_users (id, login, display_name, role, department, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${USER_COLUMNS}`,
    [newId(), login, displayName, input.role, input.department ?? null, hash],
  );
  if (!rows[0]) {
    throw new AdminError(`login '${login}' is taken`, {
      cliHint: 'list accounts with `user list`',
    });
  }
  return toUser(rows[0]);
}

export async function listUsers(db: Queryable): Promise<DistrictUser[]> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM district_users ORDER BY lower(login)`,
  );
  return rows.map(toUser);
}

async function findByLogin(db: Queryable, login: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM district_users WHERE lower(login) = lower($1)`,
    [login.trim()],
  );
  return rows[0] ?? null;
}

function unknownLogin(login: string): AdminError {
  return new AdminError(`unknown login '${login}'`, {
    cliHint: 'list accounts with `user list`',
    notFound: true,
  });
}

/** Sets a new password; the account's sessions end (whoever knew the old one is logged out). */
export async function setPassword(
  db: Queryable,
  login: string,
  password: string,
  params?: ScryptParams,
): Promise<DistrictUser> {
  const problem = passwordProblem(password);
  if (problem) throw new AdminError(problem);
  const hash = await hashPassword(password, params);
  const { rows } = await db.query<UserRow>(
    `UPDATE district_users SET password_hash = $2, updated_at = now()
      WHERE lower(login) = lower($1) RETURNING ${USER_COLUMNS}`,
    [login.trim(), hash],
  );
  if (!rows[0]) throw unknownLogin(login);
  await db.query('DELETE FROM district_sessions WHERE user_id = $1', [rows[0].id]);
  return toUser(rows[0]);
}

/** Disables (or enables again) an account; disabling ends its sessions at once. */
export async function setUserDisabled(
  db: Queryable,
  login: string,
  disabled: boolean,
): Promise<DistrictUser> {
  const { rows } = await db.query<UserRow>(
    `UPDATE district_users
        SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) END, updated_at = now()
      WHERE lower(login) = lower($1) RETURNING ${USER_COLUMNS}`,
    [login.trim(), disabled],
  );
  if (!rows[0]) throw unknownLogin(login);
  if (disabled) await db.query('DELETE FROM district_sessions WHERE user_id = $1', [rows[0].id]);
  return toUser(rows[0]);
}

const dummyHashes = new Map<string, Promise<string>>();

/** A hash of nothing anyone types, so checking an unknown login costs what a known one does. */
function dummyHash(params: ScryptParams): Promise<string> {
  const key = `${params.N}/${params.r}/${params.p}`;
  let hash = dummyHashes.get(key);
  if (!hash) {
    hash = hashPassword(`no such user ${Math.random()}`, params);
    dummyHashes.set(key, hash);
  }
  return hash;
}

/** Makes the stand-in hash for unknown logins ahead, so the first one costs no more than others. */
export async function warmUpLoginCheck(
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<void> {
  await dummyHash(params);
}

/**
 * The account when `login` and `password` match an enabled one, else null. Unknown logins,
 * disabled accounts and wrong passwords all cost one scrypt and give the same null. A password
 * hashed with other parameters than today's is rehashed.
 */
export async function checkLogin(
  db: Queryable,
  login: string,
  password: string,
  params: ScryptParams = DEFAULT_SCRYPT_PARAMS,
): Promise<DistrictUser | null> {
  const row = await findByLogin(db, login);
  const matches = await verifyPassword(password, row ? row.password_hash : await dummyHash(params));
  if (!row || !matches || row.disabled_at) return null;
  if (needsRehash(row.password_hash, params)) {
    await db.query(
      'UPDATE district_users SET password_hash = $2, updated_at = now() WHERE id = $1 AND password_hash = $3',
      [row.id, await hashPassword(password, params), row.password_hash],
    );
  }
  return toUser(row);
}
