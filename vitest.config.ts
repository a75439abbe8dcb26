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
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/support/postgres-global-setup.ts'],
  },
});
