-- Sync packets (docs/DESIGN.md, "Sync packets"): a desk's changes carried by hand, and the
-- district's answer carried back. Never edit a migration once it has landed.

-- The district's packet keys: public keys in clear (given to every desk), private keys sealed with
-- the district's key (server/serverKey.ts), so a copy of the database cannot read packets.
CREATE TABLE district_packet_keys (
  id              boolean PRIMARY KEY DEFAULT true CHECK (id),
  sign_public     text NOT NULL,
  box_public      text NOT NULL,
  private_sealed  text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- Each device's packet public keys (registered by the desk over its device token), and where its
-- packets left it: the acknowledgements and checkpoints its next return packet starts from.
ALTER TABLE devices
  ADD COLUMN packet_sign_key        text,
  ADD COLUMN packet_box_key         text,
  ADD COLUMN packet_acks            jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN packet_checkpoints     jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN packet_sequence        integer NOT NULL DEFAULT 0,
  ADD COLUMN packet_pending         integer,
  ADD COLUMN last_packet_at         timestamptz,
  ADD COLUMN return_sequence        integer NOT NULL DEFAULT 0;

-- Every desk packet imported, once: the same packet again changes nothing.
CREATE TABLE imported_packets (
  packet_id    text PRIMARY KEY,
  device_id    text NOT NULL REFERENCES devices (id),
  centre_id    text NOT NULL REFERENCES centres (id),
  sequence     integer NOT NULL,
  documents    integer NOT NULL,
  imported_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imported_packets_device_idx ON imported_packets (device_id, imported_at);
