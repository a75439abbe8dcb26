-- Staff credentials and authority (docs/SECURITY.md, "Staff credentials and authority"). Never
-- edit a migration once it has landed.
--
-- PIN hashes no longer travel with staff records: each desk keeps its own. The district strips
-- the ones it holds from the current records and from their history, so a copy of this database
-- gives nothing to guess PINs against. (`content_hash` of those records is left as it was: the
-- server compares contents, not hashes, and the record's next accepted change sets it anew.)
UPDATE documents SET data = data - 'pin' WHERE collection = 'staff' AND data ? 'pin';
UPDATE document_versions SET data = data - 'pin' WHERE collection = 'staff' AND data ? 'pin';

-- The first manager signing key of each centre, taken on first use from the desk that sent it:
-- every later staff change of the centre must be signed by a manager whose key goes back to it.
CREATE TABLE staff_root_keys (
  centre_id    text PRIMARY KEY REFERENCES centres (id),
  staff_id     text NOT NULL,
  public_key   text NOT NULL,
  device_id    text REFERENCES devices (id),
  enrolled_at  timestamptz NOT NULL DEFAULT now()
);
