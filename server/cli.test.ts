import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './adminCli';
import { readLivePgliteLock } from './db/db';
import { startTestDistrict, type TestDistrict } from './testing/harness';

function capture(env: NodeJS.ProcessEnv, extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env, ...extra };
  return { io, out, err, run: (...argv: string[]) => runCli(argv, io) };
}

describe('admin CLI against a running server (PGlite)', () => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await startTestDistrict({ kind: 'pglite' });
  });
  afterAll(async () => {
    await d?.close();
  });

  it('connects through pglite.json and manages centres, codes and devices', async () => {
    expect(readLivePgliteLock(d.dataDir!)).toMatchObject({ pid: process.pid });
    const cli = capture({ DISTRICT_DATA_DIR: d.dataDir! });
    expect(await cli.run('centre', 'create', '--name', 'Sunrise', '--id', 'sunrise')).toBe(0);
    expect(cli.out.pop()).toBe('sunrise');
    expect(await cli.run('centre', 'list')).toBe(0);
    expect(cli.out.join('\n')).toMatch(/sunrise\s+Sunrise/);

    expect(await cli.run('code', 'issue', '--centre', 'sunrise', '--hours', '2')).toBe(0);
    const code = cli.out.pop()!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const enrolled = await fetch(`${d.url}/api/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'front desk' }),
    });
    const { deviceId, token } = (await enrolled.json()) as { deviceId: string; token: string };

    expect(await cli.run('device', 'list', '--centre', 'sunrise')).toBe(0);
    expect(cli.out.join('\n')).toContain(deviceId);
    expect(await cli.run('device', 'revoke', deviceId)).toBe(0);
    expect(cli.out.pop()).toMatch(/^revoked /);
    const res = await fetch(`${d.url}/api/sync/members/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ checkpoint: null, batchSize: 1 }),
    });
    expect(res.status).toBe(401);
  });

  it('says what to do on mistakes', async () => {
    const cli = capture({ DISTRICT_DATA_DIR: d.dataDir! });
    expect(await cli.run('code', 'issue', '--centre', 'nowhere')).toBe(1);
    expect(cli.err.pop()).toBe("unknown centre 'nowhere': list centres with `centre list`");
    expect(await cli.run('device', 'revoke', 'ghost')).toBe(1);
    expect(cli.err.pop()).toMatch(/unknown device 'ghost'.*device list/);
    expect(await cli.run('centre', 'create')).toBe(1);
    expect(cli.err.pop()).toMatch(/--name/);
    expect(await cli.run('frobnicate')).toBe(2);
    expect(cli.err.pop()).toMatch(/unknown command/);
    expect(await cli.run('centre', 'list', '--colour', 'red')).toBe(2);
    expect(await cli.run('help')).toBe(0);
    expect(cli.out.pop()).toMatch(/centre create --name/);
  });
});

describe('admin CLI without a running server', () => {
  it('opens the PGlite data folder itself, and leaves no lock file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cocare-cli-'));
    try {
      const cli = capture({ DISTRICT_DATA_DIR: dir });
      expect(await cli.run('centre', 'create', '--name', 'Hillside')).toBe(0);
      const id = cli.out.pop()!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(readLivePgliteLock(dir)).toBeNull();
      expect(await cli.run('centre', 'list')).toBe(0);
      expect(cli.out.join('\n')).toContain('Hillside');
      expect(await cli.run('centre', 'create', '--name', 'Again', '--id', id)).toBe(1);
      expect(cli.err.pop()).toMatch(/already exists/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
