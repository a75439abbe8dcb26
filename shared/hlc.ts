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

  /** Take in a timestamp from elsewhere (a pulled document), so later local edits sort after it. */
  observe(remote: string): void {
    const parsed = parseHlc(remote);
    if (!parsed) return;
    if (
      parsed.wallMs > this.last.wallMs ||
      (parsed.wallMs === this.last.wallMs && parsed.counter > this.last.counter)
    ) {
      this.last = { wallMs: parsed.wallMs, counter: parsed.counter, node: this.node };
    }
  }

  current(): string {
    return formatHlc(this.last);
  }

  private bump(wallMs: number, counter: number): HlcParts {
    if (counter >= MAX_COUNTER) return { wallMs: wallMs + 1, counter: 0, node: this.node };
    return { wallMs, counter: counter + 1, node: this.node };
  }
}
