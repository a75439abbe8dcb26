import { HybridClock, compareHlc, parseHlc } from '../../shared/hlc';
import {
  COLLECTION_NAMES,
  UNENROLLED_CENTRE_ID,
  type CollectionName,
  type StaffDoc,
} from '../../shared/schemas';
import type { SigningKey } from '../../shared/staffAuthority';
import type { DeskDatabase } from './database';

/** Settings kept in the local store (RxDB local document), never synced. */
export interface DeskSettings {
  /** This desk's id in hybrid-clock timestamps; made once, on the first start. */
  node: string;
  centreId: string;
  centreName?: string;
  districtUrl?: string;
  deviceId?: string;
}

const SETTINGS_ID = 'desk-settings';

/** Everything a write needs to stamp a document: the store, the clock and who is at the desk. */
export interface Desk {
  db: DeskDatabase;
  clock: HybridClock;
  settings: DeskSettings;
  /** Who is logged in at the desk, if anyone (renderer/data/staff.ts). */
  session: DeskSession | null;
  /** Who makes a change: the staff member logged in, or the desk itself (sync, sweeps). */
  actor(): string;
  /** The machine's wall clock, in ms (a test gives a desk a wrong one). */
  now(): number;
}

export interface DeskSession {
  staff: StaffDoc;
  since: string;
  /**
   * A manager's signing key, unlocked by the password typed at login and kept only in memory for
   * the session: staff changes are signed with it (shared/staffAuthority.ts).
   */
  signingKey?: SigningKey;
}

function newNode(): string {
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return 'd' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function loadSettings(db: DeskDatabase): Promise<DeskSettings> {
  const existing = await db.getLocal<DeskSettings>(SETTINGS_ID);
  if (existing) return { ...existing.toJSON().data };
  const settings: DeskSettings = { node: newNode(), centreId: UNENROLLED_CENTRE_ID };
  await db.upsertLocal(SETTINGS_ID, { ...settings });
  return settings;
}

export async function saveSettings(db: DeskDatabase, settings: DeskSettings): Promise<void> {
  await db.upsertLocal(SETTINGS_ID, { ...settings });
}

/** The collections this desk's store has open (all of them, except in some Node tests). */
export function deskCollections(desk: { db: DeskDatabase }): CollectionName[] {
  return COLLECTION_NAMES.filter((name) => name in desk.db.collections);
}

const CLOCK_MARK_ID = 'clock-mark';

const readMark = async (db: DeskDatabase) =>
  (await db.getLocal<{ at: string }>(CLOCK_MARK_ID))?.toJSON().data.at;

/**
 * The newest `updatedAt` in the store, so a restarted desk never issues an older timestamp, and
 * how many documents it read to find it. The store's indexes are ascending, so asking for the
 * newest directly would read and sort every document: a start reads only the documents stamped
 * after the mark, which the open desk keeps up with its clock (`keepClockMark`). Without it, the
 * first start after a first sync read the whole history again (58,000 documents decrypted: 10 s).
 */
export async function latestTimestamp(
  db: DeskDatabase,
): Promise<{ at: string | undefined; read: number }> {
  const mark = await readMark(db);
  let latest = mark;
  let read = 0;
  for (const name of deskCollections({ db })) {
    const newer = await db.collections[name]
      .find({ selector: { updatedAt: { $gt: mark ?? '' } }, sort: [{ updatedAt: 'asc' }] })
      .exec();
    read += newer.length;
    const at = newer.at(-1)?.updatedAt;
    if (at && (!latest || compareHlc(at, latest) > 0)) latest = at;
  }
  if (latest && latest !== mark) await db.upsertLocal(CLOCK_MARK_ID, { at: latest });
  return { at: latest, read };
}

/**
 * Moves the clock's mark up to what the clock has issued or taken in. A mark ahead of what is
 * stored (a pulled document the clock saw, then lost to a crash before it was written) only
 * starts the clock that much later, which a hybrid clock allows; a mark behind costs reading.
 */
export async function saveClockMark(desk: Desk): Promise<void> {
  const at = desk.clock.current();
  if (!parseHlc(at)?.wallMs) return;
  const mark = await readMark(desk.db);
  if (!mark || compareHlc(at, mark) > 0) await desk.db.upsertLocal(CLOCK_MARK_ID, { at });
}

/**
 * Keeps the clock's mark within `everyMs` of the clock while the desk is open, so a restart reads
 * at most that much of the session's documents, whatever a first sync or a day brought. Returns a
 * function that stops it.
 */
export function keepClockMark(desk: Desk, everyMs = 30_000): () => void {
  let saving = false;
  const timer = setInterval(() => {
    if (saving || desk.db.closed) return;
    saving = true;
    saveClockMark(desk)
      .catch(() => undefined)
      .finally(() => (saving = false));
  }, everyMs);
  return () => clearInterval(timer);
}

export async function openDesk(db: DeskDatabase, now: () => number = Date.now): Promise<Desk> {
  const settings = await loadSettings(db);
  const clock = new HybridClock(settings.node, now, (await latestTimestamp(db)).at);
  const desk: Desk = {
    db,
    clock,
    settings,
    session: null,
    actor: () => desk.session?.staff.id ?? settings.node,
    now,
  };
  return desk;
}

/** The longest centre name a card and the top bar show. */
export const MOST_CENTRE_NAME_CHARS = 40;

export class CentreNameRefused extends Error {
  constructor(readonly problem: 'required' | 'tooLong' | 'enrolled') {
    super(`centre name refused: ${problem}`);
  }
}

/**
 * The centre's name as the manager types it at the first start, kept in the desk's own settings
 * (printed on member cards, shown in the top bar). Enrolment later puts the district's name for
 * the centre in its place (enrolment.ts `adoptCentre`); an enrolled desk's name is the district's.
 */
export async function nameCentre(desk: Desk, typed: string): Promise<void> {
  const name = typed.trim().replace(/\s+/g, ' ');
  if (!name) throw new CentreNameRefused('required');
  if ([...name].length > MOST_CENTRE_NAME_CHARS) throw new CentreNameRefused('tooLong');
  if (desk.settings.centreId !== UNENROLLED_CENTRE_ID) throw new CentreNameRefused('enrolled');
  desk.settings.centreName = name;
  await saveSettings(desk.db, desk.settings);
}
