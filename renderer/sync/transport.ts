import { jsonBytes, type CollectionName } from '../../shared/schemas';
import {
  MAX_PUSH_BYTES,
  MAX_PUSH_ROWS,
  NEW_DEVICE_TOKEN_HEADER,
  type BatchRequest,
  type BatchResponse,
  type PullRequest,
  type PullResponse,
  type PushResponse,
  type PushRow,
} from '../../shared/sync/protocol';
import { SyncError, errorFromResponse } from './errors';

export interface TransportOptions {
  baseUrl: string;
  token: string;
  /**
   * Stores a new device token the district offers (tokens rotate); the transport sends it once
   * this has resolved. Without it, or when it fails, the desk keeps its token and the district
   * offers another later.
   */
  onNewToken?: (token: string) => Promise<void>;
  fetch?: typeof fetch;
  /** How long to gather the replications' requests into one round; a few ms is enough. */
  gatherMs?: number;
  /** Per-request time limit: a stalled 2G link must not hang a round forever. */
  timeoutMs?: number;
  /** This machine's wall clock (default Date.now), compared with the server's. */
  now?: () => number;
  onRoundTrip?: (
    outcome: { ok: true; clockOffsetMs: number | null } | { ok: false; error: SyncError },
  ) => void;
}

/** Request bodies from this size on go gzipped: a day's push shrinks about fivefold on a 2G line. */
const GZIP_FROM_BYTES = 1024;

/** The JSON body, gzipped when it is large enough to gain and the runtime can compress. */
async function encodeBody(json: string): Promise<{ body: BodyInit; encoding?: 'gzip' }> {
  if (json.length < GZIP_FROM_BYTES || typeof CompressionStream === 'undefined')
    return { body: json };
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream('gzip'));
  return { body: await new Response(stream).arrayBuffer(), encoding: 'gzip' };
}

/**
 * How far the server's clock is ahead of this machine's (negative: behind), from the answer's
 * `Date` header, taken as read halfway through the round trip. Good to a second or two, which
 * is plenty to tell a clock that is minutes or days wrong.
 */
export function clockOffset(dateHeader: string | null, sentAt: number, receivedAt: number) {
  const server = dateHeader ? Date.parse(dateHeader) : NaN;
  if (Number.isNaN(server)) return null;
  return server - (sentAt + receivedAt) / 2;
}

function pushedRows(round: Round): number {
  let rows = 0;
  for (const push of round.pushes.values()) rows += push.rows.length;
  return rows;
}

function pushedBytes(round: Round): number {
  let bytes = 0;
  for (const push of round.pushes.values()) bytes += push.bytes;
  return bytes;
}

interface Waiting<T> {
  resolve(value: T): void;
  reject(error: unknown): void;
}

interface Round {
  sent: boolean;
  pulls: Map<CollectionName, { request: PullRequest } & Waiting<PullResponse>>;
  pushes: Map<CollectionName, { rows: PushRow[]; bytes: number } & Waiting<PushResponse>>;
}

/**
 * RxDB runs one replication per collection, each calling its own pull and push handler. This
 * transport gathers the calls that arrive within a few milliseconds and sends them as ONE
 * request to `POST /api/sync/batch`, so a sync round costs one round trip on a 400 ms link
 * instead of one per collection and direction.
 *
 * While the link is down it backs off (1 s, 2 s, 4 s … up to a minute) so a desk offline for
 * weeks does not hammer a dead line; `resetBackoff()` is called when the link is seen again.
 */
export class BatchTransport {
  private round: Round | null = null;
  private failures = 0;
  /** Rounds waiting out the backoff: they go at once when the link is seen again. */
  private readonly waiting = new Set<() => void>();
  private readonly fetchImpl: typeof fetch;
  private token: string;
  /** Requests on the wire, aborted by `close()`. */
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(private readonly options: TransportOptions) {
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.token = options.token;
  }

  /** Takes a token the district offers: stored first, then sent (see `onNewToken`). */
  private async adopt(offered: string | null): Promise<void> {
    if (!offered || offered === this.token || !this.options.onNewToken) return;
    try {
      await this.options.onNewToken(offered);
      this.token = offered;
    } catch {
      // Not stored: keep the old token, which keeps working; the district offers again later.
    }
  }

  pull(collection: CollectionName, request: PullRequest): Promise<PullResponse> {
    return new Promise((resolve, reject) => {
      const round = this.roundFor((r) => r.pulls.has(collection));
      round.pulls.set(collection, { request, resolve, reject });
    });
  }

  /**
   * `bytes`: the rows' size as JSON, when the caller has measured it. A push larger than
   * MAX_PUSH_BYTES goes alone; the replication splits its rows so that only a single document can
   * be (see replication.ts).
   */
  push(
    collection: CollectionName,
    rows: PushRow[],
    bytes = jsonBytes(rows),
  ): Promise<PushResponse> {
    return new Promise((resolve, reject) => {
      // The district takes MAX_PUSH_ROWS rows a request: a push that would go over it (or over
      // MAX_PUSH_BYTES) waits for the next round, so every collection can push big batches
      // without dividing the budget.
      const round = this.roundFor(
        (r) =>
          r.pushes.has(collection) ||
          (r.pushes.size > 0 &&
            (pushedRows(r) + rows.length > MAX_PUSH_ROWS ||
              pushedBytes(r) + bytes > MAX_PUSH_BYTES)),
      );
      round.pushes.set(collection, { rows, bytes, resolve, reject });
    });
  }

  /**
   * The sync stops: requests on the wire are aborted and every call, waiting or later, fails with
   * `stopped` at once, so nothing of the sync's still runs against a store being closed.
   */
  close(): void {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    this.resetBackoff();
    if (this.round) this.flush(this.round);
  }

  resetBackoff(): void {
    this.failures = 0;
    for (const wake of [...this.waiting]) wake();
  }

  /** Waits `ms`, or less when the link is back (`resetBackoff`, a round that went through). */
  private backOff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiting.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiting.add(wake);
    });
  }

  backoffMs(): number {
    return this.failures === 0 ? 0 : Math.min(60_000, 1000 * 2 ** (this.failures - 1));
  }

  /** The open round, unless it already holds a call for this slot: then that one goes now. */
  private roundFor(occupied: (round: Round) => boolean): Round {
    if (this.round && occupied(this.round)) this.flush(this.round);
    if (!this.round) {
      const round: Round = { sent: false, pulls: new Map(), pushes: new Map() };
      this.round = round;
      setTimeout(() => this.flush(round), this.options.gatherMs ?? 10);
    }
    return this.round;
  }

  /** Sends a round once, whether its gathering time ran out or a later call needed its slot. */
  private flush(round: Round): void {
    if (round.sent) return;
    round.sent = true;
    if (this.round === round) this.round = null;
    void this.send(round);
  }

  private async send(round: Round): Promise<void> {
    if (round.pulls.size === 0 && round.pushes.size === 0) return;
    if (this.closed) {
      const stopped = new SyncError('stopped', 'The sync was stopped');
      for (const waiting of [...round.pushes.values(), ...round.pulls.values()])
        waiting.reject(stopped);
      return;
    }
    const body: BatchRequest = {};
    if (round.pushes.size)
      body.pushes = Object.fromEntries([...round.pushes].map(([c, p]) => [c, p.rows]));
    if (round.pulls.size)
      body.pulls = Object.fromEntries([...round.pulls].map(([c, p]) => [c, p.request]));
    try {
      const wait = this.backoffMs();
      if (wait) await this.backOff(wait);
      if (this.closed) throw new SyncError('stopped', 'The sync was stopped');
      const { result, clockOffsetMs } = await this.post<BatchResponse>('/api/sync/batch', body);
      // The link is back: pushes still waiting out the backoff go now, not up to a minute later
      // while the status bar already says the desk is connected.
      this.resetBackoff();
      this.options.onRoundTrip?.({ ok: true, clockOffsetMs });
      for (const [collection, waiting] of round.pushes)
        waiting.resolve(result.pushes?.[collection] ?? []);
      for (const [collection, waiting] of round.pulls) {
        const answer = result.pulls?.[collection];
        if (answer) waiting.resolve(answer);
        else
          waiting.reject(
            new SyncError('bad_response', `The server sent no pull answer for ${collection}`),
          );
      }
    } catch (caught) {
      const error =
        caught instanceof SyncError
          ? caught
          : new SyncError('offline', caught instanceof Error ? caught.message : String(caught));
      if (error.code === 'stopped') {
        for (const waiting of [...round.pushes.values(), ...round.pulls.values()])
          waiting.reject(error);
        return;
      }
      if (error.status === 413 && round.pushes.size > 1) {
        // Too large together: each collection's push goes on its own, so the one at fault learns
        // it (and splits its rows) and the others are not held up by it.
        await this.sendApart(round);
        return;
      }
      if (error.transient) this.failures++;
      this.options.onRoundTrip?.({ ok: false, error });
      for (const waiting of [...round.pushes.values(), ...round.pulls.values()])
        waiting.reject(error);
    }
  }

  private async sendApart(round: Round): Promise<void> {
    let pulls = round.pulls;
    for (const [collection, push] of round.pushes) {
      await this.send({ sent: true, pulls, pushes: new Map([[collection, push]]) });
      pulls = new Map();
    }
  }

  /**
   * One request and its whole answer under one time limit: on a stalled 2G line the answer can
   * stop halfway through its body, long after the headers came.
   */
  private async post<T>(
    path: string,
    body: unknown,
  ): Promise<{ result: T; clockOffsetMs: number | null }> {
    const now = this.options.now ?? Date.now;
    const controller = new AbortController();
    const limit = this.options.timeoutMs ?? 60_000;
    const timer = setTimeout(() => controller.abort(), limit);
    this.inFlight.add(controller);
    try {
      const encoded = await encodeBody(JSON.stringify(body));
      const sentAt = now();
      const response = await this.fetchImpl(new URL(path, this.options.baseUrl), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${this.token}`,
          ...(encoded.encoding ? { 'content-encoding': encoded.encoding } : {}),
        },
        body: encoded.body,
        signal: controller.signal,
      });
      const clockOffsetMs = clockOffset(response.headers.get('date'), sentAt, now());
      await this.adopt(response.headers.get(NEW_DEVICE_TOKEN_HEADER));
      if (!response.ok) throw await errorFromResponse(response);
      return { result: (await response.json()) as T, clockOffsetMs };
    } catch (caught) {
      if (this.closed) throw new SyncError('stopped', 'The sync was stopped');
      if (controller.signal.aborted) {
        throw new SyncError('timed_out', `No complete answer within ${Math.round(limit / 1000)} s`);
      }
      throw caught;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
  }
}
