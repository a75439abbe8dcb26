import { describe, expect, it } from 'vitest';
import {
  HybridClock,
  MAX_CLOCK_AHEAD_MS,
  clockProblem,
  compareHlc,
  formatHlc,
  parseHlc,
} from './hlc';

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

describe('clock values from elsewhere', () => {
  const wall = 1_800_000_000_000;
  const DAY = 86_400_000;

  it('refuses malformed timestamps and ones more than a week ahead of the district, saying why', () => {
    expect(clockProblem('zzzzzzzzzzzzzzzzzzzzzzzz', wall)).toMatch(
      /is not a hybrid-clock timestamp \(<15-digit milliseconds>-<5-digit counter>-<node id>\)/,
    );
    expect(clockProblem(42, wall)).toMatch(/is not a hybrid-clock timestamp/);
    const farAhead = formatHlc({ wallMs: wall + 400 * DAY, counter: 0, node: 'evil' });
    expect(clockProblem(farAhead, wall)).toBe(
      "is 400 days ahead of the district's clock (at most 7 days are allowed): set this computer's date and time right",
    );
    expect(
      clockProblem(formatHlc({ wallMs: wall + 6 * DAY, counter: 0, node: 'a' }), wall),
    ).toBeNull();
    expect(
      clockProblem(formatHlc({ wallMs: wall - 900 * DAY, counter: 0, node: 'a' }), wall),
    ).toBeNull();
    expect(MAX_CLOCK_AHEAD_MS).toBe(7 * DAY);
  });

  it('does not follow a timestamp far ahead of the district, and reports it', () => {
    const clock = new HybridClock('deskA', () => wall);
    const before = clock.tick();
    const year2100 = formatHlc({ wallMs: Date.UTC(2100, 0, 1), counter: 0, node: 'evil' });
    expect(clock.observe(year2100)).toMatch(/days ahead of the district's clock/);
    expect(clock.observe('zzzz')).toMatch(/not a hybrid-clock timestamp/);
    const after = clock.tick();
    expect(parseHlc(after)!.wallMs).toBe(wall);
    expect(compareHlc(before, after)).toBe(-1);
    // Measured against the district's clock, not this machine's: a desk 30 days slow still
    // follows an edit made now elsewhere.
    const slow = new HybridClock('deskS', () => wall - 30 * DAY);
    const current = formatHlc({ wallMs: wall, counter: 3, node: 'deskB' });
    expect(slow.observe(current, wall)).toBeNull();
    expect(compareHlc(slow.tick(), current)).toBe(1);
  });

  it('leaves a far-future timestamp it took in before, once it knows the district clock', () => {
    const year2100 = formatHlc({ wallMs: Date.UTC(2100, 0, 1), counter: 0, node: 'evil' });
    const clock = new HybridClock('deskA', () => wall, year2100);
    expect(clock.dropFarFuture(wall + 60_000)).toBe(year2100);
    expect(parseHlc(clock.tick())!.wallMs).toBe(wall);
    expect(clock.dropFarFuture(wall)).toBeNull();
  });
});
