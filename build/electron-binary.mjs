/**
 * What `npm start` does, with every effect injected so electron/start-desk.test.ts can drive it:
 * build the app, find the Electron binary, try its own downloader once if it is missing, and
 * either launch the desk or explain in one message how to get Electron.
 */
import path from 'node:path';

/**
 * Where node_modules/electron's binary is, or null. Mirrors node_modules/electron/index.js,
 * which throws instead of answering when the binary was never downloaded.
 * @param {{ electronDir: string, env: Record<string, string | undefined>,
 *   readText: (file: string) => string | null, exists: (file: string) => boolean }} deps
 * @returns {string | null}
 */
export function findElectronBinary({ electronDir, env, readText, exists }) {
  const relative = readText(path.join(electronDir, 'path.txt'))?.trim();
  if (!relative) return null;
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || path.join(electronDir, 'dist');
  const binary = path.join(dist, relative);
  return exists(binary) ? binary : null;
}

/**
 * How to run npm without a shell. Under `npm start`, npm_execpath is npm's own script, run with
 * this Node; on Windows `npm` is a .cmd file that Node refuses to spawn without a shell.
 * @param {{ env: Record<string, string | undefined>, execPath: string, platform: string,
 *   exists: (file: string) => boolean }} deps
 * @returns {{ command: string, args: string[] }}
 */
export function npmInvocation({ env, execPath, platform, exists }) {
  const execScript = env.npm_execpath;
  if (execScript && /\.c?js$/.test(execScript)) return { command: execPath, args: [execScript] };
  const nodeDir = path.dirname(execPath);
  const candidates =
    platform === 'win32'
      ? [path.join(nodeDir, 'node_modules', 'npm', 'bin', 'npm-cli.js')]
      : [path.join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js')];
  const script = candidates.find((candidate) => exists(candidate));
  return script ? { command: execPath, args: [script] } : { command: 'npm', args: [] };
}

/**
 * The first meaningful line of the installer's error output, e.g. "getaddrinfo ENOTFOUND github.com".
 * @param {string} errorOutput
 * @returns {string}
 */
export function installerFailureReason(errorOutput) {
  const lines = errorOutput
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('at ') && !line.startsWith('npm warn'));
  return (lines[0] ?? '').replace(/^\w*Error:\s*/, '');
}

/**
 * The one message printed when Electron is missing and could not be downloaded.
 * @param {string} platform
 * @param {string} [reason] why the download failed, if known
 * @returns {string}
 */
export function electronMissingMessage(platform, reason = '') {
  const setMirror =
    platform === 'win32'
      ? 'set ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/   (PowerShell: $env:ELECTRON_MIRROR="https://npmmirror.com/mirrors/electron/")'
      : 'export ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/';
  return [
    '',
    'CoCare Desk cannot start: Electron could not be downloaded.',
    "npm does not run Electron's own installer for this project, and fetching it just now failed" +
      (reason ? `: ${reason}` : '.'),
    '',
    'To get Electron:',
    '  1. Check the internet connection. Where the default download site is slow or blocked,',
    '     use a mirror (a local one, or e.g. npmmirror):',
    `       ${setMirror}`,
    '  2. Download it:  node node_modules/electron/install.js',
    '  3. Start again:  npm start',
    '',
    'Meanwhile the same desk runs in a browser:  npm run start:web',
    '(development mode: the device token is not kept in the OS secure store).',
    '',
  ].join('\n');
}

/**
 * Runs a command with stdout inherited; stderr is inherited too unless captureStderr is set.
 * @typedef {(command: string, args: string[], options: { cwd: string,
 *   env: Record<string, string | undefined>, captureStderr?: boolean })
 *   => Promise<{ code: number, stderr: string }>} Run
 * @param {{ appDir: string, electronDir: string | null, env: Record<string, string | undefined>,
 *   execPath: string, platform: string, run: Run, print: (text: string) => void,
 *   readText: (file: string) => string | null, exists: (file: string) => boolean }} deps
 * @returns {Promise<number>} the exit code for this process
 */
export async function startDesk(deps) {
  const { appDir, electronDir, env, execPath, platform, run, print, readText, exists } = deps;

  if (env.COCARE_SKIP_BUILD !== '1') {
    const npm = npmInvocation({ env, execPath, platform, exists });
    const { code } = await run(npm.command, [...npm.args, 'run', 'build'], { cwd: appDir, env });
    if (code !== 0) {
      print(`\nCoCare Desk was not started: \`npm run build\` failed (exit code ${code}).\n`);
      return code;
    }
  }

  const locate = () =>
    electronDir === null ? null : findElectronBinary({ electronDir, env, readText, exists });
  let binary = locate();
  let reason =
    electronDir === null ? 'the electron package is not installed (run npm install)' : '';
  if (binary === null && electronDir !== null) {
    print('The Electron binary is missing; trying to download it once…');
    // The installer's stack trace would bury the advice; only its reason is shown, below.
    const { code, stderr } = await run(execPath, [path.join(electronDir, 'install.js')], {
      cwd: electronDir,
      env,
      captureStderr: true,
    });
    binary = code === 0 ? locate() : null;
    reason = installerFailureReason(stderr);
  }
  if (binary === null) {
    print(electronMissingMessage(platform, reason));
    return 1;
  }

  // Set by some tools; it would make Electron behave as plain Node and ignore the app.
  const launchEnv = { ...env };
  delete launchEnv.ELECTRON_RUN_AS_NODE;
  const { code } = await run(binary, [appDir], { cwd: appDir, env: launchEnv });
  return code;
}
