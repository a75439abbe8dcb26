/**
 * Retention (docs/DOMAIN.md "Privacy and safety", docs/API.md "Retention"): what the district
 * keeps, and for how long.
 *
 * - A person who left a centre is kept for `eraseLeftAfterYears` after leaving (at least five:
 *   elder-care records are kept five years after service ends), then erased exactly as a centre's
 *   erasure is (server/sync/erasure.ts): the district writes the erased record through the sync
 *   rules, which scrub everything about the person, and the desks get it by sync.
 * - The audit log (the desks' `auditLog`, synced) and the district's action log are kept
 *   `logMonths` (at least six: Cybersecurity Law art. 21), then purged: an audit entry becomes a
 *   tombstone without its content (so the desks drop it too) and its history goes; an action-log
 *   row is deleted.
 *
 * Run by the server every `intervalHours` (`scheduleRetention`) and by `retention run` in the
 * admin CLI. Every step is idempotent: two servers running it at once do nothing twice.
 */
import { subMonths, subYears } from 'date-fns';
import { HybridClock } from '../shared/hlc';
import { erasedMember, MIN_ERASE_AFTER_YEARS, MIN_LOG_MONTHS } from '../shared/rules/erasure';
import type { Queryable } from './db/db';
import { logAction } from './district/actionLog';
import { toWireDoc } from './sync/collections';
import { DISTRICT_ERASER } from './sync/erasure';
import type { SyncService } from './sync/service';

export interface RetentionSettings {
  /** Years after leaving before a person is erased (at least 5). */
  eraseLeftAfterYears: number;
  /** Months the audit log and the action log are kept (at least 6). */
  logMonths: number;
  /** Hours between the server's runs; 0 runs none (run `retention run` from cron instead). */
  intervalHours: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  eraseLeftAfterYears: 5,
  logMonths: 36,
  intervalHours: 24,
};

export interface RetentionResult {
  /** The people erased, by id. */
  erased: string[];
  auditPurged: number;
  actionsPurged: number;
}

/** The job's name in the action log (`job:retention`) and as the sync's district actor. */
const JOB = 'retention';
/** Audit entries purged per push (the sync's push limit is 1,000 rows). */
const PURGE_BATCH = 500;

/** Refuses periods below the law's minimums, naming the setting and the minimum. */
export function checkRetention(settings: RetentionSettings): void {
  if (!(settings.eraseLeftAfterYears >= MIN_ERASE_AFTER_YEARS))
    throw new Error(
      `eraseLeftAfterYears must be at least ${MIN_ERASE_AFTER_YEARS}: records are kept five years after service ends (got ${settings.eraseLeftAfterYears})`,
    );
  if (!(settings.logMonths >= MIN_LOG_MONTHS))
    throw new Error(
      `logMonths must be at least ${MIN_LOG_MONTHS}: logs are kept at least six months (got ${settings.logMonths})`,
    );
}

interface LeftRow {
  id: string;
  deleted: boolean;
  data: Record<string, unknown>;
}

/**
 * People whose record says `left`, and has said so since before `cutoff`: the first version of
 * the last unbroken run of `left` versions reached the district before it (a person who came back
 * and left again counts from the second leaving).
 */
async function leftBefore(db: Queryable, cutoff: Date): Promise<LeftRow[]> {
  const { rows } = await db.query<LeftRow>(
    `SELECT d.id, d.deleted, d.data FROM documents d
      WHERE d.collection = 'members' AND NOT d.deleted AND d.data->>'status' = 'left'
        AND (SELECT min(v.at) FROM document_versions v
              WHERE v.collection = 'members' AND v.id = d.id
                AND v.seq > coalesce((SELECT max(w.seq) FROM document_versions w
                                       WHERE w.collection = 'members' AND w.id = d.id
                                         AND coalesce(w.data->>'status', 'active') <> 'left'), 0)
            ) < $1::timestamptz
      ORDER BY d.id`,
    [cutoff.toISOString()],
  );
  return rows;
}

/** Runs the retention rules once (see the file's comment). `now` is for the periods only. */
export async function runRetention(
  db: Queryable,
  sync: SyncService,
  settings: RetentionSettings,
  now = new Date(),
): Promise<RetentionResult> {
  checkRetention(settings);
  const district = { kind: 'district', name: JOB } as const;
  const clock = new HybridClock(DISTRICT_ERASER);

  // 1. People who left long enough ago: erased one by one, each in its own push.
  const erased: string[] = [];
  for (const row of await leftBefore(db, subYears(now, settings.eraseLeftAfterYears))) {
    if (typeof row.data.updatedAt === 'string') clock.observe(row.data.updatedAt);
    const shell = {
      ...erasedMember(row.data),
      updatedAt: clock.tick(),
      updatedBy: DISTRICT_ERASER,
    };
    const conflicts = await sync.pushMany(district, [
      {
        collection: 'members',
        rows: [
          {
            assumedMasterState: toWireDoc(row.data, row.deleted),
            newDocumentState: toWireDoc(shell, false),
          },
        ],
      },
    ]);
    // Changed meanwhile (a desk's edit): the next run looks again.
    if ((conflicts.members ?? []).length === 0) erased.push(row.id);
  }

  // 2. Audit entries older than the period: tombstones without content, and no history.
  const logCutoff = subMonths(now, settings.logMonths);
  let auditPurged = 0;
  for (;;) {
    const { rows } = await db.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM documents
        WHERE collection = 'auditLog' AND NOT deleted AND data->>'createdAt' < $1
        ORDER BY data->>'createdAt', id LIMIT ${PURGE_BATCH}`,
      [logCutoff.toISOString()],
    );
    if (rows.length === 0) break;
    const tombstones = rows.map(({ data }) => {
      if (typeof data.updatedAt === 'string') clock.observe(data.updatedAt);
      const { id, centreId, createdAt, action, subjectCollection, subjectId } = data;
      return {
        assumedMasterState: toWireDoc(data, false),
        newDocumentState: toWireDoc(
          {
            id,
            centreId,
            createdAt,
            updatedAt: clock.tick(),
            updatedBy: DISTRICT_ERASER,
            action,
            subjectCollection,
            subjectId,
          },
          true,
        ),
      };
    });
    const conflicts = await sync.pushMany(district, [{ collection: 'auditLog', rows: tombstones }]);
    const changed = new Set((conflicts.auditLog ?? []).map((c) => c.id));
    const purged = rows.map((r) => String(r.data.id)).filter((id) => !changed.has(id));
    await db.query(
      `DELETE FROM document_versions
        WHERE collection = 'auditLog' AND id = ANY($1::text[]) AND NOT deleted`,
      [purged],
    );
    auditPurged += purged.length;
    // Entries a desk changed meanwhile stay for the next run; never loop on them.
    if (changed.size > 0) break;
  }

  // 3. The district's own action log.
  const { rowCount } = await db.query(
    'DELETE FROM district_action_log WHERE at < $1::timestamptz',
    [logCutoff.toISOString()],
  );
  const actionsPurged = rowCount ?? 0;

  const result = { erased, auditPurged, actionsPurged };
  if (erased.length > 0 || auditPurged > 0 || actionsPurged > 0) {
    await logAction(db, {
      actor: { job: JOB },
      action: 'retention.run',
      details: {
        erased: erased.length,
        auditPurged,
        actionsPurged,
        eraseAfterYears: settings.eraseLeftAfterYears,
        logMonths: settings.logMonths,
      },
    });
  }
  return result;
}

/** The result in a line, for the CLI and the server's log. */
export function describeRetention(r: RetentionResult, s: RetentionSettings): string {
  return (
    `retention: erased ${r.erased.length} people who left more than ${s.eraseLeftAfterYears} years ago; ` +
    `purged ${r.auditPurged} audit entries and ${r.actionsPurged} action-log entries older than ${s.logMonths} months`
  );
}

/**
 * Runs `job` every `intervalMs`, the first time after `firstAfterMs`; one run at a time. Returns
 * the function that stops it, which resolves once a run under way has ended. The timer does not
 * keep the process alive.
 */
export function scheduleRetention(options: {
  job: () => Promise<void>;
  intervalMs: number;
  firstAfterMs: number;
}): () => Promise<void> {
  let current: Promise<void> | null = null;
  const tick = () => {
    if (current) return;
    current = options
      .job()
      // The job reports its own failures (server/main.ts logs them); one that escapes it must
      // still not end the process.
      .catch((err: unknown) => console.error('retention: a run failed', err))
      .finally(() => (current = null));
  };
  const first = setTimeout(tick, options.firstAfterMs);
  const every = setInterval(tick, options.intervalMs);
  first.unref();
  every.unref();
  // Stopping waits for a run under way, so the database is not closed under it.
  return async () => {
    clearTimeout(first);
    clearInterval(every);
    await current;
  };
}
