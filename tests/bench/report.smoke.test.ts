/**
 * Keeps the report bench (tests/bench/report.ts) from rotting: a few centres and two months on the
 * test PostgreSQL. It checks that every figure comes out over the seeded history; speed is what
 * `npm run bench -- --only report` reports.
 */
import { expect, inject, it } from 'vitest';
import { QUICK } from './quick';
import { reportFigures } from './report';

const postgresUrl = inject('postgresUrl');
if (!postgresUrl) console.warn(`report bench smoke skipped: ${inject('postgresMissingReason')}`);

it.skipIf(!postgresUrl)(
  "times the district's report and overview over a seeded district",
  { timeout: 120_000 },
  async () => {
    const figures = await reportFigures(QUICK.report, postgresUrl, () => undefined);
    expect(figures.map((f) => f.id)).toEqual([
      'report.monthly.median',
      'report.monthly.slowest',
      'report.overview.median',
      'report.overview.slowest',
    ]);
    for (const f of figures) expect(f.value, f.id).toBeGreaterThan(0);
    // 13 members a centre, and each month's 539 documents of every centre, plus its activity plan.
    const { centres, months } = QUICK.report;
    expect(figures[0]!.detail!.documents).toBe(centres * (13 + 1 + 5 + months * 539));
  },
);
