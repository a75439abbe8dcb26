/**
 * Keeps the benchmark suite from rotting: runs every section of it at the small size, over a
 * fast simulated link, and checks that each figure comes out and is sane. It never checks speed:
 * speed is what `npm run bench` reports (docs/PERFORMANCE.md).
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUICK } from './quick';
import { runSuite } from './suite';
import { formatTable } from './table';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(chromium))('benchmark suite (smoke run, small size)', () => {
  it('measures every figure, each a finite positive number', { timeout: 150_000 }, async () => {
    const figures = await runSuite(QUICK);
    const ids = figures.map((f) => f.id);
    for (const prefix of [
      'search.p95.',
      'sync.initial',
      'sync.initial.link',
      'sync.ready',
      'sync.initial.storeFloor',
      'checkin.p95',
      'checkin.catchup.p95',
      'coldstart.median',
      'day.cocare.loopback',
      'day.pouch.loopback',
      'day.ratio.bytes.',
      'load.throughput.PGlite',
      'load.p99.PGlite',
    ])
      expect(
        ids.some((id) => id.startsWith(prefix)),
        prefix,
      ).toBe(true);
    // The cold start at scale ran on a store grown with older years (tests/bench/ageStore.ts).
    const synced = figures.find((f) => f.id === 'coldstart.synced.median')!;
    const aged = figures.find((f) => f.id === 'coldstart.median')!;
    expect(aged.detail?.documents).toBeGreaterThanOrEqual(QUICK.coldStartDocs);
    expect(synced.detail?.documents).toBeLessThan(QUICK.coldStartDocs);
    // The storage's floor wrote again every document the first sync stored, and its bookkeeping.
    const initial = figures.find((f) => f.id === 'sync.initial')!;
    const floor = figures.find((f) => f.id === 'sync.initial.storeFloor')!;
    expect(floor.detail?.documents).toBeGreaterThanOrEqual(initial.detail?.documents as number);
    expect(floor.detail?.bookkeeping).toBeGreaterThanOrEqual(initial.detail?.documents as number);
    for (const f of figures) {
      expect(Number.isFinite(f.value), f.id).toBe(true);
      expect(f.value, f.id).toBeGreaterThan(0);
      if (f.budget && !f.detail?.notJudged) expect(typeof f.pass, f.id).toBe('boolean');
    }
    expect(formatTable(figures).split('\n')).toHaveLength(figures.length + 2);
  });
});
