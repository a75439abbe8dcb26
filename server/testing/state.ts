/**
 * For tests that feed the district bad input: a fingerprint of everything a request could have
 * stored, and a check of the documented error shape (docs/API.md, "Error codes").
 */
import type { DistrictErrorCode } from '../district/types';
import type { Queryable } from '../db/db';

/** What a refused request must leave as it was. */
export interface DistrictState {
  documents: number;
  versions: number;
  /** `doc_seq`: its last value and whether it was drawn (a rolled-back push still moves it). */
  seq: string;
  /** A hash of every document's collection, id, seq, centre, deletion flag and content. */
  documentsHash: string;
  /** A hash of every history row's collection, id and seq. */
  versionsHash: string;
  devices: number;
  revokedDevices: number;
  usedCodes: number;
}

export async function districtState(db: Queryable): Promise<DistrictState> {
  const { rows } = await db.query<{
    documents: string;
    versions: string;
    seq: string;
    documents_hash: string;
    versions_hash: string;
    devices: string;
    revoked_devices: string;
    used_codes: string;
  }>(
    `SELECT
       (SELECT count(*) FROM documents) AS documents,
       (SELECT count(*) FROM document_versions) AS versions,
       (SELECT last_value || '/' || is_called FROM doc_seq) AS seq,
       (SELECT coalesce(md5(string_agg(
           collection || '|' || id || '|' || seq || '|' || centre_id || '|' || deleted || '|' || data::text,
           E'\\n' ORDER BY collection, id)), '') FROM documents) AS documents_hash,
       (SELECT coalesce(md5(string_agg(collection || '|' || id || '|' || seq,
           E'\\n' ORDER BY collection, id, seq)), '') FROM document_versions) AS versions_hash,
       (SELECT count(*) FROM devices) AS devices,
       (SELECT count(*) FROM devices WHERE revoked_at IS NOT NULL) AS revoked_devices,
       (SELECT count(*) FROM enrolment_codes WHERE used_at IS NOT NULL) AS used_codes`,
  );
  const r = rows[0]!;
  return {
    documents: Number(r.documents),
    versions: Number(r.versions),
    seq: r.seq,
    documentsHash: r.documents_hash,
    versionsHash: r.versions_hash,
    devices: Number(r.devices),
    revokedDevices: Number(r.revoked_devices),
    usedCodes: Number(r.used_codes),
  };
}

/** Each error code and the statuses docs/API.md allows for it. */
export const STATUSES_BY_CODE: Record<DistrictErrorCode, readonly number[]> = {
  bad_request: [400, 408, 415, 431],
  invalid_document: [400],
  wrong_centre: [403],
  staff_not_authorised: [403],
  read_only: [403],
  unknown_collection: [404],
  not_found: [404],
  unauthorized: [401],
  device_revoked: [401],
  enrolment_code_invalid: [400],
  payload_too_large: [413],
  rate_limited: [429],
  internal: [500, 503],
  login_failed: [401],
  not_logged_in: [401],
  session_expired: [401],
  forbidden: [403],
  // Sync packets (server/sync/packets.ts).
  packet_not_packet: [400],
  packet_wrong_kind: [400],
  packet_foreign: [403],
  packet_unknown_device: [403],
  packet_revoked: [403],
  packet_bad_signature: [403],
  packet_tampered: [400],
  packet_already_imported: [409],
  packet_no_keys: [409],
};

/** Fields some codes carry beside `code` and `message` (docs/API.md, "Conventions"). */
const EXTRA_FIELDS: Partial<Record<DistrictErrorCode, readonly string[]>> = {
  device_revoked: ['revokedAt', 'reason'],
  // The publishing API names the field at fault (docs/API.md, `POST /api/district/publish`).
  bad_request: ['field'],
};

/**
 * What is wrong with an error answer, by docs/API.md: the body is exactly
 * `{"error": {"code", "message", "problems"?}}`, the code is a documented one that goes with this
 * status, the message is non-empty, and each problem is `{collection, id, reason}`. Empty when
 * all is well.
 */
export function errorShapeProblems(status: number, body: unknown): string[] {
  const out: string[] = [];
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return [`the body is not a JSON object: ${JSON.stringify(body)?.slice(0, 200)}`];
  }
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'error') out.push(`top-level keys ${JSON.stringify(keys)}`);
  const error = (body as { error?: unknown }).error;
  if (error === null || typeof error !== 'object' || Array.isArray(error)) {
    return [...out, `error is not an object: ${JSON.stringify(error)?.slice(0, 200)}`];
  }
  const e = error as Record<string, unknown>;
  for (const key of Object.keys(e)) {
    const extra = EXTRA_FIELDS[e.code as DistrictErrorCode] ?? [];
    if (!['code', 'message', 'problems', ...extra].includes(key))
      out.push(`unexpected error.${key}`);
  }
  const allowed = STATUSES_BY_CODE[e.code as DistrictErrorCode] as readonly number[] | undefined;
  if (typeof e.code !== 'string' || !allowed) out.push(`undocumented code ${String(e.code)}`);
  else if (!allowed.includes(status)) out.push(`code ${e.code} does not go with status ${status}`);
  if (typeof e.message !== 'string' || e.message.trim() === '') out.push('message is empty');
  else if (e.message.length > 1000) out.push(`message is ${e.message.length} characters long`);
  if (e.problems !== undefined) {
    if (!Array.isArray(e.problems) || e.problems.length === 0) {
      out.push('problems is not a non-empty array');
    } else {
      for (const p of e.problems as unknown[]) {
        const ok =
          p !== null &&
          typeof p === 'object' &&
          typeof (p as Record<string, unknown>).collection === 'string' &&
          typeof (p as Record<string, unknown>).id === 'string' &&
          typeof (p as Record<string, unknown>).reason === 'string' &&
          Object.keys(p).length === 3;
        if (!ok) out.push(`problem is not {collection, id, reason}: ${JSON.stringify(p)}`);
      }
    }
  }
  return out;
}
