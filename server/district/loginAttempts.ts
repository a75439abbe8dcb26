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
