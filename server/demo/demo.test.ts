import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext, createTestApp } from '../test/harness.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './seed.ts';
import { TEAMS } from './youlan-data.ts';

let t: TestContext;
let townId: string | null;

const count = async (table: 'villages' | 'workstations' | 'people' | 'teams' | 'users' | 'audit_log' | 'hamlets') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await createTestApp();
  townId = await seedDemo(t.database.db, t.sealer);
});
afterAll(async () => t.close());

const signIn = (username: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });

describe('the Youlan demo town', () => {
  it('loads 幽兰镇 with its five colour teams', async () => {
    expect(townId).toBeTruthy();
    const town = await t.database.db
      .selectFrom('towns')
      .selectAll()
      .where('code', '=', 'youlan')
      .executeTakeFirstOrThrow();
    expect(town).toMatchObject({ id: townId, name: '幽兰镇' });
    const teams = await t.database.db.selectFrom('teams').select(['name', 'colour']).orderBy('sort').execute();
    expect(teams).toEqual(TEAMS.map(([name, colour]) => ({ name, colour })));
    expect(teams.map((x) => x.name)).toContain('红色党员先锋服务队');
  });

  it('has 32 workstations (one town-level), the named villages and the 北黄 hamlet of 少城村', async () => {
    const ws = await t.database.db.selectFrom('workstations').select('level').execute();
    expect(ws).toHaveLength(32);
    expect(ws.filter((w) => w.level === 'town')).toHaveLength(1);
    const villages = (await t.database.db.selectFrom('villages').select('name').execute()).map((v) => v.name);
    expect(villages).toEqual(expect.arrayContaining(['厚田村', '青塘村', '涂村村', '少城村']));
    const beihuang = await t.database.db
      .selectFrom('hamlets as h')
      .innerJoin('villages as v', 'v.id', 'h.village_id')
      .select('v.name')
      .where('h.name', '=', '北黄')
      .execute();
    expect(beihuang).toEqual([{ name: '少城村' }]);
    expect(await count('people')).toBeGreaterThanOrEqual(100);
  });

  it('signs in each of the 7 demo logins with its role', async () => {
    expect(DEMO_LOGINS).toHaveLength(7);
    for (const demo of DEMO_LOGINS) {
      const res = await signIn(demo.username);
      expect(res.statusCode, demo.username).toBe(200);
      expect(res.json().roles.map((r: { role: string }) => r.role)).toEqual([demo.role]);
    }
  });

  it('shows the 厚田村 admin only 厚田村', async () => {
    const res = await signIn('houtian');
    const cookie = res.cookies.find((c) => c.name === 'lx_session')?.value ?? '';
    const villages = await t.app.inject({
      method: 'GET',
      url: '/api/villages?pageSize=100',
      headers: { cookie: `lx_session=${cookie}` },
    });
    expect(villages.json().items.map((v: { name: string }) => v.name)).toEqual(['厚田村']);
  });

  it('uses no name of a person from the article', async () => {
    const article = fs.readFileSync('/work/shared/context/youlan-five-colour-teams-article.txt', 'utf8');
    const named = ['万平', '陶细水', '黄运生', '万友平'];
    for (const name of named) expect(article).toContain(name);
    const people = await t.database.db.selectFrom('people').select('name').execute();
    expect(people.filter((p) => named.includes(p.name))).toEqual([]);
  });

  it('does nothing when run a second time', async () => {
    const before = await Promise.all([
      count('villages'),
      count('people'),
      count('users'),
      count('audit_log'),
      count('hamlets'),
    ]);
    expect(await seedDemo(t.database.db, t.sealer)).toBeNull();
    const after = await Promise.all([
      count('villages'),
      count('people'),
      count('users'),
      count('audit_log'),
      count('hamlets'),
    ]);
    expect(after).toEqual(before);
  });
});
