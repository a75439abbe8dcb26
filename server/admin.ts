/**
 * Centres, enrolment codes and devices: the district's administration, used by the admin CLI,
 * the HTTP enrolment endpoint and (later) the dashboard.
 */
import { DISTRICT_CENTRE_ID, UNENROLLED_CENTRE_ID } from '../shared/schemas';
import { newId } from '../shared/ids';
import type { EnrolResponse } from '../shared/sync/protocol';
import { newEnrolmentCode, newToken, normaliseEnrolmentCode, sha256 } from './crypto';
import type { Queryable, Db } from './db/db';
import { logAction } from './district/actionLog';
import { HttpError } from './errors';
import { keyedHash, type ServerKey } from './serverKey';

/**
 * A mistake of the person at the keyboard, said in words that name the fix. `what` is the mistake
 * alone (what the dashboard shows); the message adds how to fix it with the CLI.
 */
export class AdminError extends Error {
  readonly what: string;
  /** The thing named does not exist (404 on the HTTP API). */
  readonly notFound: boolean;

  constructor(what: string, options: { cliHint?: string; notFound?: boolean } = {}) {
    super(options.cliHint ? `${what}: ${options.cliHint}` : what);
    this.name = 'AdminError';
    this.what = what;
    this.notFound = options.notFound ?? false;
  }
}

export interface Centre {
  id: string;
  name: string;
  createdAt: Date;
}

export interface Device {
  id: string;
  centreId: string;
  centreName: string;
  name: string;
  createdAt: Date;
  /** The last sync call (written at most once a minute, see auth.ts). */
  lastSeenAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  /** Sync packets (sync/packets.ts): the last packet imported from it, and its own count then. */
  lastPacketAt: Date | null;
  packetPending: number | null;
  /** Whether it registered its packet keys (it can write and read packets). */
  packetReady: boolean;
}

interface DeviceRow {
  id: string;
  centre_id: string;
  centre_name: string;
  name: string;
  created_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  revoked_reason: string | null;
  last_packet_at: Date | null;
  packet_pending: number | null;
  packet_ready: boolean;
}

/** Selects a device joined with its centre (`d` and `c`). */
const DEVICE_SELECT = `SELECT d.id, d.centre_id, c.name AS centre_name, d.name, d.created_at,
       d.last_seen_at, d.revoked_at, d.revoked_reason, d.last_packet_at, d.packet_pending,
       d.packet_box_key IS NOT NULL AS packet_ready
  FROM devices d JOIN centres c ON c.id = d.centre_id`;

function toDevice(r: DeviceRow): Device {
  return {
    id: r.id,
    centreId: r.centre_id,
    centreName: r.centre_name,
    name: r.name,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    revokedAt: r.revoked_at,
    revokedReason: r.revoked_reason,
    lastPacketAt: r.last_packet_at,
    packetPending: r.packet_pending,
    packetReady: r.packet_ready,
  };
}

export const MAX_DEVICE_NAME = 100;
export const MAX_REVOKE_REASON = 500;

export const DEFAULT_CODE_HOURS = 24;
export const MAX_CODE_HOURS = 24 * 30;
const CENTRE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export async function createCentre(
  db: Queryable,
  input: { name: string; id?: string },
): Promise<Centre> {
  const name = input.name.trim();
  if (!name) throw new AdminError('a centre needs a name: centre create --name "<name>"');
  const id = input.id?.trim() || newId();
  if (!CENTRE_ID_PATTERN.test(id)) {
    throw new AdminError(
      `centre id '${id}' is not valid: use 1–40 letters, digits, '-' or '_' (or leave --id out)`,
    );
  }
  if (id === DISTRICT_CENTRE_ID || id === UNENROLLED_CENTRE_ID) {
    throw new AdminError(`centre id '${id}' is reserved: choose another --id`);
  }
  const { rows } = await db.query<{ id: string; name: string; created_at: Date }>(
    `INSERT INTO centres (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING
     RETURNING id, name, created_at`,
    [id, name],
  );
  const row = rows[0];
  if (!row)
    throw new AdminError(`centre '${id}' already exists: list centres with \`centre list\``);
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function listCentres(db: Queryable): Promise<Centre[]> {
  const { rows } = await db.query<{ id: string; name: string; created_at: Date }>(
    'SELECT id, name, created_at FROM centres ORDER BY name, id',
  );
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

async function requireCentre(db: Queryable, centreId: string): Promise<Centre> {
  const { rows } = await db.query<{ id: string; name: string; created_at: Date }>(
    'SELECT id, name, created_at FROM centres WHERE id = $1',
    [centreId],
  );
  const row = rows[0];
  if (!row) {
    throw new AdminError(`unknown centre '${centreId}'`, {
      cliHint: 'list centres with `centre list`',
      notFound: true,
    });
  }
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

/**
 * How a code is stored: an HMAC under the district's key of the code as issued (upper case, no
 * dash), so the stored value cannot be tried against the few hundred billion possible codes.
 */
export function enrolmentCodeHash(key: ServerKey, typed: string): string {
  return keyedHash(key, 'enrolment-code', normaliseEnrolmentCode(typed));
}

/** A one-time code a desk trades for its device token (`POST /api/enrol`). */
export async function issueEnrolmentCode(
  db: Queryable,
  input: { centreId: string; hours?: number },
  key: ServerKey,
): Promise<{ code: string; centreId: string; expiresAt: Date }> {
  const hours = input.hours ?? DEFAULT_CODE_HOURS;
  if (!Number.isFinite(hours) || hours <= 0 || hours > MAX_CODE_HOURS) {
    throw new AdminError(
      `hours must be a number above 0 and at most ${MAX_CODE_HOURS} (got ${hours})`,
    );
  }
  await requireCentre(db, input.centreId);
  const code = newEnrolmentCode();
  const { rows } = await db.query<{ expires_at: Date }>(
    `INSERT INTO enrolment_codes (code_hash, centre_id, expires_at)
     VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at`,
    [enrolmentCodeHash(key, code), input.centreId, Math.round(hours * 3600)],
  );
  return { code, centreId: input.centreId, expiresAt: rows[0]!.expires_at };
}

/** The one answer to a code that is not known, used or expired. */
export const BAD_CODE =
  'this enrolment code is not valid (mistyped, already used or expired): check it, or ask the district for a new one';

function isWellFormed(text: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/**
 * Trades a one-time code for a device token. A wrong, used or expired code gets one and the same
 * 400, so guessing tells nothing about which codes exist or once existed.
 */
export async function enrolDevice(
  db: Db,
  input: unknown,
  key: ServerKey,
  /** The address the desk enrolled from, for the action log. */
  address: string | null = null,
): Promise<EnrolResponse> {
  const body = (input ?? {}) as { code?: unknown; deviceName?: unknown };
  if (typeof body.code !== 'string' || typeof body.deviceName !== 'string') {
    throw new HttpError(
      400,
      'bad_request',
      'enrolment takes {"code": "XXXX-XXXX", "deviceName": "<a name for this desk>"}, both text',
    );
  }
  // A name is shown in lists and stored as text: no control characters, no broken characters.
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  if (/[\u0000-\u001f\u007f]/.test(body.deviceName) || !isWellFormed(body.deviceName)) {
    throw new HttpError(
      400,
      'bad_request',
      "deviceName must be plain text without control characters: type the desk's name again",
    );
  }
  const deviceName =
    Array.from(body.deviceName.trim()).slice(0, MAX_DEVICE_NAME).join('') || 'desk';
  const codeHash = enrolmentCodeHash(key, body.code);
  const token = newToken();
  const deviceId = newId();
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ centre_id: string; used_at: Date | null; expired: boolean }>(
      `SELECT centre_id, used_at, expires_at <= now() AS expired
         FROM enrolment_codes WHERE code_hash = $1 FOR UPDATE`,
      [codeHash],
    );
    const row = rows[0];
    if (!row || row.used_at || row.expired)
      throw new HttpError(400, 'enrolment_code_invalid', BAD_CODE);
    await tx.query(
      'UPDATE enrolment_codes SET used_at = now(), used_by_device = $2 WHERE code_hash = $1',
      [codeHash, deviceId],
    );
    await tx.query(
      'INSERT INTO devices (id, centre_id, name, token_hash) VALUES ($1, $2, $3, $4)',
      [deviceId, row.centre_id, deviceName, sha256(token)],
    );
    const centre = await requireCentre(tx, row.centre_id);
    // Every desk the district trusts is in the log, by the desk itself, with the commit.
    await logAction(tx, {
      actor: { device: deviceId },
      action: 'device.enrol',
      target: deviceId,
      details: { centreId: centre.id, name: deviceName },
      address,
    });
    return { deviceId, token, centreId: centre.id, centreName: centre.name };
  });
}

export async function listDevices(
  db: Queryable,
  input: { centreId?: string } = {},
): Promise<Device[]> {
  if (input.centreId) await requireCentre(db, input.centreId);
  const { rows } = await db.query<DeviceRow>(
    `${DEVICE_SELECT}
      WHERE ($1::text IS NULL OR d.centre_id = $1) ORDER BY d.centre_id, d.created_at, d.id`,
    [input.centreId ?? null],
  );
  return rows.map(toDevice);
}

function unknownDevice(deviceId: string): AdminError {
  return new AdminError(`unknown device '${deviceId}'`, {
    cliHint: 'list devices with `device list`',
    notFound: true,
  });
}

export async function getDevice(db: Queryable, deviceId: string): Promise<Device> {
  const { rows } = await db.query<DeviceRow>(`${DEVICE_SELECT} WHERE d.id = $1`, [deviceId]);
  if (!rows[0]) throw unknownDevice(deviceId);
  return toDevice(rows[0]);
}

/**
 * Revokes a device: its token stops working at once; it must be enrolled again. The reason is
 * told to the device. Revoking again keeps the first time and reason.
 */
export async function revokeDevice(
  db: Queryable,
  deviceId: string,
  reason?: string,
): Promise<Device> {
  const why = reason?.trim().slice(0, MAX_REVOKE_REASON) || null;
  const { rowCount } = await db.query(
    `UPDATE devices SET revoked_at = coalesce(revoked_at, now()),
            revoked_reason = CASE WHEN revoked_at IS NULL THEN $2 ELSE revoked_reason END
      WHERE id = $1`,
    [deviceId, why],
  );
  if (!rowCount) throw unknownDevice(deviceId);
  return getDevice(db, deviceId);
}

/** Gives a device another name (what the district calls the desk; the token stays). */
export async function renameDevice(db: Queryable, deviceId: string, name: string): Promise<Device> {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > MAX_DEVICE_NAME) {
    throw new AdminError(`a device name has 1 to ${MAX_DEVICE_NAME} characters`);
  }
  const { rowCount } = await db.query('UPDATE devices SET name = $2 WHERE id = $1', [
    deviceId,
    trimmed,
  ]);
  if (!rowCount) throw unknownDevice(deviceId);
  return getDevice(db, deviceId);
}
