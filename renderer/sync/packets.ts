/**
 * Sync packets on the desk (docs/DESIGN.md, "Sync packets"): the desk's packet keys and the
 * district's, writing a packet of every change of this desk the district has not acknowledged,
 * and importing the district's return packet as if pulled.
 *
 * The live replication is left alone: its own checkpoints and bookkeeping stay as they were, and
 * what a return packet brings is written as the backup's restore writes (last writer wins, each
 * row against the version read just before), so the replication sends it up again later and the
 * district finds nothing new in it.
 */
import { normalizeMangoQuery, prepareQuery } from 'rxdb';
import { compareHlc, parseHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import {
  fingerprint,
  generatePartyKeys,
  openPacket,
  PacketError,
  packetFileName,
  readPacket,
  sealPacket,
  type DeskPayload,
  type PacketCheckpoints,
  type PacketHeader,
  type PartyKeys,
  type PublicKeys,
  type ReturnPayload,
} from '../../shared/packets';
import type { BackupDoc } from '../../shared/backup';
import type { CollectionName } from '../../shared/schemas';
import { pickLastWriter } from '../../shared/sync/conflict';
import type { PushRow, WireDoc } from '../../shared/sync/protocol';
import { mergePage, storageOf, type StoredDoc } from '../data/backup';
import type { Platform } from '../platform';
import { deskCollections, type Desk } from '../data/desk';
import { acceptStaffFromDistrict } from '../data/staffAuthority';
import { requirePermission } from '../data/staff';
import { rowsForDistrict, withWhatThisDeskKnows } from './districtShare';
import { errorFromResponse, SyncError } from './errors';
import { ACK_ID, NET_CHECKPOINTS_ID, SET_ASIDE_ID, type Acks } from './syncState';

const PACKETS_ID = 'sync-packets';

/**
 * Where the desk keeps its packet key pairs: the OS secure store, as the device token
 * (renderer/platform, electron/secrets.ts), never the local store.
 */
export type PacketKeyStore = Pick<Platform, 'getSecret' | 'setSecret'>;

/** What the desk keeps about packets (a local document, never synced, never backed up). */
interface PacketState {
  /**
   * Only in stores written before the keys moved to the secure store: moved there, and removed
   * from here, at the first use.
   */
  keys?: PartyKeys;
  /** The district's public keys and their fingerprint, once the district answered. */
  district?: PublicKeys;
  districtFingerprint?: string;
  /** The last packet's number. */
  sequence: number;
  /** Where the return packets imported left this desk, per collection. */
  checkpoints: PacketCheckpoints;
  /** Return packets imported (the newest 200), so the same one again changes nothing. */
  imported: string[];
  lastWrittenAt?: string;
  lastImportedAt?: string;
}

async function loadState(desk: Desk): Promise<PacketState> {
  const doc = await desk.db.getLocal<PacketState>(PACKETS_ID);
  if (doc) return structuredClone(doc.toJSON().data) as PacketState;
  return { sequence: 0, checkpoints: {}, imported: [] };
}

const saveState = (desk: Desk, state: PacketState) =>
  desk.db.upsertLocal(PACKETS_ID, state as never);

function isPartyKeys(value: unknown): value is PartyKeys {
  const v = value as PartyKeys | null;
  return (
    !!v &&
    typeof v.public?.sign === 'string' &&
    typeof v.public?.box === 'string' &&
    typeof v.private?.sign === 'string' &&
    typeof v.private?.box === 'string'
  );
}

/** One key lookup (or making) at a time per desk, so two callers never make two key pairs. */
const keysInFlight = new WeakMap<Desk, Promise<PartyKeys>>();

/**
 * This desk's packet key pairs, from the secure store. Keys an older version left in the local
 * store are moved there; a desk with none makes them. New keys mean the district must learn
 * them again: until the next sync the desk says it is not ready (the district would refuse a
 * packet signed by keys it does not know).
 */
export function deskPacketKeys(desk: Desk, secrets: PacketKeyStore): Promise<PartyKeys> {
  const running = keysInFlight.get(desk);
  if (running) return running;
  const work = (async () => {
    const stored = await secrets.getSecret('packetKeys');
    if (stored) {
      const parsed: unknown = JSON.parse(stored);
      if (isPartyKeys(parsed)) return parsed;
    }
    const state = await loadState(desk);
    const keys = state.keys && isPartyKeys(state.keys) ? state.keys : await generatePartyKeys();
    await secrets.setSecret('packetKeys', JSON.stringify(keys));
    if (!state.keys) {
      delete state.district;
      delete state.districtFingerprint;
    }
    delete state.keys;
    await saveState(desk, state);
    return keys;
  })();
  keysInFlight.set(desk, work);
  void work.finally(() => keysInFlight.delete(desk)).catch(() => undefined);
  return work;
}

/** What the desk screen shows about packets. */
export interface PacketInfo {
  /** Whether the district's keys are known: without them no packet can be written. */
  ready: boolean;
  sequence: number;
  lastWrittenAt: string | null;
  lastImportedAt: string | null;
  districtFingerprint: string | null;
}

export async function packetInfo(desk: Desk): Promise<PacketInfo> {
  const state = await loadState(desk);
  return {
    ready: !!state.district,
    sequence: state.sequence,
    lastWrittenAt: state.lastWrittenAt ?? null,
    lastImportedAt: state.lastImportedAt ?? null,
    districtFingerprint: state.districtFingerprint ?? null,
  };
}

/**
 * Registers this desk's packet public keys with the district and keeps the district's (done at
 * each start of the sync while the link is up; the first time right after enrolment).
 */
export async function registerPacketKeys(
  desk: Desk,
  secrets: PacketKeyStore,
  options: { baseUrl: string; token: string; fetch?: typeof fetch },
): Promise<void> {
  const keys = await deskPacketKeys(desk, secrets);
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await fetchImpl(new URL('/api/packets/keys', options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
      body: JSON.stringify(keys.public),
    });
  } catch (caught) {
    throw new SyncError('offline', caught instanceof Error ? caught.message : String(caught));
  }
  if (!response.ok) throw await errorFromResponse(response);
  const answer = (await response.json()) as { district: PublicKeys; fingerprint: string };
  const now = await loadState(desk);
  now.district = answer.district;
  now.districtFingerprint = await fingerprint(answer.district.sign);
  await saveState(desk, now);
}

/** Every document of `name` stamped after `after`, deletions included, oldest first. */
async function docsAfter(desk: Desk, name: CollectionName, after: string): Promise<StoredDoc[]> {
  const collection = desk.db.collections[name];
  const schema = collection.schema.jsonSchema as never;
  const query = normalizeMangoQuery(schema, {
    selector: { updatedAt: { $gt: after } },
    sort: [{ updatedAt: 'asc' }],
  } as never);
  const found = await storageOf(desk, name).query(prepareQuery(schema, query as never));
  return found.documents as unknown as StoredDoc[];
}

function plain(doc: StoredDoc): WireDoc {
  const { _meta, _rev, _attachments, ...rest } = doc;
  void _meta;
  void _rev;
  void _attachments;
  return rest as unknown as WireDoc;
}

async function loadLocal<T>(desk: Desk, id: string): Promise<T | undefined> {
  const doc = await desk.db.getLocal<T & object>(id);
  return doc ? (doc.toJSON().data as T) : undefined;
}

export interface WrittenPacket {
  fileName: string;
  text: string;
  /** This desk's changes in it (the desk's own waiting count when written). */
  documents: number;
  sequence: number;
}

/**
 * Writes a packet of every change of this desk the district has not acknowledged (by network or
 * by an earlier return packet), as the district may receive them (consent, districtShare.ts),
 * with where this desk is in the district's documents; encrypted to the district, signed by this
 * device. Managers only.
 */
export async function writePacket(desk: Desk, secrets: PacketKeyStore): Promise<WrittenPacket> {
  requirePermission(desk, 'manageStaff');
  const keys = await deskPacketKeys(desk, secrets);
  const state = await loadState(desk);
  const { deviceId, centreId, node } = desk.settings;
  if (!deviceId || !state.district || !state.districtFingerprint) {
    throw new PacketError(
      'no_keys',
      "this desk does not have the district's packet keys yet: they come with the enrolment, over the network; connect once (or enrol again) and try again",
    );
  }
  const acks = (await loadLocal<Acks>(desk, ACK_ID)) ?? {};
  const setAside =
    (
      await loadLocal<{ docs: Array<{ collection: string; id: string; updatedAt: string }> }>(
        desk,
        SET_ASIDE_ID,
      )
    )?.docs ?? [];
  const stuck = new Set(setAside.map((d) => `${d.collection}/${d.id}/${d.updatedAt}`));
  const changes: Record<string, WireDoc[]> = {};
  let documents = 0;
  for (const name of deskCollections(desk)) {
    const own = (await docsAfter(desk, name, acks[name] ?? ''))
      .filter((d) => parseHlc(d.updatedAt)?.node === node)
      .filter((d) => !stuck.has(`${name}/${d.id}/${d.updatedAt}`))
      .map(plain);
    if (own.length === 0) continue;
    const rows = await rowsForDistrict(
      desk,
      name,
      own.map((d): PushRow => ({ newDocumentState: d })),
    );
    changes[name] = rows.map((r) => r.newDocumentState);
    documents += own.length;
  }
  const net = (await loadLocal<PacketCheckpoints>(desk, NET_CHECKPOINTS_ID)) ?? {};
  const checkpoints: PacketCheckpoints = {};
  for (const name of deskCollections(desk)) {
    const at = Math.max(net[name] ?? 0, state.checkpoints[name] ?? 0);
    if (at > 0) checkpoints[name] = at;
  }
  const sequence = state.sequence + 1;
  const header: PacketHeader = {
    format: 'cocare-packet',
    version: 1,
    kind: 'desk',
    packetId: newId(),
    sequence,
    deviceId,
    centreId,
    district: state.districtFingerprint,
    createdAt: new Date(desk.now()).toISOString(),
  };
  const payload: DeskPayload = { checkpoints, pending: documents, changes };
  const text = await sealPacket(header, payload, {
    writerSign: keys.private.sign,
    recipientBox: state.district.box,
  });
  state.sequence = sequence;
  state.lastWrittenAt = header.createdAt;
  await saveState(desk, state);
  return { fileName: packetFileName(header), text, documents, sequence };
}

export interface ImportedReturn {
  /** Documents written to this desk's store (newer than what it held). */
  applied: number;
  /** Documents this desk already held, or held a later version of. */
  skipped: number;
  sequence: number;
}

/**
 * Imports the district's return packet: checks it was signed by the district for this device,
 * takes its acknowledgements (the waiting count drops; `acknowledge` tells a running sync) and
 * applies its documents as a pull would (staff records only when signed by a known manager,
 * what this desk knows of a person kept, last writer wins). Managers only.
 */
export async function importReturnPacket(
  desk: Desk,
  secrets: PacketKeyStore,
  text: string,
  acknowledge: (acks: Acks) => Promise<void> = (acks) => mergeAcks(desk, acks),
): Promise<ImportedReturn> {
  requirePermission(desk, 'manageStaff');
  const keys = await deskPacketKeys(desk, secrets);
  const state = await loadState(desk);
  const file = readPacket(text);
  const { header } = file;
  if (header.kind !== 'return') {
    throw new PacketError(
      'wrong_kind',
      "this is a desk's packet for the district: take it to the district, not to a desk",
    );
  }
  if (!state.district || header.district !== state.districtFingerprint) {
    throw new PacketError('foreign', 'this packet was written by another district');
  }
  if (header.deviceId !== desk.settings.deviceId || header.centreId !== desk.settings.centreId) {
    throw new PacketError(
      'foreign',
      `this packet was written for another desk (${header.deviceId.slice(-8)}), not this one`,
    );
  }
  const payload = await openPacket<ReturnPayload>(file, {
    writerSign: state.district.sign,
    recipientBox: keys.private.box,
  });
  if (state.imported.includes(header.packetId)) {
    throw new PacketError(
      'already_imported',
      `return packet ${header.sequence} was already imported; nothing changed`,
    );
  }
  let applied = 0;
  let skipped = 0;
  const open = new Set<string>(deskCollections(desk));
  for (const [collection, docs] of Object.entries(payload.documents ?? {})) {
    if (!open.has(collection) || !Array.isArray(docs) || docs.length === 0) continue;
    const name = collection as CollectionName;
    for (const doc of docs) {
      if (typeof doc.updatedAt === 'string') desk.clock.observe(doc.updatedAt);
    }
    const taken = name === 'staff' ? await acceptStaffFromDistrict(desk, docs) : docs;
    skipped += docs.length - taken.length;
    const kept = await withWhatThisDeskKnows(desk, name, taken);
    const counts = await mergePage(desk, name, kept as unknown as BackupDoc[], districtWins);
    applied += counts.restored;
    skipped += counts.skipped;
  }
  await acknowledge(payload.acks ?? {});
  const now = await loadState(desk);
  for (const [name, at] of Object.entries(payload.checkpoints ?? {}))
    if (typeof at === 'number' && at > (now.checkpoints[name] ?? 0)) now.checkpoints[name] = at;
  now.imported = [header.packetId, ...now.imported].slice(0, 200);
  now.lastImportedAt = new Date(desk.now()).toISOString();
  await saveState(desk, now);
  return { applied, skipped, sequence: header.sequence };
}

/**
 * The pull's rule (shared/sync/conflict.ts): the district's version is written unless this desk
 * holds the same or a later one (an erasure always wins).
 */
function districtWins(doc: BackupDoc, local: StoredDoc | undefined): boolean {
  if (!local) return true;
  if (local.updatedAt === doc.updatedAt && !!local._deleted === !!doc._deleted) return false;
  const master = doc as unknown as { updatedAt: string; _deleted?: boolean };
  return (
    pickLastWriter(master, local as { updatedAt: string; _deleted?: boolean }).winner === master
  );
}

/** Moves the acknowledged points forward (never back), with no sync running. */
export async function mergeAcks(desk: Desk, acks: Acks): Promise<void> {
  const held = (await loadLocal<Acks>(desk, ACK_ID)) ?? {};
  const merged: Acks = { ...held };
  for (const [name, at] of Object.entries(acks) as Array<[CollectionName, string]>)
    if (typeof at === 'string' && compareHlc(at, merged[name] ?? '') > 0) merged[name] = at;
  await desk.db.upsertLocal(ACK_ID, { ...merged });
}
