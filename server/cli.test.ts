import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from './adminCli';
import { readLivePgliteLock } from './db/db';
import { listActions } from './district/actionLog';
import { staffClient } from './district/testing';
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

  it("issues codes under the district's key, and refuses to run with another key", async () => {
    // The data folder's key, shared with the running server: its codes enrol at the server.
    expect(statSync(join(d.dataDir!, 'district.key')).mode & 0o777).toBe(0o600);
    const cli = capture({ DISTRICT_DATA_DIR: d.dataDir! });
    expect(await cli.run('centre', 'create', '--name', 'Keyed', '--id', 'keyed')).toBe(0);
    // With another DISTRICT_SECRET its codes would never work: it says so and does nothing.
    const other = capture({
      DISTRICT_DATA_DIR: d.dataDir!,
      DISTRICT_SECRET: 'another-secret-of-at-least-thirty-two-characters',
    });
    expect(await other.run('code', 'issue', '--centre', 'keyed')).toBe(1);
    expect(other.out).toEqual([]);
    expect(other.err.pop()).toMatch(
      /^this process's key is not the one the district's database was set up with: give every server and the admin CLI the same DISTRICT_SECRET/,
    );
    const short = capture({ DISTRICT_DATA_DIR: d.dataDir!, DISTRICT_SECRET: 'too short' });
    expect(await short.run('centre', 'list')).toBe(1);
    expect(short.err.pop()).toMatch(/^DISTRICT_SECRET must be at least 32 random characters/);
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

describe('admin CLI: dashboard accounts', () => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await startTestDistrict({ kind: 'pglite' });
  });
  afterAll(async () => {
    await d?.close();
  });

  const withPassword = (password: string) =>
    capture(
      { DISTRICT_DATA_DIR: d.dataDir! },
      { readPassword: async () => password, actor: 'tester' },
    );

  it('creates the first admin, who can log in; lists, disables and re-enables accounts', async () => {
    const cli = withPassword('a long enough password');
    expect(
      await cli.run('user', 'create', '--login', 'wang', '--role', 'admin', '--name', '王科长'),
    ).toBe(0);
    expect(cli.out.pop()).toBe('wang');
    expect(cli.err.pop()).toBe('created admin account wang (王科长)');
    const staff = staffClient(d.url);
    const login = await staff.login('wang', 'a long enough password');
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ user: { displayName: '王科长', role: 'admin' } });

    expect(await cli.run('user', 'list')).toBe(0);
    expect(cli.out.join('\n')).toMatch(/wang\s+王科长\s+admin/);

    expect(await cli.run('user', 'disable', 'WANG')).toBe(0);
    expect(cli.out.pop()).toMatch(/^wang disabled at .*its sessions ended$/);
    expect((await staff.request('GET', '/me')).status).toBe(401);
    expect((await staffClient(d.url).login('wang', 'a long enough password')).status).toBe(401);
    expect(await cli.run('user', 'enable', 'wang')).toBe(0);
    expect(cli.out.pop()).toBe('wang enabled');

    const reset = withPassword('another long password');
    expect(await reset.run('user', 'password', 'wang')).toBe(0);
    expect((await staffClient(d.url).login('wang', 'a long enough password')).status).toBe(401);
    expect((await staffClient(d.url).login('wang', 'another long password')).status).toBe(200);

    const actions = (await listActions(d.db, 20)).filter((a) => a.actor === 'cli:tester');
    expect(actions.map((a) => `${a.action} ${a.target}`)).toEqual([
      'user.password wang',
      'user.enable wang',
      'user.disable wang',
      'user.create wang',
    ]);
    // The password is in no log entry.
    expect(JSON.stringify(await listActions(d.db, 100))).not.toMatch(/long enough|another long/);
  });

  it('says what is wrong with an account', async () => {
    const cli = withPassword('a long enough password');
    expect(await cli.run('user', 'create', '--login', 'li')).toBe(1);
    expect(cli.err.pop()).toMatch(/missing --login or --role/);
    expect(await cli.run('user', 'create', '--login', 'li', '--role', 'boss')).toBe(1);
    expect(cli.err.pop()).toBe("role 'boss' is not known: use admin or viewer");
    expect(
      await withPassword('short').run('user', 'create', '--login', 'li', '--role', 'viewer'),
    ).toBe(1);
    expect(await cli.run('user', 'create', '--login', 'li', '--role', 'viewer')).toBe(0);
    expect(await cli.run('user', 'create', '--login', 'LI', '--role', 'viewer')).toBe(1);
    expect(cli.err.pop()).toBe("login 'LI' is taken: list accounts with `user list`");
    expect(await cli.run('user', 'disable', 'ghost')).toBe(1);
    expect(cli.err.pop()).toBe("unknown login 'ghost': list accounts with `user list`");
    // There is no option that takes a password.
    expect(
      await cli.run('user', 'create', '--login', 'x', '--role', 'admin', '--password', 'p'),
    ).toBe(2);
  });

  it('reads the password from the first line of stdin, never from the arguments', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli.ts',
        'user',
        'create',
        '--login',
        'piped',
        '--role',
        'viewer',
      ],
      { env: { ...process.env, DISTRICT_DATA_DIR: d.dataDir! }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdin.end('piped password 1\nignored second line\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toContain('created viewer account piped');
    expect(code).toBe(0);
    expect(out.trim()).toBe('piped');
    expect((await staffClient(d.url).login('piped', 'piped password 1')).status).toBe(200);
  });

  it('revokes a device with a reason, which the device is told', async () => {
    const centre = await d.createCentre('Hillside');
    const desk = await d.enrolDevice(centre);
    const cli = withPassword('unused');
    expect(await cli.run('device', 'revoke', desk.deviceId, '--reason', 'laptop stolen')).toBe(0);
    const res = await d
      .client(desk.token)
      .request<{ error: Record<string, unknown> }>('POST', '/api/sync/members/pull', {
        checkpoint: null,
        batchSize: 1,
      });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'device_revoked', reason: 'laptop stolen' });
    const [entry] = await listActions(d.db, 1);
    expect(entry).toMatchObject({
      actor: 'cli:tester',
      action: 'device.revoke',
      target: desk.deviceId,
    });
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
