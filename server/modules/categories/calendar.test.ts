import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueAt, isWorkingDay } from '../../../common/requests/calendar.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makeTown,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { DEFAULT_CATEGORIES, HOLIDAYS_2026, seedDefaultCategories, seedHolidays2026 } from './categories.seed.ts';
import { loadCalendar } from './calendar.repo.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let member: Client;
let villageAdmin: Client;
let auditor: Client;

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  member = await login(t, town.users.member.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  auditor = await login(t, town.users.auditor.username);
});
afterAll(async () => t.close());

const auditActions = async (entityId: string) =>
  (
    await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('town_id', '=', town.town.id)
      .where('entity_id', '=', entityId)
      .orderBy('at')
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describe('seeding a new town', () => {
  it('the only town needs no code on the public page; default categories and routes are seeded', async () => {
    const ids = await t.database.db
      .transaction()
      .execute((trx) =>
        seedDefaultCategories(trx, town.town.id, { road: { kind: 'department', id: town.department.id } }),
      );
    expect(Object.keys(ids)).toEqual(DEFAULT_CATEGORIES.map((c) => c.code));
    const res = await t.app.inject({ method: 'GET', url: '/api/public/categories' });
    expect(res.statusCode).toBe(200);
    const names = res.json().categories.map((c: { name: string }) => c.name);
    expect(names).toEqual([
      '道路交通',
      '供水供电',
      '环境卫生',
      '治安安全',
      '矛盾纠纷',
      '关爱帮扶',
      '农业生产',
      '住房建设',
      '医疗健康',
      '意见建议',
      '其他',
    ]);
    expect(
      res
        .json()
        .villages.map((v: { name: string }) => v.name)
        .sort(),
    ).toEqual(['乙村', '甲村']);
    const road = await admin.get(`/api/categories/${ids.road}`);
    expect(road.json()).toMatchObject({
      code: 'road',
      icon: 'road',
      routeKind: 'department',
      routeName: '村建办',
      limitNormalDays: 5,
      limitUrgentDays: 1,
      limitCriticalDays: 0,
    });
  });

  it('loads the 2026 holidays (idempotently) and loadCalendar returns them as a map', async () => {
    await t.database.db.transaction().execute((trx) => seedHolidays2026(trx, town.town.id));
    await t.database.db.transaction().execute((trx) => seedHolidays2026(trx, town.town.id));
    const calendar = await loadCalendar(t.database.db, town.town.id);
    expect(calendar.size).toBe(HOLIDAYS_2026.length);
    expect(calendar.get('2026-10-01')).toBe('holiday');
    expect(calendar.get('2026-10-10')).toBe('workday');
    expect(calendar.get('2026-02-14')).toBe('workday');
    expect(isWorkingDay('2026-10-08', calendar)).toBe(true);
    expect(isWorkingDay('2026-09-20', calendar)).toBe(true); // a Sunday worked for National Day
    expect(isWorkingDay('2026-05-05', calendar)).toBe(false); // a Tuesday off for Labour Day
    const list = await admin.get('/api/calendar?year=2026');
    expect(list.json().items).toHaveLength(HOLIDAYS_2026.length);
    expect(list.json().items[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: '元旦' });
  });

  it('computes due dates across the 2026 holidays', async () => {
    const calendar = await loadCalendar(t.database.db, town.town.id);
    // A normal request (5 working days) on the eve of National Day: Oct 1–7 off, Oct 10 (Sat) worked.
    expect(dueAt('2026-09-30T02:00:00Z', 5, calendar)).toBe('2026-10-13T16:00:00.000Z');
    // An urgent one (1 working day) on the same eve is due on Oct 8.
    expect(dueAt('2026-09-30T02:00:00Z', 1, calendar)).toBe('2026-10-08T16:00:00.000Z');
    // 特急 (0) is due the same day even on a holiday.
    expect(dueAt('2026-10-02T02:00:00Z', 0, calendar)).toBe('2026-10-02T16:00:00.000Z');
    // Before the Spring Festival: Feb 13 (Fri) + 1 working day is the Saturday worked, Feb 14.
    expect(dueAt('2026-02-13T01:00:00Z', 1, calendar)).toBe('2026-02-14T16:00:00.000Z');
    // … + 2 working days skips the nine days off to Feb 24.
    expect(dueAt('2026-02-13T01:00:00Z', 2, calendar)).toBe('2026-02-24T16:00:00.000Z');
    // Late evening in Shanghai is already the next day: 2026-09-30 23:30 +08:00 counts from Oct 1.
    expect(dueAt('2026-09-30T15:30:00Z', 1, calendar)).toBe('2026-10-08T16:00:00.000Z');
    // Without the calendar the same request would be due on Oct 7.
    expect(dueAt('2026-09-30T02:00:00Z', 5, new Map())).toBe('2026-10-07T16:00:00.000Z');
  });
});

describe('/api/calendar', () => {
  it('answers 401 without a session on every route', async () => {
    for (const call of [
      { method: 'GET' as const, url: '/api/calendar?year=2026' },
      { method: 'PUT' as const, url: '/api/calendar/2027-01-04', payload: { kind: 'holiday', name: '测试' } },
      { method: 'DELETE' as const, url: '/api/calendar/2027-01-04' },
    ]) {
      const res = await t.app.inject(call);
      expect(res.statusCode, call.method).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets requests.read holders read and only the town admin change it (403 otherwise)', async () => {
    expect((await member.get('/api/calendar?year=2026')).statusCode).toBe(200);
    expect((await auditor.get('/api/calendar?year=2026')).statusCode).toBe(403);
    for (const c of [member, villageAdmin, auditor]) {
      const put = await c.put('/api/calendar/2027-01-04', { kind: 'holiday', name: '测试' });
      expect(put.statusCode).toBe(403);
      expect(put.json().code).toBe('FORBIDDEN');
      expect((await c.delete('/api/calendar/2026-10-01')).statusCode).toBe(403);
    }
    expect((await loadCalendar(t.database.db, town.town.id)).has('2027-01-04')).toBe(false);
  });

  it('answers 400 for a bad year, date, kind or name', async () => {
    for (const url of ['/api/calendar', '/api/calendar?year=1999', '/api/calendar?year=abc']) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().fields[0].path).toBe('year');
    }
    const notDate = await admin.put('/api/calendar/2027-1-4', { kind: 'holiday', name: '测试' });
    expect(notDate.statusCode).toBe(400);
    expect(notDate.json().fields[0]).toEqual({ path: 'date', message: '日期：日期格式应为 YYYY-MM-DD' });
    const unreal = await admin.put('/api/calendar/2027-02-30', { kind: 'holiday', name: '测试' });
    expect(unreal.statusCode).toBe(400);
    expect(unreal.json().fields[0]).toEqual({ path: 'date', message: '日期：不是有效的日期' });
    expect((await admin.delete('/api/calendar/2026-13-01')).statusCode).toBe(400);
    const kind = await admin.put('/api/calendar/2027-01-04', { kind: 'weekend', name: '测试' });
    expect(kind.json().fields[0].path).toBe('kind');
    const name = await admin.put('/api/calendar/2027-01-04', { kind: 'holiday', name: '' });
    expect(name.json().fields[0].path).toBe('name');
  });

  it('upserts a day, lists the year sorted, deletes it, and audits each change', async () => {
    const first = await admin.put('/api/calendar/2027-01-04', { kind: 'holiday', name: '镇庆' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ date: '2027-01-04', kind: 'holiday', name: '镇庆' });
    await admin.put('/api/calendar/2027-01-02', { kind: 'workday', name: '补班' });
    const again = await admin.put('/api/calendar/2027-01-04', { kind: 'workday', name: '调休上班' });
    expect(again.json()).toEqual({ date: '2027-01-04', kind: 'workday', name: '调休上班' });
    const list = await admin.get('/api/calendar?year=2027');
    expect(list.json()).toEqual({
      items: [
        { date: '2027-01-02', kind: 'workday', name: '补班' },
        { date: '2027-01-04', kind: 'workday', name: '调休上班' },
      ],
    });
    expect((await loadCalendar(t.database.db, town.town.id)).get('2027-01-04')).toBe('workday');

    const removed = await admin.delete('/api/calendar/2027-01-04');
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ ok: true });
    expect((await admin.delete('/api/calendar/2027-01-04')).statusCode).toBe(404);
    expect((await loadCalendar(t.database.db, town.town.id)).has('2027-01-04')).toBe(false);
    expect(await auditActions('2027-01-04')).toEqual(['calendar.set', 'calendar.set', 'calendar.delete']);
  });

  it("keeps each town's calendar apart", async () => {
    const other = await makeTown(t);
    const otherAdmin = await login(t, (await makeUser(t, other.id, 'town_admin')).username);
    await otherAdmin.put('/api/calendar/2027-03-03', { kind: 'holiday', name: '他镇节日' });
    expect(
      (await admin.get('/api/calendar?year=2027')).json().items.some((d: { date: string }) => d.date === '2027-03-03'),
    ).toBe(false);
    expect((await admin.delete('/api/calendar/2027-03-03')).statusCode).toBe(404);
    expect((await loadCalendar(t.database.db, other.id)).get('2027-03-03')).toBe('holiday');
    expect((await loadCalendar(t.database.db, town.town.id)).has('2027-03-03')).toBe(false);
  });
});
