/**
 * `npm start`: builds the desk and opens it in Electron (see electron-binary.mjs for the steps).
 * COCARE_SKIP_BUILD=1 skips the build, e.g. when dist/ is already fresh.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesk } from './electron-binary.mjs';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronPackageDir() {
  try {
    const require = createRequire(path.join(appDir, 'package.json'));
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** @type {import('./electron-binary.mjs').Run} */
function run(command, args, { cwd, env, captureStderr = false }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['inherit', 'inherit', captureStderr ? 'pipe' : 'inherit'],
      shell: false,
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const forward = (/** @type {NodeJS.Signals} */ signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    let settled = false;
    const done = (/** @type {number} */ code) => {
      if (settled) return;
      settled = true;
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ code, stderr });
    };
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
      if (!captureStderr) console.error(`Could not run ${command}: ${error.message}`);
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

const code = await startDesk({
  appDir,
  electronDir: electronPackageDir(),
  env: process.env,
  execPath: process.execPath,
  platform: process.platform,
  run,
  print: (text) => console.log(text),
  readText: (file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  },
  exists: existsSync,
});
process.exitCode = code;
