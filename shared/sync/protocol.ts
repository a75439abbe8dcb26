import type { PacketProblem } from './packetProblem';
/**
 * The desk ⇄ district sync protocol (docs/DESIGN.md, "Sync protocol"). Shapes follow RxDB's
 * replication protocol so RxDB's own replication client drives it.
 */
import type { CollectionName } from '../schemas';

/** The pull checkpoint is the server's sequence number of the last row returned; never a client clock. */
export interface SyncCheckpoint {
  seq: number;
}

/** A document on the wire: the collection's fields plus RxDB's deletion flag. */
export type WireDoc = Record<string, unknown> & { id: string; _deleted: boolean };

export interface PullRequest {
  checkpoint: SyncCheckpoint | null;
  batchSize: number;
  /**
   * A desk's very first pull of a collection (checkpoint null) may ask for what the centre needs
   * now ahead of the history: in `attendance`, who is in and today's visits (other collections
   * have no such part and answer as always; server/sync/service.ts PRESENT_SQL). The answer carries
   * them with checkpoint `{seq: 0}` and `more`, and the history follows from the beginning as
   * always, so they come twice; order only, never a change of what a desk ends up holding.
   */
  presentFirst?: boolean;
}

export interface PullResponse {
  documents: WireDoc[];
  checkpoint: SyncCheckpoint | null;
  /**
   * True when the answer stopped at MAX_PULL_BYTES with more documents waiting: pull again from
   * the new checkpoint at once (fewer than `batchSize` documents does not mean "in sync" then).
   */
  more?: boolean;
  /**
   * When the answer may not be the last (it is full, or `more`): how many documents of this
   * collection the puller may still read after it. A count for a desk's progress while it catches
   * up, not a promise: documents keep arriving.
   */
  remaining?: number;
  /**
   * When the answer is full (`batchSize` documents, not cut by bytes) and more than another full
   * answer is left: the checkpoint at which the next answer will end if it is full too. A puller
   * catching up over a slow link asks for the answer after next from it at once, instead of
   * waiting a round trip for the next one to come; it takes that answer only if the next one did
   * end there (renderer/sync/replication.ts, `pullAhead`).
   */
  following?: SyncCheckpoint;
}

export interface PushRow {
  assumedMasterState?: WireDoc | null;
  newDocumentState: WireDoc;
}

/** The server's current version of every document whose assumed master state was stale. */
export type PushResponse = WireDoc[];

/**
 * One round of sync in a single request: every collection's push and pull. On a 400 ms link the
 * round trip, not the bytes, dominates, so the desk sends this instead of one request per
 * collection and direction. Pushes are applied (all or nothing) before the pulls are read.
 */
export interface BatchRequest {
  pushes?: Partial<Record<CollectionName, PushRow[]>>;
  pulls?: Partial<Record<CollectionName, PullRequest>>;
}

export interface BatchResponse {
  pushes: Partial<Record<CollectionName, PushResponse>>;
  pulls: Partial<Record<CollectionName, PullResponse>>;
}

/** Server-sent event on `GET /api/sync/stream`: these collections changed, pull them. */
export interface StreamHint {
  collections: CollectionName[];
}

/**
 * The answer header in which the district offers a desk a new device token (tokens rotate). The
 * desk stores it, then sends it from its next request on; the old one keeps working a while.
 */
export const NEW_DEVICE_TOKEN_HEADER = 'CoCare-Device-Token';

export interface EnrolRequest {
  code: string;
  deviceName: string;
}

export interface EnrolResponse {
  deviceId: string;
  token: string;
  centreId: string;
  centreName: string;
}

/** Machine-readable error codes; `message` carries the English words, the desk translates by code. */
export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_document'
  | 'wrong_centre'
  | 'staff_not_authorised'
  | 'read_only'
  | 'unknown_collection'
  | 'unauthorized'
  | 'device_revoked'
  | 'enrolment_code_invalid'
  | 'payload_too_large'
  | 'rate_limited'
  | 'not_found'
  | 'internal'
  /** Sync packets (server/sync/packets.ts): `packet_` and shared/packets.ts's PacketProblem. */
  | `packet_${PacketProblem}`;

export interface DocumentProblem {
  collection: string;
  id: string;
  reason: string;
}

export interface ApiError {
  error: {
    code: ApiErrorCode;
    message: string;
    problems?: DocumentProblem[];
    /** `device_revoked`: when, and the district's reason (null when none was given). */
    revokedAt?: string;
    reason?: string | null;
  };
}

export const MAX_PULL_BATCH = 500;
export const MAX_PUSH_ROWS = 1000;
/**
 * About the most bytes of documents one answer carries (all the pulls of a batch together): an
 * answer stops before the document that would go over it, but each pull still returns at least
 * one document, so any document, however large, gets through.
 */
export const MAX_PULL_BYTES = 4 * 1024 * 1024;
/**
 * The most bytes of documents the desk puts in one request (the district takes 10 MB): a push
 * that would go over it waits for the next request, and the largest document fits with room.
 */
export const MAX_PUSH_BYTES = 2 * 1024 * 1024;
