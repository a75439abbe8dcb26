/**
 * Device authentication: `Authorization: Bearer <token>`, looked up by the token's SHA-256, and
 * the rotation of device tokens.
 */
import { newToken as newTokenValue, sha256 } from './crypto';
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

/**
 * Device tokens rotate. Once a token is this old, an answer to a sync request offers the desk a new
 * one in the `CoCare-Device-Token` header (NEW_DEVICE_TOKEN_HEADER); the desk stores it and uses it
 * from its next request, which makes it the device's token. A desk that is offline keeps its token
 * until it is back: rotation never locks a desk out.
 */
export const TOKEN_ROTATE_AFTER_MS = 7 * 24 * 3600_000;
/** An offered token the desk has not used within this time was lost: another is offered. */
export const TOKEN_REOFFER_AFTER_MS = 3600_000;
/** The token a desk has switched from keeps working this long, for requests already under way. */
export const OLD_TOKEN_GRACE_MS = 24 * 3600_000;

export interface AuthenticatedDevice {
  actor: DeviceActor;
  /** A new token to offer the desk in this answer (`offerNewToken` only). */
  newToken?: string;
}

/**
 * The device whose token the `Authorization` header carries: its current token, the one it was
 * offered (which then becomes current), or the one it had before, within the grace period. With
 * `offerNewToken`, a new token is offered when the current one is due.
 */
export async function checkDeviceToken(
  db: Queryable,
  authorization: string | undefined,
  options: { offerNewToken: boolean },
): Promise<AuthenticatedDevice> {
  const tokenHash = deviceTokenHash(authorization);
  if (!tokenHash) {
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
    is_current: boolean;
    is_offered: boolean;
    may_offer: boolean;
  }>(
    `SELECT id, centre_id, revoked_at, revoked_reason, last_seen_at,
            token_hash = $1 AS is_current,
            next_token_hash IS NOT DISTINCT FROM $1 AS is_offered,
            token_issued_at <= now() - make_interval(secs => $2)
              AND (next_token_hash IS NULL
                   OR next_token_offered_at <= now() - make_interval(secs => $3)) AS may_offer
       FROM devices
      WHERE token_hash = $1 OR next_token_hash = $1
         OR (previous_token_hash = $1 AND previous_token_expires_at > now())`,
    [tokenHash, TOKEN_ROTATE_AFTER_MS / 1000, TOKEN_REOFFER_AFTER_MS / 1000],
  );
  const device = rows[0];
  if (!device) {
    throw unknownToken();
  }
  if (device.revoked_at) throw new DeviceRevokedError(device.revoked_at, device.revoked_reason);
  if (!device.last_seen_at || Date.now() - device.last_seen_at.getTime() > LAST_SEEN_EVERY_MS) {
    await db.query('UPDATE devices SET last_seen_at = now() WHERE id = $1', [device.id]);
  }
  const actor: DeviceActor = { kind: 'device', deviceId: device.id, centreId: device.centre_id };
  if (device.is_offered) {
    // The desk has stored the offered token: it becomes the device's, and the one it replaces
    // keeps working a while. Of two requests doing this at once, one does it.
    await db.query(
      `UPDATE devices
          SET previous_token_hash = token_hash,
              previous_token_expires_at = now() + make_interval(secs => $3),
              token_hash = next_token_hash, token_issued_at = now(),
              next_token_hash = NULL, next_token_offered_at = NULL
        WHERE id = $1 AND next_token_hash = $2`,
      [device.id, tokenHash, OLD_TOKEN_GRACE_MS / 1000],
    );
    return { actor };
  }
  if (!options.offerNewToken || !device.is_current || !device.may_offer) return { actor };
  const newToken = newTokenValue();
  const offered = await db.query(
    `UPDATE devices SET next_token_hash = $3, next_token_offered_at = now()
      WHERE id = $1 AND token_hash = $2
        AND (next_token_hash IS NULL
             OR next_token_offered_at <= now() - make_interval(secs => $4))`,
    [device.id, tokenHash, sha256(newToken), TOKEN_REOFFER_AFTER_MS / 1000],
  );
  return offered.rowCount ? { actor, newToken } : { actor };
}

const unknownToken = () =>
  new HttpError(
    401,
    'unauthorized',
    'unknown device token: enrol this desk with a code from the district',
  );

/** The SHA-256 of the token an `Authorization: Bearer` header carries (null without one). */
export function deviceTokenHash(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match ? sha256(match[1]!) : null;
}

/**
 * Many tokens checked at once, by the rules of `authenticateDevice`, in one query however many
 * there are (the live streams' pings, server/sync/streams.ts): for each token hash, null when it
 * still authenticates its device, or the error a request with it would get now. The devices found
 * are marked as seen, as their requests would mark them.
 */
export async function recheckDeviceTokens(
  db: Queryable,
  tokenHashes: readonly string[],
): Promise<Map<string, HttpError | null>> {
  const verdicts = new Map<string, HttpError | null>(tokenHashes.map((h) => [h, unknownToken()]));
  if (tokenHashes.length === 0) return verdicts;
  // One index lookup per token and column (an OR over the three would read every device).
  const { rows } = await db.query<{
    hash: string;
    id: string;
    revoked_at: Date | null;
    revoked_reason: string | null;
    stale: boolean;
  }>(
    `WITH t(hash) AS (SELECT unnest($1::text[])),
          found AS (
            SELECT t.hash, d.* FROM t JOIN devices d ON d.token_hash = t.hash
            UNION ALL
            SELECT t.hash, d.* FROM t JOIN devices d ON d.next_token_hash = t.hash
            UNION ALL
            SELECT t.hash, d.* FROM t JOIN devices d
                ON d.previous_token_hash = t.hash AND d.previous_token_expires_at > now())
     SELECT hash, id, revoked_at, revoked_reason,
            last_seen_at IS NULL OR last_seen_at < now() - make_interval(secs => $2) AS stale
       FROM found`,
    [tokenHashes, LAST_SEEN_EVERY_MS / 1000],
  );
  const seen: string[] = [];
  for (const row of rows) {
    if (row.revoked_at) {
      verdicts.set(row.hash, new DeviceRevokedError(row.revoked_at, row.revoked_reason));
      continue;
    }
    verdicts.set(row.hash, null);
    if (row.stale) seen.push(row.id);
  }
  if (seen.length > 0)
    await db.query('UPDATE devices SET last_seen_at = now() WHERE id = ANY($1::text[])', [seen]);
  return verdicts;
}

/** The device of a request (no token is offered): `checkDeviceToken` without rotation. */
export async function authenticateDevice(
  db: Queryable,
  authorization: string | undefined,
): Promise<DeviceActor> {
  return (await checkDeviceToken(db, authorization, { offerNewToken: false })).actor;
}
