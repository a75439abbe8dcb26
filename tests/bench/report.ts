/**
 * The district's monthly report and centres overview at scale (issue 18, part 4): a district of
 * 300 centres with a year of history (server/testing/districtScale.ts) on PostgreSQL, the report
 * of the year's last month and the overview of a day in it, each timed as the dashboard's routes
 * call them (`monthlyReport`, `centresOverview`) after one warm-up call: the median of the runs
 * against the budget, the slowest beside it.
 */
import { format, parseISO, addMonths } from 'date-fns';
import { monthlyReport } from '../../server/district/reports';
import { centresOverview } from '../../server/district/overview';
import { monthsUpTo, seedDistrictScale } from '../../server/testing/districtScale';
import { startTestDistrict } from '../../server/testing/harness';
import { percentile } from './lib';
import type { Figure } from './suite';

export interface ReportBenchOptions {
  centres: number;
  /** Months of history, ending with the month reported. */
  months: number;
  /** Timed calls of each, after one warm-up call. */
  runs: number;
}

export const REPORT_FULL: ReportBenchOptions = { centres: 300, months: 12, runs: 7 };

/** The month reported: the last complete one of the history. */
const LAST_MONTH = '2026-10';

const ms = (n: number) => Math.round(n * 10) / 10;

async function timed(runs: number, call: () => Promise<unknown>): Promise<number[]> {
  await call();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

export async function reportFigures(
  options: ReportBenchOptions,
  postgresUrl: string,
  log: (line: string) => void,
): Promise<Figure[]> {
  const district = await startTestDistrict({ kind: 'postgres', postgresUrl, poolMax: 10 });
  try {
    const months = monthsUpTo(LAST_MONTH, options.months);
    log(`  seeding ${options.centres} centres × ${options.months} months`);
    const documents = await seedDistrictScale(district.db, { centres: options.centres, months });
    // The seed's writes are flushed before timing, not by a checkpoint in the middle of it.
    await district.db.query('CHECKPOINT').catch((e: Error) => log(`  no CHECKPOINT: ${e.message}`));
    const today = format(addMonths(parseISO(`${LAST_MONTH}-01`), 1), 'yyyy-MM-dd');
    const report = await timed(options.runs, () =>
      monthlyReport(district.db, { month: LAST_MONTH, today }),
    );
    // The 20th: the last day of the month the fixture's people came.
    const overview = await timed(options.runs, () =>
      centresOverview(district.db, { day: `${LAST_MONTH}-20`, staleDays: 3 }),
    );
    const where = `PostgreSQL, ${options.centres} centres, ${options.months} months, ${documents.toLocaleString('en')} documents`;
    const detail = (times: number[]) => ({ runs: times.map(ms), documents });
    const figure = (id: string, label: string, times: number[], budgetMs: number): Figure[] => [
      {
        id: `${id}.median`,
        label: `${label}, median of ${times.length}`,
        value: ms(percentile(times, 50)),
        unit: 'ms',
        budget: `≤ ${budgetMs} ms`,
        pass: percentile(times, 50) <= budgetMs,
        where,
        detail: detail(times),
      },
      {
        id: `${id}.slowest`,
        label: `${label}, slowest of ${times.length}`,
        value: ms(Math.max(...times)),
        unit: 'ms',
        budget: null,
        pass: null,
        where,
      },
    ];
    return [
      ...figure(
        'report.monthly',
        `district monthly report, ${options.centres} centres`,
        report,
        300,
      ),
      ...figure(
        'report.overview',
        `district centres overview, ${options.centres} centres`,
        overview,
        200,
      ),
    ];
  } finally {
    await district.close();
  }
}
