import {
  getChangedDocumentsSince,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
} from 'rxdb';
import {
  readBackup,
  writeBackup,
  type BackupContent,
  type BackupDoc,
  type BackupHeader,
  type BackupKeys,
  type OpenedBackup,
} from '../../shared/backup';
import { compareHlc } from '../../shared/hlc';
import type { CollectionName } from '../../shared/schemas';
import { deskCollections, type Desk } from './desk';
import { requirePermission } from './staff';

/**
 * Local documents worth a backup: the centre rules the manager set (renderer/data/rules.ts). The
 * desk's own settings (its clock node, enrolment) and the sync bookkeeping belong to the machine,
 * not to the centre, and are left out.
 */
const LOCAL_DOCS_KEPT = ['centre-rules'] as const;
const PAGE = 1_000;
const RESTORE_CONTEXT = 'cocare-backup-restore';

export type StoredDoc = Record<string, unknown> & {
  id: string;
  updatedAt: string;
  _deleted: boolean;
};
/** A collection's storage, as the wrapped instance RxDB gives it (hooks, validation, encryption). */
type Storage = RxStorageInstance<StoredDoc, unknown, unknown>;

export function storageOf(desk: Desk, name: CollectionName): Storage {
  return desk.db.collections[name].storageInstance as unknown as Storage;
}

function withoutBookkeeping(doc: Record<string, unknown>): BackupDoc {
  const { _meta, _rev, _attachments, ...rest } = doc;
  void _meta;
  void _rev;
  void _attachments;
  return rest as BackupDoc;
}

/**
 * Every document of every collection the desk has open, tombstones (RxDB's deleted flag) and all,
 * read straight from each collection's storage in pages. Queries would leave the tombstones out,
 * and a backup without them could bring deleted records back.
 */
export async function collectBackup(desk: Desk): Promise<BackupContent> {
  const collections: Record<string, BackupDoc[]> = {};
  for (const name of deskCollections(desk)) {
    const storage = storageOf(desk, name);
    const docs: BackupDoc[] = [];
    let checkpoint: RxStorageDefaultCheckpoint | undefined;
    for (;;) {
      const page = await getChangedDocumentsSince(storage, PAGE, checkpoint);
      docs.push(...page.documents.map(withoutBookkeeping));
      if (page.documents.length < PAGE) break;
      checkpoint = page.checkpoint as RxStorageDefaultCheckpoint;
    }
    collections[name] = docs;
  }
  const local: Record<string, unknown> = {};
  for (const id of LOCAL_DOCS_KEPT) {
    const doc = await desk.db.getLocal(id);
    if (doc) local[id] = doc.toJSON().data;
  }
  return { collections, local };
}

/** Seals the desk's whole store into backup bytes (shared/backup.ts). */
export async function makeBackup(
  desk: Desk,
  keys: BackupKeys,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; counts: BackupHeader['counts']; at: Date }> {
  const at = new Date(desk.now());
  const content = await collectBackup(desk);
  const { centreId, centreName, deviceId, node } = desk.settings;
  const bytes = await writeBackup(
    {
      centreId,
      ...(centreName ? { centreName } : {}),
      deviceId: deviceId ?? node,
      createdAt: at.toISOString(),
    },
    content,
    keys,
  );
  const counts = Object.fromEntries(
    Object.entries(content.collections).map(([name, docs]) => [
      name,
      { docs: docs.length, deleted: docs.filter((d) => d._deleted).length },
    ]),
  );
  return { bytes, counts, at };
}

export interface RestoreResult {
  /** Versions written to the store: the desk had none, or an older one. */
  restored: number;
  /** Backed-up versions not written: the desk already had that version or a newer one. */
  skipped: number;
  /** Of the restored, how many are deletions (a record deleted in the backup, unknown here). */
  restoredDeleted: number;
  byCollection: Partial<Record<CollectionName, { restored: number; skipped: number }>>;
  /** The centre rules came back (the desk had none of its own). */
  rulesRestored: boolean;
}

/** Whether the backed-up version should replace what the desk holds (pickLastWriter's rule). */
function isNewer(backedUp: BackupDoc, local: StoredDoc | undefined): boolean {
  return !local || compareHlc(backedUp.updatedAt, local.updatedAt) > 0;
}

/**
 * Restores by merging, never by replacing: each backed-up version is written only where the desk
 * has no version of that record or an older one (by the hybrid clock `updatedAt`, the rule of
 * shared/sync/conflict.ts). A newer local version, or a newer deletion, always stays. What is
 * written is an ordinary local change, so replication takes it up to the district, where
 * last-writer-wins again keeps the district's newer versions and deletions: an old backup cannot
 * bring back a record deleted since, nor roll back a newer edit, on the desk or anywhere.
 */
async function restoreBackup(desk: Desk, opened: OpenedBackup): Promise<RestoreResult> {
  const result: RestoreResult = {
    restored: 0,
    skipped: 0,
    restoredDeleted: 0,
    byCollection: {},
    rulesRestored: false,
  };
  const open = new Set<string>(deskCollections(desk));
  for (const [name, docs] of Object.entries(opened.content.collections)) {
    if (!open.has(name)) continue;
    const collectionName = name as CollectionName;
    const tally = { restored: 0, skipped: 0 };
    result.byCollection[collectionName] = tally;
    for (let i = 0; i < docs.length; i += PAGE) {
      // Only this centre's records: the district's own (rules, notices) are read-only here and
      // come from the district; a record of another centre is never expected, never taken in.
      const page = docs.slice(i, i + PAGE);
      const ours = page.filter((d) => d.centreId === desk.settings.centreId);
      tally.skipped += page.length - ours.length;
      const written = await mergePage(desk, collectionName, ours);
      tally.restored += written.restored;
      tally.skipped += written.skipped;
      result.restoredDeleted += written.deleted;
    }
    result.restored += tally.restored;
    result.skipped += tally.skipped;
  }
  for (const id of LOCAL_DOCS_KEPT) {
    const data = opened.content.local[id];
    if (data && typeof data === 'object' && !(await desk.db.getLocal(id))) {
      await desk.db.upsertLocal(id, { ...(data as object) });
      if (id === 'centre-rules') result.rulesRestored = true;
    }
  }
  return result;
}

/**
 * Writes one page in one storage write, each row against the version read just before (its
 * `previous`): if the desk changed a record in between, that row fails with a conflict and is
 * decided again against the new version, so a concurrent edit is never overwritten.
 */
export async function mergePage(
  desk: Desk,
  name: CollectionName,
  docs: BackupDoc[],
  newer: (doc: BackupDoc, local: StoredDoc | undefined) => boolean = isNewer,
): Promise<{ restored: number; skipped: number; deleted: number }> {
  const storage = storageOf(desk, name);
  const counts = { restored: 0, skipped: 0, deleted: 0 };
  let pending = docs;
  for (let attempt = 0; pending.length > 0; attempt++) {
    const stored = await storage.findDocumentsById(
      pending.map((d) => d.id),
      true,
    );
    const byId = new Map(stored.map((d) => [d.id, d]));
    const rows = [];
    for (const doc of pending) {
      const local = byId.get(doc.id);
      if (!newer(doc, local)) {
        counts.skipped++;
        continue;
      }
      rows.push({
        ...(local ? { previous: local } : {}),
        document: { ...doc, _attachments: {}, _meta: { lwt: 0 }, _rev: '' },
      });
    }
    if (rows.length === 0) break;
    const { error } = await storage.bulkWrite(rows, RESTORE_CONTEXT);
    const failed = new Set(error.map((e) => e.documentId));
    for (const row of rows) {
      const doc = row.document;
      if (failed.has(doc.id)) continue;
      counts.restored++;
      if (doc._deleted) counts.deleted++;
      desk.clock.observe(doc.updatedAt);
    }
    const refused = error.find((e) => e.status !== 409 || attempt >= 3);
    if (refused)
      throw new Error(`restore of ${name}/${refused.documentId} failed (${refused.status})`);
    const conflicts = error.filter((e) => e.status === 409);
    const again = new Set(conflicts.map((e) => e.documentId));
    pending = pending.filter((d) => again.has(d.id));
  }
  return counts;
}

/** Opens a backup file for this desk's centre (throws BackupError) and merges it in. */
export async function restoreFromBytes(
  desk: Desk,
  bytes: Uint8Array,
  keys: BackupKeys,
): Promise<{ opened: OpenedBackup; result: RestoreResult }> {
  requirePermission(desk, 'manageStaff');
  const opened = await readBackup(bytes, keys, desk.settings.centreId);
  return { opened, result: await restoreBackup(desk, opened) };
}
