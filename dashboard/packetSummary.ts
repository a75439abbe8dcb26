/**
 * A centre's sync at a glance (dashboard/pages/Packets.tsx): when its desks last synced by
 * network and by packet, and what is still waiting by the desks' own count.
 */
import type { DeviceInfo } from '../server/district/types';

export interface CentreSync {
  /** The newest network sync of its active desks, or null. */
  network: string | null;
  /** The newest packet imported from its active desks, or null. */
  packet: string | null;
  /**
   * Changes still waiting, as each desk counted them in its newest packet; a desk that synced by
   * network after its last packet has sent everything since (it counts 0). Null when no desk
   * ever sent a packet: the district cannot know.
   */
  waiting: number | null;
  /** Desks whose own count is in `waiting` (written a packet, not online since). */
  countedDesks: number;
}

const newest = (values: Array<string | null>): string | null =>
  values.reduce<string | null>((a, b) => (b && (!a || b > a) ? b : a), null);

export function centreSync(devices: DeviceInfo[]): CentreSync {
  const active = devices.filter((d) => !d.revokedAt);
  let waiting: number | null = null;
  let countedDesks = 0;
  for (const d of active) {
    if (d.packetPending === null || !d.lastPacketAt) continue;
    const onlineSince =
      d.lastSeenAt !== null && Date.parse(d.lastSeenAt) > Date.parse(d.lastPacketAt);
    waiting = (waiting ?? 0) + (onlineSince ? 0 : d.packetPending);
    if (!onlineSince) countedDesks++;
  }
  return {
    network: newest(active.map((d) => d.lastSeenAt)),
    packet: newest(active.map((d) => d.lastPacketAt)),
    waiting,
    countedDesks,
  };
}
