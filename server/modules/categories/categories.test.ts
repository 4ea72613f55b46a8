import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makeDepartment,
  makeTeam,
  makeTown,
  makeUser,
  makeVillage,
  townWithAdmins,
} from '../../test/harness.ts';
import { isXlsx, readXlsx } from '../../test/xlsx.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { getCategory } from './categories.repo.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let villageAdmin: Client;
let member: Client;
let security: Client;
let auditor: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const unique = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;
const body = (overrides: Record<string, unknown> = {}) => ({
  code: unique('c-'),
  name: unique('类'),
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  member = await login(t, town.users.member.username);
  security = await login(t, town.users.securityAdmin.username);
  auditor = await login(t, town.users.auditor.username);
});
afterAll(async () => t.close());

async function create(input: Record<string, unknown> = body()) {
  const res = await admin.post('/api/categories', input);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; code: string; name: string } & Record<string, unknown>;
}

describe('/api/categories guards', () => {
  it('answers 401 on every route without a session', async () => {
    const { id } = await create();
    const calls = [
      { method: 'GET' as const, url: '/api/categories' },
      { method: 'GET' as const, url: '/api/categories/export' },
      { method: 'GET' as const, url: `/api/categories/${id}` },
      { method: 'POST' as const, url: '/api/categories', payload: body() },
      { method: 'PATCH' as const, url: `/api/categories/${id}`, payload: { name: unique('x'), version: 1 } },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
      expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
  });

  it('answers 403 to the security admin and auditor, and to anyone without requests.config on writes', async () => {
    const { id } = await create();
    for (const c of [security, auditor]) {
      for (const url of ['/api/categories', '/api/categories/export', `/api/categories/${id}`]) {
        expect((await c.get(url)).statusCode, url).toBe(403);
      }
      expect((await c.post('/api/categories', body())).statusCode).toBe(403);
    }
    for (const c of [member, villageAdmin]) {
      expect((await c.get(`/api/categories/${id}`)).json().can).toEqual({ update: false, disable: false });
      const created = await c.post('/api/categories', body());
      expect(created.statusCode).toBe(403);
      expect(created.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      expect((await c.patch(`/api/categories/${id}`, { name: unique('x'), version: 1 })).statusCode).toBe(403);
    }
    expect((await admin.get(`/api/categories/${id}`)).json()).toMatchObject({ version: 1, can: { update: true } });
  });

  it('answers 400 naming the field for a bad code, name, limit or id, and 404 for an unknown id', async () => {
    const code = await admin.post('/api/categories', body({ code: 'Bad Code' }));
    expect(code.statusCode).toBe(400);
    expect(code.json().fields[0].path).toBe('code');
    const name = await admin.post('/api/categories', body({ name: ' ' }));
    expect(name.json().fields).toEqual([{ path: 'name', message: '名称：必填' }]);
    const limit = await admin.post('/api/categories', body({ limitNormalDays: 61 }));
    expect(limit.statusCode).toBe(400);
    expect(limit.json().fields[0].path).toBe('limitNormalDays');
    expect((await admin.get('/api/categories/not-an-id')).json().fields[0].path).toBe('id');
    expect((await admin.get(`/api/categories/${UNKNOWN}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/categories/${UNKNOWN}`, { name: unique('x'), version: 1 })).statusCode).toBe(404);
  });
});

describe('categories', () => {
  it('creates with default limits, finds by q, edits without resetting what it does not send', async () => {
    const created = await create(body({ icon: 'road', limitNormalDays: 7, sort: 3, description: '路面破损' }));
    expect(created).toMatchObject({
      icon: 'road',
      limitNormalDays: 7,
      limitUrgentDays: 1,
      limitCriticalDays: 0,
      sort: 3,
      routeKind: null,
      routeId: null,
      routeName: null,
      disabled: false,
    });
    const found = await admin.get(`/api/categories?q=${encodeURIComponent(created.name)}`);
    expect(found.json().items.map((c: { id: string }) => c.id)).toEqual([created.id]);
    expect((await admin.get(`/api/categories?q=${created.code}`)).json().total).toBe(1);

    const renamed = await admin.patch(`/api/categories/${created.id}`, { name: unique('改'), version: 1 });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      version: 2,
      icon: 'road',
      limitNormalDays: 7,
      sort: 3,
      description: '路面破损',
    });
    const stale = await admin.patch(`/api/categories/${created.id}`, { name: unique('旧'), version: 1 });
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('refuses a duplicate code and a duplicate name with 409 DUPLICATE naming the field', async () => {
    const first = await create();
    const code = await admin.post('/api/categories', body({ code: first.code }));
    expect(code.statusCode).toBe(409);
    expect(code.json().code).toBe('DUPLICATE');
    expect(code.json().fields[0].path).toBe('code');
    const name = await admin.post('/api/categories', body({ name: first.name }));
    expect(name.statusCode).toBe(409);
    expect(name.json()).toMatchObject({ code: 'DUPLICATE', message: '名称已存在' });
    expect(name.json().fields[0].path).toBe('name');
    const other = await create();
    const renamed = await admin.patch(`/api/categories/${other.id}`, { code: first.code, version: 1 });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().fields[0].path).toBe('code');
  });

  it('routes to a team, squad or department of the town and presents its name', async () => {
    const team = await create(body({ routeKind: 'team', routeId: town.team.id }));
    expect(team).toMatchObject({ routeKind: 'team', routeId: town.team.id, routeName: '绿色服务队' });
    const dept = await create(body({ routeKind: 'department', routeId: town.department.id }));
    expect(dept.routeName).toBe('村建办');
    const squad = await admin.post('/api/squads', {
      teamId: town.team.id,
      villageId: town.village.id,
      name: '甲村小队',
    });
    expect(squad.statusCode, squad.body).toBe(201);
    const sq = await create(body({ routeKind: 'squad', routeId: squad.json().id }));
    expect(sq.routeName).toBe('绿色服务队 · 甲村小队');
    const cleared = await admin.patch(`/api/categories/${sq.id}`, { routeKind: null, routeId: null, version: 1 });
    expect(cleared.json()).toMatchObject({ routeKind: null, routeId: null, routeName: null });
    const row = await getCategory(t.database.db, town.town.id, team.id);
    expect(row).toMatchObject({ route_kind: 'team', route_id: town.team.id, limit_normal_days: 5 });
    expect(await getCategory(t.database.db, town.town.id, UNKNOWN)).toBeUndefined();
  });

  it('answers 400 on routeId when only one half of the route is set or the target is of another kind, town or disabled', async () => {
    const cases = [
      { routeKind: 'team' },
      { routeId: town.team.id },
      { routeKind: 'department', routeId: town.team.id },
      { routeKind: 'squad', routeId: town.team.id },
      { routeKind: 'team', routeId: UNKNOWN },
    ];
    for (const c of cases) {
      const res = await admin.post('/api/categories', body(c));
      expect(res.statusCode, JSON.stringify(c)).toBe(400);
      expect(res.json().fields.map((f: { path: string }) => f.path)).toEqual(['routeId']);
    }
    const other = await makeTown(t);
    const foreign = await makeTeam(t, other.id);
    const res = await admin.post('/api/categories', body({ routeKind: 'team', routeId: foreign.id }));
    expect(res.json().fields).toEqual([
      { path: 'routeId', message: '默认承办对象：本镇没有该服务队、小队或部门，或已停用' },
    ]);
    const off = await makeDepartment(t, town.town.id);
    await t.database.db.updateTable('departments').set({ disabled: 1 }).where('id', '=', off.id).execute();
    expect((await admin.post('/api/categories', body({ routeKind: 'department', routeId: off.id }))).statusCode).toBe(
      400,
    );
    // An edit that sends only half of a change to the route is refused too.
    const c = await create(body({ routeKind: 'team', routeId: town.team.id }));
    const half = await admin.patch(`/api/categories/${c.id}`, { routeKind: null, version: 1 });
    expect(half.statusCode).toBe(400);
    expect(half.json().fields[0].path).toBe('routeId');
  });

  it("hides another town's categories", async () => {
    const other = await makeTown(t);
    const otherAdmin = await login(t, (await makeUser(t, other.id, 'town_admin')).username);
    const theirs = await otherAdmin.post('/api/categories', body());
    expect(theirs.statusCode).toBe(201);
    const id = theirs.json().id as string;
    expect((await admin.get(`/api/categories/${id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/categories/${id}`, { name: unique('x'), version: 1 })).statusCode).toBe(404);
    const mine = await admin.get('/api/categories?pageSize=100&includeDisabled=true');
    expect(mine.json().items.some((c: { id: string }) => c.id === id)).toBe(false);
    // The same code may exist in two towns.
    const same = await admin.post('/api/categories', body({ code: theirs.json().code, name: theirs.json().name }));
    expect(same.statusCode).toBe(201);
  });

  it('disables, hides unless includeDisabled, and audits create, update and disable', async () => {
    const c = await create();
    await admin.patch(`/api/categories/${c.id}`, { description: '说明', version: 1 });
    const off = await admin.patch(`/api/categories/${c.id}`, { disabled: true, version: 2 });
    expect(off.json()).toMatchObject({ disabled: true, version: 3 });
    expect((await admin.get(`/api/categories?q=${c.code}`)).json().total).toBe(0);
    expect((await admin.get(`/api/categories?q=${c.code}&includeDisabled=true`)).json().total).toBe(1);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', c.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['category.create', 'category.update', 'category.disable']);
    expect(rows.every((r) => r.actor_id === town.users.townAdmin.id)).toBe(true);
  });

  it('exports an .xlsx with Chinese headers', async () => {
    const c = await create(body({ routeKind: 'department', routeId: town.department.id }));
    const res = await admin.get('/api/categories/export');
    expect(isXlsx(res)).toBe(true);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('诉求类别');
    const rows = await readXlsx(res);
    const f = zhCN.fields;
    expect(rows[0]?.slice(0, 6)).toEqual([
      f.name,
      f.categoryCode,
      f.description,
      f.routeKind,
      f.routeId,
      f.limitNormalDays,
    ]);
    expect(rows[0]?.slice(0, 2)).toEqual(['名称', '类别编码']);
    expect(rows.find((r) => r[0] === c.name)?.slice(1, 6)).toEqual([c.code, '', '职能部门', '村建办', '5']);
  });
});

describe('GET /api/public/categories', () => {
  it('needs the town code once there are several towns, and gives enabled categories and places in order', async () => {
    // Several towns exist in this file by now.
    expect((await t.app.inject({ method: 'GET', url: '/api/public/categories' })).statusCode).toBe(404);
    const fresh = await makeTown(t, { name: '公开镇' });
    const freshAdmin = await login(t, (await makeUser(t, fresh.id, 'town_admin')).username);
    for (const [code, name, sort] of [
      ['b-late', '后面', 20],
      ['a-first', '前面', 10],
    ] as const) {
      await freshAdmin.post('/api/categories', { code, name, sort, description: `${name}说明` });
    }
    const off = await freshAdmin.post('/api/categories', { code: 'off', name: '停用的' });
    await freshAdmin.patch(`/api/categories/${off.json().id}`, { disabled: true, version: 1 });
    const v = await makeVillage(t, fresh.id, { name: '东村' });
    const closed = await makeVillage(t, fresh.id, { name: '已撤并村' });
    await t.database.db.updateTable('villages').set({ disabled: 1 }).where('id', '=', closed.id).execute();
    await freshAdmin.post('/api/hamlets', { villageId: v.id, name: '上屋' });

    const res = await t.app.inject({ method: 'GET', url: `/api/public/categories?town=${fresh.code}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.json()).toEqual({
      town: { code: fresh.code, name: '公开镇' },
      categories: [
        { id: expect.any(String), code: 'a-first', name: '前面', icon: 'other', description: '前面说明' },
        { id: expect.any(String), code: 'b-late', name: '后面', icon: 'other', description: '后面说明' },
      ],
      villages: [{ id: v.id, name: '东村', hamlets: [{ id: expect.any(String), name: '上屋' }] }],
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/public/categories?town=nowhere' })).statusCode).toBe(404);
    const long = await t.app.inject({ method: 'GET', url: `/api/public/categories?town=${'x'.repeat(40)}` });
    expect(long.statusCode).toBe(400);
  });
});
