/**
 * The district's own documents, sent to every centre by sync: rules, announcements and activity
 * templates (shared/schemas/district.ts). The dashboard calls this; so do the tests. Each write
 * goes through the sync rules like any other (schema check, sequence number, live hint), as the
 * district: the one writer of these documents.
 */
import { HybridClock } from '../shared/hlc';
import { newId } from '../shared/ids';
import { mergeRules, validateRules, type CentreRules } from '../shared/rules/settings';
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

export interface PublishInput {
  kind: DistrictKind;
  /** Omit for a new announcement or template; the rules document has a fixed id. */
  id?: string;
  title: string;
  text?: string;
  settings?: Partial<CentreRules>;
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

export async function publishToCentres(
  db: Queryable,
  sync: SyncService,
  input: PublishInput,
  by: string,
): Promise<DistrictDoc> {
  if (input.kind === 'rules') {
    if (!input.settings || Object.keys(input.settings).length === 0) {
      throw new AdminError('rules to publish need at least one setting (settings: {...})');
    }
    const checked = validateRules(mergeRules(undefined, input.settings));
    if (!checked.ok) {
      throw new AdminError(
        `these rules are out of range: ${checked.errors
          .map((e) => `${e.field} (${e.problem}${e.min !== undefined ? ` ${e.min}–${e.max}` : ''})`)
          .join(', ')}`,
      );
    }
  }
  const id = input.kind === 'rules' ? DISTRICT_RULES_ID : (input.id ?? newId());
  const before = await current(db, id);
  const clock = new HybridClock('district', Date.now, await latestStamp(db));
  const now = new Date().toISOString();
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
    ...(input.settings ? { settings: input.settings } : {}),
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
