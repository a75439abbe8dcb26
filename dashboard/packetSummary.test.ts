import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../server/district/types';
import { centreSync } from './packetSummary';

const desk = (over: Partial<DeviceInfo>): DeviceInfo => ({
  id: 'd',
  centreId: 'c',
  centreName: '山脚村',
  name: '前台',
  createdAt: '2026-11-01T00:00:00.000Z',
  lastSeenAt: null,
  revokedAt: null,
  revokedReason: null,
  lastPacketAt: null,
  packetPending: null,
  packetReady: true,
  ...over,
});

describe("a centre's sync by network and by packet", () => {
  it('shows the newest network sync and the newest packet of its active desks', () => {
    const sync = centreSync([
      desk({ lastSeenAt: '2026-11-20T08:00:00.000Z' }),
      desk({
        lastSeenAt: '2026-11-21T08:00:00.000Z',
        lastPacketAt: '2026-12-01T09:00:00.000Z',
        packetPending: 3,
      }),
      desk({ lastSeenAt: '2026-12-04T08:00:00.000Z', revokedAt: '2026-12-04T09:00:00.000Z' }),
    ]);
    expect(sync.network).toBe('2026-11-21T08:00:00.000Z');
    expect(sync.packet).toBe('2026-12-01T09:00:00.000Z');
  });

  it('adds up what the desks said was waiting in their newest packet; a desk online since counts 0', () => {
    const sync = centreSync([
      desk({ lastPacketAt: '2026-12-01T09:00:00.000Z', packetPending: 12 }),
      desk({ lastPacketAt: '2026-12-02T09:00:00.000Z', packetPending: 5 }),
      desk({
        lastPacketAt: '2026-12-01T09:00:00.000Z',
        packetPending: 40,
        lastSeenAt: '2026-12-03T09:00:00.000Z',
      }),
    ]);
    expect(sync.waiting).toBe(17);
    expect(sync.countedDesks).toBe(2);
  });

  it('says the count is unknown when no desk ever sent a packet', () => {
    const sync = centreSync([desk({ lastSeenAt: '2026-12-03T09:00:00.000Z' })]);
    expect(sync).toMatchObject({ waiting: null, packet: null, countedDesks: 0 });
  });
});
