/**
 * Keeps the scale-out bench (tests/bench/instances.ts) from rotting: one and two district
 * processes on the test PostgreSQL, six paced desks for a few seconds. It checks that every figure
 * comes out and that no request failed; speed is what `npm run bench -- --only instances` reports.
 */
import { expect, inject, it } from 'vitest';
import { instanceFigures } from './instances';
import { QUICK } from './quick';

const postgresUrl = inject('postgresUrl');
if (!postgresUrl) console.warn(`scale-out bench smoke skipped: ${inject('postgresMissingReason')}`);

it.skipIf(!postgresUrl)(
  'serves paced desks from one and from two server processes on one PostgreSQL',
  { timeout: 120_000 },
  async () => {
    const figures = await instanceFigures(QUICK.instances, postgresUrl, () => undefined);
    for (const count of QUICK.instances.instances) {
      const byId = (what: string) => figures.find((f) => f.id === `instances.${count}.${what}`);
      // Every desk of the step was served, without a failed request.
      expect(byId('desks')?.value, `${count} instance(s)`).toBe(6);
      for (const what of ['throughput', 'p99', 'rss'])
        expect(byId(what)?.value, `${count}: ${what}`).toBeGreaterThan(0);
      const steps = byId('desks')!.detail!.steps as { failed: number; hintPulls: number }[];
      expect(steps[0]!.failed).toBe(0);
      // The desks of a centre heard each other's pushes through the stream, across instances.
      expect(steps[0]!.hintPulls).toBeGreaterThan(0);
    }
  },
);
