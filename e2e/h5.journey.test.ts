/** The resident's first look: the town's name and its workstations on a small phone. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launchBrowser, RESULTS_DIR } from './browser.ts';

describe('h5 journey', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the town and its workstations with opening hours', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}/h5/`);
    await page.getByTestId('town-name').filter({ hasText: '幽兰镇' }).waitFor();
    const first = page.getByTestId('workstation').first();
    await first.waitFor();
    await expect.poll(() => page.getByTestId('workstation').count()).toBeGreaterThan(0);
    expect((await first.getByTestId('opening-hours').innerText()).trim().length).toBeGreaterThan(0);
    await page.screenshot({ path: `${RESULTS_DIR}/h5-home.png`, fullPage: false });
    await context.close();
  }, 60_000);
});
