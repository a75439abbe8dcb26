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
  /** A desk traded an enrolment code for its device token (POST /api/enrol). */
  | 'device.enrol'
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
  | 'staff.rootKey'
  /** Sync packets (server/sync/packets.ts): a desk's packet imported, a return packet written. */
  | 'packet.import'
  | 'packet.return'
  /** A centre's township recorded (the cluster rule counts by township). */
  | 'centre.township'
  /** The outbreak report to the disease-control centre exported as a sheet, and sent. */
  | 'outbreak.export'
  | 'outbreak.report';

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

/** A dashboard user as the log names them: 王芳（wangfang）, or the login alone when that is the name. */
const USER_LABEL = `CASE WHEN display_name = login THEN login
  ELSE display_name || '（' || login || '）' END`;

/** The keys of an entry's details that hold an id of something with a name. */
const NAMED_DETAILS = ['centreId', 'deviceId', 'staffId'] as const;

/**
 * What the ids in these entries name, for people to read: a centre by its name, a desk by its
 * label and centre, a dashboard user by name and login, a person or staff member by the name the
 * district holds (an erased person's record says "（已删除）" and nothing else), a published
 * document by its title. An id that names nothing the district holds is left out.
 */
export async function actionNames(
  db: Queryable,
  actions: readonly LoggedAction[],
): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const a of actions) {
    if (a.target) ids.add(a.target);
    if (a.userId) ids.add(a.userId);
    if (a.actor.startsWith('device:')) ids.add(a.actor.slice('device:'.length));
    for (const key of NAMED_DETAILS) {
      const value = a.details?.[key];
      if (typeof value === 'string') ids.add(value);
    }
  }
  const names: Record<string, string> = {};
  if (ids.size === 0) return names;
  const list = [...ids];
  const rows = await db.query<{ id: string; label: string }>(
    `SELECT id, name AS label FROM centres WHERE id = ANY($1::text[])
     UNION ALL
     SELECT d.id, d.name || '（' || c.name || '）' FROM devices d
       JOIN centres c ON c.id = d.centre_id WHERE d.id = ANY($1::text[])
     UNION ALL
     SELECT id, ${USER_LABEL} FROM district_users WHERE id = ANY($1::text[])
     UNION ALL
     SELECT login, ${USER_LABEL} FROM district_users WHERE login = ANY($1::text[])
     UNION ALL
     SELECT id, COALESCE(data->>'name', data->>'title') FROM documents
       WHERE id = ANY($1::text[]) AND collection IN ('members', 'staff', 'district')
         AND COALESCE(data->>'name', data->>'title') IS NOT NULL`,
    [list],
  );
  for (const r of rows.rows) names[r.id] ??= r.label;
  return names;
}
