/**
 * Recruitment from end to end, one browser context per person: a resident applies on H5 to join
 * the green team (with consent) and gets an application code; the green team's leader finds the
 * application in the staff app and approves it, which opens the new member's login; the resident
 * checks the result on H5 with the code and the last 4 digits of their mobile.
 */
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launchBrowser, RESULTS_DIR, signIn } from './browser.ts';

const GREEN_TEAM = '绿色产业发展服务队';

/** Waits until the element's opening animations (antd's zoom and fade) have finished. */
const settled = (locator: Locator) =>
  locator.evaluate((el) =>
    Promise.all(el.getAnimations({ subtree: true }).map((a: { finished: Promise<unknown> }) => a.finished)).then(
      () => true,
    ),
  );

describe('members journey', () => {
  let browser: Browser;
  let resident: BrowserContext;
  let leader: BrowserContext;
  // A new applicant each run, so the journey can run again on the same server.
  const serial = String(Date.now()).slice(-6);
  const name = `柳春${'甲乙丙丁戊己庚辛壬癸'[Number(serial) % 10] ?? '甲'}${serial}`;
  const mobile = `135${serial}${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
  let code = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    resident = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    leader = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a resident applies on H5 to join the green team and gets an application code', async () => {
    const page = await resident.newPage();
    await page.goto(`${BASE_URL}/h5/#/apply`);
    const tiles = page.getByTestId('team-tile');
    await tiles.first().waitFor();
    await tiles.filter({ hasText: GREEN_TEAM }).click();
    await expect.poll(() => tiles.filter({ hasText: GREEN_TEAM }).getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('apply-name').fill(name);
    await page.getByTestId('apply-mobile').fill(mobile);
    await page.getByTestId('apply-village').selectOption({ label: '厚田村' });
    await page.getByTestId('apply-consent').check();
    await page.screenshot({ path: `${RESULTS_DIR}/members-h5-apply.png`, fullPage: true });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/public/applications') && r.request().method() === 'POST'),
      page.getByTestId('apply-submit').click(),
    ]);
    expect(response.ok(), await response.text()).toBe(true);
    code = (await page.getByTestId('apply-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]+-\d{8}-\d{4,}$/);
    await page.screenshot({ path: `${RESULTS_DIR}/members-h5-applied.png`, fullPage: true });
    await page.close();
  }, 60_000);

  it('the green team’s leader approves the application in the staff app', async () => {
    expect(code).not.toBe('');
    const page = await leader.newPage();
    await signIn(page, 'leader');
    await page.goto(`${BASE_URL}/applications`);
    const search = page.getByTestId('list-search').locator('input');
    await search.waitFor();
    await Promise.all([
      page.waitForResponse(
        (r) => r.url().includes('/api/applications?') && r.url().includes('q=') && r.request().method() === 'GET',
      ),
      search.fill(name).then(() => search.press('Enter')),
    ]);
    const row = page.locator('.ant-table-row').filter({ hasText: name });
    await row.first().waitFor();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    await row.getByRole('button', { name }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: code });
    await drawer.waitFor();
    await page.getByTestId('application-approve').click();
    const dialog = page.getByRole('dialog').filter({ hasText: '通过入队申请' });
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('.ant-select-selection-item').allInnerTexts()).toContain(GREEN_TEAM);
    await settled(dialog);
    await page.screenshot({ path: `${RESULTS_DIR}/members-approve.png` });
    const [approved] = await Promise.all([
      page.waitForResponse(
        (r) => /\/api\/applications\/[^/]+\/approve$/.test(r.url()) && r.request().method() === 'POST',
      ),
      dialog.getByRole('button', { name: /通\s*过/ }).click(),
    ]);
    expect(approved.status(), await approved.text()).toBe(200);
    const answer = (await approved.json()) as { username: string; temporaryPassword: string | null };
    expect(answer.username).toBeTruthy();
    // The first password is shown once, to hand over in person.
    const shown = page.getByRole('dialog').filter({ hasText: answer.username });
    await shown.waitFor();
    if (answer.temporaryPassword)
      await expect.poll(() => page.getByTestId('temporary-password').innerText()).toContain(answer.temporaryPassword);
    await settled(shown);
    await page.screenshot({ path: `${RESULTS_DIR}/members-approved.png` });
    await shown.getByRole('button').last().click();
    await shown.waitFor({ state: 'hidden' });
    await page.close();
  }, 90_000);

  it('the applicant checks the result on H5 with the code and the last 4 digits', async () => {
    const page = await resident.newPage();
    await page.goto(`${BASE_URL}/h5/#/apply?code=${encodeURIComponent(code)}`);
    await page.getByTestId('apply-status').waitFor();
    await page.getByTestId('apply-last4').fill(mobile.slice(-4));
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/public/applications/${encodeURIComponent(code)}`)),
      page.getByTestId('apply-status').getByRole('button').click(),
    ]);
    expect(response.status(), await response.text()).toBe(200);
    const result = page.getByTestId('apply-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(GREEN_TEAM);
    expect(await result.innerText()).toContain('已通过');
    await page.screenshot({ path: `${RESULTS_DIR}/members-h5-result.png`, fullPage: true });
    await page.close();
  }, 60_000);
});
