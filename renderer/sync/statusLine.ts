import type { SyncError } from './errors';
import type { SyncStatus } from './replication';

/**
 * What the status bar says, one state at a time. The sync's mode alone is not enough: "online"
 * with records still going up is not "synced", and a link that is down is said once, not once by
 * the mode and again by its error.
 */
export type SyncLineKey =
  | 'unenrolled'
  | 'unenrolledWaiting'
  | 'connecting'
  | 'connectingWaiting'
  | 'uploading'
  | 'synced'
  | 'offline'
  | 'offlineWaiting'
  | 'unreachable'
  | 'unreachableWaiting'
  | 'timedOut'
  | 'timedOutWaiting'
  | 'error'
  | 'stopped'
  | 'stoppedWaiting';

export interface SyncLine {
  /** The message's key under `sync.line` (renderer/i18n). */
  key: SyncLineKey;
  /** The records of this desk not yet accepted by the district: the message says how many. */
  count: number;
  /** For `error`: what went wrong, in the words of `syncErrorText`. */
  error: SyncError | null;
}

/** Why a link is down, as the desk words it: the network, the server, or a slow line. */
function downKey(error: SyncError | null): 'offline' | 'unreachable' | 'timedOut' {
  if (error && ['server_unreachable', 'internal', 'rate_limited'].includes(error.code))
    return 'unreachable';
  if (error?.code === 'timed_out') return 'timedOut';
  return 'offline';
}

/** The one message for a sync status (renderer/ui/app/StatusBar.tsx shows it). */
export function syncLine(status: Pick<SyncStatus, 'mode' | 'pending' | 'error'>): SyncLine {
  const count = status.pending;
  const waiting = count > 0;
  const line = (key: SyncLineKey, error: SyncError | null = null): SyncLine => ({
    key,
    count,
    error,
  });
  switch (status.mode) {
    case 'online':
      return line(waiting ? 'uploading' : 'synced');
    case 'offline': {
      const key = downKey(status.error);
      return line(waiting ? `${key}Waiting` : key);
    }
    case 'error':
      return line('error', status.error);
    case 'unenrolled':
      return line(waiting ? 'unenrolledWaiting' : 'unenrolled');
    case 'connecting':
      return line(waiting ? 'connectingWaiting' : 'connecting');
    case 'stopped':
      return line(waiting ? 'stoppedWaiting' : 'stopped');
  }
}
