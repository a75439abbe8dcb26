/**
 * Tools of the benchmark suite: statistics, a static web server for the desk build and the bench
 * page, Chromium, a request-counting tap, the CouchDB-protocol server (express-pouchdb on an
 * in-memory PouchDB), seeding a district, and a throwaway PostgreSQL. Loopback only.
 */
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { TestDistrict } from '../../server/testing/harness';
import type { CollectionName } from '../../shared/schemas';
import type { PushRow } from '../../shared/sync/protocol';
import type { AttendanceDoc, MemberDoc } from '../../shared/schemas';
import { formatHlc } from '../../shared/hlc';
import { seededUuidv7, type Rng } from '../fixtures/generate';
import postgresSetup from '../support/postgres-global-setup';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Check-ins a load-driving desk pushes: `count` visits of its centre's people, stamped `now`. */
export function visitRows(options: {
  centreId: string;
  node: string;
  rng: Rng;
  members: readonly MemberDoc[];
  now: number;
  count: number;
}): PushRow[] {
  const { centreId, node, rng, members, now, count } = options;
  return Array.from({ length: count }, (_, i) => {
    const doc: AttendanceDoc = {
      id: seededUuidv7(now + i, rng),
      centreId,
      createdAt: new Date(now).toISOString(),
      updatedAt: formatHlc({ wallMs: now, counter: i, node }),
      updatedBy: node,
      memberId: rng.pick(members).id,
      day: new Date(now).toISOString().slice(0, 10),
      status: 'in',
      checkInAt: new Date(now).toISOString(),
    };
    return { assumedMasterState: null, newDocumentState: { ...doc, _deleted: false } } as PushRow;
  });
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds a process has used (user + system), or 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every process whose command line holds `marker`. */
function cpuSecondsOfAll(marker: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker))
        total += cpuSeconds(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/**
 * Waits until the processes whose command line holds `marker` (a browser's profile directory)
 * have been quiet for `windowMs`: under `share` of one core. IndexedDB's LevelDB compacts in the
 * background for minutes after a bulk write; a store built over years has long been compacted.
 * Returns how long it waited (at most `maxMs`).
 */
export async function waitUntilQuiet(
  marker: string,
  { share = 0.05, windowMs = 5_000, maxMs = 600_000 } = {},
): Promise<number> {
  const started = Date.now();
  let before = cpuSecondsOfAll(marker);
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpuSecondsOfAll(marker);
    if (now - before < (share * windowMs) / 1000) break;
    before = now;
  }
  return Date.now() - started;
}

export function gzipSize(value: unknown): number {
  return gzipSync(JSON.stringify(value)).length;
}

export interface Closeable {
  close(): Promise<void>;
}

async function listen(server: Server | ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function closeServer(server: Server | ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve) => {
    (server as Server).closeAllConnections?.();
    server.close(() => resolve());
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Serves `routes` (URL prefix → folder) on loopback. */
export async function startStatic(
  routes: Record<string, string>,
): Promise<Closeable & { url: string }> {
  const prefixes = Object.keys(routes).sort((a, b) => b.length - a.length);
  const server = createHttpServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix) return void res.writeHead(404).end();
    let file = normalize(join(routes[prefix]!, path.slice(prefix.length)));
    if (!file.startsWith(normalize(routes[prefix]!))) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
];

/** Debian's Chromium, or the one `CHROMIUM_PATH` names. */
const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium with its profile in `userDataDir` on disk, as the Electron desk keeps its store. A
 * context of `launchChromium()` keeps IndexedDB in memory (an incognito profile), whose backend in
 * Debian's Chromium 150 slows down as the store grows, far below what an on-disk store does.
 */
export function launchChromiumOnDisk(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A transparent TCP relay that counts HTTP requests (request lines, CORS preflights included)
 * on their way to `targetPort`. Put it between the link proxy and a server.
 */
export async function startRequestTap(targetPort: number): Promise<
  Closeable & {
    port: number;
    requests(): number;
    byMethod(): Record<string, number>;
    reset(): void;
  }
> {
  let counts: Record<string, number> = {};
  const pattern = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) \S+ HTTP\/1\.[01]\r\n/g;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    client.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString('latin1').matchAll(pattern))
        counts[match[1]!] = (counts[match[1]!] ?? 0) + 1;
    });
    client.pipe(upstream);
    upstream.pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
  });
  const port = await listen(server);
  return {
    port,
    requests: () => Object.values(counts).reduce((a, b) => a + b, 0),
    byMethod: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await closeServer(server);
    },
  };
}

/**
 * A CouchDB-protocol server: express-pouchdb over an in-memory PouchDB (pouchdb-core with the
 * memory adapter), with the same CORS answer as the district (any origin, preflights cached a
 * day), since the desk's page is on another origin in both cases.
 */
export async function startCouchServer(): Promise<Closeable & { url: string; port: number }> {
  const require = createRequire(import.meta.url);
  const PouchDB = require('pouchdb-core')
    .plugin(require('pouchdb-adapter-memory'))
    .plugin(require('pouchdb-mapreduce'))
    .plugin(require('pouchdb-replication'));
  const expressPouchDB = require('express-pouchdb') as (
    pouch: unknown,
    options: object,
  ) => (req: IncomingMessage, res: unknown) => void;
  const app = expressPouchDB(PouchDB.defaults({ adapter: 'memory' }), {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    logPath: '/dev/null',
  });
  const server = createHttpServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, HEAD, OPTIONS',
        'Access-Control-Allow-Headers':
          req.headers['access-control-request-headers'] ?? 'Content-Type, Authorization',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    app(req, res);
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, port, close: () => closeServer(server) };
}

export type FixtureDocs = Partial<Record<CollectionName, readonly object[]>>;

/** Puts documents on the district as a desk of the centre would (batch pushes of ≤ 1,000 rows). */
export async function seedDistrict(
  district: TestDistrict,
  token: string,
  docs: FixtureDocs,
): Promise<number> {
  const client = district.client(token);
  let n = 0;
  for (const [collection, list] of Object.entries(docs) as [CollectionName, object[]][]) {
    for (let i = 0; i < list.length; i += 1000) {
      const rows: PushRow[] = list.slice(i, i + 1000).map((doc) => ({
        assumedMasterState: null,
        newDocumentState: { ...doc, _deleted: false } as never,
      }));
      await client.batch({ pushes: { [collection]: rows } });
      n += rows.length;
    }
  }
  return n;
}

/** A PostgreSQL server for the bench: TEST_DATABASE_URL, or a throwaway cluster like the tests'. */
export async function startPostgres(): Promise<{ url: string; reason: string; stop(): void }> {
  const provided: Record<string, string> = {};
  const teardown = await postgresSetup({
    provide: (key: string, value: string) => (provided[key] = value),
  } as never);
  return {
    url: provided.postgresUrl ?? '',
    reason: provided.postgresMissingReason ?? '',
    stop: () => {
      if (typeof teardown === 'function') teardown();
    },
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/**
 * The functions with the most self time in a Chromium CPU profile (Profiler.stop's result), as
 * lines of text: share of samples, milliseconds, function and where it is.
 */
export function summariseProfile(
  profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] },
  top = 15,
): string {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (deltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = byNode.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? '';
    const key =
      `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  return [...byFunction]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, us]) =>
        `    ${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
    )
    .join('\n');
}
