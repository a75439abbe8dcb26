import { describe, expect, it } from 'vitest';
import { IncomingCounter, timeLeftMs } from './incoming';

describe('a desk catching up', () => {
  it('adds up what each collection still has to come, and is done when none has', () => {
    const counter = new IncomingCounter();
    expect(counter.pulled('members', 300, 200, 1_000)).toEqual({
      received: 300,
      remaining: 200,
      since: 1_000,
    });
    expect(counter.pulled('attendance', 300, 5_000, 2_000)).toEqual({
      received: 600,
      remaining: 5_200,
      since: 1_000,
    });
    // Members are all in (their last answer was not full): only the visits are left.
    expect(counter.pulled('members', 200, 0, 3_000)).toEqual({
      received: 800,
      remaining: 5_000,
      since: 1_000,
    });
    expect(counter.pulled('attendance', 300, 0, 4_000)).toBeNull();
    // The next catching-up (after a fortnight offline) counts afresh.
    expect(counter.pulled('meals', 300, 100, 9_000)).toEqual({
      received: 300,
      remaining: 100,
      since: 9_000,
    });
  });

  it('estimates the time left at the pace so far, once there is a pace', () => {
    const incoming = { received: 3_000, remaining: 6_000, since: 0 };
    expect(timeLeftMs(incoming, 500)).toBeNull();
    expect(timeLeftMs(incoming, 10_000)).toBe(20_000);
    expect(timeLeftMs({ ...incoming, received: 0 }, 10_000)).toBeNull();
  });
});
