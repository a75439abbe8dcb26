import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { forEachBackend } from '../testing/backends';
import { startTestDistrict, type TestDistrict } from '../testing/harness';
import { openDatabase } from './db';
import { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate';

it('names migrations NNN_name.sql, numbered upwards without twins (a gap is allowed)', () => {
  const migrations = loadMigrations();
  expect(migrations.length).toBeGreaterThan(0);
  expect(migrations[0]!.version).toBe(1);
  migrations.forEach(
    (m, i) => i > 0 && expect(m.version).toBeGreaterThan(migrations[i - 1]!.version),
  );
  const dir = mkdtempSync(join(tmpdir(), 'cocare-mig-'));
  try {
    writeFileSync(join(dir, 'first.sql'), 'SELECT 1');
    expect(() => loadMigrations(dir)).toThrow(/NNN_name/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expect(MIGRATIONS_DIR).toMatch(/migrations$/);
});

forEachBackend((backend) => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await startTestDistrict(backend);
  });
  afterAll(async () => {
    await d?.close();
  });

  it('is idempotent: running again applies nothing and keeps the data', async () => {
    const centre = await d.createCentre('Sunrise');
    const before = await d.db.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(await migrate(d.db)).toEqual([]);
    expect(await migrate(d.db)).toEqual([]);
    const after = await d.db.query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(after.rows).toEqual(before.rows);
    expect(before.rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
    const { rows } = await d.db.query('SELECT id FROM centres WHERE id = $1', [centre]);
    expect(rows).toHaveLength(1);
  });

  it('applies a new migration once, even when two servers start at the same time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cocare-mig-'));
    try {
      for (const m of loadMigrations()) {
        writeFileSync(join(dir, `${String(m.version).padStart(3, '0')}_${m.name}.sql`), m.sql);
      }
      writeFileSync(join(dir, '900_extra.sql'), 'CREATE TABLE extra_things (id text PRIMARY KEY);');
      const second =
        backend.kind === 'postgres'
          ? await openDatabase({ databaseUrl: d.db.connectionString, dataDir: dir })
          : d.db;
      try {
        const results = await Promise.all([migrate(d.db, dir), migrate(second, dir)]);
        expect(results.flat()).toEqual([900]);
      } finally {
        if (second !== d.db) await second.close();
      }
      const { rows } = await d.db.query(
        'SELECT count(*)::int AS n FROM schema_migrations WHERE version = 900',
      );
      expect(rows[0]!.n).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('refuses to open a PGlite data folder that another live process holds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cocare-lock-'));
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'pglite.json'),
      JSON.stringify({ pid: process.pid, socketDir: dir, password: 'x' }),
    );
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already open in process/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
