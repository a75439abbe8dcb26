import { describe, expect, it } from 'vitest';
import { HybridClock, compareHlc, parseHlc } from './hlc';

describe('HybridClock', () => {
  it('issues increasing timestamps even when the wall clock stands still or goes back', () => {
    let wall = 1_700_000_000_000;
    const clock = new HybridClock('deskA', () => wall);
    const a = clock.tick();
    const b = clock.tick();
    wall -= 60_000;
    const c = clock.tick();
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, c)).toBe(-1);
  });

  it('orders its own edits after a remote edit from a desk whose clock runs days ahead', () => {
    const wall = 1_700_000_000_000;
    const clock = new HybridClock('deskA', () => wall);
    const remote = new HybridClock('deskB', () => wall + 3 * 86_400_000).tick();
    clock.observe(remote);
    const local = clock.tick();
    expect(compareHlc(local, remote)).toBe(1);
    expect(parseHlc(local)?.node).toBe('deskA');
  });

  it('breaks exact ties by node id', () => {
    const a = new HybridClock('a', () => 5).tick();
    const b = new HybridClock('b', () => 5).tick();
    expect(compareHlc(a, b)).toBe(-1);
  });

  it('resumes after a restart from the last timestamp it saw', () => {
    const before = new HybridClock('deskA', () => 2_000).tick();
    const after = new HybridClock('deskA', () => 1_000, before).tick();
    expect(compareHlc(before, after)).toBe(-1);
  });
});
