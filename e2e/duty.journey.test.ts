/**
 * Duty from end to end: the green team's leader generates next month's roster for 厚田村's
 * workstation and opens its print view; a member of 厚田村 (on a 360×740 phone) opens the check-in
 * page of that workstation, checks in and out with a handover note, and sees their hours.
 *
 * For the check-in to work at any hour, the town admin first (through the API) adds a shift to the
 * workstation's rule whose window includes now, and puts the member on it today.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_URL, DEMO_PASSWORD, launchBrowser, RESULTS_DIR, signIn } from './browser.ts';

const PASSWORD = DEMO_PASSWORD;
const HOUTIAN_WS = '厚田村党群连心工作室';

/** A signed-in API client for the set-up the journey needs (cookie session plus CSRF token). */
async function apiClient(username: string) {
  const login = await fetch(`${BASE_URL}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
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

/** Asia/Shanghai date and minutes since midnight of an instant. */
function shanghai(ms: number): { date: string; minutes: number } {
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), minutes: Number(iso.slice(11, 13)) * 60 + Number(iso.slice(14, 16)) };
}
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

interface ShiftDef {
  key: string;
  name: string;
  start: string;
  end: string;
  size: number;
}
interface Rule {
  shifts: ShiftDef[];
  weekdays: number[];
  skipHolidays: boolean;
  pool: { id: string }[];
  version: number;
}
interface MyShifts {
  person: { name: string; volunteerNo: string | null };
  upcoming: { id: string; workstationId: string; startAt: string; endAt: string; status: string }[];
}

const nextMonth = () => {
  const d = new Date(Date.now() + 8 * 3600_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
};

describe('duty journey', () => {
  let browser: Browser;
  let leader: BrowserContext;
  let phone: BrowserContext;
  let workstationId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    // The staff app's "next month" is the browser's; the town lives in Asia/Shanghai.
    leader = await browser.newContext({
      viewport: { width: 1366, height: 860 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    phone = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'zh-CN',
      isMobile: true,
      hasTouch: true,
    });
    const admin = await apiClient('admin');
    const list = await admin<{ items: { id: string; name: string }[] }>('GET', '/api/workstations?pageSize=100');
    workstationId = list.json.items.find((w) => w.name === HOUTIAN_WS)?.id ?? '';
    expect(workstationId, 'the 厚田村 workstation').not.toBe('');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('the leader generates next month’s roster for 厚田村’s workstation and prints it', async () => {
    const page = await leader.newPage();
    await signIn(page, 'leader');
    await page.goto(`${BASE_URL}/duty/roster?ws=${workstationId}`);
    const generate = page.getByTestId('generate-next');
    await generate.waitFor();
    await generate.click();
    const confirm = page.locator('.ant-modal-confirm');
    await confirm.waitFor();
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) =>
          r.url().endsWith(`/api/workstations/${workstationId}/roster/generate`) && r.request().method() === 'POST',
      ),
      confirm.locator('.ant-btn-primary').click(),
    ]);
    expect(response.status(), await response.text()).toBe(200);
    const month = nextMonth();
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ month });
    // The page moves to the generated month: its grid holds the rotation.
    await page.waitForURL((url) => url.searchParams.get('month') === month);
    // The grid refetches after generating: wait for the settled month, not the first tag seen.
    await expect
      .poll(() => page.getByTestId('roster-grid').getByTestId('shift-tag').count(), { timeout: 15_000 })
      .toBeGreaterThan(10);
    await page.screenshot({ path: `${RESULTS_DIR}/duty-roster.png`, fullPage: true });

    await page.goto(`${BASE_URL}/duty/print?ws=${workstationId}&month=${month}`);
    await expect.poll(() => page.getByTestId('print-title').innerText()).toContain('厚田村');
    expect(await page.getByTestId('print-title').innerText()).toContain(month);
    await expect.poll(() => page.locator('.lx-duty-print table tbody tr').count()).toBeGreaterThanOrEqual(28);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${RESULTS_DIR}/duty-print.png`, fullPage: true });
    await page.close();
  }, 90_000);

  it('a member checks in and out on the phone and sees their hours', async () => {
    // Set-up: a shift at 厚田村's workstation whose window includes now, with the member on it today.
    const admin = await apiClient('admin');
    const member = await apiClient('member');
    const mine = await member<MyShifts>('GET', '/api/me/shifts');
    expect(mine.status).toBe(200);
    const found = await admin<{ items: { id: string }[] }>(
      'GET',
      `/api/members?q=${encodeURIComponent(mine.json.person.volunteerNo ?? '')}`,
    );
    const personId = found.json.items[0]?.id ?? '';
    expect(personId, 'the member login’s person').not.toBe('');
    const now = Date.now();
    const covering = (s: MyShifts['upcoming'][number]) =>
      s.workstationId === workstationId &&
      ['scheduled', 'checked_in'].includes(s.status) &&
      Date.parse(s.startAt) - 30 * 60_000 <= now &&
      Date.parse(s.endAt) > now + 5 * 60_000;
    if (!mine.json.upcoming.some(covering)) {
      const today = shanghai(now);
      // The member's own scheduled shifts that overlap the new one would refuse it (one place at a
      // time): the admin cancels them first, as a coordinator rearranging the day would.
      const windowStart = now - 5 * 60_000;
      const windowEnd = now + 180 * 60_000;
      for (const s of mine.json.upcoming)
        if (s.status === 'scheduled' && Date.parse(s.startAt) < windowEnd && Date.parse(s.endAt) > windowStart) {
          const cancelled = await admin('DELETE', `/api/shifts/${s.id}`);
          expect(cancelled.status, JSON.stringify(cancelled.json)).toBe(200);
        }
      const rule = await admin<Rule>('GET', `/api/workstations/${workstationId}/roster-rule`);
      expect(rule.status).toBe(200);
      const key = `e2e${String(now).slice(-6)}`;
      const put = await admin<Rule>('PUT', `/api/workstations/${workstationId}/roster-rule`, {
        shifts: [
          ...rule.json.shifts.filter((s) => !s.key.startsWith('e2e')).slice(0, 5),
          {
            key,
            name: '临时值守',
            // Started 5 minutes ago: within the grace period, so the check-in is on time.
            start: hhmm(Math.max(0, today.minutes - 5)),
            end: hhmm(Math.min(23 * 60 + 59, today.minutes + 180)),
            size: 2,
          },
        ],
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        skipHolidays: false,
        poolPersonIds: [...new Set([...rule.json.pool.map((p) => p.id), personId])],
        version: rule.json.version,
      });
      expect(put.status, JSON.stringify(put.json)).toBe(200);
      const shift = await admin('POST', '/api/shifts', { workstationId, date: today.date, shiftKey: key, personId });
      expect([200, 201], JSON.stringify(shift.json)).toContain(shift.status);
    }
    const before = await member<{ totals: { approved: number; pending: number } }>('GET', '/api/me/hours');

    const page = await phone.newPage();
    await page.goto(`${BASE_URL}/h5/#/duty/checkin?ws=${workstationId}`);
    await page.getByTestId('duty-username').fill('member');
    await page.getByTestId('duty-password').fill(PASSWORD);
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login') && r.status() === 200),
      page.getByTestId('duty-login').click(),
    ]);
    const checkIn = page.getByTestId('check-in');
    const checkOut = page.getByTestId('check-out');
    await checkIn.or(checkOut).first().waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/duty-checkin.png`, fullPage: true });
    if (await checkIn.isVisible()) {
      const [checkedIn] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/duty/check-in') && r.request().method() === 'POST'),
        checkIn.click(),
      ]);
      expect(checkedIn.status(), await checkedIn.text()).toBe(200);
    }
    await page.getByTestId('checked-in').waitFor();
    await page.getByTestId('handover-note').fill('接待群众 2 人次，路灯报修已登记；钥匙放在抽屉里。');
    await page.screenshot({ path: `${RESULTS_DIR}/duty-checked-in.png`, fullPage: true });
    const [checkedOut] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/duty/check-out') && r.request().method() === 'POST'),
      checkOut.click(),
    ]);
    expect(checkedOut.status(), await checkedOut.text()).toBe(200);
    const done = (await checkedOut.json()) as { status: string; hours: number | null };
    expect(done.status).toBe('completed');
    await page.getByTestId('duty-message').waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/duty-checked-out.png`, fullPage: true });

    // Their page: hours from the ledger, as the API reports them.
    const [hoursResponse] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/me/hours') && r.status() === 200),
      page.goto(`${BASE_URL}/h5/#/me`),
    ]);
    const hours = (await hoursResponse.json()) as { totals: { approved: number; pending: number } };
    expect(hours.totals.pending).toBeGreaterThanOrEqual(before.json.totals.pending);
    expect(hours.totals.approved + hours.totals.pending).toBeGreaterThan(0);
    const card = page.getByTestId('my-hours');
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain(String(hours.totals.approved));
    expect(text).toContain(String(hours.totals.pending));
    await page.screenshot({ path: `${RESULTS_DIR}/duty-my-hours.png`, fullPage: true });
    await page.close();
  }, 90_000);
});
