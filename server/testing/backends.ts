/** Vitest helper: run a suite against PGlite and, when the run has one, real PostgreSQL. */
import { describe, inject } from 'vitest';
import type { StartTestDistrictOptions, TestDbKind } from './harness';

let warned = false;

export function forEachBackend(
  fn: (options: StartTestDistrictOptions & { kind: TestDbKind }) => void,
): void {
  const postgresUrl = inject('postgresUrl');
  if (!postgresUrl && !warned) {
    warned = true;
    console.warn(`PostgreSQL suites skipped: ${inject('postgresMissingReason')}`);
  }
  describe('on PGlite', () => fn({ kind: 'pglite' }));
  describe.skipIf(!postgresUrl)('on PostgreSQL', () => fn({ kind: 'postgres', postgresUrl }));
}
