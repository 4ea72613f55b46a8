/** The demo town's activities: the article's proportions for a year, and next month's service day open. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../demo/seed.ts';
import { type TestContext, createTestApp } from '../../test/harness.ts';

let t: TestContext;
let seedMs = 0;

beforeAll(async () => {
  t = await createTestApp();
  const started = performance.now();
  await seedDemo(t.database.db, t.sealer);
  seedMs = performance.now() - started;
});
afterAll(async () => t.close());

async function as(username: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  const cookie = res.cookies.find((c) => c.name === 'lx_session')?.value ?? '';
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    get: (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: `lx_session=${cookie}` } }),
    post: (url: string, payload: object) =>
      t.app.inject({ method: 'POST', url, payload, headers: { cookie: `lx_session=${cookie}`, 'x-csrf-token': csrf } }),
  };
}

describe('the demo town’s activities', () => {
  it('resemble the article over a year: 1,920 held, about 25,300 person-times and 890 deeds', async () => {
    const admin = await as('admin');
    const res = await admin.get('/api/activities/figures?groupBy=team');
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.held).toBe(1920);
    expect(f.personTimes).toBeGreaterThan(23_000);
    expect(f.personTimes).toBeLessThan(28_000);
    expect(f.deeds).toBeGreaterThan(800);
    expect(f.deeds).toBeLessThan(980);
    expect(f.hours).toBeGreaterThan(5000);
    expect(f.groups).toHaveLength(5);
    const months = (await admin.get('/api/activities/figures?groupBy=month')).json().groups;
    expect(months.length).toBeGreaterThanOrEqual(12);
    expect(seedMs).toBeGreaterThan(0);
  });

  it('has a monthly service day on the 22nd, next one published with free places the member can take', async () => {
    const member = await as('member');
    const open = (await member.get('/api/activities?view=open&kind=service_day')).json();
    expect(open.total).toBeGreaterThanOrEqual(1);
    const next = open.items[0];
    expect(new Date(Date.parse(next.startAt) + 8 * 3600_000).getUTCDate()).toBe(22);
    expect(next.stallKinds.length).toBeGreaterThanOrEqual(4);
    expect(next.free).toBeGreaterThan(0);
    const detail = (await member.get(`/api/activities/${next.id}`)).json();
    const stall = detail.stalls.find((s: { free: number }) => s.free > 0);
    const signUp = await member.post(`/api/activities/${next.id}/sign-up`, { stallId: stall.id });
    expect(signUp.statusCode, signUp.body).toBe(201);
    const past = (await member.get('/api/activities?view=mine&state=reported,done')).json();
    expect(past.total).toBeGreaterThan(0);
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/activities?town=youlan' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().items.some((i: { id: string }) => i.id === next.id)).toBe(true);
  });

  it('reports a past service day as a Word document', async () => {
    const admin = await as('admin');
    const list = (await admin.get('/api/activities?kind=service_day&state=reported&pageSize=1')).json();
    const res = await admin.get(`/api/activities/${list.items[0].id}/report.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
