/**
 * Bundles the Electron main process and preload into dist/electron. The preload must be one
 * CommonJS file: a sandboxed preload can require only Electron's own modules.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'electron');

/** @type {import('esbuild').BuildOptions} */
const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'info',
};

rmSync(outDir, { recursive: true, force: true });
await Promise.all([
  // Electron 45 ships Chromium 156 and a Node of line 22 or later; node22 is the floor that
  // keeps the output valid on it.
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    target: 'node22',
  }),
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    target: 'chrome156',
  }),
]);
