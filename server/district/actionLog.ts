/**
 * The district's admin action log (`district_action_log`): every change made on the dashboard or
 * with the admin CLI, by whom, to what, when and from which address. Written in the same
 * transaction as the change, so an action is logged exactly when it happened.
 */
import type { Queryable } from '../db/db';
import type { DistrictUser } from './users';

/**
 * A dashboard user, the admin CLI run by someone on the server's machine, an enrolled desk (whose
 * sync made the district act, such as an erasure or a centre's first manager key taken on trust),
 * or one of the server's own jobs (retention).
 */
export type ActionActor =
  | { user: Pick<DistrictUser, 'id' | 'login'> }
  | { cli: string }
  | { device: string }
  | { job: string };

export type AdminAction =
  | 'login'
  | 'logout'
  | 'centre.create'
  | 'centre.update'
  | 'code.issue'
  | 'device.rename'
  | 'device.revoke'
  | 'user.create'
  | 'user.password'
  | 'user.disable'
  | 'user.enable'
  | 'person.view'
  | 'publish.rules'
  | 'publish.announcement'
  | 'publish.activityTemplate'
  | 'publish.withdraw'
  | 'person.erase'
  | 'retention.run'
  /** A centre's first manager signing key, taken from a desk on first use (server/sync/staffGuard.ts). */
  | 'staff.rootKey';

export interface ActionEntry {
  actor: ActionActor;
  action: AdminAction;
  /** What was acted on (a centre, device or login), when anything. */
  target?: string | null;
  details?: Record<string, unknown>;
  address?: string | null;
}

export interface LoggedAction {
  id: number;
  at: Date;
  userId: string | null;
  actor: string;
  action: AdminAction;
  target: string | null;
  details: Record<string, unknown> | null;
  address: string | null;
}

export async function logAction(db: Queryable, entry: ActionEntry): Promise<void> {
  const { actor } = entry;
  await db.query(
    `INSERT INTO district_action_log (user_id, actor, action, target, details, address)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      'user' in actor ? actor.user.id : null,
      'user' in actor
        ? actor.user.login
        : 'cli' in actor
          ? `cli:${actor.cli}`
          : 'device' in actor
            ? `device:${actor.device}`
            : `job:${actor.job}`,
      entry.action,
      entry.target ?? null,
      entry.details ? JSON.stringify(entry.details) : null,
      entry.address ?? null,
    ],
  );
}

/** The newest entries first. */
export async function listActions(db: Queryable, limit = 200): Promise<LoggedAction[]> {
  const { rows } = await db.query<{
    id: string;
    at: Date;
    user_id: string | null;
    actor: string;
    action: AdminAction;
    target: string | null;
    details: Record<string, unknown> | null;
    address: string | null;
  }>(
    `SELECT id, at, user_id, actor, action, target, details, address
       FROM district_action_log ORDER BY id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    userId: r.user_id,
    actor: r.actor,
    action: r.action,
    target: r.target,
    details: r.details,
    address: r.address,
  }));
}
