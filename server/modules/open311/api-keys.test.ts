import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed.ts';
import { type Client, type TestContext, createTestApp, login, townWithAdmins } from '../../test/harness.ts';
import { expectValid } from './open311.testkit.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let other: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let otherAdmin: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';

type Key = { id: string; name: string; prefix: string; disabled: boolean; version: number; lastUsedAt: string | null };

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  other = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  otherAdmin = await login(t, other.users.townAdmin.username);
});
afterAll(async () => t.close());

const audit = (entityId: string) =>
  t.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id', 'entity', 'detail'])
    .where('entity_id', '=', entityId)
    .orderBy('at')
    .orderBy('id')
    .execute();

describe('/api/open311-keys guards', () => {
  it('answers 401 without a session', async () => {
    for (const call of [
      { method: 'GET' as const, url: '/api/open311-keys' },
      { method: 'POST' as const, url: '/api/open311-keys', payload: { name: '甲' } },
      { method: 'PATCH' as const, url: `/api/open311-keys/${UNKNOWN}`, payload: { disabled: true, version: 1 } },
    ]) {
      const res = await t.app.inject(call);
      expect(res.statusCode, call.url).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to every role but the town admin', async () => {
    const made = (await admin.post('/api/open311-keys', { name: '守卫' })).json() as { key: Key };
    for (const user of ['villageAdmin', 'teamLeader', 'member', 'handler', 'securityAdmin', 'auditor'] as const) {
      const c = await login(t, town.users[user].username);
      expect((await c.get('/api/open311-keys')).statusCode, user).toBe(403);
      expect((await c.post('/api/open311-keys', { name: '越权' })).statusCode, user).toBe(403);
      const patched = await c.patch(`/api/open311-keys/${made.key.id}`, { disabled: true, version: 1 });
      expect(patched.statusCode, user).toBe(403);
      expect(patched.json().code).toBe('FORBIDDEN');
    }
  });

  it('answers 400 for an empty or too long name, a missing version or flag, and a malformed id', async () => {
    const empty = await admin.post('/api/open311-keys', { name: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields[0].path).toBe('name');
    expect((await admin.post('/api/open311-keys', { name: '长'.repeat(51) })).statusCode).toBe(400);
    const made = (await admin.post('/api/open311-keys', { name: '校验' })).json() as { key: Key };
    const noVersion = await admin.patch(`/api/open311-keys/${made.key.id}`, { disabled: true });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.json().fields[0].path).toBe('version');
    expect((await admin.patch(`/api/open311-keys/${made.key.id}`, { version: 1 })).statusCode).toBe(400);
    expect((await admin.patch('/api/open311-keys/not-an-id', { disabled: true, version: 1 })).statusCode).toBe(400);
    expect((await admin.patch(`/api/open311-keys/${UNKNOWN}`, { disabled: true, version: 1 })).statusCode).toBe(404);
  });
});

describe('/api/open311-keys', () => {
  it('issues a key whose secret is shown once and stored only as a hash', async () => {
    const res = await admin.post('/api/open311-keys', { name: '省12345平台' });
    expect(res.statusCode, res.body).toBe(201);
    const { key, secret } = res.json() as { key: Key; secret: string };
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).toMatchObject({
      name: '省12345平台',
      prefix: secret.slice(0, 6),
      disabled: false,
      version: 1,
      lastUsedAt: null,
    });
    const row = await t.database.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(row.key_hash).toBe(t.sealer.hash(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
    const list = await admin.get('/api/open311-keys');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(secret);
    expect((list.json() as { items: Key[] }).items[0]).toEqual(key);
    const rows = await audit(key.id);
    expect(rows.map((r) => r.action)).toEqual(['open311_key.create']);
    expect(rows[0]).toMatchObject({ actor_id: town.users.townAdmin.id, entity: 'open311_key' });
    expect(rows[0]?.detail).not.toContain(secret);
  });

  it('disables and enables with the version, audits each change and refuses a stale version', async () => {
    const { key, secret } = (await admin.post('/api/open311-keys', { name: '开关' })).json() as {
      key: Key;
      secret: string;
    };
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: `/open311/v2/requests.json`,
        payload: { api_key: secret, jurisdiction_id: town.town.code, service_code: 'road', description: '测试' },
      });
    const off = await admin.patch(`/api/open311-keys/${key.id}`, { disabled: true, version: 1 });
    expect(off.json()).toMatchObject({ disabled: true, version: 2 });
    expect((await post()).statusCode).toBe(403);
    const stale = await admin.patch(`/api/open311-keys/${key.id}`, { disabled: false, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const on = await admin.patch(`/api/open311-keys/${key.id}`, { disabled: false, version: 2 });
    expect(on.json()).toMatchObject({ disabled: false, version: 3 });
    // Enabled again, the key passes the check (the category is unknown here, hence 400 not 403).
    expect((await post()).statusCode).toBe(400);
    const same = await admin.patch(`/api/open311-keys/${key.id}`, { disabled: false, version: 3 });
    expect(same.json()).toMatchObject({ disabled: false, version: 3 });
    expect((await audit(key.id)).map((r) => r.action)).toEqual([
      'open311_key.create',
      'open311_key.disable',
      'open311_key.enable',
    ]);
  });

  it("keeps another town's keys invisible", async () => {
    const mine = (await admin.post('/api/open311-keys', { name: '本镇' })).json() as { key: Key };
    const theirs = (await otherAdmin.post('/api/open311-keys', { name: '他镇' })).json() as { key: Key };
    const list = (await admin.get('/api/open311-keys')).json() as { items: Key[] };
    expect(list.items.map((k) => k.id)).toContain(mine.key.id);
    expect(list.items.map((k) => k.id)).not.toContain(theirs.key.id);
    const res = await admin.patch(`/api/open311-keys/${theirs.key.id}`, { disabled: true, version: 1 });
    expect(res.statusCode).toBe(404);
    const untouched = (await otherAdmin.get('/api/open311-keys')).json() as { items: Key[] };
    expect(untouched.items.find((k) => k.id === theirs.key.id)?.disabled).toBe(false);
  });
});

describe('the demo town', () => {
  let demo: TestContext;
  beforeAll(async () => {
    demo = await createTestApp();
    await seedDemo(demo.database.db, demo.sealer, { people: 20 });
  });
  afterAll(async () => demo.close());

  it('accepts the fixed key demo-open311-key', async () => {
    const row = await demo.database.db
      .selectFrom('api_keys')
      .select(['name', 'prefix', 'disabled'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '演示接口密钥', prefix: 'demo-o', disabled: 0 });
    const res = await demo.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload:
        'api_key=demo-open311-key&jurisdiction_id=youlan&service_code=road&address_string=%E5%8E%9A%E7%94%B0%E6%9D%91&description=%E8%B7%AF%E7%81%AF%E5%9D%8F%E4%BA%86',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [created] = expectValid<{ service_request_id: string }[]>('created', res.body);
    expect(created?.service_request_id).toMatch(/^[A-Z]+-\d{8}-\d{4}$/);
    const wrong = await demo.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: {
        api_key: 'demo-open311-key-x',
        service_code: 'road',
        description: '路灯坏了',
        address_string: '厚田村',
      },
    });
    expect(wrong.statusCode).toBe(403);
  });
});
