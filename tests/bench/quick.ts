import type { SuiteOptions } from './suite';

/** The smoke settings: the small centre, a fast link, a few of everything. */
export const QUICK: SuiteOptions = {
  size: 'small',
  searchPeople: [1_000],
  checkIns: 5,
  coldStarts: 1,
  coldStartDocs: 12_000,
  dayDocs: 300,
  links: [{ name: 'fast test link (2 MB/s, 20 ms RTT)', bytesPerSecond: 2_000_000, rttMs: 20 }],
  pouch: true,
  load: { devices: 4, centres: 2, rounds: 3, pushRows: 10 },
  instances: {
    instances: [1, 2],
    desks: [6],
    stepSeconds: 5,
    paceSeconds: [1, 2],
    pushDocs: [1, 3],
    desksPerCentre: 2,
    p99LimitMs: 5_000,
  },
  report: { centres: 3, months: 2, runs: 2 },
  postgres: false,
};
