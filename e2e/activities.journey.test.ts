/**
 * Activities from end to end: the leader plans next week's monthly service day (便民示范日) with the
 * usual four stalls in the staff app and publishes it; a member signs up for a stall on a
 * 360×740 phone, three more members are assigned through the API; the leader starts it, the
 * member checks in on the phone and the leader checks in the others at the desk; the leader
 * records the results of every stall, turns a problem found at a stall into a request, finishes
 * and reports the activity, and downloads the Word report.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, DEMO_PASSWORD, launchBrowser, RESULTS_DIR, signIn } from './browser.ts';

/** A signed-in API client for the set-up the journey needs (cookie session plus CSRF token). */
async function apiClient(username: string) {
  const login = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(login.status, await login.clone().text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const res = await fetch(`${BASE_URL}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
  };
}

interface Detail {
  id: string;
  state: string;
  version: number;
  stalls: { id: string; kind: string; kindName: string; taken: number; served: number | null }[];
}

/** Clicks a Popconfirm'd button and confirms; waits for the transition's answer. */
async function transition(page: Page, name: string) {
  await page.getByTestId(`transition-${name}`).click();
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/transitions/${name}`) && r.request().method() === 'POST'),
    page.locator('.ant-popconfirm:visible .ant-btn-primary').click(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
}

/** Types into an antd InputNumber (its test id may sit on the input or on its wrapper). */
async function fillNumber(page: Page, testId: string, value: string, scope?: Locator) {
  const target = (scope ?? page).getByTestId(testId);
  const input = (await target.evaluate((e) => e.tagName)) === 'INPUT' ? target : target.locator('input');
  await input.fill(value);
}

/** Picks an option in an open antd Select dropdown. */
async function pick(page: Page, text: string) {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

/** Waits long enough for a page that loads its chunk and data on a busy CI machine. */
const POLL = { timeout: 15_000 };

const TITLE = `便民示范日 e2e${String(Date.now()).slice(-6)}`;

describe('activities journey', () => {
  let browser: Browser;
  let desk: BrowserContext;
  let phone: BrowserContext;
  let leaderPage: Page;
  let activityId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    desk = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      acceptDownloads: true,
    });
    phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      isMobile: true,
      hasTouch: true,
    });
    leaderPage = await desk.newPage();
    await signIn(leaderPage, 'leader');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('the leader plans the monthly service day with four stalls and publishes it', async () => {
    const page = leaderPage;
    await page.goto(`${BASE_URL}/activities`);
    await page.getByTestId('create-button').first().click();
    const form = page.getByTestId('activity-form');
    await form.waitFor();
    await page.getByTestId('field-title').fill(TITLE);
    await page.getByTestId('field-workstation').click();
    await page.keyboard.type('厚田');
    await pick(page, '厚田村');
    await page.getByTestId('add-usual-stalls').click();
    await expect.poll(() => page.getByTestId('stall-row').count(), POLL).toBe(4);
    await page.getByTestId('field-repeat').click();
    await fillNumber(page, 'field-months', '3');
    await page.getByTestId('field-publish').click();
    // The drawer as it is (a full-page shot resizes the viewport under the open form).
    await page.screenshot({ path: `${RESULTS_DIR}/activities-create.png` });
    const posted = page.waitForResponse(
      (r) => r.url().endsWith('/api/activities/series') && r.request().method() === 'POST',
      { timeout: 25_000 },
    );
    await page.getByTestId('form-submit').click();
    const created = await posted.catch(async (error: unknown) => {
      // Say why nothing was sent: the form's own messages, and what the drawer looked like.
      await page.screenshot({ path: `${RESULTS_DIR}/activities-create-not-sent.png` });
      const shown = await page.locator('.ant-form-item-explain-error, .ant-message-notice').allInnerTexts();
      throw new Error(`the series was not sent: ${shown.join(' | ') || String(error)}`);
    });
    expect(created.status(), await created.text()).toBe(201);
    const series = (await created.json()) as { occurrences: { id: string; state: string }[] };
    expect(series.occurrences).toHaveLength(3);
    expect(series.occurrences.every((o) => o.state === 'published')).toBe(true);
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    activityId = page.url().split('/').pop() ?? '';
    expect(activityId).toBe(series.occurrences[0]?.id);
    await expect
      .poll(() => page.locator('.lx-page-header').getByTestId('activity-state').innerText(), POLL)
      .toBe('已发布');
    await expect.poll(() => page.getByTestId('stall-name').count(), POLL).toBe(4);
    await page.screenshot({ path: `${RESULTS_DIR}/activities-detail-published.png`, fullPage: true });

    // The list and the calendar show it.
    await page.goto(`${BASE_URL}/activities?q=${encodeURIComponent(TITLE)}`);
    await page.getByTestId('activity-link').filter({ hasText: TITLE }).first().waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/activities-list.png`, fullPage: true });
  }, 90_000);

  it('a member signs up for a stall on the phone; three more are assigned', async () => {
    const page = await phone.newPage();
    await page.goto(`${BASE_URL}/h5/#/activities`);
    await page.getByTestId('public-activity').filter({ hasText: TITLE }).first().waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/activities-h5-calendar.png`, fullPage: true });

    await page.getByTestId('link-my-activities').click();
    await page.getByTestId('duty-username').fill('member');
    await page.getByTestId('duty-password').fill(DEMO_PASSWORD);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200),
      page.getByTestId('duty-login').click(),
    ]);
    const card = page.getByTestId('member-activity').filter({ hasText: TITLE }).first();
    await card.waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/activities-h5-member.png`, fullPage: true });
    await card.click();
    await page.getByTestId('stall-choice').waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/activities-h5-choose.png`, fullPage: true });
    const [signedUp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/activities/${activityId}/sign-up`)),
      page.getByTestId('act-sign-up-stall').first().click(),
    ]);
    expect(signedUp.status(), await signedUp.text()).toBe(201);
    await page.getByTestId('my-signup').waitFor();
    expect(await page.getByTestId('act-message').innerText()).toContain('报名成功');
    await page.close();

    // Three other members, assigned by the town admin to the other stalls.
    const admin = await apiClient('admin');
    const detail = await admin<Detail>('GET', `/api/activities/${activityId}`);
    const member = await apiClient('member');
    const me = await member<{ user: { personId: string } }>('GET', '/api/auth/me');
    const people = await admin<{ items: { id: string }[] }>('GET', '/api/members?pageSize=20');
    const others = people.json.items.map((p) => p.id).filter((id) => id !== me.json.user.personId);
    expect(others.length).toBeGreaterThanOrEqual(3);
    for (const [i, stall] of detail.json.stalls.slice(1).entries()) {
      const assigned = await admin('POST', `/api/activities/${activityId}/assign`, {
        stallId: stall.id,
        personIds: [others[i]],
      });
      expect([200, 201], JSON.stringify(assigned.json)).toContain(assigned.status);
    }
    const after = await admin<Detail>('GET', `/api/activities/${activityId}`);
    expect(after.json.stalls.map((s) => s.taken)).toEqual([1, 1, 1, 1]);
  }, 90_000);

  it('the leader starts it; the member checks in on the phone, the others at the desk', async () => {
    const page = leaderPage;
    await page.goto(`${BASE_URL}/activities/${activityId}`);
    await page.getByTestId('activity-title').waitFor();
    await transition(page, 'start');
    await expect
      .poll(() => page.locator('.lx-page-header').getByTestId('activity-state').innerText(), POLL)
      .toBe('进行中');

    const phonePage = await phone.newPage();
    await phonePage.goto(`${BASE_URL}/h5/#/me/activities?id=${activityId}`);
    const checkIn = phonePage.getByTestId('act-check-in');
    await checkIn.waitFor();
    const [checkedIn] = await Promise.all([
      phonePage.waitForResponse((r) => r.url().endsWith(`/api/activities/${activityId}/check-in`)),
      checkIn.click(),
    ]);
    expect(checkedIn.status(), await checkedIn.text()).toBe(200);
    await phonePage.getByTestId('act-check-out').waitFor();
    await phonePage.screenshot({ path: `${RESULTS_DIR}/activities-h5-checked-in.png`, fullPage: true });

    await page.getByRole('tab', { name: '报名与签到' }).click();
    const deskCheckIn = page.getByTestId('desk-check-in');
    await expect.poll(() => deskCheckIn.count(), { timeout: 15_000 }).toBe(3);
    for (let n = 3; n > 0; n--) {
      const [r] = await Promise.all([
        page.waitForResponse((x) => x.url().endsWith(`/api/activities/${activityId}/check-in`)),
        deskCheckIn.first().click(),
      ]);
      expect(r.status(), await r.text()).toBe(200);
      await expect.poll(() => deskCheckIn.count(), POLL).toBe(n - 1);
    }
    await expect.poll(() => page.getByTestId('signup-state').filter({ hasText: '已签到' }).count(), POLL).toBe(4);
    await page.screenshot({ path: `${RESULTS_DIR}/activities-attendance.png`, fullPage: true });

    // The member checks out; the hours go to their ledger (pending approval).
    const [checkedOut] = await Promise.all([
      phonePage.waitForResponse((r) => r.url().endsWith(`/api/activities/${activityId}/check-out`)),
      phonePage.getByTestId('act-check-out').click(),
    ]);
    expect(checkedOut.status(), await checkedOut.text()).toBe(200);
    await phonePage.getByTestId('act-hours-done').waitFor();
    await phonePage.screenshot({ path: `${RESULTS_DIR}/activities-h5-checked-out.png`, fullPage: true });
    await phonePage.close();
  }, 90_000);

  it('the leader records the results, raises a request, reports and downloads the Word report', async () => {
    const page = leaderPage;
    await page.getByRole('tab', { name: '成果与总结' }).click();
    const rows = page.getByTestId('result-row');
    await expect.poll(() => rows.count(), POLL).toBe(4);
    const results = [
      [36, 36, '为 36 位群众免费理发，其中上门 4 户'],
      [58, 12, '测血压血糖 58 人次，发现 2 位老人血压偏高'],
      [14, 14, '修理电饭煲、水龙头等 14 件'],
      [120, 3, '发放反诈宣传册 120 份'],
    ] as const;
    // Inline validation: a negative number is refused before anything is sent.
    await fillNumber(page, 'result-served', '-3', rows.nth(0));
    await rows.nth(0).locator('.ant-form-item-explain-error').first().waitFor();
    for (const [i, [served, deeds, notes]] of results.entries()) {
      const row = rows.nth(i);
      await fillNumber(page, 'result-served', String(served), row);
      await fillNumber(page, 'result-deeds', String(deeds), row);
      await row.getByTestId('result-notes').fill(notes);
      const [saved] = await Promise.all([
        page.waitForResponse(
          (r) => r.url().includes(`/api/activities/${activityId}/stalls/`) && r.request().method() === 'PUT',
        ),
        row.getByTestId('result-save').click(),
      ]);
      expect(saved.status(), await saved.text()).toBe(200);
    }
    await page.getByTestId('summary-text').fill('本次便民示范日共设 4 个摊位，服务群众 228 人次，办实事 65 件。');
    const [summary] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/activities/${activityId}/summary`)),
      page.getByTestId('summary-save').click(),
    ]);
    expect(summary.status(), await summary.text()).toBe(200);
    await page.screenshot({ path: `${RESULTS_DIR}/activities-results.png`, fullPage: true });

    // A problem found at the health-check stall becomes a request.
    await page.getByTestId('raise-request').click();
    await page.getByTestId('problem-category').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('problem-description').fill('义诊时群众反映：村卫生室周末不开门，老人买药不便。');
    const [raised] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/activities/${activityId}/requests`)),
      page.getByTestId('problem-submit').click(),
    ]);
    expect(raised.status(), await raised.text()).toBeLessThan(300);
    const { code } = (await raised.json()) as { code: string };
    await expect.poll(() => page.getByTestId('problem-code').innerText(), POLL).toBe(code);
    await page.screenshot({ path: `${RESULTS_DIR}/activities-request.png` });
    await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();

    await transition(page, 'finish');
    await expect
      .poll(() => page.locator('.lx-page-header').getByTestId('activity-state').innerText(), POLL)
      .toBe('已结束');
    await transition(page, 'report');
    await expect
      .poll(() => page.locator('.lx-page-header').getByTestId('activity-state').innerText(), POLL)
      .toBe('已上报');
    await page.getByRole('tab', { name: /转诉求/ }).click();
    await page.getByTestId('activity-request-link').filter({ hasText: code }).waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/activities-detail-reported.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('word-report').click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = `${RESULTS_DIR}/activities-report.docx`;
    await download.saveAs(file);
    expect(statSync(file).size).toBeGreaterThan(0);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.includes(Buffer.from('word/document.xml'))).toBe(true);

    // The printable report.
    await page.goto(`${BASE_URL}/activities/${activityId}/report`);
    await expect.poll(() => page.getByTestId('report-stall').count(), POLL).toBe(4);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${RESULTS_DIR}/activities-report.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  }, 120_000);
});
