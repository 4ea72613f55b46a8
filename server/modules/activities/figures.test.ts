/** Figures against numbers worked out by hand, in a town of their own; and their scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../platform/ids.ts';
import { rebuildRollups } from './activities.rollups.ts';
import { monthSpan } from '../../platform/months.ts';
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

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let villageAdmin: Client;
let leader: Client;
let plainMember: Client;
let red: { id: string };
const people: { client: Client; personId: string }[] = [];
const DAY = 86400_000;
const shanghai = (days: number, hhmm: string) =>
  `${new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10)}T${hhmm}:00+08:00`;
const monthOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);

interface Detail {
  id: string;
  version: number;
  stalls: { id: string; version: number; kind: string }[];
}

async function linked(teamId: string) {
  const person = await makePerson(t, town.town.id, { villageId: town.village.id });
  const user = await makeUser(t, town.town.id, 'member', { personId: person.id });
  await t.database.db
    .insertInto('team_memberships')
    .values({
      town_id: town.town.id,
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
  return { client: await login(t, user.username), personId: person.id };
}

const current = async (id: string): Promise<Detail> => (await admin.get(`/api/activities/${id}`)).json();
async function move(id: string, ...transitions: string[]) {
  for (const tr of transitions) {
    const d = await current(id);
    const res = await admin.post(`/api/activities/${id}/transitions/${tr}`, {
      version: d.version,
      ...(tr === 'cancel' ? { reason: '天气原因' } : {}),
    });
    expect(res.statusCode, `${tr}: ${res.body}`).toBe(200);
  }
}
async function results(id: string, kind: string, served: number, deeds: number) {
  const d = await current(id);
  const stall = d.stalls.find((s) => s.kind === kind)!;
  const res = await admin.put(`/api/activities/${id}/stalls/${stall.id}/results`, {
    served,
    deeds,
    version: stall.version,
  });
  expect(res.statusCode, res.body).toBe(200);
}
/** Checks a person in and out after `hours` on the day. */
async function attend(id: string, p: { client: Client; personId: string }, hours: number) {
  const ci = await p.client.post(`/api/activities/${id}/check-in`, {});
  expect(ci.statusCode, ci.body).toBe(200);
  await t.database.db
    .updateTable('activity_signups')
    .set({ check_in_at: new Date(Date.now() - hours * 3600_000).toISOString() })
    .where('town_id', '=', town.town.id)
    .where('id', '=', ci.json().id)
    .execute();
  const co = await p.client.post(`/api/activities/${id}/check-out`, {});
  expect(co.json().hours).toBe(hours);
}

let a1Start: string;
let a2Start: string;

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  red = await makeTeam(t, town.town.id, { name: '红色服务队', colour: 'red' });
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  leader = await login(t, town.users.teamLeader.username);
  plainMember = await login(t, town.users.member.username);
  for (let i = 0; i < 4; i++) people.push(await linked(town.team.id));
  const green = town.team.id;

  // A1: a service day in 甲村 by green (lead) and red, 40 days ago.
  a1Start = shanghai(-40, '09:00');
  const a1 = (
    await admin.post('/api/activities', {
      kind: 'service_day',
      title: '便民示范日 A1',
      villageId: town.village.id,
      address: '甲村广场',
      teamIds: [green, red.id],
      startAt: a1Start,
      endAt: shanghai(-40, '11:30'),
      stalls: [
        { kind: 'haircut', teamId: green, capacity: 2 },
        { kind: 'health_check', teamId: red.id, capacity: 2 },
        { kind: 'consultation', capacity: 2 },
      ],
    })
  ).json() as Detail;
  await move(a1.id, 'publish');
  const [haircut, health] = a1.stalls;
  const [p1, p2, p3, p4] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
  expect((await p1.client.post(`/api/activities/${a1.id}/sign-up`, { stallId: haircut!.id })).statusCode).toBe(201);
  expect((await p2.client.post(`/api/activities/${a1.id}/sign-up`, { stallId: haircut!.id })).statusCode).toBe(201);
  expect((await p3.client.post(`/api/activities/${a1.id}/sign-up`, { stallId: health!.id })).statusCode).toBe(201);
  expect((await p4.client.post(`/api/activities/${a1.id}/sign-up`, {})).statusCode).toBe(201);
  await move(a1.id, 'start');
  await attend(a1.id, p1, 2);
  await attend(a1.id, p3, 1.5);
  await attend(a1.id, p4, 1);
  await results(a1.id, 'haircut', 30, 2);
  await results(a1.id, 'health_check', 20, 1);
  await results(a1.id, 'consultation', 10, 0);
  await move(a1.id, 'finish', 'report'); // p2 becomes a no-show

  // A2: an anti-fraud campaign in 乙村 by red, 10 days ago, reaching 200 people beyond its stall.
  a2Start = shanghai(-10, '14:00');
  const a2 = (
    await admin.post('/api/activities', {
      kind: 'campaign',
      title: '反诈宣传 A2',
      villageId: town.otherVillage.id,
      address: '乙村村委会',
      teamIds: [red.id],
      startAt: a2Start,
      endAt: shanghai(-10, '16:00'),
      stalls: [{ kind: 'anti_fraud', teamId: red.id, capacity: 5 }],
    })
  ).json() as Detail;
  await move(a2.id, 'publish', 'start');
  await results(a2.id, 'anti_fraud', 15, 4);
  const d2 = await current(a2.id);
  expect((await admin.put(`/api/activities/${a2.id}/summary`, { reach: 200, version: d2.version })).statusCode).toBe(
    200,
  );
  await move(a2.id, 'finish');

  // Not held: one cancelled, one upcoming, one under way.
  const base = { kind: 'training', title: '培训', address: '镇政府', teamIds: [green], stalls: [] };
  const c = (
    await admin.post('/api/activities', { ...base, startAt: shanghai(-5, '09:00'), endAt: shanghai(-5, '10:00') })
  ).json();
  await move(c.id, 'cancel');
  const u = (
    await admin.post('/api/activities', { ...base, startAt: shanghai(5, '09:00'), endAt: shanghai(5, '10:00') })
  ).json();
  await move(u.id, 'publish');
  const w = (
    await admin.post('/api/activities', { ...base, startAt: shanghai(0, '00:00'), endAt: shanghai(0, '23:59') })
  ).json();
  await move(w.id, 'publish', 'start');
});
afterAll(async () => t.close());

describe('activity figures', () => {
  it('adds up the town as worked out by hand', async () => {
    const res = await admin.get('/api/activities/figures');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      held: 2,
      served: 75,
      reach: 200,
      personTimes: 275,
      deeds: 7,
      signups: 4,
      attended: 3,
      noShows: 1,
      attendanceRate: 0.75,
      hours: 4.5,
      upcoming: 1,
      cancelled: 1,
      groups: [],
    });
  });

  it('gives each team what it staffed, and reach to the lead team', async () => {
    const groups = (await admin.get('/api/activities/figures?groupBy=team')).json().groups as Record<string, unknown>[];
    const by = Object.fromEntries(groups.map((g) => [g.name as string, g]));
    expect(by['绿色服务队']).toMatchObject({
      held: 1,
      served: 40,
      reach: 0,
      personTimes: 40,
      deeds: 2,
      signups: 3,
      attended: 2,
      noShows: 1,
      hours: 3,
    });
    expect(by['红色服务队']).toMatchObject({
      held: 2,
      served: 35,
      reach: 200,
      personTimes: 235,
      deeds: 5,
      signups: 1,
      attended: 1,
      noShows: 0,
      hours: 1.5,
    });
  });

  it('groups by village, month and kind, and filters by date', async () => {
    const villages = (await admin.get('/api/activities/figures?groupBy=village')).json().groups as {
      name: string;
      personTimes: number;
      held: number;
    }[];
    expect(villages.map((v) => [v.name, v.held, v.personTimes]).sort()).toEqual([
      ['乙村', 1, 215],
      ['甲村', 1, 60],
    ]);
    const months = (await admin.get('/api/activities/figures?groupBy=month')).json().groups as {
      key: string;
      held: number;
      personTimes: number;
    }[];
    const expected = new Map<string, number>();
    expected.set(monthOf(a1Start), (expected.get(monthOf(a1Start)) ?? 0) + 60);
    expected.set(monthOf(a2Start), (expected.get(monthOf(a2Start)) ?? 0) + 215);
    expect(months.map((m) => [m.key, m.personTimes])).toEqual([...expected].sort());
    const kinds = (await admin.get('/api/activities/figures?groupBy=kind')).json().groups as {
      key: string;
      held: number;
    }[];
    expect(kinds.map((k) => k.key).sort()).toEqual(['campaign', 'service_day']);
    const from = shanghai(-20, '00:00').slice(0, 10);
    const recent = (await admin.get(`/api/activities/figures?from=${from}`)).json();
    expect(recent).toMatchObject({ held: 1, personTimes: 215, deeds: 4, hours: 0 });
    expect((await admin.get('/api/activities/figures?from=2026-02-30x')).statusCode).toBe(400);
  });

  it("narrows to the caller's scope", async () => {
    expect((await villageAdmin.get('/api/activities/figures')).json()).toMatchObject({
      held: 1,
      personTimes: 60,
      deeds: 3,
      hours: 4.5,
    });
    expect((await leader.get('/api/activities/figures')).json()).toMatchObject({
      held: 1,
      personTimes: 40,
      deeds: 2,
      hours: 3,
      signups: 3,
    });
    const leaderTeams = (await leader.get('/api/activities/figures?groupBy=team')).json().groups as { name: string }[];
    expect(leaderTeams.map((g) => g.name)).toEqual(['绿色服务队']);
    expect((await plainMember.get('/api/activities/figures')).statusCode).toBe(403);
  });

  it('reads whole months from the monthly cells and the days around them from the activities', async () => {
    const date = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
    const lastDay = (month: string) => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
    };
    const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
    const a2Day = date(a2Start);
    const a1Month = monthOf(a1Start);
    const today = date(new Date().toISOString());
    const ask = async (from: string, to: string) => {
      const res = await admin.get(`/api/activities/figures?from=${from}&to=${to}`);
      expect(res.statusCode, res.body).toBe(200);
      const f = res.json();
      return [f.held, f.personTimes];
    };
    // One day (no whole month), a whole month (cells only), whole months with days around them.
    expect(await ask(a2Day, a2Day)).toEqual([1, 215]);
    expect(await ask(dayAfter(a2Day), today)).toEqual([0, 0]);
    expect(await ask(`${a1Month}-01`, lastDay(a1Month))).toEqual([1, 60]);
    expect(await ask(date(a1Start), today)).toEqual([2, 275]);
    expect(await ask(dayAfter(date(a1Start)), today)).toEqual([1, 215]);
    expect(await ask(`${a1Month}-01`, date(a1Start))).toEqual([1, 60]);
    expect(monthSpan('2026-01-15', '2026-04-30')).toEqual({
      months: ['2026-02', '2026-04'],
      edges: [['2026-01-14T16:00:00.000Z', '2026-01-31T16:00:00.000Z']],
    });
    expect(monthSpan('2026-03-02', '2026-03-30').months).toBeNull();
    expect(monthSpan('2025-12-01', '2026-02-27')).toEqual({
      months: ['2025-12', '2026-01'],
      edges: [['2026-01-31T16:00:00.000Z', '2026-02-27T16:00:00.000Z']],
    });
  });

  it('keeps the monthly cells equal to a rebuild from the activities after a change', async () => {
    const db = t.database.db;
    const snapshot = async () =>
      JSON.stringify([
        await db
          .selectFrom('activity_month_figures')
          .selectAll()
          .where('town_id', '=', town.town.id)
          .orderBy('id')
          .execute(),
        await db
          .selectFrom('activity_month_team_figures')
          .selectAll()
          .where('town_id', '=', town.town.id)
          .orderBy('id')
          .execute(),
      ]);
    const a2 = (await admin.get('/api/activities?q=A2')).json().items[0] as { id: string };
    await results(a2.id, 'anti_fraud', 25, 6);
    expect((await admin.get('/api/activities/figures')).json()).toMatchObject({ held: 2, personTimes: 285, deeds: 9 });
    const kept = await snapshot();
    expect(kept).toContain('"held":1');
    await rebuildRollups(db, town.town.id);
    expect(await snapshot()).toBe(kept);
    await results(a2.id, 'anti_fraud', 15, 4);
    expect((await admin.get('/api/activities/figures')).json()).toMatchObject({ held: 2, personTimes: 275, deeds: 7 });
  });
});
