/** Sync packets (shared/packets.ts): why a packet is refused. */
/** The words to say are looked up by code (`packet.error.<code>`, `packets.error.<code>`). */
export type PacketProblem =
  | 'not_packet'
  | 'wrong_kind'
  | 'foreign'
  | 'unknown_device'
  | 'revoked'
  | 'bad_signature'
  | 'tampered'
  | 'already_imported'
  | 'no_keys';
