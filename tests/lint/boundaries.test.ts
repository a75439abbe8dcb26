/**
 * The architecture rules of eslint.config.js, proved on imports written for the purpose: each
 * forbidden edge is reported, and an allowed edge next to it is not. The files are virtual (linted
 * from text at a path in the repository) except for the import cycle, which no-cycle can only see
 * between real files.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ARCHITECTURE_RULES = new Set([
  'boundaries/dependencies',
  'boundaries/no-unknown-files',
  'import-x/no-cycle',
  'no-restricted-syntax',
]);

// The project's config as it is; the edge cases run without no-cycle, which would walk the whole
// import graph behind each probe (seconds each) and which has cases of its own below.
const eslint = new ESLint({ cwd: root });
const eslintWithoutCycles = new ESLint({
  cwd: root,
  overrideConfig: { rules: { 'import-x/no-cycle': 'off' } },
});

/** The architecture findings for `code` linted as if it were the file at `file`. */
async function findings(
  file: string,
  code: string,
  linter = eslintWithoutCycles,
): Promise<{ rule: string; text: string }[]> {
  const [result] = await linter.lintText(code, { filePath: path.join(root, file) });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${file} did not parse: ${fatal.message}`);
  return result.messages
    .filter((m) => m.ruleId !== null && ARCHITECTURE_RULES.has(m.ruleId))
    .map((m) => ({ rule: m.ruleId ?? '', text: m.message }));
}

const forbidden = (source: string) => [
  expect.objectContaining({
    rule: 'boundaries/dependencies',
    text: expect.stringContaining(`"${source}"`),
  }),
];

type Edge = { name: string; file: string; code: string; source: string };

// One import per case; `export ... from` keeps the code free of unused names.
const FORBIDDEN: Edge[] = [
  {
    name: 'the server imports a shared React part',
    file: 'server/probe.ts',
    code: "export { Dialog } from '../shared/ui/Dialog';",
    source: '../shared/ui/Dialog',
  },
  {
    name: 'pure shared code imports a shared React part',
    file: 'shared/rules/probe.ts',
    code: "export { Field } from '../ui/Field';",
    source: '../ui/Field',
  },
  {
    name: 'a shared React part imports react-dom',
    file: 'shared/ui/Probe.tsx',
    code: "export { createPortal } from 'react-dom';",
    source: 'react-dom',
  },
  {
    name: 'a screen imports rxdb',
    file: 'renderer/ui/Probe.tsx',
    code: "export { createRxDatabase } from 'rxdb';",
    source: 'rxdb',
  },
  {
    name: 'a screen imports an rxdb plugin',
    file: 'renderer/ui/Probe.tsx',
    code: "export { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';",
    source: 'rxdb/plugins/storage-dexie',
  },
  {
    name: 'a screen imports rxdb types',
    file: 'renderer/ui/Probe.tsx',
    code: "export type { RxDatabase } from 'rxdb';",
    source: 'rxdb',
  },
  {
    name: 'a screen imports the Electron shell',
    file: 'renderer/ui/Probe.tsx',
    code: "export { createBackupStore } from '../../electron/backup';",
    source: '../../electron/backup',
  },
  {
    name: 'the renderer imports bare fs',
    file: 'renderer/platform/probe.ts',
    code: "export { readFileSync } from 'fs';",
    source: 'fs',
  },
  {
    name: 'the renderer imports a node: module',
    file: 'renderer/data/probe.ts',
    code: "export { join } from 'node:path';",
    source: 'node:path',
  },
  {
    name: 'the renderer imports electron',
    file: 'renderer/platform/probe.ts',
    code: "export { ipcRenderer } from 'electron';",
    source: 'electron',
  },
  {
    name: 'sync imports a screen',
    file: 'renderer/sync/probe.ts',
    code: "export { App } from '../ui/app/App';",
    source: '../ui/app/App',
  },
  {
    name: 'data imports a screen',
    file: 'renderer/data/probe.ts',
    code: "export { App } from '../ui/app/App';",
    source: '../ui/app/App',
  },
  {
    name: 'data imports sync',
    file: 'renderer/data/probe.ts',
    code: "export { SyncController } from '../sync/controller';",
    source: '../sync/controller',
  },
  {
    name: 'data imports the platform as a value',
    file: 'renderer/data/probe.ts',
    code: "export { detectPlatform } from '../platform';",
    source: '../platform',
  },
  {
    name: 'source imports a test harness',
    file: 'renderer/data/probe.ts',
    code: "export { openNodeDesk } from '../testing/node-desk';",
    source: '../testing/node-desk',
  },
  {
    name: 'shared imports node:fs',
    file: 'shared/probe.ts',
    code: "export { readFileSync } from 'node:fs';",
    source: 'node:fs',
  },
  {
    name: 'shared imports the renderer',
    file: 'shared/probe.ts',
    code: "export { openDesk } from '../renderer/data/desk';",
    source: '../renderer/data/desk',
  },
  {
    name: 'shared imports a package not on its list',
    file: 'shared/probe.ts',
    code: "export { default as Ajv } from 'ajv';",
    source: 'ajv',
  },
  {
    name: 'the server imports the renderer',
    file: 'server/probe.ts',
    code: "export { openDesk } from '../renderer/data/desk';",
    source: '../renderer/data/desk',
  },
  {
    name: 'the server imports the shell',
    file: 'server/probe.ts',
    code: "export { createBackupStore } from '../electron/backup';",
    source: '../electron/backup',
  },
  {
    name: 'the server imports the dashboard',
    file: 'server/probe.ts',
    code: "export { formatDay } from '../dashboard/format';",
    source: '../dashboard/format',
  },
  {
    name: 'the dashboard imports a value from the server',
    file: 'dashboard/probe.ts',
    code: "export { checkPassword } from '../server/district/passwords';",
    source: '../server/district/passwords',
  },
  {
    name: 'the dashboard imports the desk',
    file: 'dashboard/probe.ts',
    code: "export { openDesk } from '../renderer/data/desk';",
    source: '../renderer/data/desk',
  },
  {
    name: 'the shell imports the renderer',
    file: 'electron/probe.ts',
    code: "export { openDesk } from '../renderer/data/desk';",
    source: '../renderer/data/desk',
  },
  {
    name: 'the shell imports the server',
    file: 'electron/probe.ts',
    code: "export { buildApp } from '../server/app';",
    source: '../server/app',
  },
];

const ALLOWED: Omit<Edge, 'source'>[] = [
  {
    name: 'the dashboard uses the shared dialog',
    file: 'dashboard/pages/Probe.tsx',
    code: "export { Dialog } from '../../shared/ui/Dialog';",
  },
  {
    name: 'a shared React part imports react',
    file: 'shared/ui/Probe.tsx',
    code: "export { useEffect } from 'react';",
  },
  {
    name: 'a screen imports data',
    file: 'renderer/ui/Probe.tsx',
    code: "export { openDesk } from '../data/desk';",
  },
  {
    name: 'a screen imports react',
    file: 'renderer/ui/Probe.tsx',
    code: "export { useState } from 'react';",
  },
  {
    name: 'sync imports data',
    file: 'renderer/sync/probe.ts',
    code: "export { openDesk } from '../data/desk';",
  },
  {
    name: 'data imports rxdb',
    file: 'renderer/data/probe.ts',
    code: "export { createRxDatabase } from 'rxdb';",
  },
  {
    name: 'data knows the platform type',
    file: 'renderer/data/probe.ts',
    code: "export type { Platform } from '../platform/types';",
  },
  {
    name: 'the platform imports shared',
    file: 'renderer/platform/probe.ts',
    code: "export { backupFileName } from '../../shared/backup';",
  },
  {
    name: 'the composition root imports a screen',
    file: 'renderer/main.tsx',
    code: "export { App } from './ui/app/App';",
  },
  {
    name: 'shared imports date-fns',
    file: 'shared/probe.ts',
    code: "export { addDays } from 'date-fns';",
  },
  {
    name: 'the server imports shared and node:fs',
    file: 'server/probe.ts',
    code: "export { newId } from '../shared/ids';\nexport { readFileSync } from 'node:fs';",
  },
  {
    name: 'the dashboard imports a type from the server',
    file: 'dashboard/probe.ts',
    code: "export type { DeviceRow } from '../server/district/types';",
  },
  {
    name: 'the shell imports shared and electron',
    file: 'electron/probe.ts',
    code: "export type { DeskBridge } from '../shared/bridge';\nexport { app } from 'electron';",
  },
  {
    name: 'a test imports anything',
    file: 'renderer/data/probe.test.ts',
    code: "export { createBackupStore } from '../../electron/backup';\nexport { readFileSync } from 'node:fs';",
  },
];

describe('architecture boundaries (eslint.config.js)', () => {
  it.each(FORBIDDEN)('reports: $name', async ({ file, code, source }) => {
    expect(await findings(file, code)).toEqual(forbidden(source));
  });

  it.each(ALLOWED)('allows: $name', async ({ file, code }) => {
    expect(await findings(file, code)).toEqual([]);
  });

  it('reports a screen that queries desk.db, and not one that calls renderer/data', async () => {
    const query =
      "import type { Desk } from '../data/desk';\nexport const f = (desk: Desk) => desk.db;";
    expect(await findings('renderer/ui/Probe.tsx', query)).toEqual([
      expect.objectContaining({
        rule: 'no-restricted-syntax',
        text: expect.stringContaining('desk.db'),
      }),
    ]);
    const call = "import { checkIn } from '../data/attendance';\nexport const f = checkIn;";
    expect(await findings('renderer/ui/Probe.tsx', call)).toEqual([]);
  });

  it('reports a file outside every known part', async () => {
    expect(await findings('stray/probe.ts', 'export const x = 1;')).toEqual([
      expect.objectContaining({ rule: 'boundaries/no-unknown-files' }),
    ]);
  });
});

describe('no import cycles (eslint.config.js)', () => {
  // no-cycle reads the imported files from disk, so the probe is real files in renderer/data:
  // a.ts imports b.ts, and b.ts imports a.ts back. c.ts imports nothing.
  const dir = path.join(root, 'renderer/data', `__cycle-probe-${process.pid}`);
  const a = path.relative(root, path.join(dir, 'a.ts'));
  const importsB = "import { b } from './b';\nexport const a = () => b;\n";
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'a.ts'), importsB);
    writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a';\nexport const b = () => a;\n");
    writeFileSync(path.join(dir, 'c.ts'), 'export const c = 1;\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a module that imports a module that imports it back', async () => {
    expect(await findings(a, importsB, eslint)).toEqual([
      expect.objectContaining({ rule: 'import-x/no-cycle' }),
    ]);
  });

  it('allows an import that does not lead back', async () => {
    expect(await findings(a, "import { c } from './c';\nexport const a = () => c;\n")).toEqual([]);
  });
});
