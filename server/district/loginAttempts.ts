import { takeOrThrow, type RateLimiter } from '../rateLimit';

/**
 * Where the per-address rate limiter plugs into `POST /api/district/login`. The login route calls
 * `beforeAttempt` before it looks at the password (throw an `HttpError(429, 'rate_limited', …)` to
 * refuse), then `failed` or `succeeded` with the outcome. Until a limiter is passed to
 * `buildServer({ loginAttempts })`, every attempt is allowed.
 */
export interface LoginAttemptLimiter {
  /** Throws to refuse the attempt before any password is checked. */
  beforeAttempt(address: string, login: string): void | Promise<void>;
  failed(address: string, login: string): void | Promise<void>;
  succeeded(address: string, login: string): void | Promise<void>;
}

export const noLoginAttemptLimit: LoginAttemptLimiter = {
  beforeAttempt: () => {},
  failed: () => {},
  succeeded: () => {},
};

/**
 * The limiter the server uses unless told otherwise: per address, at most `limit` failed logins in
 * a window. Each attempt takes its slot when it arrives (before the password is checked, so
 * parallel guesses cannot slip through); a successful login gives it back.
 */
export function failedLoginLimit(limiter: RateLimiter): LoginAttemptLimiter {
  const pending = new Map<string, (() => void)[]>();
  const key = (address: string, login: string) => `${address}\n${login.toLowerCase()}`;
  const settle = (address: string, login: string) => pending.get(key(address, login))?.shift();
  return {
    beforeAttempt(address, login) {
      const refund = takeOrThrow(limiter, address, 'login attempts');
      const k = key(address, login);
      pending.set(k, [...(pending.get(k) ?? []), refund]);
    },
    failed(address, login) {
      settle(address, login);
      if (pending.get(key(address, login))?.length === 0) pending.delete(key(address, login));
    },
    succeeded(address, login) {
      settle(address, login)?.();
      if (pending.get(key(address, login))?.length === 0) pending.delete(key(address, login));
    },
  };
}
