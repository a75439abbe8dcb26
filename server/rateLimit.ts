/**
 * A small in-process rate limiter: at most `limit` attempts per key (a client address) in a fixed
 * window. Used by enrolment (`POST /api/enrol`) and meant for district staff login.
 *
 * An attempt is counted when it arrives, synchronously, before the code or password is checked
 * against the database: concurrent guesses cannot all pass while the first ones are still being
 * answered. A caller that wants to count only failures gives the slot back (`refund`) when the
 * attempt succeeds.
 *
 * The counts live in this process. Several district servers behind a load balancer each keep
 * their own, so the limit there is per server; a restart forgets them.
 */
import { HttpError } from './errors';

export interface RateLimiterOptions {
  /** Attempts allowed per key in one window. */
  limit: number;
  windowMs: number;
  /** At most this many keys are remembered (default 10,000); the oldest window is dropped first. */
  maxKeys?: number;
  /** The clock (tests). */
  now?: () => number;
}

export type RateDecision =
  | {
      allowed: true;
      /** Gives the slot back (e.g. the attempt succeeded); at most once, only in the same window. */
      refund(): void;
    }
  | { allowed: false; /** Whole seconds until the window ends. */ retryAfterSeconds: number };

interface Window {
  count: number;
  resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimiterOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw new Error('RateLimiter: limit must be a whole number of at least 1');
    }
    if (!(options.windowMs > 0)) throw new Error('RateLimiter: windowMs must be above 0');
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one attempt for `key` and says whether it may go ahead. Synchronous on purpose. */
  take(key: string): RateDecision {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (window) this.windows.delete(key);
      this.makeRoom(now);
      window = { count: 0, resetAt: now + this.options.windowMs };
      this.windows.set(key, window);
    }
    if (window.count >= this.options.limit) {
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
      };
    }
    window.count += 1;
    const counted = window;
    let refunded = false;
    return {
      allowed: true,
      refund: () => {
        if (refunded) return;
        refunded = true;
        if (this.windows.get(key) === counted && counted.count > 0) counted.count -= 1;
      },
    };
  }

  /** How many keys are remembered (tests). */
  get size(): number {
    return this.windows.size;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxKeys) return;
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now) this.windows.delete(key);
    }
    // Still full: drop the oldest windows (a Map iterates in insertion order).
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/** The 429 answer, with `Retry-After` in seconds and a message that says how long to wait. */
export function rateLimitedError(
  retryAfterSeconds: number,
  what: string,
  whose = 'from this address',
): HttpError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`
      : `${minutes} minute${minutes === 1 ? '' : 's'}`;
  return new HttpError(
    429,
    'rate_limited',
    `too many ${what} ${whose}: wait ${wait} and try again`,
    undefined,
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

/**
 * Counts an attempt for `key`; throws the 429 when the key is over its limit. Returns the
 * function that gives the slot back when the attempt succeeds.
 */
export function takeOrThrow(limiter: RateLimiter, key: string, what: string): () => void {
  const decision = limiter.take(key);
  if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds, what);
  return decision.refund;
}
