/**
 * A PIN's verifier: a salted PBKDF2-SHA256 hash, kept in a local document of the desk where a
 * manager set the PIN (never synced, so no copy of it leaves the desk).
 */
export interface PinVerifier {
  algorithm: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  hash: string;
}

export const pinVerifierId = (staffId: string) => `staff-pin-${staffId}`;
