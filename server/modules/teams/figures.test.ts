import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import {
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTown,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
const UNKNOWN = '00000000-0000-7000-8000-000000000000';
const stamp = () => ({ version: 1, created_at: nowIso(), updated_at: nowIso() });

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  const townId = town.town.id;
  const p = await makePerson(t, townId, { name: '排班队员' });
  await t.database.db
    .insertInto('team_memberships')
    .values({
      town_id: townId,
      id: newId(),
      ...stamp(),
      team_id: town.team.id,
      person_id: p.id,
      squad_id: null,
      role: 'member',
      joined_at: nowIso(),
      left_at: null,
    })
    .execute();
  const ws = newId();
  await t.database.db
    .insertInto('workstations')
    .values({
      town_id: townId,
      id: ws,
      ...stamp(),
      disabled: 0,
      name: '镇工作室',
      level: 'town',
      village_id: null,
      address: '镇政府',
      opening_hours: '8:30-17:30',
      phone: null,
      lat: null,
      lng: null,
    })
    .execute();
  const day = (offset: number) => shanghaiDate(new Date(Date.now() + offset * 86400_000));
  const shift = (offset: number, status: string, key: string) => ({
    town_id: townId,
    id: newId(),
    ...stamp(),
    workstation_id: ws,
    date: day(offset),
    shift_key: key,
    shift_name: key === 'morning' ? '上午' : '下午',
    start_at: `${day(offset)}T00:30:00.000Z`,
    end_at: `${day(offset)}T04:00:00.000Z`,
    person_id: p.id,
    status,
  });
  await t.database.db
    .insertInto('shifts')
    .values([
      shift(-3, 'completed', 'morning'),
      shift(-3, 'completed', 'afternoon'),
      shift(-40, 'completed', 'morning'),
      shift(2, 'scheduled', 'morning'),
    ])
    .execute();
  await t.database.db
    .insertInto('service_hours')
    .values([
      {
        town_id: townId,
        id: newId(),
        ...stamp(),
        person_id: p.id,
        source: 'duty',
        source_id: newId(),
        team_id: null,
        date: day(-3),
        hours: 3.5,
        status: 'approved',
      },
      {
        town_id: townId,
        id: newId(),
        ...stamp(),
        person_id: p.id,
        source: 'duty',
        source_id: newId(),
        team_id: null,
        date: day(-3),
        hours: 2,
        status: 'pending',
      },
    ])
    .execute();
});
afterAll(async () => t.close());

describe('team figures', () => {
  it('counts members, shifts covered and approved hours of the last 30 days, and lists the next shifts', async () => {
    const admin = await login(t, town.users.townAdmin.username);
    const res = await admin.get(`/api/teams/${town.team.id}/figures`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ members: 1, squads: 0, shiftsCovered: 2, hoursApproved: 3.5 });
    expect(res.json().upcomingShifts).toHaveLength(1);
    expect(res.json().upcomingShifts[0]).toMatchObject({ personName: '排班队员', workstationName: '镇工作室' });
  });

  it('answers 401, 403, 400 and 404; another town sees nothing', async () => {
    expect((await t.app.inject({ method: 'GET', url: `/api/teams/${town.team.id}/figures` })).statusCode).toBe(401);
    const auditor = await login(t, town.users.auditor.username);
    expect((await auditor.get(`/api/teams/${town.team.id}/figures`)).statusCode).toBe(403);
    const member = await login(t, town.users.member.username);
    expect((await member.get('/api/teams/x/figures')).statusCode).toBe(400);
    expect((await member.get(`/api/teams/${UNKNOWN}/figures`)).statusCode).toBe(404);
    const town2 = await makeTown(t);
    const other = await login(t, (await makeUser(t, town2.id, 'town_admin')).username);
    expect((await other.get(`/api/teams/${town.team.id}/figures`)).statusCode).toBe(404);
  });
});
