import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Every file a doc or a code comment names exists in the repository: a reader who follows a
 * reference finds the file. Checked: Markdown links and backticked paths in README.md and docs/,
 * and paths named in comments of the source (docs/DESIGN.md: "The design inside the repository").
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_DIRS = ['shared', 'renderer', 'server', 'electron', 'dashboard', 'build', 'tests'];
const SOURCE_FILE = /\.(ts|tsx|mjs|js|css|sql)$/;
/** Folders made by builds and runs, named in docs but never committed. */
const GENERATED =
  /^(dist|release|test-results|bench-results|playwright-report|node_modules|\.district-data|coverage)(\/|$)|^userData\//;
/** A repository path: folders and a file with an extension, or a folder ending in a slash. */
const PATH = /^(?:\.{0,2}\/)?(?:[\w@.-]+\/)+(?:[\w.-]+\.[a-z]{1,5}|)$/;
/** A bare file name (a table row or a sentence gives its folder): must exist somewhere. */
const BARE_FILE = /^[\w.-]+\.(md|ts|tsx|sql|css|mjs)$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const repoFiles = SOURCE_DIRS.concat('docs')
  .flatMap((d) => walk(join(root, d)))
  .concat(readdirSync(root).map((f) => join(root, f)));
const baseNames = new Set(repoFiles.map((f) => f.slice(f.lastIndexOf('/') + 1)));

/** Whether `ref`, named in `file`, exists: from the repository's root, or beside the file. */
function exists(ref: string, file: string): boolean {
  const clean = ref.replace(/#.*$/, '').replace(/:\d+(-\d+)?$/, '');
  if (GENERATED.test(clean)) return true;
  if (BARE_FILE.test(clean)) return baseNames.has(clean);
  return existsSync(join(root, clean)) || existsSync(join(dirname(file), clean));
}

function candidates(text: string, markdown: boolean): string[] {
  const found: string[] = [];
  const token = (raw: string) => {
    const t = raw.trim();
    // Placeholders (`NNN_name.sql`, `<id>`, `*.test.ts`, `DATA_DIR/x`) name a pattern, not a file.
    if (!t || t.includes('://') || t.startsWith('/') || /[*<>{}$ ]|NNN|^[A-Z_]+\//.test(t)) return;
    if (PATH.test(t) || BARE_FILE.test(t)) found.push(t);
  };
  for (const m of text.matchAll(/`([^`\n]+)`/g)) token(m[1]!);
  if (markdown) for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) token(m[1]!);
  else
    for (const m of text.matchAll(/\b((?:[\w@-]+\/)+[\w.-]+\.(?:md|ts|tsx|sql|css|mjs|json))\b/g))
      token(m[1]!);
  return found;
}

/** The comment text of a source file (line comments, block comments, SQL comments). */
function comments(source: string): string {
  const parts: string[] = [];
  for (const m of source.matchAll(/\/\*[\s\S]*?\*\/|(?<![:'"`\w])\/\/[^\n]*|^\s*--[^\n]*/gm))
    parts.push(m[0]);
  return parts.join('\n');
}

describe('references in docs and code', () => {
  it('every path that README.md and docs/ name exists', () => {
    const docs = ['README.md', ...readdirSync(join(root, 'docs')).map((f) => join('docs', f))];
    const missing = docs.flatMap((doc) => {
      const file = join(root, doc);
      const text = readFileSync(file, 'utf8');
      return candidates(text, true)
        .filter((ref) => !exists(ref, file))
        .map((ref) => `${doc}: ${ref}`);
    });
    expect(missing).toEqual([]);
  });

  it('every path a code comment names exists, and the design notes are cited by their path', () => {
    const files = SOURCE_DIRS.flatMap((d) => walk(join(root, d))).filter((f) =>
      SOURCE_FILE.test(f),
    );
    const missing: string[] = [];
    for (const file of files) {
      const text = comments(readFileSync(file, 'utf8'));
      const rel = relative(root, file);
      for (const ref of candidates(text, false))
        if (!exists(ref, file)) missing.push(`${rel}: ${ref}`);
      for (const m of text.matchAll(/(?<![\w/])(DESIGN|DOMAIN)\.md/g))
        missing.push(`${rel}: ${m[0]} (cite docs/${m[0]})`);
    }
    expect(missing).toEqual([]);
  });
});
