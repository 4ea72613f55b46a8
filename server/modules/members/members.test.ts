import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTeam,
  makeTown,
  makeUser,
  makeVillage,
  townWithAdmins,
} from '../../test/harness.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { isXlsx, readXlsx } from '../../test/xlsx.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let villageAdmin: Client;
let leader: Client;
let member: Client;
let auditor: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
let serial = 0;
const mobile = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** A person with a mobile and a volunteer number, in a team. */
async function makeMember(opts: { villageId?: string; teamId?: string; name?: string; mobile?: string } = {}) {
  const m = opts.mobile ?? mobile();
  const p = await makePerson(t, town.town.id, {
    name: opts.name ?? `队员${randomBytes(2).toString('hex')}`,
    villageId: opts.villageId ?? null,
  });
  const volunteerNo = `TS${String(700000 + serial++)}`;
  await t.database.db
    .updateTable('people')
    .set({
      mobile_hash: t.sealer.hash(m),
      mobile_enc: t.sealer.encrypt(m),
      mobile_mask: `${m.slice(0, 3)}****${m.slice(7)}`,
      volunteer_no: volunteerNo,
    })
    .where('id', '=', p.id)
    .execute();
  const now = nowIso();
  await t.database.db
    .insertInto('team_memberships')
    .values({
      town_id: town.town.id,
      id: newId(),
      version: 1,
      team_id: opts.teamId ?? town.team.id,
      person_id: p.id,
      squad_id: null,
      role: 'member',
      joined_at: now,
      left_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { ...p, mobile: m, volunteerNo };
}

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  leader = await login(t, town.users.teamLeader.username);
  member = await login(t, town.users.member.username);
  auditor = await login(t, town.users.auditor.username);
});
afterAll(async () => t.close());

describe('guards', () => {
  it('answers 401 without a session and 403 without the permission', async () => {
    const m = await makeMember();
    const reads = ['/api/members', '/api/members/export', `/api/members/${m.id}`, `/api/members/${m.id}/households`];
    for (const url of reads) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect((await member.get(url)).statusCode, url).toBe(403);
      expect((await auditor.get(url)).statusCode, url).toBe(403);
    }
    const writes: [string, string, unknown][] = [
      ['PATCH', `/api/members/${m.id}/status`, { status: 'paused', version: 1 }],
      ['PATCH', `/api/members/${m.id}/profile`, { publicAlias: '坐班队员', version: 1 }],
      ['POST', `/api/members/${m.id}/households`, { headName: '李四' }],
    ];
    for (const [method, url, payload] of writes) {
      expect((await t.app.inject({ method: method as 'POST', url, payload: payload as object })).statusCode).toBe(401);
      expect((await leader.request({ method: method as 'POST', url, payload: payload as object })).statusCode).toBe(
        403,
      );
    }
  });

  it('answers 400 for bad input and 404 for an unknown member', async () => {
    const m = await makeMember();
    expect((await admin.get('/api/members?status=gone')).statusCode).toBe(400);
    expect((await admin.get('/api/members/123')).statusCode).toBe(400);
    expect((await admin.get(`/api/members/${UNKNOWN}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/members/${m.id}/status`, { status: 'sleeping', version: 1 })).statusCode).toBe(400);
    const res = await admin.patch(`/api/members/${m.id}/profile`, {
      availability: { weekdays: [9], shifts: [] },
      version: 1,
    });
    expect(res.statusCode).toBe(400);
    expect((await admin.post(`/api/members/${m.id}/households`, { headName: '' })).statusCode).toBe(400);
  });
});

describe('list and search', () => {
  it('lists members only (people in a team), searches by name, full mobile and volunteer number, masks numbers', async () => {
    const m = await makeMember({ name: '搜索测试甲' });
    await makePerson(t, town.town.id, { name: '搜索测试乙' }); // not in a team
    const byName = (await admin.get(`/api/members?q=${encodeURIComponent('搜索测试')}`)).json();
    expect(byName.items.map((i: { name: string }) => i.name)).toEqual(['搜索测试甲']);
    expect(byName.items[0].mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(byName.items[0].teams[0]).toMatchObject({ teamId: town.team.id, role: 'member' });
    const byMobile = (await admin.get(`/api/members?q=${m.mobile}`)).json();
    expect(byMobile.items.map((i: { id: string }) => i.id)).toEqual([m.id]);
    expect((await admin.get(`/api/members?q=${m.mobile.slice(0, 7)}`)).json().total).toBe(0);
    const byNo = (await admin.get(`/api/members?q=${m.volunteerNo}`)).json();
    expect(byNo.items.map((i: { id: string }) => i.id)).toEqual([m.id]);
    expect(byNo).toMatchObject({ total: 1, page: 1, pageSize: 20 });
  });

  it('filters by team, village, status, political status and background', async () => {
    const other = await makeTeam(t, town.town.id, { name: '蓝色服务队' });
    const m = await makeMember({ teamId: other.id, villageId: town.otherVillage.id });
    await t.database.db
      .updateTable('people')
      .set({ political_status: 'cpc_member', backgrounds: '["village_sage"]' })
      .where('id', '=', m.id)
      .execute();
    const ids = async (q: string) =>
      (await admin.get(`/api/members?${q}`)).json().items.map((i: { id: string }) => i.id);
    expect(await ids(`teamId=${other.id}`)).toEqual([m.id]);
    expect(await ids(`teamId=${other.id}&villageId=${town.village.id}`)).toEqual([]);
    expect(await ids(`teamId=${other.id}&politicalStatus=cpc_member&background=village_sage`)).toEqual([m.id]);
    expect(await ids(`teamId=${other.id}&background=party_member`)).toEqual([]);
    expect(await ids(`teamId=${other.id}&status=paused`)).toEqual([]);
  });

  it('keeps a village admin to their village and hides another town', async () => {
    const mine = await makeMember({ villageId: town.village.id });
    const theirs = await makeMember({ villageId: town.otherVillage.id });
    const seen = (await villageAdmin.get('/api/members?pageSize=100')).json().items.map((i: { id: string }) => i.id);
    expect(seen).toContain(mine.id);
    expect(seen).not.toContain(theirs.id);
    expect((await villageAdmin.get(`/api/members/${theirs.id}`)).statusCode).toBe(404);
    const town2 = await makeTown(t);
    const admin2 = await makeUser(t, town2.id, 'town_admin');
    const c2 = await login(t, admin2.username);
    expect((await c2.get('/api/members')).json().total).toBe(0);
    expect((await c2.get(`/api/members/${mine.id}`)).statusCode).toBe(404);
  });

  it('exports masked numbers as .xlsx', async () => {
    const m = await makeMember({ name: '导出测试' });
    const res = await admin.get(`/api/members/export?q=${encodeURIComponent('导出测试')}`);
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[1]?.join('|')).toContain('导出测试');
    expect(rows[1]?.join('|')).not.toContain(m.mobile);
  });
});

describe('profile, status and households', () => {
  it('shows the full profile with upcoming shifts and approved hours', async () => {
    const m = await makeMember();
    const ws = {
      town_id: town.town.id,
      id: newId(),
      version: 1,
      disabled: 0,
      created_at: nowIso(),
      updated_at: nowIso(),
    };
    await t.database.db
      .insertInto('workstations')
      .values({
        ...ws,
        name: '甲村工作室',
        level: 'village',
        village_id: town.village.id,
        address: '甲村',
        phone: null,
        opening_hours: '8:30-17:30',
        lat: null,
        lng: null,
      })
      .execute();
    const today = shanghaiDate(new Date());
    const shift = (date: string, status: string) => ({
      town_id: town.town.id,
      id: newId(),
      version: 1,
      created_at: nowIso(),
      updated_at: nowIso(),
      workstation_id: ws.id,
      date,
      shift_key: 'morning',
      shift_name: '上午',
      start_at: `${date}T00:30:00.000Z`,
      end_at: `${date}T04:00:00.000Z`,
      person_id: m.id,
      status,
      hours: 3.5,
    });
    await t.database.db
      .insertInto('shifts')
      .values([shift(today, 'scheduled'), shift('2020-01-01', 'completed')])
      .execute();
    await t.database.db
      .insertInto('service_hours')
      .values(
        [2, 1.5, 9].map((hours, i) => ({
          town_id: town.town.id,
          id: newId(),
          version: 1,
          created_at: nowIso(),
          updated_at: nowIso(),
          person_id: m.id,
          source: 'duty',
          source_id: newId(),
          team_id: null,
          date: today,
          hours,
          status: i === 2 ? 'pending' : 'approved',
        })),
      )
      .execute();
    const res = await admin.get(`/api/members/${m.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.upcomingShifts).toHaveLength(1);
    expect(body.upcomingShifts[0]).toMatchObject({ date: today, workstationName: '甲村工作室' });
    expect(body.hoursApproved).toBe(3.5);
    expect(body.status).toBe('active');
    expect(body.can).toEqual({ update: true, reveal: true });
  });

  it('changes status with the version, audited; leaving ends memberships', async () => {
    const m = await makeMember();
    const paused = await admin.patch(`/api/members/${m.id}/status`, { status: 'paused', note: '外出务工', version: 1 });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json()).toMatchObject({ status: 'paused', statusNote: '外出务工', version: 2 });
    expect((await admin.patch(`/api/members/${m.id}/status`, { status: 'left', version: 1 })).statusCode).toBe(409);
    const left = await admin.patch(`/api/members/${m.id}/status`, { status: 'left', note: '搬走', version: 2 });
    expect(left.json()).toMatchObject({ status: 'left', teams: [] });
    const open = await t.database.db
      .selectFrom('team_memberships')
      .select('id')
      .where('person_id', '=', m.id)
      .where('left_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
    expect((await admin.get(`/api/members?status=left&q=${m.mobile}`)).json().total).toBe(1);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_id', '=', m.id)
      .where('action', '=', 'member.status')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]?.detail ?? '{}')).toMatchObject({ to: 'left', membershipsEnded: 1 });
  });

  it('a village admin may not change a member of another village', async () => {
    const m = await makeMember({ villageId: town.otherVillage.id, teamId: town.team.id });
    expect((await villageAdmin.patch(`/api/members/${m.id}/status`, { status: 'paused', version: 1 })).statusCode).toBe(
      404,
    );
  });

  it('edits availability and public alias', async () => {
    const m = await makeMember();
    const res = await admin.patch(`/api/members/${m.id}/profile`, {
      availability: { weekdays: [3, 1, 1], shifts: ['morning', 'evening'] },
      publicAlias: '坐班队员',
      version: 1,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      availability: { weekdays: [1, 3], shifts: ['morning', 'evening'] },
      publicAlias: '坐班队员',
    });
  });

  it('adds, edits and removes households with the phone encrypted and masked', async () => {
    const m = await makeMember({ villageId: town.village.id });
    const created = await admin.post(`/api/members/${m.id}/households`, {
      headName: '李大爷',
      villageId: town.village.id,
      address: '甲村 3 组 12 号',
      phone: '13912345678',
      membersCount: 3,
    });
    expect(created.statusCode, created.body).toBe(201);
    const h = created.json();
    expect(h).toMatchObject({ headName: '李大爷', phone: '139****5678', villageName: '甲村', membersCount: 3 });
    const row = await t.database.db
      .selectFrom('households')
      .selectAll()
      .where('id', '=', h.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('13912345678');
    const edited = await villageAdmin.patch(`/api/members/${m.id}/households/${h.id}`, { notes: '独居', version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ notes: '独居', version: 2 });
    expect((await admin.patch(`/api/members/${m.id}/households/${h.id}`, { notes: 'x', version: 1 })).statusCode).toBe(
      409,
    );
    expect((await admin.get(`/api/members/${m.id}`)).json().householdCount).toBe(1);
    expect((await admin.delete(`/api/members/${m.id}/households/${h.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/members/${m.id}/households`)).json().items).toEqual([]);
    expect((await admin.delete(`/api/members/${m.id}/households/${UNKNOWN}`)).statusCode).toBe(404);
  });

  it('refuses a village of another town for a household', async () => {
    const m = await makeMember();
    const town2 = await makeTown(t);
    const v2 = await makeVillage(t, town2.id);
    expect((await admin.post(`/api/members/${m.id}/households`, { headName: '王', villageId: v2.id })).statusCode).toBe(
      400,
    );
  });
});
