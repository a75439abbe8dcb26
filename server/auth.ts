/** Device authentication: `Authorization: Bearer <token>`, looked up by the token's SHA-256. */
import { sha256 } from './crypto';
import type { Queryable } from './db/db';
import { clip, HttpError } from './errors';
import type { Actor } from './sync/service';

export type DeviceActor = Extract<Actor, { kind: 'device' }>;

/**
 * 401 `device_revoked`, telling the desk when and why: `{"error": {"code": "device_revoked",
 * "message", "revokedAt", "reason"}}` (`reason` is null when the district gave none).
 */
export class DeviceRevokedError extends HttpError {
  constructor(
    readonly revokedAt: Date,
    readonly reason: string | null,
  ) {
    super(
      401,
      'device_revoked',
      `this device was revoked by the district on ${revokedAt.toISOString()}` +
        `${reason ? ` (${reason})` : ''} and must be enrolled again with a new code`,
    );
  }

  protected override details(): Record<string, unknown> {
    return { revokedAt: this.revokedAt.toISOString(), reason: this.reason };
  }
}

/** last_seen_at is written at most this often per device, so syncing stays read-only. */
const LAST_SEEN_EVERY_MS = 60_000;

export async function authenticateDevice(
  db: Queryable,
  authorization: string | undefined,
): Promise<DeviceActor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) {
    const scheme = /^\s*(\S+)/.exec(authorization ?? '')?.[1];
    throw new HttpError(
      401,
      'unauthorized',
      !scheme
        ? 'missing device token: send "Authorization: Bearer <token>" (enrol the desk to get one)'
        : /^bearer$/i.test(scheme)
          ? 'malformed Authorization header: send "Authorization: Bearer <token>" with the token as one word'
          : `wrong Authorization scheme "${clip(scheme, 20)}": send "Authorization: Bearer <token>" (enrol the desk to get one)`,
    );
  }
  const { rows } = await db.query<{
    id: string;
    centre_id: string;
    revoked_at: Date | null;
    revoked_reason: string | null;
    last_seen_at: Date | null;
  }>(
    `SELECT id, centre_id, revoked_at, revoked_reason, last_seen_at
       FROM devices WHERE token_hash = $1`,
    [sha256(match[1]!)],
  );
  const device = rows[0];
  if (!device) {
    throw new HttpError(
      401,
      'unauthorized',
      'unknown device token: enrol this desk with a code from the district',
    );
  }
  if (device.revoked_at) throw new DeviceRevokedError(device.revoked_at, device.revoked_reason);
  if (!device.last_seen_at || Date.now() - device.last_seen_at.getTime() > LAST_SEEN_EVERY_MS) {
    await db.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [device.id]);
  }
  return { kind: 'device', deviceId: device.id, centreId: device.centre_id };
}
