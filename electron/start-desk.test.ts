import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  electronMissingMessage,
  findElectronBinary,
  installerFailureReason,
  npmInvocation,
  startDesk,
  type StartDeskDeps,
} from '../build/electron-binary.mjs';

const appDir = path.resolve('/home/ops/cocare');
const electronDir = path.join(appDir, 'node_modules', 'electron');
const binary = path.join(electronDir, 'dist', 'electron');
const npmCli = '/usr/lib/node_modules/npm/bin/npm-cli.js';

interface Call {
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
  captureStderr?: boolean;
}

/** A machine with the given files; `run` records each command and answers with `exitCodes`. */
function machine(options: {
  files?: Record<string, string>;
  exitCodes?: Record<string, number>;
  onRun?: (call: Call, files: Record<string, string>) => void;
  env?: Record<string, string | undefined>;
  stderr?: string;
}) {
  const files: Record<string, string> = { ...options.files };
  const calls: Call[] = [];
  const printed: string[] = [];
  const deps: StartDeskDeps = {
    appDir,
    electronDir,
    env: { npm_execpath: npmCli, ...options.env },
    execPath: '/usr/bin/node',
    platform: 'linux',
    run: async (command, args, { env, captureStderr }) => {
      const call = { command, args, env, captureStderr };
      calls.push(call);
      options.onRun?.(call, files);
      const key = path.basename(args.at(-1) ?? command);
      const code = options.exitCodes?.[key] ?? options.exitCodes?.[path.basename(command)] ?? 0;
      return { code, stderr: code === 0 ? '' : (options.stderr ?? '') };
    },
    print: (text) => printed.push(text),
    readText: (file) => files[file] ?? null,
    exists: (file) => file in files,
  };
  return { deps, calls, printed };
}

const installed = { [path.join(electronDir, 'path.txt')]: 'electron', [binary]: '' };

describe('npm start', () => {
  it('builds, then launches Electron with the app folder when the binary is there', async () => {
    const { deps, calls, printed } = machine({ files: installed });
    expect(await startDesk(deps)).toBe(0);
    expect(calls.map((c) => [c.command, ...c.args])).toEqual([
      ['/usr/bin/node', npmCli, 'run', 'build'],
      [binary, appDir],
    ]);
    expect(printed).toEqual([]);
  });

  it('passes on Electron’s exit code, without ELECTRON_RUN_AS_NODE', async () => {
    const { deps, calls } = machine({
      files: installed,
      exitCodes: { cocare: 3 },
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    expect(await startDesk(deps)).toBe(3);
    expect(calls.at(-1)?.env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
  });

  it('skips the build with COCARE_SKIP_BUILD=1', async () => {
    const { deps, calls } = machine({ files: installed, env: { COCARE_SKIP_BUILD: '1' } });
    expect(await startDesk(deps)).toBe(0);
    expect(calls.map((c) => c.command)).toEqual([binary]);
  });

  it('stops with the build’s exit code when the build fails', async () => {
    const { deps, calls, printed } = machine({ files: installed, exitCodes: { build: 2 } });
    expect(await startDesk(deps)).toBe(2);
    expect(calls).toHaveLength(1);
    expect(printed.join('\n')).toContain('npm run build');
  });

  it('downloads a missing binary once with Electron’s own installer, then launches', async () => {
    const { deps, calls } = machine({
      onRun: (call, files) => {
        if (call.args[0] === path.join(electronDir, 'install.js')) Object.assign(files, installed);
      },
    });
    expect(await startDesk(deps)).toBe(0);
    expect(calls.map((c) => [c.command, ...c.args])).toEqual([
      ['/usr/bin/node', npmCli, 'run', 'build'],
      ['/usr/bin/node', path.join(electronDir, 'install.js')],
      [binary, appDir],
    ]);
  });

  it('when the download fails, prints one clear message naming npm run start:web and exits 1', async () => {
    const { deps, calls, printed } = machine({
      exitCodes: { 'install.js': 1 },
      stderr: [
        'RequestError: getaddrinfo ENOTFOUND github.com',
        '    at ClientRequest.<anonymous> (/x/got/index.js:970:111)',
      ].join('\n'),
    });
    expect(await startDesk(deps)).toBe(1);
    const installs = calls.filter((c) => c.args[0]?.endsWith('install.js'));
    expect(installs).toHaveLength(1);
    expect(installs[0]?.captureStderr).toBe(true);
    expect(calls.some((c) => c.command === binary)).toBe(false);
    const message = printed.at(-1) ?? '';
    expect(message).toBe(electronMissingMessage('linux', 'getaddrinfo ENOTFOUND github.com'));
    expect(message).toContain('failed: getaddrinfo ENOTFOUND github.com');
    expect(message).not.toContain('ClientRequest');
    expect(message).toContain('Electron could not be downloaded');
    expect(message).toContain('ELECTRON_MIRROR');
    expect(message).toContain('node node_modules/electron/install.js');
    expect(message).toContain('npm start');
    expect(message).toContain('npm run start:web');
    expect(message).toContain('not kept in the OS secure store');
  });

  it('also gives the message when the installer exits 0 but left no binary', async () => {
    const { deps, printed } = machine({ env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } });
    expect(await startDesk(deps)).toBe(1);
    expect(printed.at(-1)).toContain('npm run start:web');
  });

  it('also gives the message when the electron package is not installed at all', async () => {
    const { deps, calls, printed } = machine({ env: { COCARE_SKIP_BUILD: '1' } });
    expect(await startDesk({ ...deps, electronDir: null })).toBe(1);
    expect(calls).toEqual([]);
    expect(printed.at(-1)).toContain('npm run start:web');
    expect(printed.at(-1)).toContain('npm install');
  });
});

describe('finding the binary and npm', () => {
  const exists = (files: string[]) => (file: string) => files.includes(file);

  it('reads path.txt like node_modules/electron/index.js, and checks the file is there', () => {
    const readText = (file: string) => (file.endsWith('path.txt') ? 'electron\n' : null);
    expect(findElectronBinary({ electronDir, env: {}, readText, exists: exists([binary]) })).toBe(
      binary,
    );
    expect(findElectronBinary({ electronDir, env: {}, readText, exists: exists([]) })).toBeNull();
    expect(
      findElectronBinary({ electronDir, env: {}, readText: () => null, exists: exists([binary]) }),
    ).toBeNull();
    const override = path.resolve('/opt/electron');
    expect(
      findElectronBinary({
        electronDir,
        env: { ELECTRON_OVERRIDE_DIST_PATH: override },
        readText,
        exists: exists([path.join(override, 'electron')]),
      }),
    ).toBe(path.join(override, 'electron'));
  });

  it('runs npm through Node, never through a shell', () => {
    expect(
      npmInvocation({
        env: { npm_execpath: npmCli },
        execPath: '/usr/bin/node',
        platform: 'linux',
        exists: exists([]),
      }),
    ).toEqual({ command: '/usr/bin/node', args: [npmCli] });
    const winNode = 'C:\\Program Files\\nodejs\\node.exe';
    const winCli = path.join(path.dirname(winNode), 'node_modules', 'npm', 'bin', 'npm-cli.js');
    expect(
      npmInvocation({ env: {}, execPath: winNode, platform: 'win32', exists: exists([winCli]) }),
    ).toEqual({
      command: winNode,
      args: [winCli],
    });
    expect(
      npmInvocation({ env: {}, execPath: '/usr/bin/node', platform: 'linux', exists: exists([]) }),
    ).toEqual({
      command: 'npm',
      args: [],
    });
  });

  it('takes the reason from the installer’s error output, without the stack', () => {
    expect(
      installerFailureReason(
        'npm warn Unknown user config\nRequestError: getaddrinfo ENOTFOUND github.com\n    at x (y:1:2)\n',
      ),
    ).toBe('getaddrinfo ENOTFOUND github.com');
    expect(installerFailureReason('')).toBe('');
  });

  it('tells Windows users how to set the mirror in their shell', () => {
    expect(electronMissingMessage('win32')).toContain('set ELECTRON_MIRROR=');
    expect(electronMissingMessage('linux')).toContain('export ELECTRON_MIRROR=');
  });
});
