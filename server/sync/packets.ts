/**
 * Sync packets at the district (docs/DESIGN.md, "Sync packets"): the district's own packet keys,
 * each device's public keys, importing a desk's packet by the push rules (service.ts, one
 * transaction with the record that it was imported) and writing the return packet for a device.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { compareHlc } from '../../shared/hlc';
import { newId } from '../../shared/ids';
import {
  fingerprint,
  fromBase64,
  generatePartyKeys,
  openPacket,
  PacketError,
  packetFileName,
  readPacket,
  sealPacket,
  type DeskPayload,
  type PacketCheckpoints,
  type PacketHeader,
  type PacketProblem,
  type PartyKeys,
  type PublicKeys,
  type ReturnPayload,
} from '../../shared/packets';
import { DISTRICT_CENTRE_ID } from '../../shared/schemas';
import type { WireDoc } from '../../shared/sync/protocol';
import type { Db, Queryable } from '../db/db';
import { logAction, type ActionActor } from '../district/actionLog';
import { HttpError } from '../errors';
import type { ServerKey } from '../serverKey';
import { toWireDoc, type CollectionRegistry } from './collections';
import type { SyncService } from './service';

/** The most documents one packet may carry (a fortnight of a busy centre is a few thousand). */
export const MAX_PACKET_DOCUMENTS = 100_000;

/** HTTP status of each refusal. */
const STATUS: Record<PacketProblem, number> = {
  not_packet: 400,
  wrong_kind: 400,
  foreign: 403,
  unknown_device: 403,
  revoked: 403,
  bad_signature: 403,
  tampered: 400,
  already_imported: 409,
  no_keys: 409,
};

/** A refusal as the API says it: code `packet_<problem>`, the reason in English. */
export function packetHttpError(err: PacketError): HttpError {
  return new HttpError(STATUS[err.code], `packet_${err.code}`, err.message);
}

export interface PacketImported {
  packetId: string;
  deviceId: string;
  centreId: string;
  sequence: number;
  documents: number;
  /** Documents where the district kept a later version of its own. */
  conflicts: number;
}

export interface WrittenPacket {
  fileName: string;
  text: string;
  documents: number;
}

interface DeviceRow {
  id: string;
  centre_id: string;
  revoked_at: Date | null;
  revoked_reason: string | null;
  packet_sign_key: string | null;
  packet_box_key: string | null;
  packet_acks: Record<string, string>;
  packet_checkpoints: PacketCheckpoints;
  packet_sequence: number;
}

function seal(key: ServerKey, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64')).join('.');
}

function unseal(key: ServerKey, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', key, iv!);
  decipher.setAuthTag(tag!);
  return Buffer.concat([decipher.update(body!), decipher.final()]).toString('utf8');
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a text is a P-256 public key WebCrypto takes for this use. */
async function isPublicKey(text: unknown, use: 'sign' | 'box'): Promise<boolean> {
  if (typeof text !== 'string' || text.length > 400) return false;
  try {
    await globalThis.crypto.subtle.importKey(
      'spki',
      fromBase64(text),
      { name: use === 'sign' ? 'ECDSA' : 'ECDH', namedCurve: 'P-256' },
      false,
      use === 'sign' ? ['verify'] : [],
    );
    return true;
  } catch {
    return false;
  }
}

export class PacketService {
  private keys: Promise<PartyKeys> | null = null;

  constructor(
    private readonly db: Db,
    private readonly sync: SyncService,
    private readonly registry: CollectionRegistry,
    private readonly serverKey: ServerKey,
  ) {}

  /** The district's packet keys, made once (the first process to need them stores them). */
  districtKeys(): Promise<PartyKeys> {
    this.keys ??= (async () => {
      const made = await generatePartyKeys();
      await this.db.query(
        `INSERT INTO district_packet_keys (sign_public, box_public, private_sealed)
         VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
        [made.public.sign, made.public.box, seal(this.serverKey, JSON.stringify(made.private))],
      );
      const { rows } = await this.db.query<{
        sign_public: string;
        box_public: string;
        private_sealed: string;
      }>('SELECT sign_public, box_public, private_sealed FROM district_packet_keys');
      const row = rows[0]!;
      return {
        public: { sign: row.sign_public, box: row.box_public },
        private: JSON.parse(unseal(this.serverKey, row.private_sealed)) as PartyKeys['private'],
      };
    })();
    this.keys.catch(() => (this.keys = null));
    return this.keys;
  }

  async districtFingerprint(): Promise<string> {
    return fingerprint((await this.districtKeys()).public.sign);
  }

  /**
   * A device's packet public keys, sent by the desk with its device token; answers the district's
   * public keys and their fingerprint.
   */
  async registerDevice(
    deviceId: string,
    body: unknown,
  ): Promise<{ district: PublicKeys; fingerprint: string }> {
    const keys = isObject(body) ? body : {};
    if (!(await isPublicKey(keys.sign, 'sign')) || !(await isPublicKey(keys.box, 'box'))) {
      throw new HttpError(
        400,
        'bad_request',
        "send {sign, box}: the device's P-256 public keys (ECDSA and ECDH), each base64 SPKI",
      );
    }
    await this.db.query(
      'UPDATE devices SET packet_sign_key = $2, packet_box_key = $3 WHERE id = $1',
      [deviceId, keys.sign, keys.box],
    );
    const district = await this.districtKeys();
    return { district: district.public, fingerprint: await fingerprint(district.public.sign) };
  }

  private async device(q: Queryable, deviceId: string, lock = false): Promise<DeviceRow | null> {
    const { rows } = await q.query<DeviceRow>(
      `SELECT id, centre_id, revoked_at, revoked_reason, packet_sign_key, packet_box_key,
              packet_acks, packet_checkpoints, packet_sequence
         FROM devices WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [deviceId],
    );
    return rows[0] ?? null;
  }

  /** Checks who wrote the packet and that it is for this district, then opens it. */
  private async open(
    text: string,
  ): Promise<{ header: PacketHeader; payload: DeskPayload; device: DeviceRow }> {
    const file = readPacket(text);
    const { header } = file;
    if (header.kind !== 'desk') {
      throw new PacketError(
        'wrong_kind',
        'this is a return packet written by the district for a desk: import it on the desk',
      );
    }
    const keys = await this.districtKeys();
    if (header.district !== (await fingerprint(keys.public.sign))) {
      throw new PacketError(
        'foreign',
        `this packet was written for another district (key ${header.district}); nothing was imported`,
      );
    }
    const device = await this.device(this.db, header.deviceId);
    if (!device) {
      throw new PacketError(
        'unknown_device',
        `no device "${header.deviceId.slice(0, 40)}" is enrolled with this district; nothing was imported`,
      );
    }
    if (device.centre_id !== header.centreId) {
      throw new PacketError(
        'foreign',
        `the packet says centre "${header.centreId.slice(0, 40)}" but device ${device.id} belongs to centre "${device.centre_id}"; nothing was imported`,
      );
    }
    if (device.revoked_at) {
      throw new PacketError(
        'revoked',
        `device ${device.id} was revoked${device.revoked_reason ? ` (${device.revoked_reason})` : ''}; its packets are not taken: enrol the desk again`,
      );
    }
    if (!device.packet_sign_key) {
      throw new PacketError(
        'no_keys',
        `device ${device.id} has not registered its packet keys (it does so at its first sync after enrolment)`,
      );
    }
    const payload = await openPacket<DeskPayload>(file, {
      writerSign: device.packet_sign_key,
      recipientBox: keys.private.box,
    });
    if (!isObject(payload) || !isObject(payload.changes) || !isObject(payload.checkpoints)) {
      throw new PacketError('not_packet', 'the packet opened but holds no changes and checkpoints');
    }
    return { header, payload, device };
  }

  /**
   * Imports a desk's packet by the rules of a push (service.ts): schema and centre checks, a
   * conflict decided by the desks' rule, all of it or nothing, in the same transaction as the
   * record that this packet was imported (so the same packet again changes nothing).
   */
  async importPacket(text: string, by: ActionActor): Promise<PacketImported> {
    const { header, payload, device } = await this.open(text);
    const groups: Array<{ collection: string; rows: unknown[] }> = [];
    const acks: Record<string, string> = {};
    let documents = 0;
    for (const [collection, docs] of Object.entries(payload.changes)) {
      if (!Array.isArray(docs)) {
        throw new PacketError('not_packet', `the packet's changes of ${collection} are not a list`);
      }
      this.sync.collection(collection);
      documents += docs.length;
      groups.push({
        collection,
        rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
      });
      for (const d of docs as WireDoc[]) {
        const at = isObject(d) && typeof d.updatedAt === 'string' ? d.updatedAt : '';
        if (at && compareHlc(at, acks[collection] ?? '') > 0) acks[collection] = at;
      }
    }
    const pending = Number.isSafeInteger(payload.pending) ? payload.pending : null;
    const conflicts = await this.sync.pushMany(
      { kind: 'device', deviceId: device.id, centreId: device.centre_id },
      groups,
      {
        lastWriterWins: true,
        maxRows: MAX_PACKET_DOCUMENTS,
        inTransaction: async (tx) => {
          const { rows } = await tx.query(
            `INSERT INTO imported_packets (packet_id, device_id, centre_id, sequence, documents)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (packet_id) DO NOTHING RETURNING packet_id`,
            [header.packetId, device.id, device.centre_id, header.sequence, documents],
          );
          if (rows.length === 0) {
            throw new PacketError(
              'already_imported',
              `packet ${header.sequence} of device ${device.id} was already imported; nothing changed`,
            );
          }
          const now = (await this.device(tx, device.id, true))!;
          const merged = { ...now.packet_acks };
          for (const [c, at] of Object.entries(acks))
            if (compareHlc(at, merged[c] ?? '') > 0) merged[c] = at;
          // The newest packet the desk wrote says where it is; a late one says less.
          const newest = header.sequence >= now.packet_sequence;
          await tx.query(
            `UPDATE devices SET packet_acks = $2::jsonb, last_packet_at = now(),
                    packet_checkpoints = CASE WHEN $3 THEN $4::jsonb ELSE packet_checkpoints END,
                    packet_sequence = GREATEST(packet_sequence, $5),
                    packet_pending = CASE WHEN $3 THEN $6 ELSE packet_pending END
              WHERE id = $1`,
            [
              device.id,
              JSON.stringify(merged),
              newest,
              JSON.stringify(cleanCheckpoints(payload.checkpoints)),
              header.sequence,
              pending,
            ],
          );
          await logAction(tx, {
            actor: by,
            action: 'packet.import',
            target: device.id,
            details: { centreId: device.centre_id, sequence: header.sequence, documents },
          });
        },
      },
    );
    return {
      packetId: header.packetId,
      deviceId: device.id,
      centreId: device.centre_id,
      sequence: header.sequence,
      documents,
      conflicts: Object.values(conflicts).reduce((n, list) => n + list.length, 0),
    };
  }

  /**
   * The district's answer for a device: the acknowledgements of its packets, and every document
   * of its centre and of the district after the checkpoints its newest packet carried (rules,
   * announcements, templates, the other desks' changes), encrypted to the device, signed.
   */
  async returnPacket(deviceId: string, by: ActionActor): Promise<WrittenPacket> {
    const keys = await this.districtKeys();
    const device = await this.device(this.db, deviceId);
    if (!device) {
      throw new PacketError('unknown_device', `no device "${deviceId.slice(0, 40)}" is enrolled`);
    }
    if (device.revoked_at) {
      throw new PacketError('revoked', `device ${device.id} was revoked: it gets no packets`);
    }
    if (!device.packet_box_key) {
      throw new PacketError(
        'no_keys',
        `device ${device.id} has not registered its packet keys (it does so at its first sync after enrolment)`,
      );
    }
    const documents: Record<string, WireDoc[]> = {};
    const checkpoints: PacketCheckpoints = {};
    let count = 0;
    for (const [collection, def] of Object.entries(this.registry)) {
      const after = device.packet_checkpoints[collection] ?? 0;
      const centre = def.scope === 'district' ? DISTRICT_CENTRE_ID : device.centre_id;
      const { rows } = await this.db.query<{
        seq: string;
        deleted: boolean;
        data: Record<string, unknown>;
      }>(
        `SELECT seq, deleted, data FROM documents
          WHERE collection = $1 AND centre_id = $2 AND seq > $3 ORDER BY seq`,
        [collection, centre, after],
      );
      documents[collection] = rows.map((r) => toWireDoc(r.data, r.deleted));
      checkpoints[collection] = rows.length ? Number(rows[rows.length - 1]!.seq) : after;
      count += rows.length;
    }
    const { rows: imported } = await this.db.query<{ packet_id: string }>(
      `SELECT packet_id FROM imported_packets WHERE device_id = $1
        ORDER BY imported_at DESC LIMIT 100`,
      [device.id],
    );
    const { rows: seqRows } = await this.db.query<{ return_sequence: number }>(
      'UPDATE devices SET return_sequence = return_sequence + 1 WHERE id = $1 RETURNING return_sequence',
      [device.id],
    );
    const header: PacketHeader = {
      format: 'cocare-packet',
      version: 1,
      kind: 'return',
      packetId: newId(),
      sequence: seqRows[0]!.return_sequence,
      deviceId: device.id,
      centreId: device.centre_id,
      district: await fingerprint(keys.public.sign),
      createdAt: new Date().toISOString(),
    };
    const payload: ReturnPayload = {
      acks: device.packet_acks,
      imported: imported.map((r) => r.packet_id),
      checkpoints,
      documents,
    };
    const text = await sealPacket(header, payload, {
      writerSign: keys.private.sign,
      recipientBox: device.packet_box_key,
    });
    await logAction(this.db, {
      actor: by,
      action: 'packet.return',
      target: device.id,
      details: { centreId: device.centre_id, sequence: header.sequence, documents: count },
    });
    return { fileName: packetFileName(header), text, documents: count };
  }
}

function cleanCheckpoints(value: Record<string, unknown>): PacketCheckpoints {
  const out: PacketCheckpoints = {};
  for (const [k, v] of Object.entries(value))
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) out[k] = v;
  return out;
}
