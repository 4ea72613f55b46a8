/**
 * A request from end to end, one browser context per person: a resident reports on H5 and gets a
 * tracking code; the town admin accepts and dispatches it to the green team; the team leader starts,
 * records progress and resolves it; the resident tracks it and rates 5 stars; the admin's figures
 * page shows the satisfaction rate the API computes.
 */
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, launchBrowser, RESULTS_DIR, signIn } from './browser.ts';

const GREEN_TEAM = '绿色产业发展服务队';

const isAction = (action: string) => (r: Response) =>
  r.request().method() === 'POST' && r.url().includes(`/actions/${action}`);

/** Opens an action's form, lets `fill` complete it, submits, and waits for the server's answer. */
async function runAction(page: Page, action: string, fill?: () => Promise<void>): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  await page.getByTestId('action-form').waitFor();
  await fill?.();
  const [response] = await Promise.all([
    page.waitForResponse(isAction(action)),
    page.getByTestId('action-submit').click(),
  ]);
  expect(response.status(), `${action}: ${await response.text()}`).toBe(200);
  await page.getByTestId('action-form').waitFor({ state: 'detached' });
}

describe('requests journey', () => {
  let browser: Browser;
  let resident: BrowserContext;
  let admin: BrowserContext;
  let leader: BrowserContext;
  let code = '';
  let requestId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const phone = { viewport: { width: 360, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true };
    resident = await browser.newContext(phone);
    admin = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
    leader = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('a resident reports a problem on H5 and gets a tracking code', async () => {
    const page = await resident.newPage();
    await page.goto(`${BASE_URL}/h5/#/report`);
    const tiles = page.getByTestId('category-tile');
    await tiles.first().waitFor();
    const road = tiles.filter({ hasText: '道路交通' });
    await ((await road.count()) ? road : tiles).first().click();
    await page
      .getByTestId('description')
      .fill('厚田村到湖头的机耕路被雨水冲垮了一段，收割机过不去，眼看要秋收了，请尽快修一修。');
    await page.getByTestId('village').selectOption({ label: '厚田村' });
    await page.getByTestId('mobile').fill('13800001234');
    await page.getByTestId('consent').check();
    await page.screenshot({ path: `${RESULTS_DIR}/requests-h5-report.png`, fullPage: true });
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/public/requests') && r.request().method() === 'POST'),
      page.getByTestId('submit').click(),
    ]);
    expect(response.status(), await response.text()).toBe(201);
    code = (await page.getByTestId('tracking-code').innerText()).trim();
    expect(code).toMatch(/^[A-Z]+-\d{8}-\d{4,}$/);
    await page.screenshot({ path: `${RESULTS_DIR}/requests-h5-success.png`, fullPage: true });
    await page.close();
  }, 60_000);

  it('the town admin accepts it and dispatches it to the green team', async () => {
    const page = await admin.newPage();
    await signIn(page, 'admin');
    await page.goto(`${BASE_URL}/requests`);
    // The town admin lands on 待受理, where the new request waits.
    await page.waitForURL(/status=submitted/);
    const link = page.getByTestId('request-link').filter({ hasText: code });
    await link.waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/requests-list.png`, fullPage: true });
    await link.click();
    await page.waitForURL(/\/requests\/[0-9a-f-]{36}$/);
    requestId = page.url().split('/').pop() ?? '';
    await page.getByTestId('request-code').filter({ hasText: code }).waitFor();

    await runAction(page, 'accept');
    await runAction(page, 'dispatch', async () => {
      await page.getByTestId('assignee-kind').getByText('服务队', { exact: true }).click();
      await page.getByTestId('assignee-target').click();
      await page.locator('.ant-select-item-option').filter({ hasText: GREEN_TEAM }).click();
    });
    await page.getByTestId('timeline-dispatch').first().waitFor();
    await expect.poll(() => page.getByTestId('status-tag').first().innerText()).toBe('已派单');
    await page.screenshot({ path: `${RESULTS_DIR}/requests-detail-admin.png`, fullPage: true });
  }, 90_000);

  it('the team leader starts, records progress and resolves it', async () => {
    const page = await leader.newPage();
    await signIn(page, 'leader');
    await page.goto(`${BASE_URL}/requests/${requestId}`);
    await page.getByTestId('request-code').filter({ hasText: code }).waitFor();
    await runAction(page, 'start');
    await runAction(page, 'progress', async () => {
      await page.getByTestId('action-note').fill('队员已到现场查看，联系了施工方，明天调挖机抢修。');
    });
    await runAction(page, 'resolve', async () => {
      await page.getByTestId('action-note').fill('冲垮路段已回填压实，收割机可以通行。');
    });
    await expect.poll(() => page.getByTestId('status-tag').first().innerText()).toBe('已办结');
    await page.screenshot({ path: `${RESULTS_DIR}/requests-detail-leader.png`, fullPage: true });
  }, 90_000);

  it('the resident tracks it with the code and the last 4 digits, and rates 5 stars', async () => {
    const page = await resident.newPage();
    await page.goto(`${BASE_URL}/h5/#/track?code=${encodeURIComponent(code)}`);
    await page.getByTestId('track-last4').fill('1234');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/api/public/requests/${code}`) && r.status() === 200),
      page.getByTestId('track-submit').click(),
    ]);
    await page.getByTestId('rate-form').waitFor();
    await page.getByTestId('star-5').click();
    const [rated] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/rate') && r.request().method() === 'POST'),
      page.getByTestId('rate-submit').click(),
    ]);
    expect(rated.status(), await rated.text()).toBe(200);
    await page.getByTestId('track-rating').filter({ hasText: '★★★★★' }).waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/requests-h5-track.png`, fullPage: true });
    await page.close();
  }, 60_000);

  it('the admin’s figures page shows the satisfaction rate', async () => {
    const page = admin.pages()[0] ?? (await admin.newPage());
    await page.goto(`${BASE_URL}/requests/figures`);
    const figures = (await page.evaluate(async () => {
      const response = await fetch('/api/requests/figures?groupBy=team', { credentials: 'same-origin' });
      return response.json();
    })) as { satisfactionRate: number | null; total: number };
    expect(figures.total).toBeGreaterThan(0);
    expect(figures.satisfactionRate).not.toBeNull();
    const expected = `${(figures.satisfactionRate! * 100).toFixed(1).replace(/\.0$/, '')}%`;
    const card = page.getByTestId('figure-satisfactionRate').locator('.ant-statistic-content-value');
    await expect.poll(() => card.innerText(), { timeout: 10_000 }).toBe(expected);
    await page.screenshot({ path: `${RESULTS_DIR}/requests-figures.png`, fullPage: true });
  }, 60_000);
});
