import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestContext, createTestApp } from '../test/harness.ts';
import { DEMO_PEOPLE } from './people.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from './seed.ts';
import { REQUEST_STATUSES } from '../../common/requests/lifecycle.ts';
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

  it('has at least 2,000 members across the five teams, every village and the 32 workstations', async () => {
    const res = await signIn('admin');
    const cookie = res.cookies.find((c) => c.name === 'lx_session')?.value ?? '';
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: `lx_session=${cookie}` } });
    const list = await get('/api/members?pageSize=1');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBeGreaterThanOrEqual(2000);
    const byNo = await get('/api/members?q=YL000042');
    expect(byNo.json()).toMatchObject({ total: 1, items: [{ volunteerNo: 'YL000042' }] });

    const db = t.database.db;
    const people = await db
      .selectFrom('people')
      .select(['id', 'village_id', 'member_status', 'availability'])
      .execute();
    expect(people.length).toBe(DEMO_PEOPLE);
    const share = (n: number) => n / people.length;
    expect(share(people.filter((p) => p.member_status === 'paused').length)).toBeGreaterThan(0.015);
    expect(share(people.filter((p) => p.member_status === 'paused').length)).toBeLessThan(0.045);
    expect(share(people.filter((p) => p.member_status === 'left').length)).toBeGreaterThan(0.01);
    expect(share(people.filter((p) => p.member_status === 'left').length)).toBeLessThan(0.03);
    expect(share(people.filter((p) => p.availability !== null).length)).toBeGreaterThan(0.25);
    expect(share(people.filter((p) => p.availability !== null).length)).toBeLessThan(0.35);
    for (const p of people.filter((x) => x.availability))
      expect(JSON.parse(p.availability ?? '')).toEqual({ weekdays: expect.any(Array), shifts: expect.any(Array) });

    const memberships = await db.selectFrom('team_memberships').select(['person_id', 'team_id', 'left_at']).execute();
    const teamsOf = new Map<string, number>();
    for (const m of memberships) teamsOf.set(m.person_id, (teamsOf.get(m.person_id) ?? 0) + 1);
    expect(share([...teamsOf.values()].filter((n) => n === 2).length)).toBeGreaterThan(0.1);
    expect(share([...teamsOf.values()].filter((n) => n === 2).length)).toBeLessThan(0.15);
    expect(new Set(memberships.map((m) => m.team_id)).size).toBe(TEAMS.length);
    const left = new Set(people.filter((p) => p.member_status === 'left').map((p) => p.id));
    for (const m of memberships) expect(m.left_at !== null, m.person_id).toBe(left.has(m.person_id));

    // Every village has enough active members of its own for its workstation's pool.
    const villages = await db.selectFrom('villages').select(['id', 'name']).execute();
    for (const v of villages) {
      const local = people.filter((p) => p.village_id === v.id && p.member_status === 'active');
      expect(local.length, v.name).toBeGreaterThanOrEqual(12);
    }

    // 党员联系户, with phones kept encrypted and shown masked.
    const households = await db
      .selectFrom('households as h')
      .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'h.town_id').onRef('p.id', '=', 'h.person_id'))
      .select(['h.phone_enc', 'h.phone_mask', 'p.political_status'])
      .execute();
    expect(households.length).toBeGreaterThan(100);
    for (const h of households) {
      expect(h.political_status).toBe('cpc_member');
      if (h.phone_mask) expect(h.phone_mask).toMatch(/^1\d{2}\*{4}\d{4}$/);
      if (h.phone_enc) expect(h.phone_enc).not.toMatch(/^1\d{10}$/);
    }
  });

  it('keeps the leader leading the green team and the member in 厚田村 workstation’s pool', async () => {
    const db = t.database.db;
    const login = (username: string) =>
      db
        .selectFrom('users')
        .innerJoin('people as p', 'p.id', 'users.person_id')
        .select(['p.id', 'p.village_id', 'p.member_status'])
        .where('username', '=', username)
        .executeTakeFirstOrThrow();
    const green = await db.selectFrom('teams').select('id').where('colour', '=', 'green').executeTakeFirstOrThrow();
    const leader = await login('leader');
    const member = await login('member');
    const roleIn = (personId: string) =>
      db
        .selectFrom('team_memberships')
        .select('role')
        .where('person_id', '=', personId)
        .where('team_id', '=', green.id)
        .executeTakeFirst();
    expect(await roleIn(leader.id)).toEqual({ role: 'leader' });
    expect(await roleIn(member.id)).toEqual({ role: 'member' });
    expect([leader.member_status, member.member_status]).toEqual(['active', 'active']);
    const houtian = await db.selectFrom('villages').select('id').where('name', '=', '厚田村').executeTakeFirstOrThrow();
    expect(member.village_id).toBe(houtian.id);
    const pool = await db
      .selectFrom('roster_pool as rp')
      .innerJoin('roster_rules as r', (j) => j.onRef('r.town_id', '=', 'rp.town_id').onRef('r.id', '=', 'rp.rule_id'))
      .innerJoin('workstations as w', (j) =>
        j.onRef('w.town_id', '=', 'r.town_id').onRef('w.id', '=', 'r.workstation_id'),
      )
      .select('rp.person_id')
      .where('w.village_id', '=', houtian.id)
      .execute();
    expect(pool.map((p) => p.person_id)).toContain(member.id);
  });

  it('signs in each of the 8 demo logins with its role', async () => {
    expect(DEMO_LOGINS).toHaveLength(8);
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
    const reporters = await t.database.db.selectFrom('requests').select('reporter_name').execute();
    expect(reporters.filter((r) => named.includes(r.reporter_name ?? ''))).toEqual([]);
  });

  it('has a year of requests in every state, with timelines', async () => {
    const rows = await t.database.db.selectFrom('requests').select(['status', 'code', 'created_at']).execute();
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(REQUEST_STATUSES));
    for (const r of rows) expect(r.code).toMatch(/^YL-\d{8}-\d{4}$/);
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    const oldest = Math.min(...rows.map((r) => Date.parse(r.created_at)));
    expect(Date.now() - oldest).toBeGreaterThan(300 * 86400_000);
    const events = await t.database.db
      .selectFrom('request_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(events.n)).toBeGreaterThan(rows.length * 4);
    const archive = await t.database.db
      .selectFrom('request_events')
      .select('public')
      .where('kind', 'in', ['archive', 'supervise', 'return', 'request_extension'])
      .distinct()
      .execute();
    expect(archive).toEqual([{ public: 0 }]);
  });

  it('tells the story of the Youlan–Hutao road, meeting included', async () => {
    const road = await t.database.db
      .selectFrom('requests')
      .select(['id', 'status', 'outcome', 'rating', 'channel', 'team_id'])
      .where('description', 'like', '%幽兰至湖陶公路%')
      .executeTakeFirstOrThrow();
    expect(road).toMatchObject({ status: 'archived', outcome: 'resolved', rating: 5, channel: 'h5' });
    const green = await t.database.db
      .selectFrom('teams')
      .select('id')
      .where('name', '=', '绿色产业发展服务队')
      .executeTakeFirstOrThrow();
    expect(road.team_id).toBe(green.id);
    const events = await t.database.db
      .selectFrom('request_events')
      .select(['kind', 'data', 'note'])
      .where('request_id', '=', road.id)
      .orderBy('at')
      .execute();
    expect(events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['submitted', 'accept', 'dispatch', 'visit', 'meeting', 'resolve', 'rate', 'archive']),
    );
    const meeting = JSON.parse(events.find((e) => e.kind === 'meeting')?.data ?? '{}') as { attendees?: string };
    for (const who of ['镇村镇建设办公室', '施工单位', '绿色产业发展服务队', '村两委'])
      expect(meeting.attendees).toContain(who);
    expect(events.find((e) => e.kind === 'resolve')?.note).toContain('20天内完成通车');
  });

  it('reports figures a town would: completion and satisfaction about 95% or better', async () => {
    const res = await signIn('admin');
    const cookie = res.cookies.find((c) => c.name === 'lx_session')?.value ?? '';
    const figures = await t.app.inject({
      method: 'GET',
      url: '/api/requests/figures',
      headers: { cookie: `lx_session=${cookie}` },
    });
    expect(figures.statusCode).toBe(200);
    const f = figures.json() as { completionRate: number; satisfactionRate: number; openPastDue: number };
    expect(f.completionRate).toBeGreaterThanOrEqual(0.93);
    expect(f.satisfactionRate).toBeGreaterThanOrEqual(0.92);
    expect(f.satisfactionRate).toBeLessThan(1);
    expect(f.openPastDue).toBeGreaterThan(0);
    const found = await t.app.inject({
      method: 'GET',
      url: `/api/requests?q=${encodeURIComponent('湖陶')}`,
      headers: { cookie: `lx_session=${cookie}` },
    });
    expect(found.json().items.some((r: { description: string }) => r.description.includes('湖陶公路'))).toBe(true);
  });

  it("continues each day's tracking-code series after the demo", async () => {
    const codes = await t.database.db.selectFrom('requests').select('code').execute();
    const byDay = new Map<string, number>();
    for (const { code } of codes) {
      const [, day = '', n = '0'] = code.split('-');
      byDay.set(day, Math.max(byDay.get(day) ?? 0, Number(n)));
    }
    const seqs = await t.database.db
      .selectFrom('sequences')
      .select(['name', 'value'])
      .where('name', 'like', 'request:%')
      .execute();
    expect(new Map(seqs.map((s) => [s.name.slice(8), Number(s.value)]))).toEqual(byDay);
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
