import { expect, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEST_PASSWORD, TEST_SCRYPT_PARAMS } from '../../../server/district/testing';
import { createUser } from '../../../server/district/users';
import { startTestDistrict, type TestDistrict } from '../../../server/testing/harness';

const DASHBOARD_DIR = fileURLToPath(new URL('../../../dist/dashboard', import.meta.url));

/**
 * A district (PGlite) serving the built dashboard (`npm run build:dashboard`, which
 * `npm run test:e2e` runs first), with its two staff: `wang` the admin (王科长) and `li` the
 * viewer (李干事), both with TEST_PASSWORD.
 */
export async function startDashboardDistrict(): Promise<TestDistrict> {
  if (!existsSync(`${DASHBOARD_DIR}/index.html`)) {
    throw new Error('the dashboard is not built: run `npm run build:dashboard` first');
  }
  const district = await startTestDistrict({
    kind: 'pglite',
    dashboardDir: DASHBOARD_DIR,
    dashboard: { scryptParams: TEST_SCRYPT_PARAMS },
  });
  for (const [login, role, displayName] of [
    ['wang', 'admin', '王科长'],
    ['li', 'viewer', '李干事'],
  ] as const) {
    await createUser(district.db, {
      login,
      role,
      displayName,
      password: TEST_PASSWORD,
      params: TEST_SCRYPT_PARAMS,
    });
  }
  return district;
}

/** Types a login name and password into the dashboard's login page and submits them. */
export async function logIn(
  page: Page,
  district: TestDistrict,
  login: string,
  password = TEST_PASSWORD,
): Promise<void> {
  await page.goto(`${district.url}/dashboard/`);
  await page.getByLabel('登录名').fill(login);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

/** A new browser context logged in to the dashboard as `login`. */
export async function dashboardAs(
  browser: Browser,
  district: TestDistrict,
  login: string,
): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await logIn(page, district, login);
  await expect(page.getByTestId('who')).toBeVisible();
  return page;
}
