-- District staff: dashboard accounts, their sessions, and the log of what they did.
-- Never edit a migration once it has landed; add a new file.

CREATE TABLE district_users (
  id             text PRIMARY KEY,
  -- Stored as typed; unique regardless of case, so "Wang" and "wang" are one account.
  login          text NOT NULL,
  display_name   text NOT NULL,
  role           text NOT NULL CHECK (role IN ('admin', 'viewer')),
  -- scrypt$<N>$<r>$<p>$<salt base64>$<hash base64> (server/district/passwords.ts)
  password_hash  text NOT NULL,
  disabled_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX district_users_login_idx ON district_users (lower(login));

-- A session ends at idle_expires_at unless used again before, and at expires_at regardless.
CREATE TABLE district_sessions (
  token_hash       text PRIMARY KEY,
  user_id          text NOT NULL REFERENCES district_users (id) ON DELETE CASCADE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  last_used_at     timestamptz NOT NULL DEFAULT now(),
  idle_expires_at  timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  address          text
);
CREATE INDEX district_sessions_user_idx ON district_sessions (user_id);

-- Every action that changes something, by whom (a dashboard user, or the admin CLI), from where.
CREATE TABLE district_action_log (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  user_id   text REFERENCES district_users (id),
  actor     text NOT NULL,
  action    text NOT NULL,
  target    text,
  details   jsonb,
  address   text
);
CREATE INDEX district_action_log_at_idx ON district_action_log (at);

-- Why the district revoked a device, told to the device when it next calls.
ALTER TABLE devices ADD COLUMN revoked_reason text;
