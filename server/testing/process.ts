/**
 * The district server as its own operating-system process (`server/main.ts`, as `npm run district`
 * starts it), so a test can kill it outright with SIGKILL — the power cut — and start it again on
 * the same data and port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
/** DISTRICT_SECRET of the test servers on PostgreSQL, the same for every start on a database. */
export const TEST_SECRET = 'cocare-test-secret-of-at-least-32-characters';

export interface DistrictProcess {
  url: string;
  /** Its process id (to read its CPU time and memory from /proc). */
  pid: number;
  /** What the server printed, for a failing test's message. */
  output(): string;
  /** SIGKILL: no shutdown of any kind, as when the power goes. */
  kill(): Promise<void>;
  /** SIGTERM: the orderly shutdown. */
  stop(): Promise<void>;
}

export async function startDistrictProcess(options: {
  port: number;
  dataDir?: string | null;
  databaseUrl?: string | undefined;
  /** More of its environment (e.g. DISTRICT_RETENTION_INTERVAL_HOURS). */
  env?: NodeJS.ProcessEnv;
}): Promise<DistrictProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  if (options.databaseUrl) {
    env.DATABASE_URL = options.databaseUrl;
    // Its key, so the server keeps no data folder of its own (in the working directory).
    env.DISTRICT_SECRET = TEST_SECRET;
  }
  if (options.dataDir) env.DISTRICT_DATA_DIR = options.dataDir;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`district process exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`district process did not answer within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return {
    url,
    pid: child.pid!,
    output: () => output,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** A loopback port nobody is listening on (for a server that must come back on the same one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}
