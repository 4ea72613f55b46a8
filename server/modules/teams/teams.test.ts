import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTeam,
  makeTown,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { isXlsx, readXlsx } from '../../test/xlsx.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let leader: Client;
let member: Client;
let villageAdmin: Client;
let auditor: Client;
let security: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const unique = (prefix: string) => `${prefix}${randomBytes(3).toString('hex')}`;
const teamBody = () => ({ name: unique('服务队'), colour: 'blue', focus: '平安建设' });

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  leader = await login(t, town.users.teamLeader.username);
  member = await login(t, town.users.member.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  auditor = await login(t, town.users.auditor.username);
  security = await login(t, town.users.securityAdmin.username);
});
afterAll(async () => t.close());

async function newTeam(): Promise<{ id: string; name: string; version: number; memberCount: number }> {
  const res = await admin.post('/api/teams', teamBody());
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function addMember(c: Client, teamId: string, body: Record<string, unknown>) {
  return c.post(`/api/teams/${teamId}/members`, body);
}

const memberCount = async (teamId: string): Promise<number> =>
  (await admin.get(`/api/teams/${teamId}`)).json().memberCount;

describe('guards', () => {
  it('answers 401 on every route without a session', async () => {
    const team = await newTeam();
    const calls = [
      { method: 'GET' as const, url: '/api/teams' },
      { method: 'GET' as const, url: '/api/teams/export' },
      { method: 'GET' as const, url: `/api/teams/${team.id}` },
      { method: 'POST' as const, url: '/api/teams', payload: teamBody() },
      { method: 'PATCH' as const, url: `/api/teams/${team.id}`, payload: { focus: '新', version: 1 } },
      { method: 'GET' as const, url: '/api/squads' },
      { method: 'GET' as const, url: '/api/squads/export' },
      {
        method: 'POST' as const,
        url: '/api/squads',
        payload: { teamId: team.id, villageId: town.village.id, name: unique('小队') },
      },
      { method: 'GET' as const, url: `/api/teams/${team.id}/members` },
      { method: 'GET' as const, url: `/api/teams/${team.id}/members/export` },
      { method: 'POST' as const, url: `/api/teams/${team.id}/members`, payload: { personId: UNKNOWN } },
      { method: 'PATCH' as const, url: `/api/memberships/${UNKNOWN}`, payload: { role: 'leader', version: 1 } },
      { method: 'DELETE' as const, url: `/api/memberships/${UNKNOWN}` },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
      expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
  });

  it('answers 403 to the auditor and the security admin on reads', async () => {
    const team = await newTeam();
    for (const c of [auditor, security]) {
      for (const url of [
        '/api/teams',
        '/api/teams/export',
        `/api/teams/${team.id}`,
        '/api/squads',
        `/api/teams/${team.id}/members`,
        `/api/teams/${team.id}/members/export`,
      ]) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      }
    }
  });

  it('answers 403 to a member and a village admin on every write, with a valid body', async () => {
    const team = await newTeam();
    const person = await makePerson(t, town.town.id);
    const added = await addMember(admin, team.id, { personId: person.id });
    const membership = added.json().id as string;
    for (const c of [member, villageAdmin]) {
      const writes = [
        await c.post('/api/teams', teamBody()),
        await c.patch(`/api/teams/${team.id}`, { focus: '改', version: 1 }),
        await c.post('/api/squads', { teamId: team.id, villageId: town.village.id, name: unique('小队') }),
        await addMember(c, team.id, { personId: (await makePerson(t, town.town.id)).id }),
        await c.patch(`/api/memberships/${membership}`, { role: 'leader', version: 1 }),
        await c.delete(`/api/memberships/${membership}`),
      ];
      for (const res of writes) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    }
    expect(await memberCount(team.id)).toBe(1);
  });
});

describe('teams', () => {
  it('validates the colour, name and focus', async () => {
    const colour = await admin.post('/api/teams', { ...teamBody(), colour: 'black' });
    expect(colour.statusCode).toBe(400);
    expect(colour.json().fields).toEqual([{ path: 'colour', message: '颜色：不是可选的值' }]);
    const en = await admin.request({
      method: 'POST',
      url: '/api/teams',
      payload: { ...teamBody(), colour: 'black' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().fields[0].message).toMatch(/^Colour/);
    const empty = await admin.post('/api/teams', { ...teamBody(), name: '' });
    expect(empty.json().fields[0]).toEqual({ path: 'name', message: '名称：必填' });
    const noFocus = await admin.post('/api/teams', { name: unique('队'), colour: 'red' });
    expect(noFocus.json().fields[0].path).toBe('focus');
  });

  it('creates a team, finds it, edits it with the version and refuses a stale one and a duplicate name', async () => {
    const body = teamBody();
    const created = await admin.post('/api/teams', body);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: body.name,
      colour: 'blue',
      memberCount: 0,
      squadCount: 0,
      version: 1,
    });
    const id = created.json().id as string;
    const found = await admin.get(`/api/teams?q=${encodeURIComponent(body.name)}`);
    expect(found.json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    const edited = await admin.patch(`/api/teams/${id}`, { focus: '反电诈', version: 1 });
    expect(edited.json()).toMatchObject({ focus: '反电诈', version: 2 });
    const stale = await admin.patch(`/api/teams/${id}`, { focus: '旧的', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    expect((await admin.get(`/api/teams/${id}`)).json().focus).toBe('反电诈');
    const dup = await admin.post('/api/teams', { ...teamBody(), name: body.name });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().fields[0].path).toBe('name');
  });

  it('exports the teams as .xlsx with Chinese headers', async () => {
    const team = await newTeam();
    const res = await admin.get('/api/teams/export');
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[0]?.slice(0, 2)).toEqual(['名称', '颜色']);
    expect(rows.find((r) => r[0] === team.name)?.[1]).toBe('蓝');
  });

  it('lets a team leader edit their own team but not another, nor create or disable teams', async () => {
    const own = (await leader.get(`/api/teams/${town.team.id}`)).json();
    expect(own.can).toEqual({ update: true, disable: false });
    const edited = await leader.patch(`/api/teams/${town.team.id}`, { focus: '绿色种植', version: own.version });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().focus).toBe('绿色种植');
    const other = await newTeam();
    expect((await leader.patch(`/api/teams/${other.id}`, { focus: '夺', version: 1 })).statusCode).toBe(403);
    expect((await leader.post('/api/teams', teamBody())).statusCode).toBe(403);
    const disable = await leader.patch(`/api/teams/${town.team.id}`, { disabled: true, version: own.version + 1 });
    expect(disable.statusCode).toBe(403);
    expect((await admin.get(`/api/teams/${town.team.id}`)).json().disabled).toBe(false);
  });

  it("hides another town's team", async () => {
    const other = await makeTown(t);
    const team = await makeTeam(t, other.id, { name: unique('外队') });
    expect((await admin.get(`/api/teams/${team.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/teams/${team.id}/members`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/teams/${team.id}`, { focus: 'x', version: 1 })).statusCode).toBe(404);
    const list = await admin.get('/api/teams?pageSize=100');
    expect(list.json().items.some((x: { id: string }) => x.id === team.id)).toBe(false);
    const otherAdmin = await login(t, (await makeUser(t, other.id, 'town_admin')).username);
    expect((await otherAdmin.get(`/api/teams/${team.id}`)).json().name).toBe(team.name);
  });
});

describe('squads', () => {
  it('validates the team and village and creates one for the team', async () => {
    const team = await newTeam();
    const bad = await admin.post('/api/squads', { teamId: 'x', villageId: town.village.id, name: unique('小队') });
    expect(bad.json().fields[0].path).toBe('teamId');
    const unknown = await admin.post('/api/squads', {
      teamId: UNKNOWN,
      villageId: town.village.id,
      name: unique('小队'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe('teamId');
    const noVillage = await admin.post('/api/squads', { teamId: team.id, villageId: UNKNOWN, name: unique('小队') });
    expect(noVillage.json().fields[0].path).toBe('villageId');
    const ok = await admin.post('/api/squads', { teamId: team.id, villageId: town.village.id, name: unique('小队') });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      teamId: team.id,
      villageId: town.village.id,
      villageName: '甲村',
      memberCount: 0,
    });
    const list = await admin.get(`/api/squads?teamId=${team.id}`);
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([ok.json().id]);
    expect((await admin.get(`/api/teams/${team.id}`)).json().squadCount).toBe(1);
  });

  it('lets a team leader create squads in their team only', async () => {
    const own = await leader.post('/api/squads', {
      teamId: town.team.id,
      villageId: town.village.id,
      name: unique('小队'),
    });
    expect(own.statusCode).toBe(201);
    const other = await newTeam();
    const res = await leader.post('/api/squads', {
      teamId: other.id,
      villageId: town.village.id,
      name: unique('小队'),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('members', () => {
  it('adds a member, counts them, and removes them keeping the history', async () => {
    const team = await newTeam();
    const person = await makePerson(t, town.town.id, { name: unique('张') });
    const added = await addMember(admin, team.id, { personId: person.id, role: 'deputy_leader' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      teamId: team.id,
      personId: person.id,
      personName: person.name,
      role: 'deputy_leader',
      squadId: null,
    });
    expect(await memberCount(team.id)).toBe(1);
    const list = await admin.get(`/api/teams/${team.id}/members`);
    expect(list.json().items.map((m: { personId: string }) => m.personId)).toEqual([person.id]);

    const removed = await admin.delete(`/api/memberships/${added.json().id}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ ok: true });
    expect(await memberCount(team.id)).toBe(0);
    expect((await admin.get(`/api/teams/${team.id}/members`)).json().total).toBe(0);
    const rows = await t.database.db
      .selectFrom('team_memberships')
      .select(['left_at'])
      .where('id', '=', added.json().id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.left_at).toBeTruthy();
    expect((await admin.delete(`/api/memberships/${added.json().id}`)).statusCode).toBe(404);
    // Joining again starts a new membership; the old one stays.
    expect((await addMember(admin, team.id, { personId: person.id })).statusCode).toBe(201);
    const all = await t.database.db
      .selectFrom('team_memberships')
      .select('id')
      .where('person_id', '=', person.id)
      .execute();
    expect(all).toHaveLength(2);
  });

  it('refuses the same person twice with 409 DUPLICATE, and an unknown person with 400', async () => {
    const team = await newTeam();
    const person = await makePerson(t, town.town.id);
    expect((await addMember(admin, team.id, { personId: person.id })).statusCode).toBe(201);
    const again = await addMember(admin, team.id, { personId: person.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE');
    expect(again.json().fields[0].path).toBe('personId');
    expect(await memberCount(team.id)).toBe(1);
    const unknown = await addMember(admin, team.id, { personId: UNKNOWN });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].path).toBe('personId');
    const role = await addMember(admin, team.id, { personId: person.id, role: 'captain' });
    expect(role.json().fields[0].path).toBe('role');
  });

  it('refuses a squad of another team with 400 on squadId', async () => {
    const team = await newTeam();
    const other = await newTeam();
    const squad = (
      await admin.post('/api/squads', { teamId: other.id, villageId: town.village.id, name: unique('小队') })
    ).json();
    const person = await makePerson(t, town.town.id);
    const res = await addMember(admin, team.id, { personId: person.id, squadId: squad.id });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([{ path: 'squadId', message: '小队：编号格式不正确' }]);
    const ownSquad = (
      await admin.post('/api/squads', { teamId: team.id, villageId: town.village.id, name: unique('小队') })
    ).json();
    const ok = await addMember(admin, team.id, { personId: person.id, squadId: ownSquad.id });
    expect(ok.json()).toMatchObject({ squadId: ownSquad.id, squadName: ownSquad.name });
    const patch = await admin.patch(`/api/memberships/${ok.json().id}`, { squadId: squad.id, version: 1 });
    expect(patch.json().fields[0].path).toBe('squadId');
  });

  it('changes a role with the version, and refuses a stale one', async () => {
    const team = await newTeam();
    const person = await makePerson(t, town.town.id);
    const m = (await addMember(admin, team.id, { personId: person.id })).json();
    const ok = await admin.patch(`/api/memberships/${m.id}`, { role: 'leader', version: 1 });
    expect(ok.json()).toMatchObject({ role: 'leader', version: 2 });
    expect((await admin.get(`/api/teams/${team.id}`)).json().leaders).toEqual([
      { personId: person.id, name: person.name },
    ]);
    const stale = await admin.patch(`/api/memberships/${m.id}`, { role: 'member', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
  });

  it('lets a team leader add members to their own team only', async () => {
    const person = await makePerson(t, town.town.id);
    const before = await memberCount(town.team.id);
    const own = await addMember(leader, town.team.id, { personId: person.id });
    expect(own.statusCode).toBe(201);
    expect(await memberCount(town.team.id)).toBe(before + 1);
    const other = await newTeam();
    const res = await addMember(leader, other.id, { personId: person.id });
    expect(res.statusCode).toBe(403);
    expect(await memberCount(other.id)).toBe(0);
    const foreign = (await addMember(admin, other.id, { personId: person.id })).json();
    expect((await leader.delete(`/api/memberships/${foreign.id}`)).statusCode).toBe(403);
    expect((await leader.patch(`/api/memberships/${foreign.id}`, { role: 'leader', version: 1 })).statusCode).toBe(403);
  });

  it('exports the members with masked mobiles', async () => {
    const team = await newTeam();
    const person = await makePerson(t, town.town.id, { name: unique('李') });
    await t.database.db
      .updateTable('people')
      .set({
        mobile_enc: t.sealer.encrypt('13812341234'),
        mobile_hash: t.sealer.hash('13812341234'),
        mobile_mask: '138****1234',
      })
      .where('id', '=', person.id)
      .execute();
    await addMember(admin, team.id, { personId: person.id });
    const res = await admin.get(`/api/teams/${team.id}/members/export`);
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[0]?.[0]).toBe('姓名');
    const row = rows.find((r) => r[0] === person.name);
    expect(row).toContain('138****1234');
    expect(rows.flat().join()).not.toContain('13812341234');
  });

  it('audits adding and removing a member', async () => {
    const team = await newTeam();
    const person = await makePerson(t, town.town.id);
    const m = (await addMember(admin, team.id, { personId: person.id })).json();
    await admin.delete(`/api/memberships/${m.id}`);
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', m.id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['membership.create', 'membership.remove']);
    expect(rows[0]?.actor_id).toBe(town.users.townAdmin.id);
  });
});
