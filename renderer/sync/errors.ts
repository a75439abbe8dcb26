import type { ApiErrorCode, DocumentProblem } from '../../shared/sync/protocol';

/** Why a sync round failed, kept as a code the status bar words for the receptionist. */
export type SyncErrorCode =
  | ApiErrorCode
  | 'offline'
  | 'server_unreachable'
  | 'timed_out'
  | 'bad_response'
  /** The desk stopped its sync (closing, switching centre): the call was dropped, not failed. */
  | 'stopped';

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status?: number,
    readonly problems?: DocumentProblem[],
    /** `device_revoked`: why the district revoked this desk, in its own words, when it said. */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }

  /** The district refuses this desk itself: retrying cannot help until someone enrols it again. */
  get refusesDevice(): boolean {
    return this.code === 'unauthorized' || this.code === 'device_revoked';
  }

  /** A fault of the link or the server that waiting will fix, as opposed to one a person must fix. */
  get transient(): boolean {
    return (
      this.code === 'offline' ||
      this.code === 'server_unreachable' ||
      this.code === 'timed_out' ||
      this.code === 'rate_limited' ||
      this.code === 'internal'
    );
  }
}

export async function errorFromResponse(response: Response): Promise<SyncError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy or a captive portal answered; handled below by status.
  }
  const error = (
    body as {
      error?: { code?: string; message?: string; problems?: DocumentProblem[]; reason?: unknown };
    }
  )?.error;
  if (error?.code) {
    return new SyncError(
      error.code as ApiErrorCode,
      error.message ?? error.code,
      response.status,
      error.problems,
      typeof error.reason === 'string' && error.reason.trim() ? error.reason.trim() : undefined,
    );
  }
  if (response.status >= 500 || response.status === 404 || response.status === 502) {
    return new SyncError(
      'server_unreachable',
      `The district server answered ${response.status}`,
      response.status,
    );
  }
  return new SyncError(
    'bad_response',
    `Unexpected answer ${response.status} from the district server`,
    response.status,
  );
}
