import type { CollectionName } from '../../shared/schemas';

/**
 * While the desk catches up with the district (a new desk, a reinstall, a long time offline): the
 * documents received since it started catching up, and those the district said are left.
 */
export interface Incoming {
  received: number;
  remaining: number;
  /** When this catching-up began, ms since the epoch (the desk's clock). */
  since: number;
}

/**
 * Counts what the pulls bring against what the district says is left (`PullResponse.remaining`),
 * per collection: the desk is catching up while any collection has documents left.
 */
export class IncomingCounter {
  private readonly left = new Map<CollectionName, number>();
  private received = 0;
  private since: number | null = null;

  /** One pull of `name` brought `got` documents and left `remaining`; what the desk shows now. */
  pulled(name: CollectionName, got: number, remaining: number, now: number): Incoming | null {
    if (remaining > 0) this.left.set(name, remaining);
    else this.left.delete(name);
    const total = [...this.left.values()].reduce((a, b) => a + b, 0);
    if (total === 0) {
      this.received = 0;
      this.since = null;
      return null;
    }
    if (this.since === null) this.since = now;
    this.received += got;
    return { received: this.received, remaining: total, since: this.since };
  }
}

/**
 * How long the rest will take at the pace so far, in ms; null until there is a pace to go by
 * (a second of receiving, and something received).
 */
export function timeLeftMs(incoming: Incoming, now: number): number | null {
  const elapsed = now - incoming.since;
  if (elapsed < 1000 || incoming.received === 0) return null;
  return Math.round((incoming.remaining * elapsed) / incoming.received);
}
