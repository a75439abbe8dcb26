import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_SECURITY_HEADERS } from './app';
import { startTestDistrict, type TestDistrict } from './testing/harness';

describe('the dashboard pages', () => {
  let built: TestDistrict;
  let bare: TestDistrict;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cocare-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><script type="module" src="./assets/app.js"></script>',
    );
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    built = await startTestDistrict({ kind: 'pglite', dashboardDir: dir });
    bare = await startTestDistrict({ kind: 'pglite' });
  });
  afterAll(async () => {
    await built?.close();
    await bare?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the built pages at /dashboard/ with strict security headers; / leads there', async () => {
    const root = await fetch(`${built.url}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/dashboard/');
    const page = await fetch(`${built.url}/dashboard/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('assets/app.js');
    for (const [name, value] of Object.entries(DASHBOARD_SECURITY_HEADERS)) {
      expect(page.headers.get(name), name).toBe(value);
    }
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const script = await fetch(`${built.url}/dashboard/assets/app.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(script.headers.get('x-frame-options')).toBe('DENY');
    const slashless = await fetch(`${built.url}/dashboard`, { redirect: 'manual' });
    expect([301, 302]).toContain(slashless.status);
  });

  it('says how to build the dashboard when it is not built', async () => {
    const res = await fetch(`${bare.url}/dashboard/`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(await res.text()).toContain('npm run build:dashboard');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
