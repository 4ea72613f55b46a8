import { randomBytes } from 'node:crypto';
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
import { isXlsx, readXlsx } from '../../test/xlsx.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let security: Client;
let admin: Client;
let auditor: Client;

const uname = () => `u${randomBytes(4).toString('hex')}`;
const signIn = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

beforeAll(async () => {
  t = await createTestApp({ lockoutThreshold: 5, lockoutMinutes: 15, ipFailureLimit: 1000 });
  town = await townWithAdmins(t);
  security = await login(t, town.users.securityAdmin.username);
  admin = await login(t, town.users.townAdmin.username);
  auditor = await login(t, town.users.auditor.username);
});
afterAll(async () => t.close());

async function createUser(body: Record<string, unknown> = {}) {
  const res = await security.post('/api/users', {
    username: uname(),
    displayName: '张三',
    roles: [{ role: 'member' }],
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { user: { id: string; username: string; version: number }; temporaryPassword: string };
}

describe('guards', () => {
  it('answers 401 without a session', async () => {
    for (const [method, url] of [
      ['GET', '/api/users'],
      ['GET', '/api/users/export'],
      ['GET', '/api/users/scopes'],
      ['POST', '/api/users'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        ...(method === 'POST' ? { payload: { username: uname(), displayName: 'x', roles: [{ role: 'member' }] } } : {}),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets only the security admin manage accounts: the town admin and the auditor get 403', async () => {
    const target = town.users.member.id;
    for (const c of [admin, auditor]) {
      const calls = [
        await c.get('/api/users'),
        await c.get('/api/users/export'),
        await c.get('/api/users/scopes'),
        await c.get(`/api/users/${target}`),
        await c.post('/api/users', { username: uname(), displayName: '张三', roles: [{ role: 'member' }] }),
        await c.patch(`/api/users/${target}`, { displayName: '李四', version: 1 }),
        await c.post(`/api/users/${target}/unlock`),
        await c.post(`/api/users/${target}/reset-password`),
      ];
      for (const res of calls) {
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      }
    }
  });
});

describe('accounts', () => {
  it('creates an account with a temporary password shown once, which signs in and must be changed', async () => {
    const { user, temporaryPassword } = await createUser({
      roles: [{ role: 'village_admin', villageId: town.village.id }],
    });
    expect(temporaryPassword.length).toBeGreaterThanOrEqual(10);
    expect(user).toMatchObject({
      mustChangePassword: true,
      roles: [{ role: 'village_admin', villageId: town.village.id, scopeName: '甲村' }],
    });
    expect(JSON.stringify((await security.get(`/api/users/${user.id}`)).json())).not.toContain(temporaryPassword);
    const res = await signIn(user.username, temporaryPassword);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    expect(res.json().roles[0].role).toBe('village_admin');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_id', '=', user.id)
      .where('action', '=', 'user.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).not.toContain(temporaryPassword);
  });

  it('refuses a scoped role without its scope, and separated roles combined with others', async () => {
    const noVillage = await security.post('/api/users', {
      username: uname(),
      displayName: '张三',
      roles: [{ role: 'village_admin' }],
    });
    expect(noVillage.statusCode).toBe(400);
    expect(noVillage.json().fields).toEqual([{ path: 'roles.0.villageId', message: '所属村：该角色须指定范围' }]);
    const mixed = await security.post('/api/users', {
      username: uname(),
      displayName: '张三',
      roles: [{ role: 'security_admin' }, { role: 'town_admin' }],
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().fields).toEqual([{ path: 'roles', message: '角色：安全管理员、审计员不能与业务角色兼任' }]);
    const none = await security.post('/api/users', { username: uname(), displayName: '张三', roles: [] });
    expect(none.json().fields[0]).toEqual({ path: 'roles', message: '角色：至少分配一个角色' });
    const badName = await security.post('/api/users', {
      username: 'a b',
      displayName: '张三',
      roles: [{ role: 'member' }],
    });
    expect(badName.json().fields[0].path).toBe('username');
    const badRole = await security.post('/api/users', {
      username: uname(),
      displayName: '张三',
      roles: [{ role: 'king' }],
    });
    expect(badRole.json().fields[0].path).toBe('roles.0.role');
  });

  it('refuses a duplicate username with 409 on the username field', async () => {
    const { user } = await createUser();
    const res = await security.post('/api/users', {
      username: user.username,
      displayName: '重名',
      roles: [{ role: 'member' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DUPLICATE');
    expect(res.json().fields[0].path).toBe('username');
  });

  it('unlocks an account locked by five failed sign-ins', async () => {
    const { user, temporaryPassword } = await createUser();
    for (let i = 0; i < 5; i++) expect((await signIn(user.username, `wrong-${i}`)).statusCode).toBe(401);
    expect((await signIn(user.username, temporaryPassword)).statusCode).toBe(429);
    expect((await security.get(`/api/users/${user.id}`)).json().lockedUntil).not.toBeNull();
    const unlocked = await security.post(`/api/users/${user.id}/unlock`);
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json()).toMatchObject({ lockedUntil: null, failedLogins: 0 });
    expect((await signIn(user.username, temporaryPassword)).statusCode).toBe(200);
  });

  it('resets a password: the old one and the sessions end, the new one works', async () => {
    const u = await makeUser(t, town.town.id, 'member');
    const session = await login(t, u.username);
    const res = await security.post(`/api/users/${u.id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { temporaryPassword, user } = res.json();
    expect(user.mustChangePassword).toBe(true);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await signIn(u.username, 'Test-Password-2026')).statusCode).toBe(401);
    expect((await signIn(u.username, temporaryPassword)).statusCode).toBe(200);
  });

  it('disabling ends the sessions and blocks sign-in with ACCOUNT_DISABLED', async () => {
    const u = await makeUser(t, town.town.id, 'member');
    const session = await login(t, u.username);
    const res = await security.patch(`/api/users/${u.id}`, { disabled: true, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ disabled: true, version: 2 });
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    const denied = await signIn(u.username, 'Test-Password-2026');
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ code: 'ACCOUNT_DISABLED', message: '该账号已停用，请联系管理员' });
    const stale = await security.patch(`/api/users/${u.id}`, { disabled: false, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('does not let the security admin disable themselves', async () => {
    const me = await makeUser(t, town.town.id, 'security_admin');
    const c = await login(t, me.username);
    const res = await c.patch(`/api/users/${me.id}`, { disabled: true, version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await c.get(`/api/users/${me.id}`)).json().disabled).toBe(false);
  });

  it('changing roles takes effect at once', async () => {
    const u = await makeUser(t, town.town.id, 'member');
    const session = await login(t, u.username);
    const res = await security.patch(`/api/users/${u.id}`, {
      roles: [{ role: 'team_leader', teamId: town.team.id }],
      version: 1,
    });
    expect(res.json().roles).toEqual([
      { role: 'team_leader', villageId: null, teamId: town.team.id, departmentId: null, scopeName: '绿色服务队' },
    ]);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    expect((await login(t, u.username).then((c) => c.get('/api/auth/me'))).json().permissions).toContain('teams.write');
  });
});

describe('lists', () => {
  it('lists the scopes a role can take', async () => {
    const res = await security.get('/api/users/scopes');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.villages.map((v: { name: string }) => v.name).sort()).toEqual(['乙村', '甲村']);
    expect(body.teams).toEqual([{ id: town.team.id, name: '绿色服务队' }]);
    expect(body.departments).toEqual([{ id: town.department.id, name: '村建办' }]);
  });

  it('searches, filters by role and exports', async () => {
    const { user } = await createUser({ displayName: '导出测试' });
    const found = await security.get(`/api/users?q=${user.username}`);
    expect(found.json().items.map((u: { id: string }) => u.id)).toEqual([user.id]);
    const auditors = await security.get('/api/users?role=auditor');
    expect(auditors.json().items.map((u: { id: string }) => u.id)).toEqual([town.users.auditor.id]);
    const res = await security.get('/api/users/export');
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[0]?.slice(0, 2)).toEqual(['用户名', '姓名']);
    expect(rows.find((r) => r[0] === user.username)?.[1]).toBe('导出测试');
  });

  it("hides another town's accounts", async () => {
    const other = await makeTown(t);
    const stranger = await makeUser(t, other.id, 'member');
    expect((await security.get(`/api/users/${stranger.id}`)).statusCode).toBe(404);
    expect((await security.patch(`/api/users/${stranger.id}`, { disabled: true, version: 1 })).statusCode).toBe(404);
    expect((await security.post(`/api/users/${stranger.id}/reset-password`)).statusCode).toBe(404);
    expect((await security.post(`/api/users/${stranger.id}/unlock`)).statusCode).toBe(404);
    expect((await security.get(`/api/users?q=${stranger.username}`)).json().total).toBe(0);
    expect((await signIn(stranger.username, 'Test-Password-2026')).statusCode).toBe(200);
  });
});
