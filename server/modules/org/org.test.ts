import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makeDepartment,
  makeTown,
  makeUser,
  makeVillage,
  townWithAdmins,
} from '../../test/harness.ts';
import { isXlsx, readXlsx } from '../../test/xlsx.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let villageAdmin: Client;
let member: Client;
let security: Client;
let auditor: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const unique = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;

/** Each organisation resource with a valid create body. */
const resources = {
  villages: () => ({ name: unique('村') }),
  hamlets: () => ({ villageId: town.village.id, name: unique('组') }),
  workstations: () => ({
    name: unique('工作室'),
    level: 'village',
    villageId: town.village.id,
    address: '村委会一楼',
    openingHours: '每天 8:30–17:30',
  }),
  departments: () => ({ name: unique('办') }),
} as const;
type Resource = keyof typeof resources;
const names = Object.keys(resources) as Resource[];

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

/** Creates a record as the town admin and returns its body. */
async function create(resource: Resource, body: Record<string, unknown> = resources[resource]()) {
  const res = await admin.post(`/api/${resource}`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; name: string; disabled: boolean };
}

describe.each(names)('/api/%s guards', (resource) => {
  it('answers 401 UNAUTHENTICATED on every route without a session', async () => {
    const { id } = await create(resource);
    const calls = [
      { method: 'GET' as const, url: `/api/${resource}` },
      { method: 'GET' as const, url: `/api/${resource}/export` },
      { method: 'GET' as const, url: `/api/${resource}/${id}` },
      { method: 'POST' as const, url: `/api/${resource}`, payload: resources[resource]() },
      { method: 'PATCH' as const, url: `/api/${resource}/${id}`, payload: { name: unique('x'), version: 1 } },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
      expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
  });

  it('answers 403 to the security admin and the auditor on reads, and to a member on writes', async () => {
    const { id } = await create(resource);
    for (const c of [security, auditor]) {
      for (const url of [`/api/${resource}`, `/api/${resource}/export`, `/api/${resource}/${id}`]) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      }
      expect((await c.post(`/api/${resource}`, resources[resource]())).statusCode).toBe(403);
    }
    expect((await member.get(`/api/${resource}/${id}`)).statusCode).toBe(200);
    const created = await member.post(`/api/${resource}`, resources[resource]());
    expect(created.statusCode).toBe(403);
    expect(created.json().code).toBe('FORBIDDEN');
    const patched = await member.patch(`/api/${resource}/${id}`, { name: unique('x'), version: 1 });
    expect(patched.statusCode).toBe(403);
    expect((await admin.get(`/api/${resource}/${id}`)).json().version).toBe(1);
  });

  it('rejects an empty and a too long name with 400 naming the field', async () => {
    const empty = await admin.post(`/api/${resource}`, { ...resources[resource](), name: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe('VALIDATION');
    expect(empty.json().fields).toEqual([{ path: 'name', message: '名称：必填' }]);
    const max = resource === 'workstations' || resource === 'departments' ? 80 : 50;
    const long = await admin.post(`/api/${resource}`, { ...resources[resource](), name: '长'.repeat(max + 1) });
    expect(long.statusCode).toBe(400);
    expect(long.json().fields[0]).toEqual({ path: 'name', message: `名称：不能超过 ${max} 个字符` });
    const en = await admin.request({
      method: 'POST',
      url: `/api/${resource}`,
      payload: { ...resources[resource](), name: '' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().fields[0].path).toBe('name');
    expect(en.json().message).toMatch(/^[A-Za-z]/);
    expect(en.json().message).not.toMatch(/[\u4e00-\u9fff]{2}/);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await admin.get(`/api/${resource}/${UNKNOWN}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 'NOT_FOUND', message: '未找到该记录' });
    expect((await admin.patch(`/api/${resource}/${UNKNOWN}`, { name: unique('x'), version: 1 })).statusCode).toBe(404);
    const malformed = await admin.get(`/api/${resource}/not-an-id`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().fields[0].path).toBe('id');
  });

  it('creates, finds by q, edits with the version, refuses a stale version and leaves the record unchanged', async () => {
    const body = resources[resource]();
    const created = await create(resource, body);
    expect(created.name).toBe(body.name);
    expect(created.version).toBe(1);
    const found = await admin.get(`/api/${resource}?q=${encodeURIComponent(body.name)}`);
    expect(found.json().total).toBe(1);
    expect(found.json().items[0].id).toBe(created.id);

    const renamed = unique('改');
    const ok = await admin.patch(`/api/${resource}/${created.id}`, { name: renamed, version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: renamed, version: 2 });

    const stale = await admin.patch(`/api/${resource}/${created.id}`, { name: unique('旧'), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toEqual({ code: 'STALE_VERSION', message: '该记录已被他人修改，请刷新后再保存' });
    expect((await admin.get(`/api/${resource}/${created.id}`)).json()).toMatchObject({ name: renamed, version: 2 });
  });

  it('refuses a duplicate name with 409 DUPLICATE on the name field', async () => {
    const body = resources[resource]();
    await create(resource, body);
    const res = await admin.post(`/api/${resource}`, { ...resources[resource](), name: body.name });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DUPLICATE');
    expect(res.json().message).toBe('名称已存在');
    expect(res.json().fields[0].path).toBe('name');
  });

  it('hides a disabled record unless includeDisabled=true, and enables it again', async () => {
    const created = await create(resource);
    const q = `q=${encodeURIComponent(created.name)}`;
    const disabled = await admin.patch(`/api/${resource}/${created.id}`, { disabled: true, version: 1 });
    expect(disabled.json()).toMatchObject({ disabled: true, version: 2 });
    expect((await admin.get(`/api/${resource}?${q}`)).json().total).toBe(0);
    const all = await admin.get(`/api/${resource}?${q}&includeDisabled=true`);
    expect(all.json().items.map((r: { id: string }) => r.id)).toEqual([created.id]);
    const enabled = await admin.patch(`/api/${resource}/${created.id}`, { disabled: false, version: 2 });
    expect(enabled.json().disabled).toBe(false);
    expect((await admin.get(`/api/${resource}?${q}`)).json().total).toBe(1);
  });

  it('exports an .xlsx with Chinese headers and the created row', async () => {
    const created = await create(resource);
    const res = await admin.get(`/api/${resource}/export`);
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[0]?.[0]).toBe('名称');
    expect(rows.some((r) => r[0] === created.name)).toBe(true);
  });

  it('writes an audit row for create and update, with actor, action and record id', async () => {
    const created = await create(resource);
    await admin.patch(`/api/${resource}/${created.id}`, { name: unique('审'), version: 1 });
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'entity_id', 'outcome'])
      .where('entity_id', '=', created.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    const noun = resource.replace(/s$/, '');
    expect(rows.map((r) => r.action)).toEqual([`${noun}.create`, `${noun}.update`]);
    expect(rows.every((r) => r.actor_id === town.users.townAdmin.id && r.outcome === 'ok')).toBe(true);
  });
});

describe('validation', () => {
  it('refuses a division code that is not 12 digits', async () => {
    const res = await admin.post('/api/villages', { name: unique('村'), code: '36012110' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ path: 'code', message: '编码：区划代码应为 12 位数字' }]);
    const ok = await admin.post('/api/villages', { name: unique('村'), code: '360121100201' });
    expect(ok.json().code).toBe('360121100201');
  });

  it('refuses an unknown village kind and workstation level', async () => {
    const kind = await admin.post('/api/villages', { name: unique('村'), kind: 'city' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().fields[0]).toEqual({ path: 'kind', message: '类型：不是可选的值' });
    const level = await admin.post('/api/workstations', { ...resources.workstations(), level: 'county' });
    expect(level.json().fields[0].path).toBe('level');
  });

  it('requires the village of a village-level workstation, and an existing one', async () => {
    const none = await admin.post('/api/workstations', { ...resources.workstations(), villageId: null });
    expect(none.statusCode).toBe(400);
    expect(none.json().fields[0]).toEqual({ path: 'villageId', message: '所属村：村级工作室须选择所属村' });
    const en = await admin.request({
      method: 'POST',
      url: '/api/workstations',
      payload: { ...resources.workstations(), villageId: null },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().fields[0].path).toBe('villageId');
    expect(en.json().fields[0].message).not.toMatch(/[\u4e00-\u9fff]/);
    const town = await admin.post('/api/workstations', { ...resources.workstations(), level: 'town', villageId: null });
    expect(town.statusCode).toBe(201);
    expect(town.json().level).toBe('town');
  });

  it('refuses a malformed and an unknown village id for a hamlet', async () => {
    const bad = await admin.post('/api/hamlets', { name: unique('组'), villageId: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toEqual({ path: 'villageId', message: '所属村：编号格式不正确' });
    const unknown = await admin.post('/api/hamlets', { name: unique('组'), villageId: UNKNOWN });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe('villageId');
  });
});

describe('partial edits', () => {
  it('keep the fields they do not send: a renamed community stays a community, a town workstation stays town-level', async () => {
    const community = await create('villages', { name: unique('社区'), kind: 'community', sort: 7 });
    const renamed = await admin.patch(`/api/villages/${community.id}`, { name: unique('新社区'), version: 1 });
    expect(renamed.json()).toMatchObject({ kind: 'community', sort: 7, version: 2 });
    const ws = await create('workstations', { ...resources.workstations(), level: 'town', villageId: null });
    const edited = await admin.patch(`/api/workstations/${ws.id}`, { openingHours: '周一至周五', version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ level: 'town', villageId: null, openingHours: '周一至周五' });
  });
});

describe('lists', () => {
  it('pages the results with the right totals', async () => {
    const prefix = unique('页');
    for (const n of [1, 2, 3]) await create('departments', { name: `${prefix}-${n}` });
    const first = await admin.get(`/api/departments?q=${encodeURIComponent(prefix)}&page=1&pageSize=2`);
    expect(first.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.json().items).toHaveLength(2);
    const second = await admin.get(`/api/departments?q=${encodeURIComponent(prefix)}&page=2&pageSize=2`);
    expect(second.json().items).toHaveLength(1);
    const ids = [...first.json().items, ...second.json().items].map((r: { name: string }) => r.name).sort();
    expect(ids).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-3`]);
    expect((await admin.get('/api/departments?pageSize=101')).statusCode).toBe(400);
  });

  it('filters workstations by village and level', async () => {
    const v = await makeVillage(t, town.town.id);
    const ws = await create('workstations', { ...resources.workstations(), villageId: v.id });
    const byVillage = await admin.get(`/api/workstations?villageId=${v.id}`);
    expect(byVillage.json().items.map((w: { id: string }) => w.id)).toEqual([ws.id]);
    const townLevel = await admin.get('/api/workstations?level=town&pageSize=100');
    expect(townLevel.json().items.every((w: { level: string }) => w.level === 'town')).toBe(true);
  });
});

describe('village admin scope', () => {
  it('lists only their own village', async () => {
    const res = await villageAdmin.get('/api/villages?pageSize=100');
    expect(res.json().items.map((v: { id: string }) => v.id)).toEqual([town.village.id]);
    expect((await villageAdmin.get(`/api/villages/${town.otherVillage.id}`)).statusCode).toBe(404);
  });

  it("cannot read another village's hamlets or workstations", async () => {
    const hamlet = await create('hamlets', { villageId: town.otherVillage.id, name: unique('组') });
    const ws = await create('workstations', { ...resources.workstations(), villageId: town.otherVillage.id });
    expect((await villageAdmin.get(`/api/hamlets/${hamlet.id}`)).statusCode).toBe(404);
    expect((await villageAdmin.get(`/api/workstations/${ws.id}`)).statusCode).toBe(404);
    const list = await villageAdmin.get('/api/hamlets?pageSize=100');
    expect(list.json().items.some((h: { id: string }) => h.id === hamlet.id)).toBe(false);
  });

  it('creates a hamlet in their own village but not in another', async () => {
    const other = await villageAdmin.post('/api/hamlets', { villageId: town.otherVillage.id, name: unique('组') });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('FORBIDDEN');
    const own = await villageAdmin.post('/api/hamlets', { villageId: town.village.id, name: unique('组') });
    expect(own.statusCode).toBe(201);
    expect(own.json().can).toEqual({ update: true, disable: true });
  });

  it('may edit but not disable their village, nor create villages or departments', async () => {
    const village = (await villageAdmin.get(`/api/villages/${town.village.id}`)).json();
    expect(village.can).toEqual({ update: true, disable: false });
    expect(
      (await villageAdmin.patch(`/api/villages/${town.village.id}`, { disabled: true, version: village.version }))
        .statusCode,
    ).toBe(403);
    expect((await villageAdmin.post('/api/villages', resources.villages())).statusCode).toBe(403);
    expect((await villageAdmin.post('/api/departments', resources.departments())).statusCode).toBe(403);
  });
});

describe('town scope', () => {
  it("hides another town's villages, workstations and departments", async () => {
    const other = await makeTown(t);
    const otherAdmin = await login(t, (await makeUser(t, other.id, 'town_admin')).username);
    const village = await makeVillage(t, other.id, { name: unique('外村') });
    const department = await makeDepartment(t, other.id, { name: unique('外办') });
    const wsRes = await otherAdmin.post('/api/workstations', { ...resources.workstations(), villageId: village.id });
    expect(wsRes.statusCode).toBe(201);
    const records: [Resource, string][] = [
      ['villages', village.id],
      ['workstations', wsRes.json().id],
      ['departments', department.id],
    ];
    for (const [resource, id] of records) {
      const list = await admin.get(`/api/${resource}?pageSize=100&includeDisabled=true`);
      expect(list.json().items.some((r: { id: string }) => r.id === id)).toBe(false);
      expect((await admin.get(`/api/${resource}/${id}`)).statusCode).toBe(404);
      expect((await admin.patch(`/api/${resource}/${id}`, { name: unique('夺'), version: 1 })).statusCode).toBe(404);
      expect((await otherAdmin.get(`/api/${resource}/${id}`)).json().version).toBe(1);
    }
    // A hamlet cannot be hung on another town's village either.
    const hamlet = await admin.post('/api/hamlets', { villageId: village.id, name: unique('组') });
    expect(hamlet.statusCode).toBe(400);
    expect(hamlet.json().fields[0].path).toBe('villageId');
  });
});

describe('audit trail', () => {
  it('cannot be updated or deleted', async () => {
    await create('departments');
    const db = t.database.db;
    await expect(
      db.updateTable('audit_log').set({ action: 'tampered' }).where('town_id', '=', town.town.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_log').where('town_id', '=', town.town.id).execute()).rejects.toThrow(
      /append-only/,
    );
    const tampered = await db.selectFrom('audit_log').select('id').where('action', '=', 'tampered').execute();
    expect(tampered).toHaveLength(0);
  });
});
