import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/privacy/identity.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
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
let leader: Client;
let member: Client;
let auditor: Client;
let security: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const unique = (prefix: string) => `${prefix}${randomBytes(2).toString('hex')}`;
let serial = 100;
/** A fresh, valid ID number (birth 1980-05-17) and mobile number. */
const idNumber = () => {
  const first17 = `36012119800517${String(serial++).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  leader = await login(t, town.users.teamLeader.username);
  member = await login(t, town.users.member.username);
  auditor = await login(t, town.users.auditor.username);
  security = await login(t, town.users.securityAdmin.username);
});
afterAll(async () => t.close());

async function createPerson(body: Record<string, unknown> = {}, c: Client = admin) {
  const res = await c.post('/api/people', { name: unique('王'), ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    id: string;
    name: string;
    mobile: string | null;
    idNumber: string | null;
    volunteerNo: string;
    version: number;
  };
}

describe('guards', () => {
  it('answers 401 on every route without a session', async () => {
    const p = await createPerson();
    const calls = [
      { method: 'GET' as const, url: '/api/people' },
      { method: 'GET' as const, url: '/api/people/export' },
      { method: 'GET' as const, url: `/api/people/${p.id}` },
      { method: 'POST' as const, url: '/api/people', payload: { name: '赵六' } },
      { method: 'PATCH' as const, url: `/api/people/${p.id}`, payload: { notes: 'x', version: 1 } },
      { method: 'POST' as const, url: `/api/people/${p.id}/reveal`, payload: { field: 'mobile' } },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, call.url).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers 403 to roles without the permission', async () => {
    const p = await createPerson();
    for (const c of [auditor, security, member]) {
      for (const url of ['/api/people', '/api/people/export', `/api/people/${p.id}`]) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      }
    }
    for (const c of [leader, member, auditor]) {
      expect((await c.post('/api/people', { name: '赵六' })).statusCode).toBe(403);
      expect((await c.patch(`/api/people/${p.id}`, { notes: 'x', version: 1 })).statusCode).toBe(403);
      expect((await c.post(`/api/people/${p.id}/reveal`, { field: 'mobile' })).statusCode).toBe(403);
    }
  });

  it('answers 404 for an unknown person and 400 for a malformed id', async () => {
    expect((await admin.get(`/api/people/${UNKNOWN}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/people/${UNKNOWN}/reveal`, { field: 'mobile' })).statusCode).toBe(404);
    expect((await admin.get('/api/people/123')).json().fields[0].path).toBe('id');
  });
});

describe('protected numbers', () => {
  it('returns mobile and ID number masked and stores them encrypted', async () => {
    const m = mobile();
    const id = idNumber();
    const p = await createPerson({
      mobile: `+86 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
      idNumber: id,
      villageId: town.village.id,
    });
    expect(p.mobile).toBe(`${m.slice(0, 3)}****${m.slice(7)}`);
    expect(p.idNumber).toBe(`${id.slice(0, 4)}**********${id.slice(14)}`);
    expect((await admin.get(`/api/people/${p.id}`)).json().mobile).toMatch(/^\d{3}\*{4}\d{4}$/);
    const row = await t.database.db.selectFrom('people').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    const raw = JSON.stringify(row);
    expect(raw).not.toContain(m);
    expect(raw).not.toContain(id);
    expect(row.mobile_enc).toBeTruthy();
    expect(t.sealer.decrypt(row.mobile_enc ?? '')).toBe(m);
  });

  it('refuses an ID number with a wrong check digit, naming the field in Chinese and English', async () => {
    const good = idNumber();
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await admin.post('/api/people', { name: '赵六', idNumber: bad });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      { path: 'idNumber', message: '身份证号：身份证号不正确（请检查位数、出生日期和校验位）' },
    ]);
    const en = await admin.request({
      method: 'POST',
      url: '/api/people',
      payload: { name: '赵六', idNumber: bad },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().fields[0].path).toBe('idNumber');
    expect(en.json().fields[0].message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses an invalid mobile and a duplicate one', async () => {
    const invalid = await admin.post('/api/people', { name: '赵六', mobile: '1234567' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().fields).toEqual([{ path: 'mobile', message: '手机号：请输入 11 位手机号' }]);
    const m = mobile();
    await createPerson({ mobile: m });
    const dup = await admin.post('/api/people', { name: '赵六', mobile: m });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('DUPLICATE');
    expect(dup.json().fields[0].path).toBe('mobile');
    expect(dup.json().message).toBe('手机号已存在');
  });

  it('reveals the full number to the town admin and audits the field but not the number', async () => {
    const m = mobile();
    const id = idNumber();
    const p = await createPerson({ mobile: m, idNumber: id });
    const rm = await admin.post(`/api/people/${p.id}/reveal`, { field: 'mobile' });
    expect(rm.statusCode).toBe(200);
    expect(rm.json()).toEqual({ field: 'mobile', value: m });
    expect((await admin.post(`/api/people/${p.id}/reveal`, { field: 'idNumber' })).json().value).toBe(id);
    expect((await admin.post(`/api/people/${p.id}/reveal`, { field: 'name' })).json().fields[0].path).toBe('field');
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'detail'])
      .where('entity_id', '=', p.id)
      .where('action', '=', 'person.reveal')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => JSON.parse(r.detail ?? '{}')).sort((a, b) => a.field.localeCompare(b.field))).toEqual([
      { field: 'idNumber' },
      { field: 'mobile' },
    ]);
    expect(rows[0]?.actor_id).toBe(town.users.townAdmin.id);
    const everything = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('entity_id', '=', p.id)
      .execute();
    expect(JSON.stringify(everything)).not.toContain(m);
    expect(JSON.stringify(everything)).not.toContain(id);
  });
});

describe('search and numbering', () => {
  it('finds a person by name, by volunteer number and by full mobile number', async () => {
    const m = mobile();
    const p = await createPerson({ name: unique('欧阳'), mobile: m });
    const ids = async (q: string) =>
      (await admin.get(`/api/people?q=${encodeURIComponent(q)}`)).json().items.map((x: { id: string }) => x.id);
    expect(await ids(p.name)).toEqual([p.id]);
    expect(await ids(p.volunteerNo)).toEqual([p.id]);
    expect(await ids(m)).toEqual([p.id]);
    expect(await ids(`${m.slice(0, 3)} ${m.slice(3)}`)).toEqual([p.id]);
    expect(await ids(m.slice(0, 7))).toEqual([]);
  });

  it('numbers volunteers with the prefix of their town', async () => {
    const other = await makeTown(t);
    await t.database.db.updateTable('towns').set({ prefix: 'QT' }).where('id', '=', other.id).execute();
    const otherAdmin = await login(t, (await makeUser(t, other.id, 'town_admin')).username);
    const first = (await otherAdmin.post('/api/people', { name: '钱一' })).json();
    const second = (await otherAdmin.post('/api/people', { name: '钱二' })).json();
    expect(first.volunteerNo).toBe('QT000001');
    expect(second.volunteerNo).toBe('QT000002');
    expect((await createPerson()).volunteerNo).toMatch(/^TS\d{6}$/);
  });
});

describe('edits', () => {
  it('edits with the version, refuses a stale one, and audits the changed fields without numbers', async () => {
    const p = await createPerson();
    const m = mobile();
    const ok = await admin.patch(`/api/people/${p.id}`, { mobile: m, skills: ['电工'], version: 1 });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, skills: ['电工'], mobile: `${m.slice(0, 3)}****${m.slice(7)}` });
    const stale = await admin.patch(`/api/people/${p.id}`, { notes: '旧', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    expect((await admin.get(`/api/people/${p.id}`)).json().notes).toBeNull();
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('entity_id', '=', p.id)
      .where('action', '=', 'person.update')
      .execute();
    expect(JSON.parse(audit[0]?.detail ?? '{}').fields.sort()).toEqual(['mobile', 'skills']);
    expect(JSON.stringify(audit)).not.toContain(m);
  });

  it('keeps the fields an edit does not send', async () => {
    const p = await createPerson({ politicalStatus: 'cpc_member', backgrounds: ['party_member'], skills: ['理发'] });
    const ok = await admin.patch(`/api/people/${p.id}`, { notes: '常住', version: 1 });
    expect(ok.json()).toMatchObject({
      notes: '常住',
      politicalStatus: 'cpc_member',
      backgrounds: ['party_member'],
      skills: ['理发'],
    });
  });
});

describe('scope', () => {
  it('shows a village admin only the people of their village', async () => {
    const own = await createPerson({ villageId: town.village.id });
    const other = await createPerson({ villageId: town.otherVillage.id });
    const list = await villageAdmin.get('/api/people?pageSize=100');
    const ids = list.json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(other.id);
    expect(list.json().items.every((x: { villageId: string }) => x.villageId === town.village.id)).toBe(true);
    expect((await villageAdmin.get(`/api/people/${other.id}`)).statusCode).toBe(404);
    expect((await villageAdmin.post(`/api/people/${other.id}/reveal`, { field: 'mobile' })).statusCode).toBe(404);
    expect((await villageAdmin.post('/api/people', { name: '赵六', villageId: town.otherVillage.id })).statusCode).toBe(
      403,
    );
    expect((await villageAdmin.post('/api/people', { name: '赵六', villageId: town.village.id })).statusCode).toBe(201);
  });

  it("shows a team leader only their team's members", async () => {
    const inTeam = await createPerson();
    const outside = await createPerson();
    await t.database.db
      .insertInto('team_memberships')
      .values({
        town_id: town.town.id,
        id: crypto.randomUUID(),
        version: 1,
        team_id: town.team.id,
        person_id: inTeam.id,
        squad_id: null,
        role: 'member',
        joined_at: new Date().toISOString(),
        left_at: null,
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .execute();
    const ids = (await leader.get('/api/people?pageSize=100')).json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(inTeam.id);
    expect(ids).not.toContain(outside.id);
    expect((await leader.get(`/api/people/${outside.id}`)).statusCode).toBe(404);
    const seen = (await leader.get(`/api/people/${inTeam.id}`)).json();
    expect(seen.can).toEqual({ update: false, disable: false, reveal: false });
  });

  it("hides another town's people", async () => {
    const other = await makeTown(t);
    const v = await makeVillage(t, other.id);
    const person = await makePerson(t, other.id, { villageId: v.id });
    expect((await admin.get(`/api/people/${person.id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/people/${person.id}`, { notes: 'x', version: 1 })).statusCode).toBe(404);
    expect((await admin.get(`/api/people?q=${encodeURIComponent(person.name)}`)).json().total).toBe(0);
  });
});

describe('export', () => {
  it('exports people with masked numbers only', async () => {
    const m = mobile();
    const id = idNumber();
    const p = await createPerson({ name: unique('孙'), mobile: m, idNumber: id });
    const res = await admin.get(`/api/people/export?q=${encodeURIComponent(p.name)}`);
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[0]?.slice(0, 2)).toEqual(['志愿者编号', '姓名']);
    expect(rows[1]?.slice(0, 2)).toEqual([p.volunteerNo, p.name]);
    expect(rows[1]).toContain(p.mobile);
    expect(rows[1]).toContain(p.idNumber);
    const text = rows.flat().join('|');
    expect(text).not.toContain(m);
    expect(text).not.toContain(id);
  });
});
