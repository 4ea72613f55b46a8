import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makeTeam,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let leader: Client;
let villageAdmin: Client;
let member: Client;
let otherTeam: Awaited<ReturnType<typeof makeTeam>>;
let otherLeader: Client;

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
let n = 0;
const mobile = () => `136${String(Date.now() % 1e6).padStart(6, '0')}${String(n++).padStart(2, '0')}`;

async function apply(body: Record<string, unknown> = {}, ip = '10.0.0.1') {
  const m = (body.mobile as string | undefined) ?? mobile();
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/public/applications',
    remoteAddress: ip,
    payload: {
      name: '刘小红',
      gender: 'female',
      birthYear: 1995,
      mobile: m,
      villageId: town.village.id,
      politicalStatus: 'cyl_member',
      backgrounds: ['returning_student'],
      skills: ['电脑'],
      teamIds: [town.team.id],
      motivation: '想为家乡出力',
      consent: true,
      ...body,
    },
  });
  return { res, mobile: m };
}

const track = (code: string, last4: string) =>
  t.app.inject({ method: 'GET', url: `/api/public/applications/${code}?last4=${last4}` });

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  otherTeam = await makeTeam(t, town.town.id, { name: '粉色服务队', colour: 'pink' });
  admin = await login(t, town.users.townAdmin.username);
  leader = await login(t, town.users.teamLeader.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  member = await login(t, town.users.member.username);
  otherLeader = await login(t, (await makeUser(t, town.town.id, 'team_leader', { teamId: otherTeam.id })).username);
});
afterAll(async () => t.close());

describe('public', () => {
  it('lists the teams', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/teams' });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((x: { name: string }) => x.name)
        .sort(),
    ).toEqual(['粉色服务队', '绿色服务队']);
    expect(Object.keys(res.json().items[0]).sort()).toEqual(['colour', 'focus', 'id', 'name']);
  });

  it('refuses an application without consent, with a bad ID number, or with no team', async () => {
    const noConsent = await apply({ consent: false });
    expect(noConsent.res.statusCode).toBe(400);
    expect(noConsent.res.json().fields[0].path).toBe('consent');
    expect((await apply({ idNumber: '360121198005170001' })).res.json().fields[0].path).toBe('idNumber');
    expect((await apply({ teamIds: [] })).res.statusCode).toBe(400);
    expect((await apply({ teamIds: [UNKNOWN] })).res.statusCode).toBe(400);
    expect((await apply({ mobile: '12345' })).res.statusCode).toBe(400);
  });

  it('rate-limits applications per address', async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) last = (await apply({}, '10.9.9.9')).res.statusCode;
    expect(last).toBe(429);
  });

  it('tracks only with the right last 4 digits', async () => {
    const { res, mobile: m } = await apply({}, '10.0.0.2');
    const { code } = res.json();
    expect(code).toMatch(/^TSRX-\d{8}-\d{4}$/);
    expect((await track(code, '0000')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/applications/${code}` })).statusCode).toBe(400);
    const ok = await track(code, m.slice(-4));
    expect(ok.json()).toMatchObject({
      code,
      status: 'pending',
      statusText: '您的申请已收到，正在等待审核。',
      teams: ['绿色服务队'],
    });
  });
});

describe('review', () => {
  it('answers 401, 403 and 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/applications'],
      ['GET', `/api/applications/${UNKNOWN}`],
      ['POST', `/api/applications/${UNKNOWN}/approve`],
      ['POST', `/api/applications/${UNKNOWN}/decline`],
    ] as const) {
      expect((await t.app.inject({ method, url, payload: { version: 1, reason: 'x' } })).statusCode).toBe(401);
      expect((await villageAdmin.request({ method, url, payload: { version: 1, reason: 'x' } })).statusCode).toBe(403);
      expect((await member.request({ method, url, payload: { version: 1, reason: 'x' } })).statusCode).toBe(403);
    }
    expect((await admin.get(`/api/applications/${UNKNOWN}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/applications/${UNKNOWN}/decline`, { version: 1 })).statusCode).toBe(400);
  });

  it('apply → pending → the leader approves for their team → the new account signs in → approved', async () => {
    const { res, mobile: m } = await apply({ teamIds: [town.team.id, otherTeam.id], idNumber: null }, '10.0.0.3');
    const { code } = res.json();
    const list = (await leader.get('/api/applications?status=pending')).json();
    const app = list.items.find((a: { code: string }) => a.code === code);
    expect(app).toMatchObject({
      status: 'pending',
      mobile: `${m.slice(0, 3)}****${m.slice(7)}`,
      can: { review: true },
    });
    // A leader cannot add the applicant to another team.
    const wrong = await leader.post(`/api/applications/${app.id}/approve`, {
      teamRoles: [{ teamId: otherTeam.id, role: 'member' }],
      version: 1,
    });
    expect(wrong.statusCode).toBe(403);
    const approved = await leader.post(`/api/applications/${app.id}/approve`, { version: 1 });
    expect(approved.statusCode, approved.body).toBe(200);
    const body = approved.json();
    expect(body.username).toBe(m);
    expect(body.temporaryPassword).toMatch(/^.{14}$/);
    expect(body.application.status).toBe('approved');
    const memberships = await t.database.db
      .selectFrom('team_memberships')
      .select(['team_id', 'role'])
      .where('person_id', '=', body.personId)
      .execute();
    expect(memberships).toEqual([{ team_id: town.team.id, role: 'member' }]);
    const person = await t.database.db
      .selectFrom('people')
      .select(['volunteer_no', 'name'])
      .where('id', '=', body.personId)
      .executeTakeFirstOrThrow();
    expect(person.volunteer_no).toMatch(/^TS\d{6}$/);
    // The new member signs in and must change the password.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: m, password: body.temporaryPassword },
    });
    expect(signIn.statusCode, signIn.body).toBe(200);
    expect(signIn.json().user?.mustChangePassword ?? signIn.json().mustChangePassword).toBe(true);
    // The applicant sees the result; an SMS went out with the username, never the password.
    expect((await track(code, m.slice(-4))).json().status).toBe('approved');
    const sms = await t.database.db.selectFrom('outbox').select('body').where('ref', '=', code).execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain(m);
    expect(sms[0]?.body).not.toContain(body.temporaryPassword);
    const actions = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('detail', 'like', `%${code}%`)
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['application.approve', 'application.create', 'person.create']);
    // Twice is refused.
    expect((await leader.post(`/api/applications/${app.id}/approve`, { version: 2 })).statusCode).toBe(409);
  });

  it('a leader of another team does not see the application', async () => {
    const { res } = await apply({}, '10.0.0.4');
    const { code } = res.json();
    const theirs = (await otherLeader.get('/api/applications')).json().items.map((a: { code: string }) => a.code);
    expect(theirs).not.toContain(code);
    const id = (await admin.get(`/api/applications?q=${code}`)).json().items[0].id;
    expect((await otherLeader.get(`/api/applications/${id}`)).statusCode).toBe(404);
  });

  it('the town approves with roles and links an existing person by mobile; no second account', async () => {
    const first = await apply({}, '10.0.0.5');
    const id1 = (await admin.get(`/api/applications?q=${first.res.json().code}`)).json().items[0].id;
    const a1 = (await admin.post(`/api/applications/${id1}/approve`, { version: 1 })).json();
    const again = await apply({ mobile: first.mobile, teamIds: [otherTeam.id] }, '10.0.0.5');
    const app2 = (await admin.get(`/api/applications?q=${again.res.json().code}`)).json().items[0];
    expect(app2.existingPersonId).toBe(a1.personId);
    const a2 = await admin.post(`/api/applications/${app2.id}/approve`, {
      teamRoles: [{ teamId: otherTeam.id, role: 'deputy_leader' }],
      version: 1,
    });
    expect(a2.statusCode, a2.body).toBe(200);
    expect(a2.json()).toMatchObject({ personId: a1.personId, temporaryPassword: null, username: first.mobile });
    const roles = await t.database.db
      .selectFrom('team_memberships')
      .select('role')
      .where('person_id', '=', a1.personId)
      .orderBy('role')
      .execute();
    expect(roles.map((r) => r.role)).toEqual(['deputy_leader', 'member']);
  });

  it('declines with a reason the applicant sees and gets by SMS', async () => {
    const { res, mobile: m } = await apply({}, '10.0.0.6');
    const { code } = res.json();
    const id = (await admin.get(`/api/applications?q=${code}`)).json().items[0].id;
    expect((await leader.post(`/api/applications/${id}/decline`, { reason: '', version: 1 })).statusCode).toBe(400);
    expect((await leader.post(`/api/applications/${id}/decline`, { reason: '名额已满', version: 9 })).statusCode).toBe(
      409,
    );
    const declined = await leader.post(`/api/applications/${id}/decline`, { reason: '本季度名额已满', version: 1 });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: '本季度名额已满' });
    const seen = (await track(code, m.slice(-4))).json();
    expect(seen).toMatchObject({ status: 'declined', declineReason: '本季度名额已满' });
    expect(seen.statusText).toContain('本季度名额已满');
    const sms = await t.database.db.selectFrom('outbox').select('body').where('ref', '=', code).execute();
    expect(sms[0]?.body).toContain('本季度名额已满');
    expect((await admin.post(`/api/applications/${id}/approve`, { version: 2 })).statusCode).toBe(409);
  });
});
