-- CoCare district: first schema. Never edit a migration once it has landed; add a new file.

CREATE TABLE centres (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE devices (
  id            text PRIMARY KEY,
  centre_id     text NOT NULL REFERENCES centres (id),
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX devices_centre_idx ON devices (centre_id);

CREATE TABLE enrolment_codes (
  code_hash       text PRIMARY KEY,
  centre_id       text NOT NULL REFERENCES centres (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL,
  used_at         timestamptz,
  used_by_device  text
);

-- Every accepted write gets the next number of this one sequence; pull checkpoints are these numbers.
CREATE SEQUENCE doc_seq AS bigint;

-- The current version of every synced document.
CREATE TABLE documents (
  collection         text NOT NULL,
  id                 text NOT NULL,
  centre_id          text NOT NULL,
  seq                bigint NOT NULL UNIQUE,
  deleted            boolean NOT NULL DEFAULT false,
  data               jsonb NOT NULL,
  content_hash       text NOT NULL,
  updated_by_device  text,
  server_updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id)
);
CREATE INDEX documents_collection_seq_idx ON documents (collection, seq);
CREATE INDEX documents_collection_centre_seq_idx ON documents (collection, centre_id, seq);

-- Every accepted write, appended: the history and audit trail of each document.
CREATE TABLE document_versions (
  collection  text NOT NULL,
  id          text NOT NULL,
  seq         bigint NOT NULL,
  centre_id   text NOT NULL,
  deleted     boolean NOT NULL,
  data        jsonb NOT NULL,
  device_id   text,
  at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (collection, id, seq)
);
