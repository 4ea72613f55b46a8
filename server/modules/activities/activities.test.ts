import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../platform/ids.ts';
import { seedDefaultCategories } from '../categories/categories.seed.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTeam,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { makePng, multipart } from '../../test/photos.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let villageAdmin: Client;
let otherVillageAdmin: Client;
let leader: Client;
let plainMember: Client;
let redTeam: { id: string };
let cats: Record<string, string>;
let m: { client: Client; personId: string; userId: string; name: string }[];

const townId = () => town.town.id;
const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const DAY = 86400_000;
/** A Shanghai wall-clock time `days` from today, as ISO with +08:00. */
const at = (days: number, hhmm: string) => {
  const d = new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);
  return `${d}T${hhmm}:00+08:00`;
};

interface Detail {
  id: string;
  version: number;
  state: string;
  title: string;
  edited: boolean;
  startAt: string;
  stalls: {
    id: string;
    version: number;
    kind: string;
    capacity: number;
    taken: number;
    waitlisted: number;
    served: number | null;
  }[];
  counts: { signedUp: number; waitlisted: number; attended: number; noShow: number; cancelled: number; hours: number };
  transitions: string[];
  requests: { id: string; code: string }[];
  photos: { id: string }[];
  publishedAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  reportedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  personTimes: number;
  deeds: number;
  can: { manage: boolean; join: boolean; raiseRequest: boolean };
}

async function linkedMember(teamId: string, name: string) {
  const person = await makePerson(t, townId(), { name, villageId: town.village.id });
  const user = await makeUser(t, townId(), 'member', { personId: person.id });
  await t.database.db
    .insertInto('team_memberships')
    .values({
      town_id: townId(),
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
  return { client: await login(t, user.username), personId: person.id, userId: user.id, name };
}

const body = (extra: Record<string, unknown> = {}) => ({
  kind: 'service_day',
  title: `便民示范日${newId().slice(-6)}`,
  villageId: town.village.id,
  address: '甲村文化广场',
  teamIds: [town.team.id],
  startAt: at(7, '09:00'),
  endAt: at(7, '11:30'),
  stalls: [
    { kind: 'haircut', teamId: town.team.id, capacity: 1 },
    { kind: 'health_check', teamId: redTeam.id, capacity: 3 },
  ],
  ...extra,
});

async function create(client: Client, extra: Record<string, unknown> = {}): Promise<Detail> {
  const res = await client.post('/api/activities', body(extra));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function move(client: Client, a: { id: string; version: number }, transition: string, extra = {}) {
  return client.post(`/api/activities/${a.id}/transitions/${transition}`, { version: a.version, ...extra });
}
async function moveOk(client: Client, a: { id: string; version: number }, ...transitions: string[]): Promise<Detail> {
  let cur = a;
  for (const tr of transitions) {
    const res = await move(client, cur, tr);
    expect(res.statusCode, `${tr}: ${res.body}`).toBe(200);
    cur = res.json();
  }
  return cur as Detail;
}

const count = async (table: 'activities' | 'activity_stalls' | 'activity_signups' | 'activity_series') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('town_id', '=', townId())
        .executeTakeFirst()
    )?.n ?? 0,
  );

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  cats = await seedDefaultCategories(t.database.db, townId());
  redTeam = await makeTeam(t, townId(), { name: '红色服务队', colour: 'red' });
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  leader = await login(t, town.users.teamLeader.username);
  plainMember = await login(t, town.users.member.username);
  otherVillageAdmin = await login(
    t,
    (await makeUser(t, townId(), 'village_admin', { villageId: town.otherVillage.id })).username,
  );
  m = [];
  for (const name of ['张一', '李二', '王三', '赵四']) m.push(await linkedMember(town.team.id, name));
});
afterAll(async () => t.close());

describe('planning and validation', () => {
  it('lists the default stall kinds and lets the town add one', async () => {
    const res = await admin.get('/api/activities/stall-kinds');
    expect(res.statusCode).toBe(200);
    const codes = (res.json() as { code: string; name: string }[]).map((k) => k.code);
    expect(codes).toEqual(
      expect.arrayContaining(['haircut', 'health_check', 'home_repair', 'anti_fraud', 'consultation', 'legal']),
    );
    const added = await admin.post('/api/activities/stall-kinds', { code: 'massage', name: '推拿' });
    expect(added.statusCode, added.body).toBe(201);
    expect((await admin.post('/api/activities/stall-kinds', { code: 'massage', name: '推拿' })).statusCode).toBe(409);
    expect((await leader.post('/api/activities/stall-kinds', { code: 'tea', name: '茶' })).statusCode).toBe(403);
    const a = await create(admin, { stalls: [{ kind: 'massage', capacity: 2 }] });
    expect(a.stalls[0]?.kind).toBe('massage');
  });

  it('lets the town admin rename and disable a stall kind, refusing stale versions and bad fields', async () => {
    const added = await admin.post('/api/activities/stall-kinds', { code: 'tea_stall', name: '茶水', sort: 5 });
    expect(added.statusCode, added.body).toBe(201);
    const kind = added.json() as { id: string; version: number };
    const dup = await admin.post('/api/activities/stall-kinds', { code: 'tea_stall', name: '茶水' });
    expect(dup.json().fields[0].path).toBe('code');
    for (const [payload, field] of [
      [{ code: 'Tea stall', name: '茶' }, 'code'],
      [{ code: 'tea2', name: '' }, 'name'],
    ] as const) {
      const bad = await admin.post('/api/activities/stall-kinds', payload);
      expect(bad.statusCode, bad.body).toBe(400);
      expect(bad.json().fields[0].path).toBe(field);
    }
    const url = `/api/activities/stall-kinds/${kind.id}`;
    expect((await villageAdmin.patch(url, { name: '奉茶', version: kind.version })).statusCode).toBe(403);
    const renamed = await admin.patch(url, { name: '奉茶', version: kind.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: '奉茶', code: 'tea_stall', disabled: false });
    const stale = await admin.patch(url, { disabled: true, version: kind.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const disabled = await admin.patch(url, { disabled: true, version: renamed.json().version });
    expect(disabled.json()).toMatchObject({ disabled: true });
    const listed = (await admin.get('/api/activities/stall-kinds')).json() as { code: string; disabled: boolean }[];
    expect(listed.find((k) => k.code === 'tea_stall')).toMatchObject({ disabled: true });
    const refused = await admin.post('/api/activities', body({ stalls: [{ kind: 'tea_stall' }] }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].path).toBe('stalls.0.kind');
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const before = [await count('activities'), await count('activity_stalls')];
    const cases: [Record<string, unknown>, string][] = [
      [{ stalls: [{ kind: 'haircut' }, { kind: 'juggling' }] }, 'stalls.1.kind'],
      [{ stalls: [{ kind: 'haircut', teamId: UNKNOWN }] }, 'stalls.0.teamId'],
      [{ teamIds: [town.team.id, UNKNOWN] }, 'teamIds.1'],
      [{ endAt: at(7, '08:00') }, 'endAt'],
      [{ address: null }, 'address'],
      [{ kind: 'party' }, 'kind'],
      [{ villageId: UNKNOWN }, 'villageId'],
      [{ startAt: '2026-13-01 09:00' }, 'startAt'],
    ];
    for (const [extra, field] of cases) {
      const res = await admin.post('/api/activities', body(extra));
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(
        res.json().fields.map((f: { path: string }) => f.path),
        field,
      ).toContain(field);
    }
    expect([await count('activities'), await count('activity_stalls')]).toEqual(before);
  });

  it('scopes management: village admins in their village, leaders for their team', async () => {
    const own = await create(villageAdmin, { teamIds: [] });
    expect(own.can.manage).toBe(true);
    expect(
      (await villageAdmin.post('/api/activities', body({ villageId: town.otherVillage.id, teamIds: [] }))).statusCode,
    ).toBe(403);
    // A village admin of another village sees it but cannot change it.
    expect((await otherVillageAdmin.get(`/api/activities/${own.id}`)).json().can.manage).toBe(false);
    expect(
      (await otherVillageAdmin.patch(`/api/activities/${own.id}`, { title: '改', version: own.version })).statusCode,
    ).toBe(403);
    expect((await move(otherVillageAdmin, own, 'publish')).statusCode).toBe(403);
    // The leader runs what their team organises, not the red team's activity elsewhere.
    const mine = await create(leader, { villageId: town.otherVillage.id });
    expect(mine.can.manage).toBe(true);
    const red = await create(admin, { villageId: town.otherVillage.id, teamIds: [redTeam.id], stalls: [] });
    expect((await move(leader, red, 'publish')).statusCode).toBe(403);
    expect(
      (await leader.post('/api/activities', body({ teamIds: [redTeam.id], villageId: town.otherVillage.id })))
        .statusCode,
    ).toBe(403);
    // Members cannot plan, and do not see planned activities.
    expect((await plainMember.post('/api/activities', body())).statusCode).toBe(403);
    expect((await plainMember.get(`/api/activities/${red.id}`)).statusCode).toBe(404);
  });
});

describe('lifecycle', () => {
  it('goes planned → published → under way → done → reported with timestamps', async () => {
    const a = await create(admin, { stalls: [{ kind: 'legal', capacity: 2 }] });
    expect(a.state).toBe('planned');
    expect(a.transitions.sort()).toEqual(['cancel', 'publish']);
    const published = await moveOk(admin, a, 'publish');
    expect(published.publishedAt).not.toBeNull();
    // report before done: refused with the state in the message
    const early = await move(admin, published, 'report');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INVALID_TRANSITION');
    expect(early.json().message).toContain('已发布');
    // stale version
    const stale = await move(admin, a, 'start');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    const done = await moveOk(admin, published, 'start', 'finish');
    expect(done.startedAt).not.toBeNull();
    expect(done.finishedAt).not.toBeNull();
    // report needs every stall's results
    const missing = await move(admin, done, 'report');
    expect(missing.statusCode).toBe(409);
    expect(missing.json().message).toContain('法律咨询');
    const stall = done.stalls[0]!;
    const withResults = await admin.put(`/api/activities/${a.id}/stalls/${stall.id}/results`, {
      served: 12,
      deeds: 3,
      notes: '解答合同纠纷',
      version: stall.version,
    });
    expect(withResults.statusCode, withResults.body).toBe(200);
    const reported = await moveOk(admin, withResults.json(), 'report');
    expect(reported.state).toBe('reported');
    expect(reported.reportedAt).not.toBeNull();
    expect(reported.transitions).toEqual([]);
    expect((await move(admin, reported, 'cancel', { reason: '晚了' })).statusCode).toBe(409);
  });

  it('cancels with a reason only, and tells those signed up', async () => {
    const a = await moveOk(admin, await create(admin), 'publish');
    expect((await m[3]!.client.post(`/api/activities/${a.id}/sign-up`, {})).statusCode).toBe(201);
    const noReason = await move(admin, a, 'cancel');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].path).toBe('reason');
    const cancelled = await move(admin, a, 'cancel', { reason: '台风预警' });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', cancelReason: '台风预警' });
    expect(cancelled.json().counts.cancelled).toBe(1);
    const notes = await m[3]!.client.get('/api/notifications');
    expect(JSON.stringify(notes.json())).toContain('活动取消');
  });
});

describe('monthly series', () => {
  it('generates occurrences; one edited occurrence keeps its own changes when the series changes', async () => {
    const next = new Date(Date.now() + 8 * 3600_000);
    const fromMonth = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
    const res = await admin.post('/api/activities/series', {
      kind: 'service_day',
      title: '每月22日便民示范日',
      address: '镇文化广场',
      teamIds: [town.team.id, redTeam.id],
      dayOfMonth: 22,
      startTime: '08:30',
      endTime: '11:30',
      fromMonth,
      months: 3,
      stalls: [{ kind: 'haircut', teamId: town.team.id, capacity: 2 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s.occurrences).toHaveLength(3);
    expect(s.occurrences.map((o: { startAt: string }) => o.startAt)).toEqual(
      [0, 1, 2].map((i) => {
        const d = new Date(`${fromMonth}-01T00:00:00Z`);
        const mo = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i, 22));
        return new Date(`${mo.toISOString().slice(0, 10)}T08:30:00+08:00`).toISOString();
      }),
    );
    const second = s.occurrences[1];
    const edited = await admin.patch(`/api/activities/${second.id}`, {
      title: '第二次改到村里',
      version: second.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().edited).toBe(true);
    const changed = await admin.patch(`/api/activities/series/${s.id}`, {
      title: '便民示范日（新）',
      startTime: '09:00',
      version: s.version,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = changed.json();
    expect(after.updated).toBe(2);
    const [o1, o2, o3] = after.occurrences;
    expect(o1.title).toBe('便民示范日（新）');
    expect(o3.title).toBe('便民示范日（新）');
    expect(o1.startAt.slice(11, 16)).toBe('01:00'); // 09:00 Shanghai
    expect(o2.title).toBe('第二次改到村里');
    expect(o2.startAt.slice(11, 16)).toBe('00:30');
    expect(o1.stallKinds).toEqual(['义剪']);
    // stale series edit
    expect((await admin.patch(`/api/activities/series/${s.id}`, { title: 'x', version: s.version })).statusCode).toBe(
      409,
    );
    const extended = await admin.post(`/api/activities/series/${s.id}/extend`, { months: 2, version: after.version });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().occurrences).toHaveLength(5);
  });
});

describe('sign-up, waiting list and attendance', () => {
  let a: Detail;
  let haircut: string;

  it('fills a stall, queues the rest and moves the first up when someone withdraws', async () => {
    a = await moveOk(admin, await create(admin), 'publish');
    haircut = a.stalls[0]!.id;
    const s1 = await m[0]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: haircut });
    expect(s1.statusCode, s1.body).toBe(201);
    expect(s1.json().state).toBe('signed_up');
    const s2 = await m[1]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: haircut });
    expect(s2.json()).toMatchObject({ state: 'waitlisted', waitlistPosition: 1 });
    const s3 = await m[2]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: haircut });
    expect(s3.json()).toMatchObject({ state: 'waitlisted', waitlistPosition: 2 });
    const again = await m[0]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: haircut });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已报名');
    const bad = await m[3]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: UNKNOWN });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('stallId');

    const w = await m[0]!.client.post(`/api/activities/${a.id}/withdraw`);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().state).toBe('cancelled');
    const d = (await admin.get(`/api/activities/${a.id}`)).json() as Detail;
    expect(d.stalls[0]).toMatchObject({ taken: 1, waitlisted: 1 });
    const mine = (await m[1]!.client.get(`/api/activities/${a.id}`)).json();
    expect(mine.mySignup.state).toBe('signed_up');
    expect(JSON.stringify((await m[1]!.client.get('/api/notifications')).json())).toContain('候补转正');
    expect((await m[2]!.client.get(`/api/activities/${a.id}`)).json().mySignup.waitlistPosition).toBe(1);
  });

  it('refuses past capacity when the activity keeps no waiting list', async () => {
    const b = await moveOk(admin, await create(admin, { waitlist: false, capacity: 1, stalls: [] }), 'publish');
    expect((await m[0]!.client.post(`/api/activities/${b.id}/sign-up`, {})).statusCode).toBe(201);
    const full = await m[1]!.client.post(`/api/activities/${b.id}/sign-up`, {});
    expect(full.statusCode).toBe(409);
    expect(full.json().message).toContain('名额已满（1 人）');
    // An account without a member record cannot sign up.
    const none = await plainMember.post(`/api/activities/${b.id}/sign-up`, {});
    expect(none.statusCode).toBe(403);
    expect(none.json().message).toContain('没有关联队员档案');
  });

  it('lets leaders assign members; checks in only while under way; hours go to the ledger', async () => {
    const assigned = await leader.post(`/api/activities/${a.id}/assign`, {
      personIds: [m[3]!.personId],
      stallId: a.stalls[1]!.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()[0]).toMatchObject({ state: 'signed_up', source: 'assigned' });
    const badPerson = await admin.post(`/api/activities/${a.id}/assign`, { personIds: [UNKNOWN] });
    expect(badPerson.statusCode).toBe(400);
    expect(badPerson.json().fields[0].path).toBe('personIds.0');

    const early = await m[1]!.client.post(`/api/activities/${a.id}/check-in`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('INVALID_TRANSITION');
    expect(early.json().message).toContain('只有进行中的活动才能签到');

    const cur = (await admin.get(`/api/activities/${a.id}`)).json() as Detail;
    await moveOk(admin, cur, 'start');
    const ci = await m[1]!.client.post(`/api/activities/${a.id}/check-in`, {});
    expect(ci.statusCode, ci.body).toBe(200);
    expect(ci.json().state).toBe('attended');
    expect((await m[1]!.client.post(`/api/activities/${a.id}/check-in`, {})).statusCode).toBe(409);
    const waiting = await m[2]!.client.post(`/api/activities/${a.id}/check-in`, {});
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().message).toContain('候补');
    // a member cannot check someone else in
    expect((await m[1]!.client.post(`/api/activities/${a.id}/check-in`, { personId: m[3]!.personId })).statusCode).toBe(
      403,
    );

    // Two and a half hours on the day, then check-out.
    await t.database.db
      .updateTable('activity_signups')
      .set({ check_in_at: new Date(Date.now() - 2.5 * 3600_000).toISOString() })
      .where('town_id', '=', townId())
      .where('id', '=', ci.json().id)
      .execute();
    const co = await m[1]!.client.post(`/api/activities/${a.id}/check-out`, {});
    expect(co.statusCode, co.body).toBe(200);
    expect(co.json()).toMatchObject({ hours: 2.5, hoursStatus: 'pending' });
    const ledger = await t.database.db
      .selectFrom('service_hours')
      .selectAll()
      .where('town_id', '=', townId())
      .where('source', '=', 'activity')
      .where('source_id', '=', ci.json().id)
      .execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      person_id: m[1]!.personId,
      hours: 2.5,
      status: 'pending',
      team_id: town.team.id,
    });
    // The member sees it in their own hours.
    expect(JSON.stringify((await m[1]!.client.get('/api/me/hours')).json())).toContain(ci.json().id);

    // The organiser checks in the assigned member, who is then checked out at finish.
    const byOrganiser = await admin.post(`/api/activities/${a.id}/check-in`, { personId: m[3]!.personId });
    expect(byOrganiser.statusCode, byOrganiser.body).toBe(200);
    // Walk-in: m[0] withdrew earlier and comes anyway.
    const walkIn = await m[0]!.client.post(`/api/activities/${a.id}/check-in`, {});
    expect(walkIn.statusCode, walkIn.body).toBe(200);
    const finished = await moveOk(admin, (await admin.get(`/api/activities/${a.id}`)).json(), 'finish');
    expect(finished.counts).toMatchObject({ attended: 3, waitlisted: 1 });
    const signups = (await admin.get(`/api/activities/${a.id}/signups`)).json() as {
      personId: string;
      checkOutAt: string | null;
    }[];
    expect(signups.find((s) => s.personId === m[3]!.personId)?.checkOutAt).not.toBeNull();
    // Leaders see the hours in the ledger and can approve them.
    const hours = await leader.get('/api/service-hours?status=pending');
    expect(hours.statusCode, hours.body).toBe(200);
    expect(JSON.stringify(hours.json())).toContain(ci.json().id);
  });

  it('records no-shows at finish', async () => {
    const b = await moveOk(admin, await create(admin, { stalls: [] }), 'publish');
    await m[0]!.client.post(`/api/activities/${b.id}/sign-up`, {});
    await m[1]!.client.post(`/api/activities/${b.id}/sign-up`, {});
    await moveOk(admin, (await admin.get(`/api/activities/${b.id}`)).json(), 'start');
    await m[0]!.client.post(`/api/activities/${b.id}/check-in`, {});
    const done = await moveOk(admin, (await admin.get(`/api/activities/${b.id}`)).json(), 'finish');
    expect(done.counts).toMatchObject({ attended: 1, noShow: 1, signedUp: 0 });
    const late = await m[1]!.client.post(`/api/activities/${b.id}/check-in`, {});
    expect(late.statusCode).toBe(409);
  });
});

describe('results, photos, requests and the report', () => {
  let a: Detail;

  it('validates results precisely', async () => {
    a = await moveOk(admin, await create(admin, { title: '十月便民示范日' }), 'publish');
    const stall = a.stalls[0]!;
    const notYet = await admin.put(`/api/activities/${a.id}/stalls/${stall.id}/results`, {
      served: 5,
      deeds: 1,
      version: stall.version,
    });
    expect(notYet.statusCode).toBe(409);
    a = await moveOk(admin, (await admin.get(`/api/activities/${a.id}`)).json(), 'start');
    for (const [payload, field] of [
      [{ served: -1, deeds: 0 }, 'served'],
      [{ served: 1.5, deeds: 0 }, 'served'],
      [{ served: 3, deeds: -2 }, 'deeds'],
      [{ deeds: 2 }, 'served'],
    ] as const) {
      const res = await admin.put(`/api/activities/${a.id}/stalls/${stall.id}/results`, {
        ...payload,
        version: stall.version,
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().fields[0].path).toBe(field);
    }
    const ok = await admin.put(`/api/activities/${a.id}/stalls/${stall.id}/results`, {
      served: 38,
      deeds: 5,
      version: stall.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await admin.put(`/api/activities/${a.id}/stalls/${stall.id}/results`, {
      served: 1,
      deeds: 1,
      version: stall.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('STALE_VERSION');
    // The green leader organises this activity, so records the red team's stall too.
    const red = a.stalls[1]!;
    expect(
      (
        await leader.put(`/api/activities/${a.id}/stalls/${red.id}/results`, {
          served: 1,
          deeds: 0,
          version: red.version,
        })
      ).statusCode,
    ).toBe(200);
    const summary = await admin.put(`/api/activities/${a.id}/summary`, {
      summary: '群众反响热烈。',
      reach: 120,
      version: (await admin.get(`/api/activities/${a.id}`)).json().version,
    });
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({ personTimes: 38 + 1 + 120, deeds: 5 });
    a = summary.json();
  });

  it('turns a problem found at a stall into a request with the activity as origin', async () => {
    const res = await admin.post(`/api/activities/${a.id}/requests`, {
      stallId: a.stalls[0]!.id,
      categoryId: cats.road,
      description: '村口路灯坏了三盏',
      name: '陈大爷',
      mobile: '13800138000',
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, code } = res.json();
    expect(code).toMatch(/^TS-\d{8}-\d{4}$/);
    const request = (await admin.get(`/api/requests/${id}`)).json();
    expect(request).toMatchObject({ channel: 'stall', origin: { kind: 'activity', id: a.id } });
    expect(request.reporterMobile).not.toContain('13800138000');
    const detail = (await admin.get(`/api/activities/${a.id}`)).json() as Detail;
    expect(detail.requests.map((r) => r.code)).toEqual([code]);
    const badCat = await admin.post(`/api/activities/${a.id}/requests`, { categoryId: UNKNOWN, description: '问题' });
    expect(badCat.statusCode).toBe(400);
    expect(badCat.json().fields[0].path).toBe('categoryId');
    // Not before the day.
    const planned = await create(admin);
    const early = await admin.post(`/api/activities/${planned.id}/requests`, {
      categoryId: cats.road,
      description: '问题',
    });
    expect(early.statusCode).toBe(409);
  });

  it('attaches photos uploaded for it', async () => {
    const up = await admin.request({ method: 'POST', url: '/api/uploads', ...multipart(await makePng(80, 60)) });
    expect(up.statusCode, up.body).toBe(201);
    const res = await admin.post(`/api/activities/${a.id}/photos`, { photoIds: [up.json().id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().photos.map((p: { id: string }) => p.id)).toEqual([up.json().id]);
    const bad = await admin.post(`/api/activities/${a.id}/photos`, { photoIds: [UNKNOWN] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('photoIds.0');
  });

  it('reports as JSON and as a real Word document with the title and figures', async () => {
    const json = await admin.get(`/api/activities/${a.id}/report`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().figures).toMatchObject({ personTimes: 159, served: 39, reach: 120, deeds: 5, requests: 1 });
    expect(json.json().stalls).toHaveLength(2);
    const doc = await admin.get(`/api/activities/${a.id}/report.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const zip = await JSZip.loadAsync(doc.rawPayload);
    const xml = await zip.file('word/document.xml')?.async('string');
    expect(xml).toBeDefined();
    expect(xml).toContain('十月便民示范日');
    expect(xml).toContain('活动报告');
    expect(xml).toContain('159');
    expect(xml).toContain('摊位服务情况');
    expect(xml).toContain('义剪');
    expect(Object.keys(zip.files).some((f) => f.startsWith('word/media/'))).toBe(true);
  });
});

describe('lists and the public calendar', () => {
  it('filters, searches and pages; members see published and later only', async () => {
    const tag = `筛选${newId().slice(-5)}`;
    const a1 = await create(admin, {
      title: `${tag}甲`,
      kind: 'campaign',
      stalls: [{ kind: 'anti_fraud', teamId: redTeam.id }],
    });
    await moveOk(admin, a1, 'publish');
    await create(admin, { title: `${tag}乙`, kind: 'training', stalls: [], villageId: town.otherVillage.id });
    const all = (await admin.get(`/api/activities?q=${encodeURIComponent(tag)}`)).json();
    expect(all.total).toBe(2);
    expect((await admin.get(`/api/activities?q=${encodeURIComponent(tag)}&kind=campaign`)).json().total).toBe(1);
    expect((await admin.get(`/api/activities?q=${encodeURIComponent(tag)}&state=planned`)).json().total).toBe(1);
    expect((await admin.get(`/api/activities?q=${encodeURIComponent(tag)}&teamId=${redTeam.id}`)).json().total).toBe(1);
    expect(
      (await admin.get(`/api/activities?q=${encodeURIComponent(tag)}&villageId=${town.otherVillage.id}`)).json().total,
    ).toBe(1);
    const day = at(7, '00:00').slice(0, 10);
    expect((await admin.get(`/api/activities?q=${encodeURIComponent(tag)}&from=${day}&to=${day}`)).json().total).toBe(
      2,
    );
    expect((await admin.get(`/api/activities?q=${encodeURIComponent(tag)}&to=2020-01-01`)).json().total).toBe(0);
    const page = (await admin.get(`/api/activities?q=${encodeURIComponent(tag)}&pageSize=1&page=2`)).json();
    expect(page).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
    const seen = (await m[0]!.client.get(`/api/activities?q=${encodeURIComponent(tag)}`)).json();
    expect(seen.total).toBe(1);
    expect(seen.items[0].state).toBe('published');
    expect((await admin.get('/api/activities?state=bogus')).statusCode).toBe(400);
    const xlsx = await admin.get(`/api/activities/export.xlsx?q=${encodeURIComponent(tag)}`);
    expect(xlsx.statusCode).toBe(200);
  });

  it('shows upcoming published service days with stall kinds and no personal data', async () => {
    const a = await moveOk(admin, await create(admin, { title: '公开日历测试' }), 'publish');
    await m[0]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: a.stalls[1]!.id });
    const hidden = await create(admin, { title: '未发布的计划' });
    const res = await t.app.inject({ method: 'GET', url: `/api/public/activities?town=${town.town.code}&limit=50` });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; title: string; stallKinds: { name: string }[] }[];
    const item = items.find((i) => i.id === a.id);
    expect(item?.stallKinds.map((k) => k.name)).toEqual(['义剪', '义诊']);
    expect(items.some((i) => i.id === hidden.id)).toBe(false);
    for (const person of m) expect(res.body).not.toContain(person.name);
    expect(res.body).not.toMatch(/mobile|personId|1[3-9]\d{9}/);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/activities?town=nope' })).statusCode).toBe(404);
  });
});

describe('stall staffing and races', () => {
  it("lets a leader run their team's stall in another team's activity, but not the rest of it", async () => {
    const a = await moveOk(
      admin,
      await create(admin, {
        teamIds: [redTeam.id],
        villageId: town.otherVillage.id,
        stalls: [
          { kind: 'haircut', teamId: town.team.id, capacity: 2 },
          { kind: 'health_check', teamId: redTeam.id, capacity: 2 },
        ],
      }),
      'publish',
    );
    const [green, red] = a.stalls as [Detail['stalls'][number], Detail['stalls'][number]];
    expect(
      (await leader.post(`/api/activities/${a.id}/assign`, { personIds: [m[0]!.personId], stallId: green.id }))
        .statusCode,
    ).toBe(200);
    expect(
      (await leader.post(`/api/activities/${a.id}/assign`, { personIds: [m[1]!.personId], stallId: red.id }))
        .statusCode,
    ).toBe(403);
    expect((await leader.post(`/api/activities/${a.id}/assign`, { personIds: [m[1]!.personId] })).statusCode).toBe(403);
    const started = await moveOk(admin, (await admin.get(`/api/activities/${a.id}`)).json(), 'start');
    const s = started.stalls.find((x) => x.id === green.id)!;
    expect(
      (
        await leader.put(`/api/activities/${a.id}/stalls/${green.id}/results`, {
          served: 9,
          deeds: 1,
          version: s.version,
        })
      ).statusCode,
    ).toBe(200);
    const r = started.stalls.find((x) => x.id === red.id)!;
    expect(
      (
        await leader.put(`/api/activities/${a.id}/stalls/${red.id}/results`, {
          served: 9,
          deeds: 1,
          version: r.version,
        })
      ).statusCode,
    ).toBe(403);
    expect((await leader.post(`/api/activities/${a.id}/check-in`, { personId: m[0]!.personId })).statusCode).toBe(200);
    // Members may not attach photos or see the sign-up list.
    expect((await m[0]!.client.post(`/api/activities/${a.id}/photos`, { photoIds: [UNKNOWN] })).statusCode).toBe(403);
    expect((await m[0]!.client.get(`/api/activities/${a.id}/signups`)).statusCode).toBe(403);
  });

  it('moves people off the waiting list when a stall gets more places', async () => {
    const a = await moveOk(admin, await create(admin, { stalls: [{ kind: 'legal', capacity: 1 }] }), 'publish');
    const stall = a.stalls[0]!;
    await m[0]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: stall.id });
    expect((await m[1]!.client.post(`/api/activities/${a.id}/sign-up`, { stallId: stall.id })).json().state).toBe(
      'waitlisted',
    );
    const more = await admin.patch(`/api/activities/${a.id}/stalls/${stall.id}`, {
      capacity: 2,
      version: stall.version,
    });
    expect(more.statusCode, more.body).toBe(200);
    expect(more.json().stalls[0]).toMatchObject({ capacity: 2, taken: 2, waitlisted: 0, free: 0 });
    // A stall with sign-ups cannot be removed.
    const rm = await admin.delete(`/api/activities/${a.id}/stalls/${stall.id}`);
    expect(rm.statusCode).toBe(409);
    expect(rm.json().message).toContain('已有人报名');
  });

  it('gives the last place to exactly one of two members signing up at once', async () => {
    const a = await moveOk(admin, await create(admin, { stalls: [{ kind: 'haircut', capacity: 1 }] }), 'publish');
    const stallId = a.stalls[0]!.id;
    const results = await Promise.all(
      [m[2]!, m[3]!].map((p) => p.client.post(`/api/activities/${a.id}/sign-up`, { stallId })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201]);
    expect(results.map((r) => r.json().state).sort()).toEqual(['signed_up', 'waitlisted']);
  });
});
