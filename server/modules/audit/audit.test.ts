import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  TEST_PASSWORD,
  type TestContext,
  createTestApp,
  login,
  makeTown,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { isXlsx, readXlsx } from '../../test/xlsx.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let auditor: Client;

interface Entry {
  action: string;
  outcome: string;
  actorId: string | null;
  entityId: string | null;
  detail: Record<string, unknown> | null;
}

const shanghaiDate = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);
const signIn = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const entries = async (query: string): Promise<Entry[]> => {
  const res = await auditor.get(`/api/audit?pageSize=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};

beforeAll(async () => {
  t = await createTestApp({ ipFailureLimit: 1000 });
  town = await townWithAdmins(t);
  auditor = await login(t, town.users.auditor.username);
});
afterAll(async () => t.close());

describe('who reads the audit trail', () => {
  it('answers 401 without a session', async () => {
    for (const url of ['/api/audit', '/api/audit/export']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses the town admin and the security admin, and records the refusal as access.denied', async () => {
    for (const user of [town.users.townAdmin, town.users.securityAdmin]) {
      const c = await login(t, user.username);
      for (const url of ['/api/audit', '/api/audit/export']) {
        const res = await c.get(url);
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      }
      const denied = (await entries('action=access.denied')).filter((e) => e.actorId === user.id);
      expect(denied.length).toBe(2);
      expect(denied.every((e) => e.outcome === 'denied')).toBe(true);
      expect(denied.map((e) => e.detail?.route).sort()).toEqual(['/api/audit', '/api/audit/export']);
    }
  });

  it('rejects a malformed date with 400 on the field', async () => {
    const res = await auditor.get('/api/audit?from=2026-1-1');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ path: 'from', message: '开始日期：日期格式应为 YYYY-MM-DD' }]);
    expect((await auditor.get('/api/audit?outcome=maybe')).json().fields[0].path).toBe('outcome');
  });
});

describe('what the trail holds', () => {
  it('records sign-ins and failed sign-ins', async () => {
    const user = await makeUser(t, town.town.id, 'member');
    expect((await signIn(user.username, 'not-the-password')).statusCode).toBe(401);
    expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    const rows = await entries(`q=${user.id}&action=auth.login`);
    expect(rows.map((e) => e.outcome).sort()).toEqual(['failed', 'ok']);
    expect((await entries(`q=${user.id}&outcome=failed`)).map((e) => e.action)).toEqual(['auth.login']);
  });

  it('filters by actor and by date range', async () => {
    const name = `审计${randomBytes(3).toString('hex')}`;
    const user = await makeUser(t, town.town.id, 'member');
    await t.database.db.updateTable('users').set({ display_name: name }).where('id', '=', user.id).execute();
    await login(t, user.username);
    const byActor = await entries(`actor=${encodeURIComponent(name)}`);
    expect(byActor.length).toBe(1);
    expect(byActor[0]).toMatchObject({ action: 'auth.login', actorId: user.id });
    expect(await entries(`actor=${encodeURIComponent(name)}&from=${shanghaiDate()}&to=${shanghaiDate()}`)).toHaveLength(
      1,
    );
    expect(await entries(`actor=${encodeURIComponent(name)}&to=${shanghaiDate(-1)}`)).toHaveLength(0);
    expect(await entries(`actor=${encodeURIComponent(name)}&from=${shanghaiDate(1)}`)).toHaveLength(0);
  });

  it('exports as .xlsx, and the export itself is audited', async () => {
    const res = await auditor.get('/api/audit/export?action=auth.login');
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[0]?.slice(0, 3)).toEqual(['时间', '操作人', '操作']);
    expect(rows.slice(1).every((r) => r[2] === 'auth.login')).toBe(true);
    expect(rows.length).toBeGreaterThan(1);
    const exports = (await entries('action=audit.export')).filter((e) => e.actorId === town.users.auditor.id);
    expect(exports.length).toBeGreaterThanOrEqual(1);
    expect(exports[0]?.detail).toEqual({ rows: rows.length - 1 });
  });

  it("does not show another town's rows", async () => {
    const other = await makeTown(t);
    const stranger = await makeUser(t, other.id, 'member');
    await login(t, stranger.username);
    expect(await entries(`q=${stranger.id}`)).toHaveLength(0);
    const all = await entries('action=auth.login');
    expect(all.some((e) => e.actorId === stranger.id)).toBe(false);
    const otherAuditor = await login(t, (await makeUser(t, other.id, 'auditor')).username);
    const theirs = (await otherAuditor.get(`/api/audit?q=${stranger.id}`)).json();
    expect(theirs.total).toBe(1);
  });
});
