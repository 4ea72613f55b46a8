import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRequestFigures } from './figures.rollup.ts';
import type { LightMyRequestResponse } from 'fastify';
import {
  type CalendarOverrides,
  addWorkingDays,
  dueAt,
  endOfShanghaiDay,
  shanghaiDate,
} from '../../../common/requests/calendar.ts';
import { HOLIDAYS_2026, seedDefaultCategories, seedHolidays2026 } from '../categories/categories.seed.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makeDepartment,
  makePerson,
  makeTeam,
  makeTown,
  makeUser,
  makeVillage,
  townWithAdmins,
} from '../../test/harness.ts';
import { makePng, multipart } from '../../test/photos.ts';
import { isXlsx, readXlsx } from '../../test/xlsx.ts';
import { newId, nowIso } from '../../platform/ids.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let cats: Record<string, string>;
let hamletOfOther: string;
let admin: Client;
let villageAdmin: Client;
let leader: Client;
let member: Client;
let handler: Client;
let security: Client;
let auditor: Client;
/** A member of the green team whose account is linked to their person record. */
let teamMember: { client: Client; userId: string; personId: string };
let other: { town: { id: string; code: string }; admin: Client; cats: Record<string, string> };

const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
const calendar2026: CalendarOverrides = new Map(HOLIDAYS_2026.map((d) => [d.date, d.kind]));
const today = () => shanghaiDate(new Date()).replace(/-/g, '');
const token = () => `标记${newId().slice(-8)}`;

interface Detail {
  id: string;
  code: string;
  version: number;
  status: string;
  urgency: string;
  channel: string;
  enteredByName: string | null;
  outcome: string | null;
  dueAt: string | null;
  reporterMobile: string | null;
  assigneeKind: string | null;
  assigneeId: string | null;
  linkedReporters: { code: string; name: string | null; mobile: string | null }[];
  mergedIntoId: string | null;
  pendingExtensionDays: number | null;
  photos: { id: string; url: string }[];
  timeline: {
    kind: string;
    at: string;
    actorName: string | null;
    note: string | null;
    data: Record<string, unknown> | null;
    photos: { id: string; url: string }[];
    public: boolean;
  }[];
  actions: string[];
}

async function linkedMember(townId: string, teamId: string) {
  const person = await makePerson(t, townId, { name: '王队员' });
  const user = await makeUser(t, townId, 'member', { personId: person.id });
  await t.database.db
    .insertInto('team_memberships')
    .values({
      town_id: townId,
      id: newId(),
      version: 1,
      team_id: teamId,
      person_id: person.id,
      squad_id: null,
      role: 'member',
      joined_at: nowIso(),
      left_at: null,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
  return { client: await login(t, user.username), userId: user.id, personId: person.id };
}

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  cats = await seedDefaultCategories(t.database.db, town.town.id);
  await seedHolidays2026(t.database.db, town.town.id);
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  leader = await login(t, town.users.teamLeader.username);
  member = await login(t, town.users.member.username);
  handler = await login(t, town.users.handler.username);
  security = await login(t, town.users.securityAdmin.username);
  auditor = await login(t, town.users.auditor.username);
  teamMember = await linkedMember(town.town.id, town.team.id);
  const hamlet = await admin.post('/api/hamlets', { villageId: town.otherVillage.id, name: '乙村三组' });
  expect(hamlet.statusCode, hamlet.body).toBe(201);
  hamletOfOther = hamlet.json().id;

  // Another town of the same deployment, with its own tracking-code prefix.
  const otherTown = await makeTown(t);
  await t.database.db.updateTable('towns').set({ prefix: 'QT' }).where('id', '=', otherTown.id).execute();
  other = {
    town: otherTown,
    admin: await login(t, (await makeUser(t, otherTown.id, 'town_admin')).username),
    cats: await seedDefaultCategories(t.database.db, otherTown.id),
  };
});
afterAll(async () => t.close());

let ip = 0;
/** Each public call from its own address, so per-address limits stay out of the way. */
const nextIp = () => `10.30.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

/** A resident's report from the H5 page of the main town. */
function report(body: Record<string, unknown> = {}, townCode = town.town.code) {
  return t.app.inject({
    method: 'POST',
    url: '/api/public/requests',
    remoteAddress: nextIp(),
    payload: {
      town: townCode,
      categoryId: cats.road,
      description: '村口路面塌陷，车辆无法通行',
      consent: true,
      ...body,
    },
  });
}
const track = (code: string, last4?: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/public/requests/${code}${last4 === undefined ? '' : `?last4=${last4}`}`,
    remoteAddress: nextIp(),
  });
const residentPost = (code: string, what: 'rate' | 'reopen', body: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/public/requests/${code}/${what}`, remoteAddress: nextIp(), payload: body });

/** The id of a request by its tracking code. */
async function idOf(code: string): Promise<string> {
  const row = await t.database.db
    .selectFrom('requests')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}
/** A resident's report, returning its id and code. */
async function reported(body: Record<string, unknown> = {}) {
  const res = await report(body);
  expect(res.statusCode, res.body).toBe(201);
  const code = res.json().code as string;
  return { id: await idOf(code), code };
}
/** A request entered at the desk by the town admin (accepted at once). */
async function entered(body: Record<string, unknown> = {}, c: Client = admin): Promise<Detail> {
  const res = await c.post('/api/requests', {
    channel: 'desk',
    categoryId: cats.road,
    description: '桥头护栏损坏，存在安全隐患',
    villageId: town.village.id,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Detail;
}
const detail = async (id: string, c: Client = admin) => (await c.get(`/api/requests/${id}`)).json() as Detail;
/** Takes an action with the current version (read by the town admin). */
async function act(c: Client, id: string, action: string, body: Record<string, unknown> = {}) {
  const version = (await detail(id)).version;
  return c.post(`/api/requests/${id}/actions/${action}`, { version, ...body });
}
async function ok(res: LightMyRequestResponse): Promise<Detail> {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Detail;
}
const dispatchTo = (id: string, kind: string, assigneeId: string) =>
  act(admin, id, 'dispatch', { assignee: { kind, id: assigneeId } }).then(ok);
const ids = (res: LightMyRequestResponse) => (res.json().items as { id: string }[]).map((i) => i.id);
const noticesOf = async (c: Client) =>
  (await c.get('/api/notifications')).json().items as { kind: string; title: string; link: string | null }[];

describe('tracking codes', () => {
  it('gives the first report of the day TS-YYYYMMDD-0001 and the second -0002, with a due date in working days', async () => {
    const first = await report({ name: '李大爷', mobile: '13800001234' });
    const second = await report();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ code: `TS-${today()}-0001`, status: 'submitted' });
    expect(second.json().code).toBe(`TS-${today()}-0002`);
    expect(first.json().code).toMatch(/^TS-\d{8}-\d{4}$/);
    const row = await t.database.db
      .selectFrom('requests')
      .select(['created_at', 'due_at', 'channel'])
      .where('code', '=', first.json().code)
      .executeTakeFirstOrThrow();
    expect(row.channel).toBe('h5');
    expect(first.json().dueAt).toBe(dueAt(row.created_at, 5, calendar2026));
    expect(row.due_at).toBe(first.json().dueAt);
  });
});

describe('/api/requests guards', () => {
  it('answers 401 on every route without a session', async () => {
    const r = await entered();
    const calls = [
      { method: 'GET' as const, url: '/api/requests' },
      { method: 'GET' as const, url: '/api/requests/export' },
      { method: 'GET' as const, url: '/api/requests/figures' },
      { method: 'GET' as const, url: '/api/requests/similar?text=路面塌陷' },
      { method: 'GET' as const, url: `/api/requests/${r.id}` },
      { method: 'POST' as const, url: '/api/requests', payload: { channel: 'desk', categoryId: cats.road } },
      { method: 'POST' as const, url: `/api/requests/${r.id}/actions/dispatch`, payload: { version: 1 } },
      { method: 'POST' as const, url: `/api/requests/${r.id}/reveal` },
    ];
    for (const call of calls) {
      const res = await t.app.inject(call);
      expect(res.statusCode, `${call.method} ${call.url}`).toBe(401);
      expect(res.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录' });
    }
    expect((await detail(r.id)).version).toBe(1);
  });

  it('answers 403 on every route to the security admin and the auditor (no business data)', async () => {
    const r = await entered();
    for (const c of [security, auditor]) {
      for (const url of [
        '/api/requests',
        '/api/requests/export',
        '/api/requests/figures',
        '/api/requests/similar?text=路面塌陷',
        `/api/requests/${r.id}`,
      ]) {
        const res = await c.get(url);
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限执行此操作' });
      }
      const created = await c.post('/api/requests', {
        channel: 'desk',
        categoryId: cats.road,
        description: '五个字以上',
      });
      expect(created.statusCode).toBe(403);
      expect((await c.post(`/api/requests/${r.id}/actions/accept`, { version: 1 })).statusCode).toBe(403);
      expect((await c.post(`/api/requests/${r.id}/reveal`)).statusCode).toBe(403);
    }
    const handlerIntake = await handler.post('/api/requests', {
      channel: 'desk',
      categoryId: cats.road,
      description: '部门人员不做窗口登记',
    });
    expect(handlerIntake.statusCode).toBe(403);
    expect((await detail(r.id)).version).toBe(1);
  });

  it('keeps members and handlers to their own work: 403 on what they see but may not do, 404 on the rest', async () => {
    // The member entered this one at a stall: they see it but may not manage or handle it.
    const own = await entered({ channel: 'stall' }, member);
    expect((await member.get(`/api/requests/${own.id}`)).statusCode).toBe(200);
    expect((await detail(own.id, member)).actions).toEqual([]);
    for (const action of ['dispatch', 'reject', 'resolve', 'supervise']) {
      const res = await member.post(`/api/requests/${own.id}/actions/${action}`, {
        version: 1,
        note: '试试',
        assignee: { kind: 'team', id: town.team.id },
      });
      expect(res.statusCode, action).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
    }
    const reveal = await member.post(`/api/requests/${own.id}/reveal`);
    expect(reveal.statusCode).toBe(403);

    // Someone else's request is not there at all for them.
    const elsewhere = await entered();
    for (const c of [member, handler, teamMember.client, leader]) {
      expect((await c.get(`/api/requests/${elsewhere.id}`)).statusCode).toBe(404);
      expect((await c.post(`/api/requests/${elsewhere.id}/actions/start`, { version: 1 })).statusCode).toBe(404);
    }

    // The team leader handles what is dispatched to the team, but dispatching is the town's.
    await dispatchTo(elsewhere.id, 'team', town.team.id);
    const leaderView = await detail(elsewhere.id, leader);
    expect(leaderView.actions.sort()).toEqual(['close_unresolved', 'resolve', 'return', 'start']);
    const redispatch = await act(leader, elsewhere.id, 'dispatch', { assignee: { kind: 'team', id: town.team.id } });
    expect(redispatch.statusCode).toBe(403);
    expect((await detail(elsewhere.id)).version).toBe(2);
  });

  it('answers 400 naming the field for bad intake', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ categoryId: UNKNOWN }, 'categoryId'],
      [{ categoryId: other.cats.road }, 'categoryId'],
      [{ categoryId: 'road' }, 'categoryId'],
      [{ description: '' }, 'description'],
      [{ description: '   ' }, 'description'],
      [{ mobile: '1380000123' }, 'mobile'],
      [{ mobile: '23800001234' }, 'mobile'],
      [{ villageId: town.village.id, hamletId: hamletOfOther }, 'hamletId'],
      [{ villageId: UNKNOWN }, 'villageId'],
      [{ consent: false }, 'consent'],
      [{ photoIds: [UNKNOWN] }, 'photoIds'],
    ];
    for (const [body, path] of cases) {
      const res = await report(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().code).toBe('VALIDATION');
      expect(res.json().fields[0].path, JSON.stringify(body)).toBe(path);
    }
    const mobile = await report({ mobile: '12345' });
    expect(mobile.json().fields[0].message).toContain('手机');
    for (const [body, path] of cases.filter(([b]) => !('consent' in b))) {
      const res = await admin.post('/api/requests', {
        channel: 'desk',
        categoryId: cats.road,
        description: '窗口登记的诉求内容',
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().fields[0].path).toBe(path);
    }
    const channel = await admin.post('/api/requests', {
      channel: 'h5',
      categoryId: cats.road,
      description: '五个字以上',
    });
    expect(channel.json().fields[0].path).toBe('channel');
    // Nothing was stored by any refused report.
    const stored = await t.database.db.selectFrom('requests').select('id').where('description', '=', '').execute();
    expect(stored).toEqual([]);
  });

  it('answers 400 naming the field for bad actions, ids and filters', async () => {
    const r = await entered();
    const cases: [string, Record<string, unknown>, string][] = [
      ['dispatch', {}, 'assignee'],
      ['dispatch', { assignee: { kind: 'team', id: UNKNOWN } }, 'assignee.id'],
      ['dispatch', { assignee: { kind: 'robot', id: town.team.id } }, 'assignee.kind'],
      ['reject', {}, 'note'],
      ['reject', { note: '   ' }, 'note'],
      ['supervise', {}, 'note'],
      ['merge', {}, 'targetId'],
      ['merge', { targetId: r.id }, 'targetId'],
    ];
    for (const [action, body, path] of cases) {
      const res = await act(admin, r.id, action, body);
      expect(res.statusCode, `${action} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().fields[0].path).toBe(path);
    }
    const noVersion = await admin.post(`/api/requests/${r.id}/actions/accept`, {});
    expect(noVersion.json().fields[0].path).toBe('version');
    const badAction = await admin.post(`/api/requests/${r.id}/actions/teleport`, { version: 1 });
    expect(badAction.statusCode).toBe(400);
    expect(badAction.json().fields[0].path).toBe('action');
    expect((await admin.get('/api/requests/not-an-id')).json().fields[0].path).toBe('id');
    expect((await admin.get(`/api/requests/${UNKNOWN}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/requests/${UNKNOWN}/actions/accept`, { version: 1 })).statusCode).toBe(404);
    expect((await admin.get('/api/requests?status=bogus')).json().fields[0].path).toBe('status');
    expect((await admin.get('/api/requests?from=2026-1-5')).json().fields[0].path).toBe('from');
    expect((await admin.get('/api/requests?overdue=maybe')).json().fields[0].path).toBe('overdue');
    expect((await admin.get('/api/requests/figures?groupBy=person')).json().fields[0].path).toBe('groupBy');

    // Rating 6, by phone through staff and by the resident.
    await dispatchTo(r.id, 'team', town.team.id);
    await ok(await act(leader, r.id, 'resolve', { note: '已修复' }));
    const staffRating = await act(admin, r.id, 'rate', { rating: 6 });
    expect(staffRating.statusCode).toBe(400);
    expect(staffRating.json().fields[0].path).toBe('rating');
    const resident = await residentPost(r.code, 'rate', { rating: 6 });
    expect(resident.statusCode).toBe(400);
    expect(resident.json().fields[0].path).toBe('rating');
    expect((await detail(r.id)).status).toBe('resolved');
  });
});

describe('the lifecycle of a request', () => {
  it('goes from a resident report to the archive, each step on the timeline and in the audit trail', async () => {
    const { id, code } = await reported({ name: '赵大姐', mobile: '13912345678', villageId: town.village.id });
    await ok(await act(admin, id, 'accept'));
    await dispatchTo(id, 'team', town.team.id);
    const leaderNotices = await noticesOf(leader);
    expect(leaderNotices).toContainEqual(
      expect.objectContaining({
        kind: 'request.dispatched',
        title: `诉求 ${code} 已派给您办理`,
        link: `/requests/${id}`,
      }),
    );
    expect((await detail(id, leader)).actions).toContain('start');

    await ok(await act(leader, id, 'start'));
    const photo = await leader.request({ method: 'POST', url: '/api/uploads', ...multipart(await makePng(80, 60)) });
    expect(photo.statusCode, photo.body).toBe(201);
    await ok(await act(leader, id, 'progress', { note: '已联系施工方，明天进场', photoIds: [photo.json().id] }));
    await ok(await act(leader, id, 'visit', { note: '现场查看，塌陷约两平方米' }));
    const meeting = await ok(
      await act(leader, id, 'meeting', {
        attendees: '镇村建办、施工方、村委会',
        decisions: '施工方三日内完成修复',
        meetingAt: '2026-11-20T02:00:00.000Z',
      }),
    );
    expect(meeting.timeline.at(-1)?.data).toEqual({
      meetingAt: '2026-11-20T02:00:00.000Z',
      attendees: '镇村建办、施工方、村委会',
      decisions: '施工方三日内完成修复',
    });
    const before = (await detail(id)).dueAt as string;
    const asked = await ok(await act(leader, id, 'request_extension', { extensionDays: 3, note: '等待材料' }));
    expect(asked.pendingExtensionDays).toBe(3);
    expect(asked.dueAt).toBe(before);
    // A leader may not approve their own extension.
    expect((await act(leader, id, 'decide_extension', { approve: true })).statusCode).toBe(403);
    const approved = await ok(await act(admin, id, 'decide_extension', { approve: true }));
    expect(approved.pendingExtensionDays).toBeNull();
    expect(approved.dueAt).toBe(endOfShanghaiDay(addWorkingDays(shanghaiDate(before), 3, calendar2026)));
    expect(Date.parse(approved.dueAt ?? '') - Date.parse(before)).toBeGreaterThanOrEqual(3 * DAY);

    const resolved = await ok(await act(leader, id, 'resolve', { note: '路面已修复通车' }));
    expect(resolved).toMatchObject({ status: 'resolved', outcome: 'resolved' });

    const tracked = await track(code, '5678');
    expect(tracked.json()).toMatchObject({ status: 'resolved', canRate: true, canReopen: true });
    const rated = await residentPost(code, 'rate', { last4: '5678', rating: 5, comment: '很满意，谢谢' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ status: 'rated', rating: 5, canRate: false, canReopen: false });
    // A second rating is refused.
    expect((await residentPost(code, 'rate', { last4: '5678', rating: 1 })).statusCode).toBe(409);

    const archived = await ok(await act(admin, id, 'archive'));
    expect(archived.status).toBe('archived');
    expect(archived.actions).toEqual([]);

    const kinds = [
      'submitted',
      'accept',
      'dispatch',
      'start',
      'progress',
      'visit',
      'meeting',
      'request_extension',
      'decide_extension',
      'resolve',
      'rate',
      'archive',
    ];
    expect(archived.timeline.map((e) => e.kind)).toEqual(kinds);
    const adminName = 'town_admin 用户';
    const leaderName = 'team_leader 用户';
    const expectedActors = [
      '赵大姐',
      adminName,
      adminName,
      leaderName,
      leaderName,
      leaderName,
      leaderName,
      leaderName,
      adminName,
      leaderName,
      '赵大姐',
      adminName,
    ];
    expect(archived.timeline.map((e) => e.actorName)).toEqual(expectedActors);
    for (const e of archived.timeline) expect(Date.parse(e.at)).toBeGreaterThan(Date.now() - 60_000);
    const times = archived.timeline.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    const progress = archived.timeline.find((e) => e.kind === 'progress');
    expect(progress?.photos.map((p) => p.id)).toEqual([photo.json().id]);
    expect(progress?.note).toBe('已联系施工方，明天进场');
    expect(archived.timeline.find((e) => e.kind === 'rate')).toMatchObject({
      note: '很满意，谢谢',
      data: { rating: 5 },
    });

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'at'])
      .where('entity_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      kinds.map((k) => (k === 'submitted' ? 'request.create' : `request.${k}`)),
    );
    const admins = town.users.townAdmin.id;
    const leaders = town.users.teamLeader.id;
    expect(audit.map((a) => a.actor_id)).toEqual([
      null,
      admins,
      admins,
      leaders,
      leaders,
      leaders,
      leaders,
      leaders,
      admins,
      leaders,
      null,
      admins,
    ]);

    // The resident's view of the same story, in plain words and without internal steps.
    const story = (await track(code, '5678')).json() as { status: string; timeline: { kind: string; text: string }[] };
    expect(story.status).toBe('archived');
    expect(story.timeline.map((e) => e.kind)).not.toContain('request_extension');
    expect(story.timeline.find((e) => e.kind === 'dispatch')?.text).toBe('已派给服务队办理');
    expect(story.timeline.find((e) => e.kind === 'resolve')?.text).toBe('已办结：路面已修复通车');
  });

  it('accepts a desk intake at once, naming who entered it, with its timeline in order', async () => {
    for (let i = 0; i < 10; i++) {
      const d = await entered({ channel: 'desk' });
      expect(d).toMatchObject({ status: 'accepted', version: 1, channel: 'desk', enteredByName: 'town_admin 用户' });
      expect(d.timeline.map((e) => [e.kind, e.actorName])).toEqual([
        ['submitted', 'town_admin 用户'],
        ['accept', 'town_admin 用户'],
      ]);
      expect(d.timeline[0]?.data).toEqual({ channel: 'desk' });
    }
  });

  it('tells the town and the village admins of a new report from a resident', async () => {
    const { id, code } = await reported({ villageId: town.village.id });
    const told = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('link', '=', `/requests/${id}`)
      .where('kind', '=', 'request.submitted')
      .execute();
    expect(told.map((n) => n.user_id).sort()).toEqual([town.users.townAdmin.id, town.users.villageAdmin.id].sort());
    expect(told[0]?.title).toBe(`新诉求 ${code} 待受理`);
  });

  it('recomputes the due date when urgency changes on acceptance: 特急 is due the same day', async () => {
    const { id } = await reported();
    const accepted = await ok(await act(admin, id, 'accept', { urgency: 'critical' }));
    const row = await t.database.db
      .selectFrom('requests')
      .select('created_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(accepted).toMatchObject({ urgency: 'critical', dueAt: endOfShanghaiDay(shanghaiDate(row.created_at)) });
  });

  it('keeps the due date when an extension is declined, and allows one pending extension at a time', async () => {
    const r = await entered();
    await dispatchTo(r.id, 'team', town.team.id);
    await ok(await act(leader, r.id, 'start'));
    const noPending = await act(admin, r.id, 'decide_extension', { approve: true });
    expect(noPending.statusCode).toBe(409);
    const noDays = await act(leader, r.id, 'request_extension', {});
    expect(noDays.json().fields[0].path).toBe('extensionDays');
    await ok(await act(leader, r.id, 'request_extension', { extensionDays: 2, note: '天气原因' }));
    expect((await act(leader, r.id, 'request_extension', { extensionDays: 5 })).statusCode).toBe(409);
    expect((await noticesOf(admin)).map((n) => n.kind)).toContain('request.extension');
    const noAnswer = await act(admin, r.id, 'decide_extension', {});
    expect(noAnswer.json().fields[0].path).toBe('approve');
    const declined = await ok(await act(admin, r.id, 'decide_extension', { approve: false, note: '请按期办结' }));
    expect(declined).toMatchObject({ dueAt: r.dueAt, pendingExtensionDays: null });
    expect(declined.timeline.at(-1)).toMatchObject({ kind: 'decide_extension', data: { approve: false, days: 2 } });
    expect(await noticesOf(leader)).toContainEqual(
      expect.objectContaining({ kind: 'request.extension', title: `诉求 ${r.code} 的延期申请未同意` }),
    );
  });

  it('refuses a transition the state machine forbids with 409 INVALID_TRANSITION in Chinese, and in English', async () => {
    const { id } = await reported();
    const res = await act(admin, id, 'start');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ code: 'INVALID_TRANSITION', message: '当前状态为“待受理”，不能执行“开始办理”' });
    const en = await admin.request({
      method: 'POST',
      url: `/api/requests/${id}/actions/archive`,
      payload: { version: 1 },
      headers: { 'accept-language': 'en' },
    });
    expect(en.statusCode).toBe(409);
    expect(en.json().code).toBe('INVALID_TRANSITION');
    expect(en.json().message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await detail(id)).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('refuses a stale version with 409 STALE_VERSION and leaves the request as it was', async () => {
    const r = await entered();
    await dispatchTo(r.id, 'team', town.team.id);
    const before = await detail(r.id);
    const res = await leader.post(`/api/requests/${r.id}/actions/start`, { version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'STALE_VERSION' });
    const after = await detail(r.id);
    expect(after).toEqual(before);
    expect(after.status).toBe('dispatched');
  });

  it('returns to the town with a reason and is dispatched again', async () => {
    const r = await entered();
    await dispatchTo(r.id, 'department', town.department.id);
    const noReason = await act(handler, r.id, 'return');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].path).toBe('note');
    const returned = await ok(await act(handler, r.id, 'return', { note: '不属于村建办职责，应由供水站处理' }));
    // The department gets the new state in answer, with nothing left for it to do.
    expect(returned).toMatchObject({ status: 'accepted', assigneeKind: null, assigneeId: null, actions: [] });
    expect(returned.timeline.at(-1)).toMatchObject({
      kind: 'return',
      public: false,
      actorName: 'department_handler 用户',
    });
    expect((await noticesOf(admin)).map((n) => n.kind)).toContain('request.returned');
    // The department no longer sees it.
    expect((await handler.get(`/api/requests/${r.id}`)).statusCode).toBe(404);

    const again = await dispatchTo(r.id, 'team', town.team.id);
    expect(again).toMatchObject({ status: 'dispatched', assigneeKind: 'team', assigneeId: town.team.id });
    await ok(await act(leader, r.id, 'start'));
    // The resident does not see the internal return.
    const story = (await track(r.code)).json() as { timeline: { kind: string }[] };
    expect(story.timeline.map((e) => e.kind)).toEqual(['submitted', 'accept', 'dispatch', 'dispatch', 'start']);
  });

  it('rejects with a reason the resident reads and is sent, and a rejected request can only be archived', async () => {
    const { id, code } = await reported({ mobile: '13300004444' });
    const rejected = await ok(await act(admin, id, 'reject', { note: '属于司法诉讼范围，请依法起诉' }));
    expect(rejected.status).toBe('rejected');
    expect(rejected.actions).toEqual(['archive']);
    const story = (await track(code, '4444')).json() as { status: string; timeline: { kind: string; text: string }[] };
    expect(story.status).toBe('rejected');
    expect(story.timeline.at(-1)?.text).toBe('不予受理：属于司法诉讼范围，请依法起诉');
    const sms = await t.database.db
      .selectFrom('outbox')
      .select(['body', 'to_mask'])
      .where('ref', '=', id)
      .orderBy('created_at')
      .execute();
    expect(sms).toHaveLength(2);
    expect(sms[1]?.to_mask).toBe('133****4444');
    expect(sms[1]?.body).toContain(code);
    expect(sms[1]?.body).toContain('属于司法诉讼范围，请依法起诉');
    expect((await act(admin, id, 'dispatch', { assignee: { kind: 'team', id: town.team.id } })).statusCode).toBe(409);
    expect((await ok(await act(admin, id, 'archive'))).status).toBe('archived');
  });

  it('lets the resident reopen within 7 days (back to accepted), and refuses after 7 days', async () => {
    const { id, code } = await reported({ mobile: '13600006666' });
    await ok(await act(admin, id, 'accept'));
    await dispatchTo(id, 'team', town.team.id);
    await ok(await act(leader, id, 'resolve', { note: '已清理' }));
    const wrong = await residentPost(code, 'reopen', { last4: '0000', reason: '没有清理干净' });
    expect(wrong.statusCode).toBe(404);
    const reopened = await residentPost(code, 'reopen', { last4: '6666', reason: '没有清理干净' });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json().status).toBe('accepted');
    const d = await detail(id);
    expect(d).toMatchObject({ status: 'accepted', outcome: null, assigneeKind: null });
    expect(d.timeline.at(-1)).toMatchObject({ kind: 'reopen', note: '没有清理干净' });
    expect((await noticesOf(admin)).map((n) => n.kind)).toContain('request.reopened');

    await dispatchTo(id, 'team', town.team.id);
    await ok(await act(leader, id, 'resolve', { note: '再次清理' }));
    const eightDaysAgo = new Date(Date.now() - 8 * DAY).toISOString();
    await t.database.db.updateTable('requests').set({ resolved_at: eightDaysAgo }).where('id', '=', id).execute();
    expect((await track(code, '6666')).json()).toMatchObject({ canReopen: false, canRate: true });
    const late = await residentPost(code, 'reopen', { last4: '6666', reason: '又脏了' });
    expect(late.statusCode).toBe(400);
    expect(late.json().fields[0]).toEqual({
      path: 'reason',
      message: '原因：已超过 7 天，不能再要求重办，请重新提交诉求',
    });
    const byPhone = await act(admin, id, 'reopen', { note: '电话回访不满意' });
    expect(byPhone.statusCode).toBe(400);
    expect(byPhone.json().fields[0].path).toBe('note');
    expect((await detail(id)).status).toBe('resolved');
  });

  it('merges a duplicate into another request, which then lists its reporter with a masked mobile', async () => {
    const target = await entered({ description: '二组水渠堵塞' });
    const duplicate = await reported({ name: '孙大伯', mobile: '13911112222', description: '二组的水渠堵了' });
    const merged = await ok(await act(admin, duplicate.id, 'merge', { targetId: target.id, note: '同一水渠' }));
    expect(merged).toMatchObject({ status: 'merged', mergedIntoId: target.id, actions: [] });
    const t2 = await detail(target.id);
    expect(t2.linkedReporters).toEqual([{ code: duplicate.code, name: '孙大伯', mobile: '139****2222' }]);
    expect(JSON.stringify(t2)).not.toContain('13911112222');
    expect(t2.timeline.at(-1)?.kind).toBe('linked');
    // A merged request leaves the list; its reporter still follows it by code.
    expect(ids(await admin.get(`/api/requests?q=${duplicate.code}`))).toEqual([]);
    expect((await track(duplicate.code, '2222')).json().status).toBe('merged');
    // It cannot be merged into a merged request.
    const third = await reported();
    const intoMerged = await act(admin, third.id, 'merge', { targetId: duplicate.id });
    expect(intoMerged.json().fields[0].path).toBe('targetId');
  });

  it('supervises with a note, telling the assignee and their leader', async () => {
    const r = await entered();
    await dispatchTo(r.id, 'member', teamMember.personId);
    await ok(await act(teamMember.client, r.id, 'start'));
    const supervised = await ok(await act(admin, r.id, 'supervise', { note: '群众反映强烈，请本周内办结' }));
    expect(supervised.status).toBe('in_progress');
    const notices = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'title'])
      .where('kind', '=', 'request.supervised')
      .where('link', '=', `/requests/${r.id}`)
      .execute();
    expect(notices.map((n) => n.user_id).sort()).toEqual([teamMember.userId, town.users.teamLeader.id].sort());
    expect(notices[0]?.title).toBe(`诉求 ${r.code} 被督办，请抓紧办理`);
    expect(await noticesOf(teamMember.client)).toContainEqual(
      expect.objectContaining({ kind: 'request.dispatched', link: `/requests/${r.id}` }),
    );
  });

  it('queues an SMS to a reporter who left a mobile, with the number encrypted and masked', async () => {
    const { id, code } = await reported({ mobile: '138 0013 5799' });
    const sms = await t.database.db.selectFrom('outbox').selectAll().where('ref', '=', id).execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ channel: 'sms', status: 'pending', to_mask: '138****5799' });
    expect(sms[0]?.to_enc).not.toContain('13800135799');
    expect(t.sealer.decrypt(sms[0]?.to_enc ?? '')).toBe('13800135799');
    expect(sms[0]?.body).toContain(code);
    const row = await t.database.db
      .selectFrom('requests')
      .select(['reporter_mobile_enc', 'reporter_mobile_mask'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.reporter_mobile_mask).toBe('138****5799');
    expect(row.reporter_mobile_enc).not.toContain('13800135799');
    // No mobile, no SMS.
    const anonymous = await reported();
    expect(await t.database.db.selectFrom('outbox').select('id').where('ref', '=', anonymous.id).execute()).toEqual([]);
  });

  it('reveals the reporter mobile to those allowed, with an audit row', async () => {
    const { id } = await reported({ mobile: '13700001111', villageId: town.village.id });
    expect((await detail(id)).reporterMobile).toBe('137****1111');
    const res = await admin.post(`/api/requests/${id}/reveal`);
    expect(res.json()).toEqual({ value: '13700001111' });
    expect((await villageAdmin.post(`/api/requests/${id}/reveal`)).json()).toEqual({ value: '13700001111' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('entity_id', '=', id)
      .where('action', '=', 'request.reveal')
      .execute();
    expect(audit.map((a) => a.actor_id).sort()).toEqual([town.users.townAdmin.id, town.users.villageAdmin.id].sort());
  });

  it('finds similar open requests for a draft', async () => {
    const r = await entered({ description: '三组池塘有人钓鱼存在溺水隐患', villageId: town.otherVillage.id });
    const res = await admin.get(
      `/api/requests/similar?villageId=${town.otherVillage.id}&text=${encodeURIComponent('三组池塘溺水隐患')}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toContain(r.id);
  });
});

describe('who sees which request', () => {
  it('shows a village admin only the requests of their village', async () => {
    const mine = await entered({ villageId: town.village.id });
    const theirs = await entered({ villageId: town.otherVillage.id });
    const list = ids(await villageAdmin.get('/api/requests?pageSize=100'));
    expect(list).toContain(mine.id);
    expect(list).not.toContain(theirs.id);
    const rows = await t.database.db.selectFrom('requests').select('village_id').where('id', 'in', list).execute();
    expect(new Set(rows.map((r) => r.village_id))).toEqual(new Set([town.village.id]));
    expect((await villageAdmin.get(`/api/requests/${theirs.id}`)).statusCode).toBe(404);
    expect(
      (await villageAdmin.post(`/api/requests/${theirs.id}/actions/supervise`, { version: 1, note: '催办' }))
        .statusCode,
    ).toBe(404);
    // In their own village they manage.
    expect((await dispatchTo(mine.id, 'team', town.team.id)).status).toBe('dispatched');
    const byVillage = await act(villageAdmin, mine.id, 'supervise', { note: '请尽快处理' });
    expect(byVillage.statusCode).toBe(200);
  });

  it('shows a team leader what is dispatched to the team, and a department handler only their department', async () => {
    const toTeam = await entered();
    const toDept = await entered();
    const toOtherDept = await entered();
    const otherDept = await makeDepartment(t, town.town.id, { name: '供水站' });
    await dispatchTo(toTeam.id, 'team', town.team.id);
    await dispatchTo(toDept.id, 'department', town.department.id);
    await dispatchTo(toOtherDept.id, 'department', otherDept.id);

    const leaderList = ids(await leader.get('/api/requests?pageSize=100'));
    expect(leaderList).toContain(toTeam.id);
    expect(leaderList).not.toContain(toDept.id);
    expect((await leader.get(`/api/requests/${toDept.id}`)).statusCode).toBe(404);

    const handlerList = ids(await handler.get('/api/requests?pageSize=100'));
    expect(handlerList).toContain(toDept.id);
    expect(handlerList).not.toContain(toTeam.id);
    expect(handlerList).not.toContain(toOtherDept.id);
    expect((await handler.get(`/api/requests/${toOtherDept.id}`)).statusCode).toBe(404);
    expect((await act(handler, toOtherDept.id, 'start')).statusCode).toBe(404);
    expect((await ok(await act(handler, toDept.id, 'start'))).status).toBe('in_progress');
    // Another team's leader sees nothing of it.
    const blue = await makeTeam(t, town.town.id, { name: '蓝色服务队' });
    const blueLeader = await login(t, (await makeUser(t, town.town.id, 'team_leader', { teamId: blue.id })).username);
    expect((await blueLeader.get(`/api/requests/${toTeam.id}`)).statusCode).toBe(404);
    expect(ids(await blueLeader.get('/api/requests'))).toEqual([]);
  });

  it('shows a member what is assigned to them in person, and they handle it', async () => {
    const r = await entered();
    await dispatchTo(r.id, 'member', teamMember.personId);
    const mine = (await teamMember.client.get('/api/requests?view=mine')).json().items as Detail[];
    expect(mine.map((i) => i.id)).toContain(r.id);
    for (const item of mine) expect(item).toMatchObject({ assigneeKind: 'member', assigneeId: teamMember.personId });
    expect((await ok(await act(teamMember.client, r.id, 'start'))).status).toBe('in_progress');
    expect((await ok(await act(teamMember.client, r.id, 'resolve', { note: '已帮老人修好水管' }))).status).toBe(
      'resolved',
    );
  });

  it("keeps another town's requests invisible, while its resident still tracks them with the right digits", async () => {
    const res = await report({ categoryId: other.cats.water, mobile: '13500002468' }, other.town.code);
    expect(res.statusCode, res.body).toBe(201);
    const code = res.json().code as string;
    expect(code).toMatch(/^QT-\d{8}-0001$/);
    const id = await idOf(code);
    expect(ids(await admin.get('/api/requests?pageSize=100'))).not.toContain(id);
    expect(ids(await admin.get(`/api/requests?q=${code}`))).toEqual([]);
    expect((await admin.get(`/api/requests/${id}`)).statusCode).toBe(404);
    expect((await admin.post(`/api/requests/${id}/actions/accept`, { version: 1 })).statusCode).toBe(404);
    expect((await admin.post(`/api/requests/${id}/reveal`)).statusCode).toBe(404);
    expect((await other.admin.get(`/api/requests/${id}`)).statusCode).toBe(200);
    // Merging across towns is refused too.
    const mine = await entered();
    const merge = await act(admin, mine.id, 'merge', { targetId: id });
    expect(merge.statusCode).toBe(400);
    expect(merge.json().fields[0].path).toBe('targetId');

    expect((await track(code, '2468')).statusCode).toBe(200);
    expect((await track(code, '1234')).statusCode).toBe(404);
    expect((await track(code)).statusCode).toBe(404);
  });
});

describe('list filters and export', () => {
  let tok: string;
  let f: Record<'desk' | 'phone' | 'h5' | 'visit', Detail>;

  beforeAll(async () => {
    tok = token();
    const desk = await entered({
      description: `${tok} 路灯不亮`,
      name: '周大妈',
      mobile: '13800001234',
      villageId: town.village.id,
    });
    const phone = await entered({
      channel: 'phone',
      categoryId: cats.water,
      urgency: 'urgent',
      description: `${tok} 停水三天`,
      villageId: town.otherVillage.id,
    });
    const h5 = await reported({ description: `${tok} 垃圾没人收`, villageId: town.otherVillage.id });
    const visit = await entered({
      channel: 'visit',
      mobile: '13800001234',
      categoryId: cats.environment,
      urgency: 'critical',
      description: `${tok} 河塘漂浮垃圾`,
      villageId: town.village.id,
    });
    await dispatchTo(visit.id, 'team', town.team.id);
    const set = (id: string, values: { created_at?: string; due_at?: string }) =>
      t.database.db.updateTable('requests').set(values).where('id', '=', id).execute();
    // Shanghai dates: 10 January and 10 February 2026, and the phone request overdue.
    await set(desk.id, { created_at: '2026-01-10T02:00:00.000Z' });
    await set(phone.id, { created_at: '2026-02-09T16:30:00.000Z', due_at: new Date(Date.now() - HOUR).toISOString() });
    await rebuildRequestFigures(t.database.db, town.town.id);
    f = { desk, phone, h5: await detail(h5.id), visit: await detail(visit.id) };
  });

  const find = async (query: string, c: Client = admin) => {
    const res = await c.get(`/api/requests?q=${encodeURIComponent(tok)}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((i) => i.id).sort();
  };
  const sorted = (...ds: Detail[]) => ds.map((d) => d.id).sort();

  it('filters by status (one or several), category, village, team, channel, urgency and assignee', async () => {
    expect(await find('status=accepted')).toEqual(sorted(f.desk, f.phone));
    expect(await find('status=submitted,dispatched')).toEqual(sorted(f.h5, f.visit));
    expect(await find(`categoryId=${cats.road}`)).toEqual(sorted(f.desk, f.h5));
    expect(await find(`villageId=${town.otherVillage.id}`)).toEqual(sorted(f.phone, f.h5));
    expect(await find(`teamId=${town.team.id}`)).toEqual(sorted(f.visit));
    expect(await find('channel=phone')).toEqual(sorted(f.phone));
    expect(await find('channel=h5')).toEqual(sorted(f.h5));
    expect(await find('urgency=critical')).toEqual(sorted(f.visit));
    expect(await find('urgency=urgent')).toEqual(sorted(f.phone));
    expect(await find(`assigneeKind=team&assigneeId=${town.team.id}`)).toEqual(sorted(f.visit));
    expect(await find('status=accepted&villageId=' + town.village.id)).toEqual(sorted(f.desk));
  });

  it('filters overdue ones, by Shanghai submission dates, and finds by code or description', async () => {
    expect(await find('overdue=true')).toEqual(sorted(f.phone));
    expect(await find('overdue=false')).toEqual(sorted(f.desk, f.h5, f.visit));
    const listed = (await admin.get(`/api/requests?q=${encodeURIComponent(tok)}&overdue=true`)).json().items;
    expect(listed[0].overdue).toBe(true);
    expect(await find('from=2026-01-01&to=2026-01-31')).toEqual(sorted(f.desk));
    expect(await find('from=2026-01-10&to=2026-01-10')).toEqual(sorted(f.desk));
    // 16:30 UTC on 9 February is 10 February in Shanghai.
    expect(await find('from=2026-02-10&to=2026-02-10')).toEqual(sorted(f.phone));
    expect(await find('to=2026-02-09')).toEqual(sorted(f.desk));
    expect(await find('from=2026-02-11')).toEqual(sorted(f.h5, f.visit));

    const byCode = await admin.get(`/api/requests?q=${f.h5.code.toLowerCase()}`);
    expect(ids(byCode)).toEqual([f.h5.id]);
    expect(ids(await admin.get(`/api/requests?q=${encodeURIComponent(`${tok} 停水`)}`))).toEqual([f.phone.id]);
  });

  it('pages with totals, newest first', async () => {
    const first = (await admin.get(`/api/requests?q=${encodeURIComponent(tok)}&pageSize=3&page=1`)).json();
    const second = (await admin.get(`/api/requests?q=${encodeURIComponent(tok)}&pageSize=3&page=2`)).json();
    expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(first.items).toHaveLength(3);
    expect(second).toMatchObject({ total: 4, page: 2 });
    expect(second.items).toHaveLength(1);
    const all = [...first.items, ...second.items] as { id: string; createdAt: string }[];
    expect(new Set(all.map((i) => i.id)).size).toBe(4);
    const created = all.map((i) => i.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    expect(second.items[0].id).toBe(f.desk.id);
  });

  it('lists "my work": what awaits acceptance for the town, what is dispatched for the team', async () => {
    expect(await find('view=mine')).toEqual(sorted(f.desk, f.phone, f.h5));
    expect(await find('view=mine', leader)).toEqual(sorted(f.visit));
    expect(await find('view=mine', villageAdmin)).toEqual(sorted(f.desk));
    expect(await find('view=all', villageAdmin)).toEqual(sorted(f.desk, f.visit));
  });

  it('exports the filtered list to .xlsx with the mobile masked for those who may not reveal it', async () => {
    const masked = await leader.get(`/api/requests/export?q=${encodeURIComponent(tok)}`);
    expect(isXlsx(masked)).toBe(true);
    const leaderRows = await readXlsx(masked);
    const mobileColumn = leaderRows[0]?.indexOf('手机号') ?? -1;
    expect(mobileColumn).toBeGreaterThan(0);
    expect(leaderRows.slice(1).map((r) => [r[0], r[mobileColumn]])).toEqual([[f.visit.code, '138****1234']]);
    expect(leaderRows.flat().join('|')).not.toContain('13800001234');

    // The town admin may reveal: the numbers are written in full and the export is audited.
    const res = await admin.get(`/api/requests/export?q=${encodeURIComponent(tok)}`);
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r[0] === f.desk.code)?.[mobileColumn]).toBe('13800001234');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['actor_id', 'detail'])
      .where('action', '=', 'request.export')
      .execute();
    expect(audit.map((a) => a.actor_id)).toEqual([town.users.teamLeader.id, town.users.townAdmin.id]);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ rows: 1, revealed: false });
    expect(JSON.parse(audit[1]?.detail ?? '{}')).toMatchObject({ rows: 4, revealed: true });
    const filtered = await readXlsx(await admin.get(`/api/requests/export?q=${encodeURIComponent(tok)}&channel=phone`));
    expect(filtered.slice(1).map((r) => r[0])).toEqual([f.phone.code]);
    // The village admin's export holds only their village.
    const village = await readXlsx(await villageAdmin.get(`/api/requests/export?q=${encodeURIComponent(tok)}`));
    expect(
      village
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([f.desk.code, f.visit.code].sort());
  });
});

describe('figures', () => {
  /** A town of its own, so every count is known. */
  let fg: {
    id: string;
    code: string;
    admin: Client;
    west: string;
    east: string;
    t1: string;
    t2: string;
    cats: Record<string, string>;
  };
  const r: Record<string, string> = {};
  const now = Date.now();
  const early = new Date(now - 60 * DAY);
  const late = new Date(now - 20 * DAY);
  const iso = (d: Date, plusHours = 0) => new Date(d.getTime() + plusHours * HOUR).toISOString();

  beforeAll(async () => {
    const ft = await makeTown(t, { name: '统计镇' });
    await t.database.db.updateTable('towns').set({ prefix: 'FG' }).where('id', '=', ft.id).execute();
    const west = await makeVillage(t, ft.id, { name: '西村' });
    const east = await makeVillage(t, ft.id, { name: '东村' });
    const t1 = await makeTeam(t, ft.id, { name: '红色服务队' });
    const t2 = await makeTeam(t, ft.id, { name: '粉色服务队' });
    fg = {
      ...ft,
      admin: await login(t, (await makeUser(t, ft.id, 'town_admin')).username),
      west: west.id,
      east: east.id,
      t1: t1.id,
      t2: t2.id,
      cats: await seedDefaultCategories(t.database.db, ft.id),
    };
    const enter = async (key: string, category: string, villageId: string, extra: Record<string, unknown> = {}) => {
      const res = await fg.admin.post('/api/requests', {
        channel: 'desk',
        categoryId: fg.cats[category],
        description: `统计用诉求 ${key}`,
        villageId,
        ...extra,
      });
      expect(res.statusCode, res.body).toBe(201);
      r[key] = res.json().id;
    };
    const step = async (key: string, action: string, body: Record<string, unknown> = {}) => {
      const id = r[key] ?? '';
      const version = (await fg.admin.get(`/api/requests/${id}`)).json().version as number;
      const res = await fg.admin.post(`/api/requests/${id}/actions/${action}`, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    await enter('r1', 'road', fg.west, { name: '钱大爷', mobile: '13700009999' });
    await enter('r2', 'road', fg.west);
    await enter('r3', 'water', fg.east);
    await enter('r4', 'water', fg.east);
    await enter('r5', 'road', fg.east);
    await enter('r6', 'water', fg.west);
    for (const [key, team] of [
      ['r1', fg.t1],
      ['r2', fg.t1],
      ['r3', fg.t2],
      ['r4', fg.t2],
    ] as const) {
      await step(key, 'dispatch', { assignee: { kind: 'team', id: team } });
    }
    for (const key of ['r1', 'r2', 'r3']) await step(key, 'resolve', { note: '已办结' });
    await step('r1', 'rate', { rating: 5 });
    await step('r2', 'rate', { rating: 3, note: '太慢了' });
    await step('r3', 'rate', { rating: 4 });
    // Known times: handling 10 h, 240 h (late), 20 h; r5 open and past due, r6 open and not yet due.
    const set = (key: string, values: Record<string, string>) =>
      t.database.db
        .updateTable('requests')
        .set(values)
        .where('id', '=', r[key] ?? '')
        .execute();
    await set('r1', { created_at: iso(early), resolved_at: iso(early, 10), due_at: iso(early, 5 * 24) });
    await set('r2', { created_at: iso(early, 1), resolved_at: iso(early, 241), due_at: iso(early, 1 + 5 * 24) });
    await set('r3', { created_at: iso(late), resolved_at: iso(late, 20), due_at: iso(late, 5 * 24) });
    await set('r4', { created_at: iso(late, 1), due_at: new Date(now + 3 * DAY).toISOString() });
    await set('r5', { created_at: iso(late, 2), due_at: new Date(now - DAY).toISOString() });
    await set('r6', { created_at: iso(late, 3), due_at: new Date(now + 5 * DAY).toISOString() });
    // Rows changed behind the service's back: recompute the town's monthly rollup from them.
    await rebuildRequestFigures(t.database.db, fg.id);
  });

  const figures = async (query = '') => {
    const res = await fg.admin.get(`/api/requests/figures${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('computes the rates exactly, and closing one unresolved lowers the completion rate', async () => {
    // resolved 3 ÷ (3 + 0 unresolved + 1 open past due); r4 is open but not yet due.
    expect(await figures()).toMatchObject({
      total: 6,
      resolved: 3,
      unresolved: 0,
      openPastDue: 1,
      completionRate: 0.75,
    });

    const version = (await fg.admin.get(`/api/requests/${r.r4}`)).json().version as number;
    const closed = await fg.admin.post(`/api/requests/${r.r4}/actions/close_unresolved`, {
      version,
      note: '涉及土地权属，暂无法解决',
    });
    expect(closed.json()).toMatchObject({ status: 'resolved', outcome: 'unresolved' });
    await t.database.db
      .updateTable('requests')
      .set({ resolved_at: iso(late, 31) })
      .where('id', '=', r.r4 ?? '')
      .execute();
    await rebuildRequestFigures(t.database.db, fg.id);

    const all = await figures();
    expect(all).toMatchObject({
      total: 6,
      resolved: 3,
      unresolved: 1,
      openPastDue: 1,
      // 3 ÷ (3 + 1 + 1)
      completionRate: 0.6,
      // r1 and r3 on time of 3 resolved
      onTimeRate: 0.6667,
      // 5 and 4 of the ratings 5, 3, 4
      satisfactionRate: 0.6667,
      // (10 + 240 + 20 + 30) ÷ 4
      avgHandlingHours: 75,
      byStatus: { rated: 3, resolved: 1, accepted: 2 },
    });
  });

  it('groups by village, team, category and month', async () => {
    const byKey = (body: { groups: { key: string }[] }) =>
      Object.fromEntries(body.groups.map((g) => [g.key, g])) as Record<string, Record<string, unknown>>;
    const village = byKey(await figures('?groupBy=village'));
    expect(Object.keys(village).sort()).toEqual([fg.west, fg.east].sort());
    expect(village[fg.west]).toMatchObject({
      name: '西村',
      total: 3,
      resolved: 2,
      unresolved: 0,
      openPastDue: 0,
      completionRate: 1,
      onTimeRate: 0.5,
      satisfactionRate: 0.5,
      avgHandlingHours: 125,
    });
    expect(village[fg.east]).toMatchObject({
      name: '东村',
      total: 3,
      resolved: 1,
      unresolved: 1,
      openPastDue: 1,
      completionRate: 0.3333,
      onTimeRate: 1,
      satisfactionRate: 1,
      avgHandlingHours: 25,
    });

    const team = byKey(await figures('?groupBy=team'));
    expect(team[fg.t1]).toMatchObject({ name: '红色服务队', total: 2, resolved: 2, avgHandlingHours: 125 });
    expect(team[fg.t2]).toMatchObject({
      name: '粉色服务队',
      total: 2,
      resolved: 1,
      unresolved: 1,
      completionRate: 0.5,
    });
    expect(team['']).toMatchObject({ name: '—', total: 2, openPastDue: 1, completionRate: 0 });

    const category = byKey(await figures('?groupBy=category'));
    expect(category[fg.cats.road ?? '']).toMatchObject({
      name: '道路交通',
      total: 3,
      resolved: 2,
      completionRate: 0.6667,
    });
    expect(category[fg.cats.water ?? '']).toMatchObject({ name: '供水供电', total: 3, resolved: 1, unresolved: 1 });

    const month = (await figures('?groupBy=month')).groups as { key: string; name: string; total: number }[];
    const earlyMonth = shanghaiDate(early).slice(0, 7);
    const lateMonth = shanghaiDate(late).slice(0, 7);
    expect(month.map((g) => [g.key, g.name, g.total])).toEqual([
      [earlyMonth, earlyMonth, 2],
      [lateMonth, lateMonth, 4],
    ]);
  });

  it("narrows figures to a village admin's village", async () => {
    const westAdmin = await login(t, (await makeUser(t, fg.id, 'village_admin', { villageId: fg.west })).username);
    const res = await westAdmin.get('/api/requests/figures');
    expect(res.json()).toMatchObject({ total: 3, resolved: 2, completionRate: 1, satisfactionRate: 0.5 });
  });

  it('publishes the town figures without a session and without personal data', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/figures?town=${fg.code}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 6, completionRate: 0.6, satisfactionRate: 0.6667, avgHandlingHours: 75 });
    expect(body.groups.map((g: { total: number }) => g.total)).toEqual([2, 4]);
    const text = res.body;
    for (const secret of ['13700009999', '137****9999', '钱大爷', '统计用诉求', '太慢了', fg.west, r.r1 ?? '']) {
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(body).sort()).toEqual(
      [
        'total',
        'resolved',
        'unresolved',
        'openPastDue',
        'completionRate',
        'onTimeRate',
        'satisfactionRate',
        'avgHandlingHours',
        'byStatus',
        'groups',
      ].sort(),
    );
  });
});

describe('resident tracking', () => {
  it('needs the last 4 digits of the mobile given, answering 404 alike for wrong digits and unknown codes', async () => {
    const { code } = await reported({ name: '吴奶奶', mobile: '13812340987' });
    const right = await track(code, '0987');
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ code, status: 'submitted', categoryName: '道路交通', canRate: false });
    expect(right.headers['cache-control']).toBe('no-store');
    expect(right.body).not.toContain('13812340987');
    expect(right.body).not.toContain('138****0987');
    expect(right.body).not.toContain('吴奶奶');

    const wrong = await track(code, '0988');
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json()).toEqual({ code: 'NOT_FOUND', message: '未找到该记录' });
    expect((await track(code)).statusCode).toBe(404);
    const unknown = await track(`TS-${today()}-9999`, '0987');
    expect(unknown.json()).toEqual(wrong.json());
    expect((await track(code.toLowerCase(), '0987')).statusCode).toBe(200);
    expect((await track('not-a-code', '0987')).statusCode).toBe(400);
    expect((await track(code, '98')).json().fields[0].path).toBe('last4');
  });

  it('follows an anonymous report (no mobile) by its code alone', async () => {
    const { id, code } = await reported();
    const res = await track(code);
    expect(res.statusCode).toBe(200);
    expect(res.json().timeline).toEqual([{ at: expect.any(String), kind: 'submitted', text: '您的诉求已提交' }]);
    await ok(await act(admin, id, 'accept'));
    expect((await track(code)).json().timeline.map((e: { text: string }) => e.text)).toEqual([
      '您的诉求已提交',
      '已受理，正在安排办理',
    ]);
  });
});
