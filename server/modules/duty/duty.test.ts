import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthDates } from '../../../common/duty/roster.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTown,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { runDutyScan } from './duty.job.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let villageAdmin: Client;
let otherVillageAdmin: Client;
let leader: Client;
let auditor: Client;
let ws: string;
let ws2: string;
let people: { id: string; name: string }[];
let members: Client[];
let otherTownAdmin: Client;

const townId = () => town.town.id;
const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const nextMonth = (() => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
})();
const monthAfter = (() => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 2, 1)).toISOString().slice(0, 7);
})();

async function makeWorkstation(villageId: string | null, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await t.database.db
    .insertInto('workstations')
    .values({
      town_id: townId(),
      id,
      version: 1,
      disabled: 0,
      created_at: now,
      updated_at: now,
      name,
      level: villageId ? 'village' : 'town',
      village_id: villageId,
      address: '村委会',
      opening_hours: '8:30–17:30',
      phone: null,
      lat: null,
      lng: null,
    })
    .execute();
  return id;
}

async function join(personId: string, teamId: string) {
  const now = nowIso();
  await t.database.db
    .insertInto('team_memberships')
    .values({
      town_id: townId(),
      id: newId(),
      version: 1,
      team_id: teamId,
      person_id: personId,
      squad_id: null,
      role: 'member',
      joined_at: now,
      left_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/** A shift placed directly, `startMin` minutes from now, lasting `lengthMin`. */
async function makeShift(
  personId: string,
  workstationId: string,
  startMin: number,
  lengthMin: number,
  status = 'scheduled',
) {
  const start = new Date(Date.now() + startMin * 60_000);
  const end = new Date(start.getTime() + lengthMin * 60_000);
  const id = newId();
  await t.database.db
    .insertInto('shifts')
    .values({
      town_id: townId(),
      id,
      version: 1,
      created_at: nowIso(),
      updated_at: nowIso(),
      workstation_id: workstationId,
      date: shanghaiDate(start),
      shift_key: `k${id.slice(-8)}`,
      shift_name: '测试班',
      start_at: start.toISOString(),
      end_at: end.toISOString(),
      person_id: personId,
      status,
      check_in_at: status === 'checked_in' ? start.toISOString() : null,
      check_out_at: null,
      late_minutes: null,
      checked_in_by: null,
      handover_note: null,
      hours: null,
    })
    .execute();
  return id;
}

const rule = (poolPersonIds: string[], extra: Record<string, unknown> = {}) => ({
  shifts: [
    { key: 'morning', name: '上午', start: '08:30', end: '12:00', size: 2 },
    { key: 'afternoon', name: '下午', start: '14:30', end: '17:30', size: 2 },
  ],
  weekdays: [1, 2, 3, 4, 5],
  skipHolidays: true,
  poolPersonIds,
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  auditor = await login(t, town.users.auditor.username);
  const otherAdmin = await makeUser(t, townId(), 'village_admin', { villageId: town.otherVillage.id });
  otherVillageAdmin = await login(t, otherAdmin.username);
  // The team has a squad in 甲村, so its leader runs 甲村's roster.
  await t.database.db
    .insertInto('squads')
    .values({
      town_id: townId(),
      id: newId(),
      version: 1,
      disabled: 0,
      created_at: nowIso(),
      updated_at: nowIso(),
      team_id: town.team.id,
      village_id: town.village.id,
      name: '甲村小队',
    })
    .execute();
  leader = await login(t, town.users.teamLeader.username);
  ws = await makeWorkstation(town.village.id, '甲村工作室');
  ws2 = await makeWorkstation(town.otherVillage.id, '乙村工作室');
  people = [];
  members = [];
  for (let i = 0; i < 7; i++) {
    const p = await makePerson(t, townId(), { name: `队员${i}`, villageId: town.village.id });
    await join(p.id, town.team.id);
    people.push({ id: p.id, name: p.name });
    const u = await makeUser(t, townId(), 'member', { personId: p.id });
    members.push(await login(t, u.username));
  }
  await t.database.db
    .updateTable('people')
    .set({ mobile_mask: '138****0001', id_number_mask: '3601**********0011', public_alias: '甲村值班员' })
    .where('id', '=', people[0]?.id ?? '')
    .execute();
  const other = await makeTown(t);
  otherTownAdmin = await login(t, (await makeUser(t, other.id, 'town_admin')).username);
});
afterAll(async () => t.close());

const p = (i: number) => people[i]?.id ?? '';
const m = (i: number) => members[i] as Client;

describe('guards', () => {
  it('answers 401 without a session on every staff route', async () => {
    const calls = [
      ['GET', `/api/workstations/${UNKNOWN}/roster-rule`],
      ['PUT', `/api/workstations/${UNKNOWN}/roster-rule`],
      ['POST', `/api/workstations/${UNKNOWN}/roster/generate`],
      ['GET', `/api/workstations/${UNKNOWN}/roster?month=2026-12`],
      ['GET', `/api/workstations/${UNKNOWN}/roster/export?month=2026-12`],
      ['GET', `/api/workstations/${UNKNOWN}/on-duty`],
      ['GET', `/api/workstations/${UNKNOWN}/handover`],
      ['GET', '/api/duty/board'],
      ['POST', '/api/shifts'],
      ['PATCH', `/api/shifts/${UNKNOWN}`],
      ['DELETE', `/api/shifts/${UNKNOWN}`],
      ['POST', `/api/shifts/${UNKNOWN}/check-in`],
      ['POST', `/api/shifts/${UNKNOWN}/check-out`],
      ['POST', '/api/duty/check-in'],
      ['POST', '/api/duty/check-out'],
      ['GET', '/api/leaves'],
      ['POST', '/api/leaves'],
      ['POST', `/api/leaves/${UNKNOWN}/decide`],
      ['GET', '/api/swaps'],
      ['POST', '/api/swaps'],
      ['POST', `/api/swaps/${UNKNOWN}/decide`],
      ['GET', '/api/service-hours'],
      ['POST', '/api/service-hours/approve'],
      ['POST', `/api/service-hours/${UNKNOWN}/decide`],
      ['GET', '/api/me/hours'],
      ['GET', '/api/me/shifts'],
    ] as const;
    for (const [method, url] of calls) {
      const res = await t.app.inject({ method, url, ...(method === 'GET' ? {} : { payload: {} }) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
    }
  });

  it('answers 403 to the auditor on reads and to a member on management', async () => {
    expect((await auditor.get(`/api/workstations/${ws}/roster-rule`)).statusCode).toBe(403);
    expect((await auditor.get('/api/me/shifts')).statusCode).toBe(403);
    expect((await m(0).put(`/api/workstations/${ws}/roster-rule`, rule([p(0)]))).statusCode).toBe(403);
    expect((await m(0).post(`/api/workstations/${ws}/roster/generate`, { month: nextMonth })).statusCode).toBe(403);
    expect((await m(0).get('/api/service-hours')).statusCode).toBe(403);
    expect((await m(0).post(`/api/leaves/${UNKNOWN}/decide`, { approve: true, version: 1 })).statusCode).toBe(403);
  });

  it('validates the rule with field-named errors', async () => {
    const bad = await admin.put(`/api/workstations/${ws}/roster-rule`, {
      ...rule([p(0), UNKNOWN]),
      shifts: [{ key: 'morning', name: '上午', start: '12:00', end: '08:30', size: 11 }],
    });
    expect(bad.statusCode).toBe(400);
    const paths = (bad.json() as { fields: { path: string; message: string }[] }).fields.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['shifts.0.end', 'shifts.0.size']));
    const pool = await admin.put(`/api/workstations/${ws}/roster-rule`, rule([p(0), UNKNOWN]));
    expect(pool.statusCode).toBe(400);
    expect(pool.json()).toMatchObject({ fields: [{ path: 'poolPersonIds.1' }] });
    expect(pool.json<{ message: string }>().message).toContain('轮值队员');
    const month = await admin.post(`/api/workstations/${ws}/roster/generate`, { month: '2026-13' });
    expect(month.statusCode).toBe(400);
  });

  it('keeps other villages and other towns out', async () => {
    expect((await otherVillageAdmin.put(`/api/workstations/${ws}/roster-rule`, rule([p(0)]))).statusCode).toBe(403);
    expect((await otherTownAdmin.get(`/api/workstations/${ws}/roster?month=${nextMonth}`)).statusCode).toBe(404);
    expect((await otherTownAdmin.get(`/api/workstations/${ws}/on-duty`)).statusCode).toBe(404);
    // The team has no squad in 乙村: its leader may not run that roster.
    expect((await leader.put(`/api/workstations/${ws2}/roster-rule`, rule([p(0)]))).statusCode).toBe(403);
  });
});

describe('rules and generation', () => {
  it('saves a rule with its pool and generates a fair month', async () => {
    const put = await leader.put(`/api/workstations/${ws}/roster-rule`, rule(people.slice(0, 6).map((x) => x.id)));
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ version: 1, pool: expect.any(Array), can: { manage: true } });
    // 队员1 serves only on Mondays' mornings; 队员2 is on leave for the first week.
    await t.database.db
      .updateTable('people')
      .set({ availability: JSON.stringify({ weekdays: [1], shifts: ['morning'] }) })
      .where('id', '=', p(1))
      .execute();
    const leave = await m(2).post('/api/leaves', { from: `${nextMonth}-01`, to: `${nextMonth}-07`, reason: '外出' });
    expect(leave.statusCode).toBe(201);
    const ok = await leader.post(`/api/leaves/${leave.json<{ id: string }>().id}/decide`, {
      approve: true,
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);

    const gen = await leader.post(`/api/workstations/${ws}/roster/generate`, { month: nextMonth });
    expect(gen.statusCode, gen.body).toBe(200);
    const { created } = gen.json<{ created: number }>();
    expect(created).toBeGreaterThan(60);
    const shifts = await t.database.db
      .selectFrom('shifts')
      .selectAll()
      .where('workstation_id', '=', ws)
      .where('date', 'like', `${nextMonth}%`)
      .execute();
    const count = new Map<string, number>();
    const perDay = new Set<string>();
    for (const s of shifts) {
      count.set(s.person_id, (count.get(s.person_id) ?? 0) + 1);
      expect(perDay.has(`${s.person_id}|${s.date}`)).toBe(false);
      perDay.add(`${s.person_id}|${s.date}`);
      if (s.person_id === p(1)) {
        expect(new Date(`${s.date}T00:00:00Z`).getUTCDay()).toBe(1);
        expect(s.shift_key).toBe('morning');
      }
      if (s.person_id === p(2)) expect(s.date > `${nextMonth}-07`).toBe(true);
    }
    const free = [0, 3, 4, 5].map((i) => count.get(p(i)) ?? 0);
    expect(Math.max(...free) - Math.min(...free)).toBeLessThanOrEqual(1);
    // Generating again keeps what is there.
    const again = await leader.post(`/api/workstations/${ws}/roster/generate`, { month: nextMonth });
    expect(again.json()).toMatchObject({ created: 0 });
  });

  it('shows the month as days × shifts and exports it', async () => {
    const res = await villageAdmin.get(`/api/workstations/${ws}/roster?month=${nextMonth}`);
    expect(res.statusCode).toBe(200);
    const roster = res.json<{ days: { date: string; staffed: boolean; slots: { people: unknown[] }[] }[] }>();
    expect(roster.days).toHaveLength(monthDates(nextMonth).length);
    expect(roster.days.find((d) => d.staffed)?.slots[0]?.people.length).toBe(2);
    expect(JSON.stringify(roster)).not.toContain('3601');
    const xlsx = await leader.get(`/api/workstations/${ws}/roster/export?month=${nextMonth}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses double-booking, full slots and leave, and warns outside the pool', async () => {
    await admin.put(`/api/workstations/${ws2}/roster-rule`, rule([p(6)]));
    const roster = await admin.get(`/api/workstations/${ws}/roster?month=${nextMonth}`);
    const day = roster
      .json<{ days: { date: string; staffed: boolean; slots: { key: string; people: { personId: string }[] }[] }[] }>()
      .days.filter((d) => d.staffed)[8];
    const date = day?.date ?? '';
    const busy = day?.slots[0]?.people[0]?.personId ?? '';
    const clash = await admin.post('/api/shifts', { workstationId: ws2, date, shiftKey: 'morning', personId: busy });
    expect(clash.statusCode).toBe(409);
    expect(clash.json<{ message: string }>().message).toMatch(/^该队员 \d+月\d+日上午 已在 甲村工作室 值班$/);
    const full = await admin.post('/api/shifts', { workstationId: ws, date, shiftKey: 'morning', personId: p(6) });
    expect(full.statusCode).toBe(409);
    expect(full.json<{ message: string }>().message).toContain('已排满');
    const taken = new Set(day?.slots.flatMap((x) => x.people.map((q) => q.personId)));
    const freeOne = [0, 2, 3, 4, 5].map(p).find((id) => !taken.has(id)) ?? '';
    const outside = await admin.post('/api/shifts', {
      workstationId: ws2,
      date,
      shiftKey: 'afternoon',
      personId: freeOne,
    });
    expect(outside.statusCode, outside.body).toBe(201);
    expect(outside.json<{ warnings: string[] }>().warnings).toEqual(['该队员不在本工作室的轮值名单中']);
    const leaveDay = `${nextMonth}-02`;
    const onLeave = await admin.post('/api/shifts', {
      workstationId: ws2,
      date: leaveDay,
      shiftKey: 'morning',
      personId: p(2),
    });
    expect(onLeave.statusCode).toBe(409);
    expect(onLeave.json<{ message: string }>().message).toContain('已请假');
    // Change a person (with version) and cancel.
    const id = outside.json<{ id: string; version: number }>().id;
    const changed = await admin.patch(`/api/shifts/${id}`, { personId: p(6), version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await admin.patch(`/api/shifts/${id}`, { personId: p(4), version: 1 })).statusCode).toBe(409);
    expect((await admin.delete(`/api/shifts/${id}`)).statusCode).toBe(200);
  });
});

describe('leave and swaps', () => {
  it('approving leave cancels the shifts in range and tells the leader to refill', async () => {
    const shift = await makeShift(p(3), ws, 60 * 24 * 3, 120);
    const row = await t.database.db
      .selectFrom('shifts')
      .select('date')
      .where('id', '=', shift)
      .executeTakeFirstOrThrow();
    const leave = await m(3).post('/api/leaves', { from: row.date, to: row.date, reason: '生病' });
    const list = await leader.get('/api/leaves?status=pending');
    expect(list.json<{ items: { id: string; can: { decide: boolean } }[] }>().items).toContainEqual(
      expect.objectContaining({ id: leave.json<{ id: string }>().id, can: { decide: true } }),
    );
    expect(
      (
        await otherVillageAdmin.post(`/api/leaves/${leave.json<{ id: string }>().id}/decide`, {
          approve: true,
          version: 1,
        })
      ).statusCode,
    ).toBe(403);
    const res = await leader.post(`/api/leaves/${leave.json<{ id: string }>().id}/decide`, {
      approve: true,
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    const after = await t.database.db
      .selectFrom('shifts')
      .select('status')
      .where('id', '=', shift)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe('cancelled');
    const notices = await leader.get('/api/notifications');
    expect(JSON.stringify(notices.json())).toContain('需补排');
    expect(
      (await leader.post(`/api/leaves/${leave.json<{ id: string }>().id}/decide`, { approve: true, version: 2 }))
        .statusCode,
    ).toBe(409);
  });

  it('a swap hands a shift over; a swap into a full shift is refused', async () => {
    const mine = await makeShift(p(4), ws, 60 * 24 * 4, 120);
    const swap = await m(4).post('/api/swaps', { shiftId: mine, targetPersonId: p(5), reason: '有事' });
    expect(swap.statusCode, swap.body).toBe(201);
    const ok = await leader.post(`/api/swaps/${swap.json<{ id: string }>().id}/decide`, { approve: true, version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    const moved = await t.database.db
      .selectFrom('shifts')
      .select('person_id')
      .where('id', '=', mine)
      .executeTakeFirstOrThrow();
    expect(moved.person_id).toBe(p(5));

    // An exchange with a shift whose place is gone and filled again: the slot is full.
    const roster = await admin.get(`/api/workstations/${ws}/roster?month=${monthAfter}`);
    expect(roster.statusCode).toBe(200);
    await admin.post(`/api/workstations/${ws}/roster/generate`, { month: monthAfter });
    const shifts = await t.database.db
      .selectFrom('shifts')
      .selectAll()
      .where('workstation_id', '=', ws)
      .where('date', 'like', `${monthAfter}%`)
      .where('shift_key', '=', 'morning')
      .orderBy('date')
      .execute();
    const own = shifts.find((s) => s.person_id === p(0));
    const target = shifts.find((s) => s.date !== own?.date && s.person_id !== p(0) && s.person_id !== p(6));
    expect(own && target).toBeTruthy();
    const req = await m(0).post('/api/swaps', { shiftId: own?.id, targetShiftId: target?.id, reason: '换班' });
    expect(req.statusCode, req.body).toBe(201);
    expect((await admin.delete(`/api/shifts/${target?.id}`)).statusCode).toBe(200);
    const refill = await admin.post('/api/shifts', {
      workstationId: ws,
      date: target?.date,
      shiftKey: 'morning',
      personId: p(6),
    });
    expect(refill.statusCode, refill.body).toBe(201);
    const refused = await leader.post(`/api/swaps/${req.json<{ id: string }>().id}/decide`, {
      approve: true,
      version: 1,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<{ message: string }>().message).toContain('已排满');
  });
});

describe('check-in, check-out, hours and on duty', () => {
  it('refuses a check-in without a shift here now', async () => {
    const res = await m(6).post('/api/duty/check-in', { workstationId: ws });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT', message: '您今天在本工作室没有排班' });
    expect((await m(6).post('/api/duty/check-in', { workstationId: 'x' })).statusCode).toBe(400);
  });

  it('checks in on time or late, checks out with hours and a pending ledger row', async () => {
    const early = await makeShift(p(0), ws, 20, 120);
    const res = await m(0).post('/api/duty/check-in', { workstationId: ws });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: early, status: 'checked_in', lateMinutes: 0 });
    const late = await makeShift(p(1), ws, -40, 180);
    const lateRes = await m(1).post('/api/duty/check-in', { workstationId: ws });
    expect(lateRes.json<{ lateMinutes: number }>().lateMinutes).toBeGreaterThanOrEqual(39);
    await t.database.db
      .updateTable('shifts')
      .set({ check_in_at: new Date(Date.now() - 65 * 60_000).toISOString() })
      .where('id', '=', late)
      .execute();
    // Someone else may not check the shift out.
    expect((await m(2).post('/api/duty/check-out', { shiftId: late, handoverNote: 'x' })).statusCode).toBe(403);
    const out = await m(1).post('/api/duty/check-out', { shiftId: late, handoverNote: '群众反映路灯坏了，已登记' });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ status: 'completed', hours: 1 });
    const mine = await m(1).get('/api/me/hours');
    expect(mine.json()).toMatchObject({ totals: { pending: 1, approved: 0 } });
    const handover = await m(0).get(`/api/workstations/${ws}/handover`);
    expect(handover.json()).toMatchObject({ note: '群众反映路灯坏了，已登记', personName: '队员1' });
  });

  it('shows who is on duty to staff and, without ID numbers, to residents', async () => {
    const staff = await m(3).get(`/api/workstations/${ws}/on-duty`);
    expect(staff.statusCode).toBe(200);
    expect(staff.json<{ items: { name: string; checkedIn: boolean }[] }>().items).toContainEqual(
      expect.objectContaining({ name: '队员0', checkedIn: true, mobile: '138****0001' }),
    );
    const pub = await t.app.inject({ method: 'GET', url: `/api/public/workstations/${ws}/on-duty` });
    expect(pub.statusCode).toBe(200);
    const wrongTown = await t.app.inject({ method: 'GET', url: `/api/public/workstations/${ws}/on-duty?town=nope` });
    expect(wrongTown.statusCode).toBe(404);
    const pub2 = await t.app.inject({
      method: 'GET',
      url: `/api/public/workstations/${ws}/on-duty?town=${town.town.code}`,
    });
    expect(pub2.statusCode).toBe(200);
    expect(pub2.body).not.toContain('3601');
    expect(pub2.json<{ items: { name: string }[] }>().items.map((i) => i.name)).toContain('甲村值班员');
    const all = await t.app.inject({ method: 'GET', url: `/api/public/on-duty?town=${town.town.code}` });
    expect(all.json<{ items: { workstationId: string }[] }>().items.map((i) => i.workstationId)).toContain(ws);
    const board = await admin.get('/api/duty/board');
    expect(board.statusCode).toBe(200);
  });

  it('the desk checks members in and out; the job marks no-shows and closes forgotten shifts', async () => {
    const desk = await makeShift(p(5), ws, -5, 60);
    expect((await m(5).post(`/api/shifts/${desk}/check-in`)).statusCode).toBe(403);
    const inRes = await villageAdmin.post(`/api/shifts/${desk}/check-in`);
    expect(inRes.statusCode, inRes.body).toBe(200);
    expect((await villageAdmin.post(`/api/shifts/${desk}/check-out`, { handoverNote: null })).statusCode).toBe(200);
    const missed = await makeShift(p(6), ws, -200, 60);
    const forgotten = await makeShift(p(6), ws2, -400, 60, 'checked_in');
    const result = await runDutyScan(t.app.deps);
    expect(result.noShows).toBeGreaterThanOrEqual(1);
    expect(result.autoClosed).toBeGreaterThanOrEqual(1);
    const rows = await t.database.db
      .selectFrom('shifts')
      .select(['id', 'status', 'hours'])
      .where('id', 'in', [missed, forgotten])
      .execute();
    expect(rows.find((r) => r.id === missed)?.status).toBe('no_show');
    expect(rows.find((r) => r.id === forgotten)).toMatchObject({ status: 'completed', hours: 1 });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('entity_id', '=', forgotten)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toContain('auto_closed');
  });

  it('leaders approve their team members’ hours, one by one or in a batch', async () => {
    const list = await leader.get('/api/service-hours?status=pending');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: { id: string; version: number; personId: string }[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect((await villageAdmin.get('/api/service-hours')).statusCode).toBe(403);
    const [first, ...rest] = items;
    const one = await leader.post(`/api/service-hours/${first?.id}/decide`, { approve: true, version: first?.version });
    expect(one.statusCode, one.body).toBe(200);
    const batch = await leader.post('/api/service-hours/approve', { ids: rest.map((r) => r.id) });
    expect(batch.json()).toMatchObject({ approved: rest.length });
    const again = await leader.post('/api/service-hours/approve', { ids: [first?.id] });
    expect(again.statusCode).toBe(409);
    const me = await m(1).get('/api/me/hours');
    expect(me.json<{ totals: { approved: number } }>().totals.approved).toBe(1);
    const shifts = await m(0).get('/api/me/shifts');
    expect(shifts.statusCode).toBe(200);
    expect(shifts.json()).toMatchObject({ person: { name: '队员0' } });
  });
});
