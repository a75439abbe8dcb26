import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Desks and the district run in one time zone in service (server/config.ts `timeZone`, default
// Asia/Shanghai); the tests' desks run in this process, so it keeps the district's zone. Without
// it, between 16:00 and 24:00 UTC a desk on a UTC machine is still on yesterday while the district
// is on today (the Playwright browsers get the same zone: tests/e2e/playwright.config.ts).
process.env.TZ = 'Asia/Shanghai';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'server/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'dashboard/**/*.test.ts',
      'electron/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/support/**/*.test.ts',
      'tests/fixtures/**/*.test.ts',
      'tests/docs/**/*.test.ts',
      'tests/bench/**/*.test.ts',
      'tests/lint/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    // Two test files at a time even on 2 cores (vitest's default there is one): most of the slow
    // files wait on simulated slow links, retries and browsers rather than compute. Measured on
    // the 2-core machine: 19.7 min one at a time, 11.6 min two at a time, every file passing.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/support/postgres-global-setup.ts'],
  },
});
