-- Device tokens rotate (server/auth.ts). A new token is offered to the desk ("next") and becomes
-- the device's token the first time the desk uses it; the token it replaces keeps working for a
-- grace period ("previous"), for requests already under way.
ALTER TABLE devices
  ADD COLUMN token_issued_at           timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN next_token_hash           text UNIQUE,
  ADD COLUMN next_token_offered_at     timestamptz,
  ADD COLUMN previous_token_hash       text UNIQUE,
  ADD COLUMN previous_token_expires_at timestamptz;

-- Enrolment codes are now stored as an HMAC under the district's key (server/serverKey.ts); codes
-- issued before, stored as plain SHA-256, can no longer be found and are dropped if unused.
DELETE FROM enrolment_codes WHERE used_at IS NULL;

-- A check value of that key: every server and the admin CLI must use the same one.
CREATE TABLE server_key_check (
  id           boolean PRIMARY KEY DEFAULT true CHECK (id),
  check_value  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
