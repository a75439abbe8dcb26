import { rateLimitedError, type RateLimiter } from '../rateLimit';

/** What the login route tells the limiter about one attempt once the password has been checked. */
export interface LoginAttempt {
  failed(): void;
  succeeded(): void;
}

/**
 * Where the rate limiter plugs into `POST /api/district/login`. The route calls `begin` before it
 * looks at the password (it throws the 429 to refuse), then `failed` or `succeeded` on what it got
 * back. An attempt that ends in an error is settled as failed. Nothing is kept per attempt outside
 * the returned object, so an attempt that is never settled leaves nothing behind.
 */
export interface LoginAttemptLimiter {
  begin(address: string, login: string): LoginAttempt;
}

/**
 * The limiter the server uses unless told otherwise: failed logins are limited per client address
 * (one client cannot try many passwords, on any accounts) and per account (many addresses together
 * cannot try many passwords on one account). Each attempt takes its slots when it arrives, before
 * the password is checked, so parallel guesses cannot slip through; a successful login gives them
 * back. The address is the client's as the trusted proxies report it (DISTRICT_TRUSTED_PROXIES):
 * a client cannot choose it by sending `X-Forwarded-For` itself.
 */
export function failedLoginLimit(limits: {
  perAddress: RateLimiter;
  perAccount: RateLimiter;
}): LoginAttemptLimiter {
  return {
    begin(address, login) {
      const byAddress = limits.perAddress.take(address);
      if (!byAddress.allowed) {
        throw rateLimitedError(byAddress.retryAfterSeconds, 'login attempts', 'from this address');
      }
      // Logins are unique regardless of case, so the account's count is too.
      const byAccount = limits.perAccount.take(login.toLowerCase());
      if (!byAccount.allowed) {
        // Not checked, so it does not count against the address.
        byAddress.refund();
        throw rateLimitedError(byAccount.retryAfterSeconds, 'failed logins', 'for this account');
      }
      return {
        failed: () => {},
        succeeded: () => {
          byAddress.refund();
          byAccount.refund();
        },
      };
    },
  };
}
