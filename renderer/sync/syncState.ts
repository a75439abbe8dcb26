/**
 * The sync's own bookkeeping in the desk's local documents (never synced, never backed up), shared
 * by the live replication (replication.ts) and the sync packets (packets.ts).
 */
import type { CollectionName } from '../../shared/schemas';

/** Per collection, the newest of this desk's own edits the district has accepted. */
export const ACK_ID = 'sync-acknowledged';
/** Documents the district cannot take (replication.ts `SetAsideDoc`). */
export const SET_ASIDE_ID = 'sync-set-aside';
/** Per collection, the district's sequence number the live replication has pulled up to. */
export const NET_CHECKPOINTS_ID = 'sync-net-checkpoints';

/**
 * Per collection, the newest of this desk's own edits the district has accepted: later ones are
 * pending. Per collection, because each collection pushes in its own order: an accepted check-in
 * says nothing about a member registered just before it.
 */
export type Acks = Partial<Record<CollectionName, string>>;
