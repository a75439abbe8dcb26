/**
 * `npm run bench`: runs the benchmark suite, prints one table and writes the figures as JSON to
 * bench-results/. Options:
 * - `--size small|typical|large`: the desk's history (default typical);
 * - `--cold-start-docs N`: the store size of the cold start at scale (default 500,000: the
 *   first sync's history copied as older years, tests/bench/ageStore.ts);
 * - `--only search,desk,day,load,report,instances`: those sections only;
 * - `--no-pouch`: no PouchDB comparison;
 * - `--no-postgres`: no PostgreSQL figures (the load figure's, the report's, the scale-out bench);
 * - `--quick`: the smoke settings;
 * - `--profile`: CPU profiles of the initial sync, the check-ins and a cold start, top functions
 *   by self time, and the initial sync's IndexedDB requests per document stored;
 * - `--instances 1,2`: the scale-out bench with those instance counts (1,2,3: about 17 minutes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { FULL, runSuite, type SuiteOptions } from './suite';
import { formatTable } from './table';
import { QUICK } from './quick';
import type { SizeName } from '../fixtures/generate';

function parseArgs(argv: string[]): SuiteOptions {
  const options: SuiteOptions = { ...(argv.includes('--quick') ? QUICK : FULL) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--size') options.size = argv[++i] as SizeName;
    else if (arg === '--cold-start-docs') options.coldStartDocs = Number(argv[++i]);
    else if (arg === '--only') options.only = argv[++i]!.split(',');
    else if (arg === '--no-pouch') options.pouch = false;
    else if (arg === '--no-postgres') options.postgres = false;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--instances')
      options.instances = { ...options.instances, instances: argv[++i]!.split(',').map(Number) };
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const started = new Date();
const figures = await runSuite({ ...options, log: (s) => console.error(s) });
console.log(formatTable(figures));
mkdirSync('bench-results', { recursive: true });
const file = join('bench-results', `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      started: started.toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: {
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      options: { ...options, log: undefined },
      figures,
    },
    null,
    2,
  ),
);
writeFileSync(join('bench-results', 'latest.json'), JSON.stringify({ file, figures }, null, 2));
console.log(`\nfigures written to ${file}`);
process.exit(0);
