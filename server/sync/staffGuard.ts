/**
 * The district's check of staff changes (docs/SECURITY.md, "Staff credentials and authority"): a
 * version of a staff record is stored only when a manager of its centre signed it, by the rule
 * every desk applies too (shared/staffAuthority.ts). The first manager key of a centre is taken on
 * trust from the first desk that sends one, recorded (`staff_root_keys`) and written to the action
 * log; after that, a key must be signed by a manager already known.
 */
import { groupBy } from '../../shared/groupBy';
import type { Queryable } from '../db/db';
import { logAction } from '../district/actionLog';
import { clip, HttpError } from '../errors';
import { judgeStaffChanges, keyFingerprint, type StaffVersion } from '../../shared/staffAuthority';
import type { DocumentProblem } from '../../shared/sync/protocol';
import type { CleanDoc } from './collections';

/** Who pushes (service.ts's `Actor`, as much of it as the guards need). */
export type GuardActor = { kind: 'device'; deviceId: string } | { kind: 'district' };

/**
 * Checks that need the database, by collection: run in the push's transaction on the versions
 * about to be written (not the ones that are no-ops or conflicts), before anything is written.
 * A guard throws an HttpError to refuse the whole push.
 */
export type WriteGuard = (tx: Queryable, actor: GuardActor, writes: CleanDoc[]) => Promise<void>;

/** Serialises staff changes per centre, so no change is signed by a manager being removed. */
const STAFF_LOCK_NAMESPACE = 7_461_003;

const MAX_PROBLEMS = 50;

export async function checkStaffWrites(
  tx: Queryable,
  actor: GuardActor,
  writes: CleanDoc[],
): Promise<void> {
  const byCentre = groupBy(writes, (w) => String(w.data.centreId));
  const problems: DocumentProblem[] = [];
  for (const [centreId, docs] of [...byCentre].sort(([a], [b]) => (a < b ? -1 : 1))) {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      STAFF_LOCK_NAMESPACE,
      centreId,
    ]);
    const { rows } = await tx.query<{
      id: string;
      deleted: boolean;
      data: Record<string, unknown>;
    }>(`SELECT id, deleted, data FROM documents WHERE collection = 'staff' AND centre_id = $1`, [
      centreId,
    ]);
    const known = new Map<string, StaffVersion>(
      rows.map((r) => [r.id, { ...r.data, id: r.id, _deleted: r.deleted }]),
    );
    const { rows: roots } = await tx.query('SELECT 1 FROM staff_root_keys WHERE centre_id = $1', [
      centreId,
    ]);
    const incoming = docs.map((d) => ({ ...d.data, id: d.id, _deleted: d.deleted }));
    const judged = await judgeStaffChanges(
      incoming,
      known,
      roots.length > 0 ? 'chain' : 'firstRoot',
    );
    for (const r of judged.refused)
      problems.push({ collection: 'staff', id: clip(r.id), reason: r.reason });
    if (judged.root && problems.length === 0) await recordRoot(tx, actor, centreId, judged.root);
  }
  if (problems.length > 0) {
    throw new HttpError(
      403,
      'staff_not_authorised',
      `${problems.length} staff record(s) not signed by a manager of the centre; nothing was stored. First: staff ${problems[0]!.id} ${problems[0]!.reason}`,
      problems.slice(0, MAX_PROBLEMS),
    );
  }
}

async function recordRoot(
  tx: Queryable,
  actor: GuardActor,
  centreId: string,
  root: StaffVersion,
): Promise<void> {
  const publicKey = (root.managerKey as { publicKey: string }).publicKey;
  const deviceId = actor.kind === 'device' ? actor.deviceId : null;
  await tx.query(
    'INSERT INTO staff_root_keys (centre_id, staff_id, public_key, device_id) VALUES ($1, $2, $3, $4)',
    [centreId, root.id, publicKey, deviceId],
  );
  await logAction(tx, {
    actor: deviceId ? { device: deviceId } : { cli: 'district' },
    action: 'staff.rootKey',
    target: centreId,
    details: {
      staffId: root.id,
      keyFingerprint: await keyFingerprint(publicKey),
      ...(deviceId ? { deviceId } : {}),
    },
  });
}

/** The guards of the collections that have one. */
export const WRITE_GUARDS: Readonly<Record<string, WriteGuard>> = { staff: checkStaffWrites };
