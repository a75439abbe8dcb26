/**
 * Gives the test run a real PostgreSQL. With TEST_DATABASE_URL set (CI starts its own server),
 * that one is used. Otherwise, where PostgreSQL's binaries are installed, a throwaway cluster is
 * created in a temporary folder, started on a free loopback port and removed afterwards.
 * Tests read the URL with `inject('postgresUrl')`; an empty string means none could be had, and
 * the PostgreSQL suites then say why they are skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/testing/process';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    postgresMissingReason: string;
  }
}

function findPgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

export default async function setup(project: TestProject): Promise<(() => void) | void> {
  const given = process.env.TEST_DATABASE_URL ?? '';
  if (given) {
    project.provide('postgresUrl', given);
    project.provide('postgresMissingReason', '');
    return;
  }
  const bin = findPgBin();
  if (!bin) {
    project.provide('postgresUrl', '');
    project.provide(
      'postgresMissingReason',
      'no PostgreSQL server: set TEST_DATABASE_URL or install postgresql (bash .ci/run does both)',
    );
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cocare-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) =>
    isRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], {
          stdio: 'pipe',
        })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const port = await freePort();
  run('initdb', ['-D', dataDir, '-U', 'cocare', '--auth=trust', '--encoding=UTF8', '--no-locale']);
  run('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(dir, 'log'),
    '-w',
    'start',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
  ]);
  project.provide('postgresUrl', `postgres://cocare@127.0.0.1:${port}/postgres`);
  project.provide('postgresMissingReason', '');
  return () => {
    const args = ['-D', dataDir, '-m', 'fast', '-w', 'stop'];
    if (isRoot) spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args]);
    else spawnSync(join(bin, 'pg_ctl'), args);
    rmSync(dir, { recursive: true, force: true });
  };
}
