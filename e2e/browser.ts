/** Shared set-up of the browser journeys: Chromium from the system, the base URL, screenshots. */
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
export const RESULTS_DIR = 'test-results';

/** Launches the system Chromium with flags that suit containers and CI. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** The demo logins' password. */
export const DEMO_PASSWORD = 'Lianxin@2026';

/** Signs a staff user in and dismisses the offer to change the initial password. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${BASE_URL}/login`);
  await page.getByPlaceholder('请输入用户名或手机号').fill(username);
  await page.getByPlaceholder('请输入密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const later = page.getByTestId('password-later');
  const offered = await later
    .waitFor({ timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (offered) {
    await later.click();
    await later.waitFor({ state: 'hidden' });
  }
}
