/**
 * `/updates/`: the district serves a release's files to the desks, read-only. Run on PGlite only:
 * the route never touches the database (the server needs one to start).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type DistrictServer } from './app';
import { openDatabase, type Db } from './db/db';
import { migrate } from './db/migrate';
import { createTestDatabase, type TestDatabase } from './testing/harness';
import { errorShapeProblems } from './testing/state';
import { parseRange, updateFileType } from './updates';

const INSTALLER = 'CoCare-Desk-Setup-0.2.0.exe';
/** Bytes that are not text, so a mangled body (re-encoded, compressed) shows. */
const installerBytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256));
const latestYml =
  `version: 0.2.0\nfiles:\n  - url: ${INSTALLER}\n` +
  `    sha512: ${createHash('sha512').update(installerBytes).digest('base64')}\n` +
  `    size: ${installerBytes.length}\npath: ${INSTALLER}\nreleaseDate: '2026-12-01T08:00:00.000Z'\n`;
/** Beside the updates folder: what a path trick would reach. */
const SECRET = 'district-secret-7f3a';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** Sends `path` exactly as written (no client normalises it) and reads the whole answer. */
function rawGet(url: string, path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const [statusLine = '', ...lines] = all.subarray(0, split).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body: Buffer = all.subarray(split + 4);
      if (headers['transfer-encoding'] === 'chunked') body = unchunk(body);
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(`${method} ${path} HTTP/1.1\r\nHost: district\r\nConnection: close\r\n\r\n`);
  });
}

function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const eol = data.indexOf('\r\n', at);
    const size = parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (!size) return Buffer.concat(parts);
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

let place: TestDatabase;
let db: Db;
let root: string;
let served: DistrictServer;
let bare: DistrictServer;
let url: string;
let bareUrl: string;

async function start(updatesDir: string | null): Promise<[DistrictServer, string]> {
  const app = await buildServer({
    db,
    updatesDir,
    publicUrl: 'http://localhost',
    serverKey: randomBytes(32),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('server has no address');
  return [app, `http://127.0.0.1:${address.port}`];
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cocare-updates-'));
  const dir = join(root, 'updates');
  mkdirSync(join(dir, 'sub'), { recursive: true });
  mkdirSync(join(dir, 'folder.yml'));
  writeFileSync(join(dir, 'latest.yml'), latestYml);
  writeFileSync(join(dir, INSTALLER), installerBytes);
  writeFileSync(join(dir, `${INSTALLER}.asc`), '-----BEGIN PGP SIGNATURE-----\n');
  writeFileSync(join(dir, '.hidden.yml'), SECRET);
  writeFileSync(join(dir, 'sub', 'latest.yml'), SECRET);
  writeFileSync(join(root, 'secret.yml'), SECRET);
  symlinkSync(join(root, 'secret.yml'), join(dir, 'link.yml'));
  place = await createTestDatabase({ kind: 'pglite' });
  db = await openDatabase({ dataDir: place.dataDir! });
  await migrate(db);
  [served, url] = await start(dir);
  [bare, bareUrl] = await start(null);
});
afterAll(async () => {
  await served?.close();
  await bare?.close();
  await db?.close();
  await place?.drop();
  rmSync(root, { recursive: true, force: true });
});

describe('GET /updates/:name', () => {
  it('serves latest.yml fresh and an installer as immutable bytes, uncompressed', async () => {
    const yml = await fetch(`${url}/updates/latest.yml?noCache=1j2k3`, {
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    expect(yml.status).toBe(200);
    expect(yml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(yml.headers.get('cache-control')).toBe('no-cache');
    expect(yml.headers.get('content-encoding')).toBeNull();
    expect(await yml.text()).toBe(latestYml);

    const exe = await fetch(`${url}/updates/${INSTALLER}`, {
      headers: { 'Accept-Encoding': 'gzip, br' },
    });
    expect(exe.status).toBe(200);
    expect(exe.headers.get('content-type')).toBe('application/vnd.microsoft.portable-executable');
    expect(exe.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(exe.headers.get('x-content-type-options')).toBe('nosniff');
    expect(exe.headers.get('content-encoding')).toBeNull();
    expect(exe.headers.get('content-length')).toBe(String(installerBytes.length));
    expect(Buffer.from(await exe.arrayBuffer())).toEqual(installerBytes);

    const sig = await fetch(`${url}/updates/${INSTALLER}.asc`);
    expect(sig.headers.get('content-type')).toBe('application/pgp-signature');
  });

  it('answers HEAD with the length and no body, and one byte range with 206', async () => {
    const head = await rawGet(url, `/updates/${INSTALLER}`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(installerBytes.length));
    expect(head.body.length).toBe(0);

    const part = await fetch(`${url}/updates/${INSTALLER}`, {
      headers: { Range: 'bytes=100-199' },
    });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${installerBytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(installerBytes.subarray(100, 200));

    const tail = await fetch(`${url}/updates/${INSTALLER}`, { headers: { Range: 'bytes=-16' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(installerBytes.subarray(-16));

    // Past the end, or several ranges: the whole file, as RFC 9110 allows.
    for (const range of ['bytes=999999-', 'bytes=0-1,5-6', 'lines=1-2']) {
      const whole = await fetch(`${url}/updates/${INSTALLER}`, { headers: { Range: range } });
      expect(whole.status, range).toBe(200);
      expect((await whole.arrayBuffer()).byteLength, range).toBe(installerBytes.length);
    }
  });

  it('refuses path tricks in every spelling with a 4xx in the error shape, never a file outside', async () => {
    const tricks = [
      '/updates/../secret.yml',
      '/updates/..%2fsecret.yml',
      '/updates/%2e%2e%2fsecret.yml',
      '/updates/%2E%2E%2Fsecret.yml',
      '/updates/%2e%2e/secret.yml',
      '/updates/..%5csecret.yml',
      '/updates/%252e%252e%252fsecret.yml',
      '/updates/%c0%ae%c0%ae%2fsecret.yml',
      '/updates/..',
      '/updates/%2e%2e',
      '/updates/.',
      '/updates/sub%2flatest.yml',
      '/updates/sub/latest.yml',
      '/updates/latest.yml%00',
      '/updates/latest.yml%00.exe',
      '/updates/%00',
      '/updates/.hidden.yml',
      '/updates/%2ehidden.yml',
      '/updates/link.yml',
      '/updates/folder.yml',
      '/updates/secret.yml',
      '/updates/package.json',
      '/updates/%',
      '/updates/%zz.yml',
      `/updates/${'a'.repeat(300)}.yml`,
      '/updates//etc/passwd',
      '/updates/C:%5cWindows%5cwin.ini',
    ];
    for (const path of tricks) {
      const answer = await rawGet(url, path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.body.toString('utf8'), path).not.toContain(SECRET);
      expect(
        errorShapeProblems(answer.status, JSON.parse(answer.body.toString('utf8'))),
        path,
      ).toEqual([]);
    }
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('lists nothing, and changes nothing', async () => {
    for (const path of ['/updates/', '/updates', '/updates/?list=1']) {
      const answer = await rawGet(url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString('utf8'), path).not.toContain(INSTALLER);
      expect(JSON.parse(answer.body.toString('utf8')).error.message).toMatch(/no listing/);
    }
    for (const method of ['PUT', 'POST', 'DELETE', 'PATCH']) {
      const answer = await rawGet(url, '/updates/latest.yml', method);
      expect(answer.status, method).toBe(404);
    }
    expect(await (await fetch(`${url}/updates/latest.yml`)).text()).toBe(latestYml);
  });

  it('says how to turn updates on where no folder is set', async () => {
    const answer = await fetch(`${bareUrl}/updates/latest.yml`);
    expect(answer.status).toBe(404);
    const body = (await answer.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('set DISTRICT_UPDATES_DIR');
  });
});

describe('the release file names and ranges', () => {
  it('knows a release’s files by name, and nothing else', () => {
    for (const name of [
      'latest.yml',
      'latest-linux.yml',
      INSTALLER,
      `${INSTALLER}.blockmap`,
      'CoCare-Desk-0.2.0-x86_64.AppImage',
      'CoCare-Desk-0.2.0-amd64.deb',
      'CoCare-Desk-0.2.0-amd64.deb.asc',
    ]) {
      expect(updateFileType(name), name).not.toBeNull();
    }
    for (const name of ['', '.', '..', '.yml', 'a/b.yml', 'a\\b.yml', 'x..yml', 'a.txt', 'a.YML']) {
      expect(updateFileType(name), name).toBeNull();
    }
  });

  it('reads one byte range, and leaves the rest to a whole answer', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=90-500', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    for (const header of [
      undefined,
      'bytes=100-',
      'bytes=5-1',
      'bytes=-0',
      'bytes=-',
      'bytes=1-2,4-5',
    ]) {
      expect(parseRange(header, 100), String(header)).toBeNull();
    }
    expect(parseRange('bytes=-5', 0)).toBeNull();
  });
});
