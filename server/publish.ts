/**
 * The district's own documents, sent to every centre by sync: rules, announcements and activity
 * templates (shared/schemas/district.ts). The dashboard calls this; so do the tests. Each write
 * goes through the sync rules like any other (schema check, sequence number, live hint), as the
 * district: the one writer of these documents.
 */
import { HybridClock } from '../shared/hlc';
import { newId } from '../shared/ids';
import {
  validateDailyRules,
  withDailyDefaults,
  type DailyRules,
} from '../shared/rules/dailySettings';
import { calendarDay } from './district/overview';
import { settingsWithVersion, type PublishedSettings } from '../shared/rules/ruleVersions';
import { mergeRules, validateRules } from '../shared/rules/settings';
import {
  DISTRICT_CENTRE_ID,
  DISTRICT_RULES_ID,
  type DistrictDoc,
  type DistrictKind,
} from '../shared/schemas';
import type { WireDoc } from '../shared/sync/protocol';
import { AdminError } from './admin';
import type { Queryable } from './db/db';
import type { SyncService } from './sync/service';

/**
 * What a rules document carries: centre rules (settings.ts) and, under `daily`, the rules of daily
 * operations (dailySettings.ts: subsidies, visit frequencies, food samples) that the desk reads.
 * Each publication is a version with the day it takes effect (shared/rules/ruleVersions.ts).
 */
export type { PublishedSettings };

export interface PublishInput {
  kind: DistrictKind;
  /** Omit for a new announcement or template; the rules document has a fixed id. */
  id?: string;
  title: string;
  text?: string;
  settings?: PublishedSettings;
  /** `rules`: the first day (YYYY-MM-DD) they are in force; today (the district's day) if absent. */
  effectiveFrom?: string;
  shownFrom?: string;
  shownUntil?: string;
  template?: DistrictDoc['template'];
}

async function current(db: Queryable, id: string): Promise<WireDoc | null> {
  const { rows } = await db.query<{ data: WireDoc; deleted: boolean }>(
    `SELECT data, deleted FROM documents WHERE collection = 'district' AND id = $1`,
    [id],
  );
  const row = rows[0];
  return row ? { ...row.data, _deleted: row.deleted } : null;
}

async function latestStamp(db: Queryable): Promise<string | undefined> {
  const { rows } = await db.query<{ at: string | null }>(
    `SELECT max(data->>'updatedAt') AS at FROM documents WHERE collection = 'district'`,
  );
  return rows[0]?.at ?? undefined;
}

/** The daily rules over their defaults, checked; a shape the checks cannot even read is refused. */
function checkDaily(daily: Partial<DailyRules>): ReturnType<typeof validateDailyRules> {
  try {
    return validateDailyRules(withDailyDefaults(daily));
  } catch {
    return { ok: false, errors: [{ field: '', problem: 'unknown' }] };
  }
}

export async function publishToCentres(
  db: Queryable,
  sync: SyncService,
  input: PublishInput,
  by: string,
  /** The district's day (its time zone), for which version a desk without versions applies. */
  today = calendarDay(new Date(), 'Asia/Shanghai'),
): Promise<DistrictDoc> {
  if (input.kind === 'rules') {
    if (!input.settings || Object.keys(input.settings).length === 0) {
      throw new AdminError('rules to publish need at least one setting (settings: {...})');
    }
    const { daily, ...centre } = input.settings;
    const checked = validateRules(mergeRules(undefined, centre));
    const errors: { field: string; problem: string; min?: number; max?: number }[] = checked.ok
      ? []
      : checked.errors;
    if (daily !== undefined) {
      const checkedDaily = checkDaily(daily);
      if (!checkedDaily.ok)
        errors.push(
          ...checkedDaily.errors.map((e) => ({
            ...e,
            field: e.field ? `daily.${e.field}` : 'daily',
          })),
        );
    }
    if (errors.length > 0) {
      throw new AdminError(
        `these rules are out of range: ${errors
          .map((e) => `${e.field} (${e.problem}${e.min !== undefined ? ` ${e.min}–${e.max}` : ''})`)
          .join(', ')}`,
      );
    }
  }
  const id = input.kind === 'rules' ? DISTRICT_RULES_ID : (input.id ?? newId());
  const before = await current(db, id);
  const clock = new HybridClock('district', Date.now, await latestStamp(db));
  const now = new Date().toISOString();
  let settings: Record<string, unknown> | undefined = input.settings;
  if (input.kind === 'rules' && input.settings) {
    // Every version is kept, dated: a claim prices each meal by the rule in force that day.
    settings = settingsWithVersion(
      before && !before._deleted ? (before as unknown as DistrictDoc) : null,
      {
        effectiveFrom: input.effectiveFrom ?? today,
        publishedAt: now,
        title: input.title,
        settings: input.settings,
      },
      today,
    );
  }
  const doc: DistrictDoc = {
    id,
    centreId: DISTRICT_CENTRE_ID,
    createdAt: typeof before?.createdAt === 'string' ? before.createdAt : now,
    updatedAt: clock.tick(),
    updatedBy: by,
    kind: input.kind,
    title: input.title,
    publishedAt: now,
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(settings ? { settings } : {}),
    ...(input.shownFrom ? { shownFrom: input.shownFrom } : {}),
    ...(input.shownUntil ? { shownUntil: input.shownUntil } : {}),
    ...(input.template ? { template: input.template } : {}),
  };
  const conflicts = await sync.pushMany({ kind: 'district', name: by }, [
    {
      collection: 'district',
      rows: [{ assumedMasterState: before, newDocumentState: { ...doc, _deleted: false } }],
    },
  ]);
  if ((conflicts.district ?? []).length > 0) {
    throw new AdminError(
      `“${input.title}” was changed by someone else meanwhile: reload and try again`,
    );
  }
  return doc;
}

/** What is in force: the rules document, and the announcements and templates not withdrawn. */
export async function listPublished(db: Queryable): Promise<DistrictDoc[]> {
  const { rows } = await db.query<{ data: DistrictDoc }>(
    `SELECT data FROM documents WHERE collection = 'district' AND NOT deleted
      ORDER BY data->>'publishedAt' DESC, id`,
  );
  return rows.map((r) => r.data);
}

/**
 * Withdraws an announcement or template: deleted through the sync rules like any document, so the
 * desks drop it at their next pull (online ones within seconds). The rules document is never
 * withdrawn: publish new rules instead, so a centre never loses the district's figures by mistake.
 */
export async function withdrawFromCentres(
  db: Queryable,
  sync: SyncService,
  id: string,
  by: string,
): Promise<DistrictDoc> {
  const before = await current(db, id);
  if (!before || before._deleted) {
    throw new AdminError(`nothing published with id '${id}' is in force`, { notFound: true });
  }
  if (before.kind === 'rules') {
    throw new AdminError('the rules cannot be withdrawn: publish the rules as they should be');
  }
  const clock = new HybridClock('district', Date.now, await latestStamp(db));
  const gone = { ...before, updatedAt: clock.tick(), updatedBy: by } as DistrictDoc & {
    _deleted?: boolean;
  };
  delete gone._deleted;
  const conflicts = await sync.pushMany({ kind: 'district', name: by }, [
    {
      collection: 'district',
      rows: [{ assumedMasterState: before, newDocumentState: { ...gone, _deleted: true } }],
    },
  ]);
  if ((conflicts.district ?? []).length > 0) {
    throw new AdminError(
      `“${gone.title}” was changed by someone else meanwhile: reload and try again`,
    );
  }
  return gone;
}
