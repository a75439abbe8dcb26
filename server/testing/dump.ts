/**
 * Everything a district database holds, as text: every row of every table of the application's
 * schema, the way `pg_dump --data-only` would write it (a row as PostgreSQL's own text form). For
 * tests that prove a value is gone from the district — wherever it could have been written.
 */
import type { Queryable } from '../db/db';

export async function dumpDatabase(db: Queryable): Promise<{ tables: string[]; text: string }> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const quoted = `"${name.replaceAll('"', '""')}"`;
    const { rows } = await db.query<{ row: string }>(`SELECT t::text AS row FROM ${quoted} t`);
    parts.push(`-- ${name}`, ...rows.map((r) => r.row));
  }
  return { tables: tables.map((t) => t.name), text: parts.join('\n') };
}
