/**
 * Hybrid logical clock. `updatedAt` on every document is an HLC string, so the order of edits
 * survives a desk whose wall clock is wrong: a clock that has seen a later timestamp (from the
 * district or another desk) never issues an earlier one.
 *
 * Format: `<ms since epoch, 15 digits>-<counter, 5 digits>-<node id>`. Plain string comparison
 * orders two HLCs, and the node id breaks exact ties deterministically.
 */
export interface HlcParts {
  wallMs: number;
  counter: number;
  node: string;
}

const MS_DIGITS = 15;
const COUNTER_DIGITS = 5;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const HLC_PATTERN = /^(\d{15})-(\d{5})-([A-Za-z0-9_]{1,40})$/;
export const HLC_MAX_LENGTH = MS_DIGITS + 1 + COUNTER_DIGITS + 1 + 40;

export function formatHlc({ wallMs, counter, node }: HlcParts): string {
  return `${String(wallMs).padStart(MS_DIGITS, '0')}-${String(counter).padStart(COUNTER_DIGITS, '0')}-${node}`;
}

export function parseHlc(value: string): HlcParts | null {
  const match = HLC_PATTERN.exec(value);
  if (!match) return null;
  return { wallMs: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

export function isHlc(value: string): boolean {
  return parseHlc(value) !== null;
}

/**
 * How far ahead of the district's clock a timestamp may be. Conflicts go to the later
 * `updatedAt`, so a timestamp far in the future would win every conflict until that day came,
 * and every clock that took it in would follow it there. A desk whose clock is a few days fast
 * still syncs (and is told its clock is wrong); a week is the limit.
 */
export const MAX_CLOCK_AHEAD_MS = 7 * 24 * 60 * 60_000;

const DAY_MS = 24 * 60 * 60_000;

/** "3 days", "5 hours", "40 minutes": how far ahead a timestamp is, for people. */
function aheadText(ms: number): string {
  if (ms >= 2 * DAY_MS) return `${Math.floor(ms / DAY_MS)} days`;
  if (ms >= 2 * 60 * 60_000) return `${Math.floor(ms / (60 * 60_000))} hours`;
  return `${Math.max(1, Math.floor(ms / 60_000))} minutes`;
}

/**
 * Why `value` cannot be a document's `updatedAt`, as the end of a sentence that starts with the
 * field ("is not …"), or null when it can: not a hybrid-clock value at all, or further ahead of
 * `referenceMs` (the district's clock) than MAX_CLOCK_AHEAD_MS.
 */
export function clockProblem(value: unknown, referenceMs: number): string | null {
  const parsed = typeof value === 'string' ? parseHlc(value) : null;
  if (!parsed) {
    return "is not a hybrid-clock timestamp (<15-digit milliseconds>-<5-digit counter>-<node id>): stamp documents with the desk's clock";
  }
  const ahead = parsed.wallMs - referenceMs;
  if (ahead > MAX_CLOCK_AHEAD_MS) {
    return `is ${aheadText(ahead)} ahead of the district's clock (at most ${aheadText(MAX_CLOCK_AHEAD_MS)} are allowed): set this computer's date and time right`;
  }
  return null;
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class HybridClock {
  private last: HlcParts;

  constructor(
    private readonly node: string,
    private readonly now: () => number = Date.now,
    lastSeen?: string,
  ) {
    if (!/^[A-Za-z0-9_]{1,40}$/.test(node)) throw new Error(`HLC node id "${node}" is not valid`);
    this.last = (lastSeen && parseHlc(lastSeen)) || { wallMs: 0, counter: 0, node };
  }

  /** A timestamp for a local edit, later than everything this clock has issued or seen. */
  tick(): string {
    const wall = this.now();
    if (wall > this.last.wallMs) {
      this.last = { wallMs: wall, counter: 0, node: this.node };
    } else {
      this.last = this.bump(this.last.wallMs, this.last.counter);
    }
    return formatHlc(this.last);
  }

  /**
   * Take in a timestamp from elsewhere (a pulled document), so later local edits sort after it.
   * A timestamp that is malformed, or further ahead of `referenceMs` (the district's clock, as
   * best known; this machine's by default) than MAX_CLOCK_AHEAD_MS, is not taken in: following
   * it would stamp every later edit of this desk in that future. Returns why it was ignored, or
   * null.
   */
  observe(remote: string, referenceMs: number = this.now()): string | null {
    const problem = clockProblem(remote, referenceMs);
    if (problem) return problem;
    const parsed = parseHlc(remote)!;
    if (
      parsed.wallMs > this.last.wallMs ||
      (parsed.wallMs === this.last.wallMs && parsed.counter > this.last.counter)
    ) {
      this.last = { wallMs: parsed.wallMs, counter: parsed.counter, node: this.node };
    }
    return null;
  }

  /**
   * Once the district's clock is known: when this clock stands further ahead of it than
   * MAX_CLOCK_AHEAD_MS (it took in such a timestamp before they were refused, from a store it
   * restarted from), it starts again from its own wall clock. Returns the timestamp it left, or
   * null. Edits it stamped in that future could never reach the district anyway.
   */
  dropFarFuture(referenceMs: number): string | null {
    if (this.last.wallMs - referenceMs <= MAX_CLOCK_AHEAD_MS) return null;
    const left = formatHlc(this.last);
    this.last = { wallMs: 0, counter: 0, node: this.node };
    return left;
  }

  current(): string {
    return formatHlc(this.last);
  }

  private bump(wallMs: number, counter: number): HlcParts {
    if (counter >= MAX_COUNTER) return { wallMs: wallMs + 1, counter: 0, node: this.node };
    return { wallMs, counter: counter + 1, node: this.node };
  }
}
