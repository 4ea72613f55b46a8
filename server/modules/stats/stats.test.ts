import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestContext, createTestApp, login, makePerson, townWithAdmins } from '../../test/harness.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  const post = async (url: string, body: unknown) => {
    const res = await admin.post(url, body);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.body}`);
    return res.json() as { id: string };
  };
  const ws = { address: '村委会', openingHours: '每天' };
  await post('/api/workstations', { ...ws, name: '镇工作室', level: 'town' });
  await post('/api/workstations', { ...ws, name: '甲村工作室', villageId: town.village.id });
  await post('/api/workstations', { ...ws, name: '乙村工作室', villageId: town.otherVillage.id });
  await post('/api/hamlets', { villageId: town.village.id, name: '上组' });
  await post('/api/hamlets', { villageId: town.village.id, name: '下组' });
  await post('/api/hamlets', { villageId: town.otherVillage.id, name: '东组' });
  const blue = await post('/api/teams', { name: '蓝色服务队', colour: 'blue', focus: '平安' });
  // In 甲村: a and b are members (a in two teams), c is not; in 乙村: d is a member, e left.
  const [a, b, c, d, e] = await Promise.all(
    [town.village.id, town.village.id, town.village.id, town.otherVillage.id, town.otherVillage.id].map((villageId) =>
      makePerson(t, town.town.id, { villageId }),
    ),
  );
  if (!a || !b || !c || !d || !e) throw new Error('people');
  await post(`/api/teams/${town.team.id}/members`, { personId: a.id });
  await post(`/api/teams/${blue.id}/members`, { personId: a.id });
  await post(`/api/teams/${blue.id}/members`, { personId: b.id });
  await post(`/api/teams/${blue.id}/members`, { personId: d.id });
  const left = await post(`/api/teams/${town.team.id}/members`, { personId: e.id });
  if ((await admin.delete(`/api/memberships/${left.id}`)).statusCode !== 200) throw new Error('remove');
});
afterAll(async () => t.close());

describe('/api/stats/overview', () => {
  it('answers 401 without a session and 403 to the auditor and the security admin', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/stats/overview' });
    expect(anon.statusCode).toBe(401);
    for (const user of [town.users.auditor, town.users.securityAdmin]) {
      const res = await (await login(t, user.username)).get('/api/stats/overview');
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
  });

  it('counts what the town holds; members are people with a current membership', async () => {
    const res = await admin.get('/api/stats/overview');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      villages: 2,
      hamlets: 3,
      workstations: 3,
      departments: 1,
      teams: 2,
      members: 3,
      people: 5,
    });
    const teams = Object.fromEntries(
      res.json().teamsBreakdown.map((x: { name: string; members: number }) => [x.name, x.members]),
    );
    expect(teams).toEqual({ 绿色服务队: 1, 蓝色服务队: 3 });
    expect(res.json().villagesBreakdown).toEqual([
      { villageId: town.village.id, name: '甲村', members: 2 },
      { villageId: town.otherVillage.id, name: '乙村', members: 1 },
    ]);
  });

  it("counts only the village admin's village", async () => {
    const res = await (await login(t, town.users.villageAdmin.username)).get('/api/stats/overview');
    expect(res.json()).toMatchObject({ villages: 1, hamlets: 2, workstations: 1, members: 2, people: 3 });
    expect(res.json().villagesBreakdown.map((v: { name: string }) => v.name)).toEqual(['甲村']);
  });
});
