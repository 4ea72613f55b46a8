import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makeTown,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { notifyUsers } from '../../platform/notify.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let member: Client;
let auditor: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
type Notice = { id: string; title: string; readAt: string | null; body: string | null; link: string | null };

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  member = await login(t, town.users.member.username);
  auditor = await login(t, town.users.auditor.username);
});
afterAll(async () => t.close());

const list = async (c: Client) => (await c.get('/api/notifications')).json() as { items: Notice[]; unread: number };

describe('notifyUsers', () => {
  it('writes one notice per distinct user in the caller transaction, and none when rolled back', async () => {
    const n = await t.database.db.transaction().execute((trx) =>
      notifyUsers(trx, town.town.id, [town.users.member.id, town.users.member.id, town.users.auditor.id], {
        kind: 'request.dispatched',
        title: '新的派单',
        body: '道路破损',
        link: '/requests/1',
      }),
    );
    expect(n).toBe(2);
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await notifyUsers(trx, town.town.id, [town.users.member.id], { kind: 'x', title: '回滚的' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await notifyUsers(t.database.db, town.town.id, [], { kind: 'x', title: '无人' })).toBe(0);
    const mine = await list(member);
    expect(mine.unread).toBe(1);
    expect(mine.items).toEqual([
      {
        id: expect.any(String),
        kind: 'request.dispatched',
        title: '新的派单',
        body: '道路破损',
        link: '/requests/1',
        createdAt: expect.any(String),
        readAt: null,
      },
    ]);
  });
});

describe('/api/notifications', () => {
  it('answers 401 without a session and 403 without the CSRF token on the writes', async () => {
    for (const call of [
      { method: 'GET' as const, url: '/api/notifications' },
      { method: 'POST' as const, url: `/api/notifications/${UNKNOWN}/read` },
      { method: 'POST' as const, url: '/api/notifications/read-all' },
    ]) {
      const res = await t.app.inject(call);
      expect(res.statusCode, call.url).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/notifications/read-all',
      headers: { cookie: `lx_session=${member.cookie}` },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF');
  });

  it('serves every signed-in role, even one without business permissions', async () => {
    expect((await auditor.get('/api/notifications')).statusCode).toBe(200);
    const security = await login(t, town.users.securityAdmin.username);
    expect(await list(security)).toEqual({ items: [], unread: 0 });
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await member.post('/api/notifications/not-an-id/read');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('id');
    expect((await member.post(`/api/notifications/${UNKNOWN}/read`)).statusCode).toBe(404);
  });

  it("marks one read (its own only: another user's is 404), then all", async () => {
    const user = await makeUser(t, town.town.id, 'member');
    const c = await login(t, user.username);
    for (const title of ['一', '二', '三'])
      await notifyUsers(t.database.db, town.town.id, [user.id], { kind: 'k', title });
    const before = await list(c);
    expect(before.unread).toBe(3);
    expect(before.items.map((n) => n.title)).toEqual(['三', '二', '一']);
    const [latest] = before.items;
    if (!latest) throw new Error('no notice');

    const foreign = await member.post(`/api/notifications/${latest.id}/read`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('NOT_FOUND');
    expect((await list(c)).unread).toBe(3);

    const read = await c.post(`/api/notifications/${latest.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual({ ok: true });
    const after = await list(c);
    expect(after.unread).toBe(2);
    const readAt = after.items[0]?.readAt;
    expect(readAt).toEqual(expect.any(String));
    // Reading again keeps the first time.
    await c.post(`/api/notifications/${latest.id}/read`);
    expect((await list(c)).items[0]?.readAt).toBe(readAt);

    expect((await c.post('/api/notifications/read-all')).json()).toEqual({ ok: true });
    const all = await list(c);
    expect(all.unread).toBe(0);
    expect(all.items.every((n) => n.readAt !== null)).toBe(true);
    expect((await list(member)).unread).toBe(1); // read-all touched only the caller's
  });

  it('lists the latest 50 and counts every unread one', async () => {
    const user = await makeUser(t, town.town.id, 'member');
    const c = await login(t, user.username);
    for (let i = 0; i < 55; i++) {
      await notifyUsers(t.database.db, town.town.id, [user.id], { kind: 'k', title: `第${i}条` });
      // Several fit in one millisecond; spread them so the order is certain.
      await t.database.db
        .updateTable('notifications')
        .set({ created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() })
        .where('user_id', '=', user.id)
        .where('title', '=', `第${i}条`)
        .execute();
    }
    const res = await list(c);
    expect(res.items).toHaveLength(50);
    expect(res.unread).toBe(55);
    expect(res.items[0]?.title).toBe('第54条');
    expect(res.items[49]?.title).toBe('第5条');
  });

  it("hides another town's notices", async () => {
    const other = await makeTown(t);
    const stranger = await makeUser(t, other.id, 'town_admin');
    await notifyUsers(t.database.db, other.id, [stranger.id], { kind: 'k', title: '他镇通知' });
    const theirs = await login(t, stranger.username);
    const [notice] = (await list(theirs)).items;
    if (!notice) throw new Error('no notice');
    expect((await member.post(`/api/notifications/${notice.id}/read`)).statusCode).toBe(404);
    expect(JSON.stringify(await list(member))).not.toContain('他镇通知');
    expect((await list(theirs)).unread).toBe(1);
  });
});
