/**
 * Issue 3's speed work, checked for behaviour: keyword search through the term index finds exactly
 * what a substring test finds; intake in group commits gives every report its own code and answers
 * only for committed reports, one bad report failing alone; figures in one pass add up to a recount.
 */
import { rebuildRequestFigures } from './figures.rollup.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import { completionRate, onTimeRate, satisfactionRate } from '../../../common/requests/figures.ts';
import { OPEN_STATUSES, type RequestStatus } from '../../../common/requests/lifecycle.ts';
import { seedDefaultCategories, seedHolidays2026 } from '../categories/categories.seed.ts';
import { type Client, type TestContext, createTestApp, login, townWithAdmins } from '../../test/harness.ts';
import { newId } from '../../platform/ids.ts';
import { createRequest } from './intake.service.ts';
import { shanghaiMonthOf } from './figures.repo.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let cats: Record<string, string>;
let admin: Client;

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  cats = await seedDefaultCategories(t.database.db, town.town.id);
  await seedHolidays2026(t.database.db, town.town.id);
  admin = await login(t, town.users.townAdmin.username);
});
afterAll(async () => t.close());

let ip = 0;
const nextIp = () => `10.40.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
const report = (body: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/requests',
    remoteAddress: nextIp(),
    payload: {
      town: town.town.code,
      categoryId: cats.road,
      description: '村口路面塌陷，车辆无法通行',
      consent: true,
      ...body,
    },
  });

interface Item {
  id: string;
  code: string;
  description: string;
  createdAt: string;
}
async function search(q: string, extra = ''): Promise<{ total: number; items: Item[] }> {
  const res = await admin.get(`/api/requests?q=${encodeURIComponent(q)}&pageSize=100${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('keyword search', () => {
  const texts = [
    '村口路灯坏了，晚上很黑',
    '二组路灯不亮',
    '路边灯杆倒了', // 路 and 灯 both, but not 路灯
    '桥头护栏损坏',
    'WiFi 信号差，村委会的路由器坏了',
    '灯',
    '路灯路灯又坏了',
  ];
  const made: { id: string; code: string; description: string }[] = [];

  beforeAll(async () => {
    for (const description of texts.map((d) => (d.length < 5 ? `${d}不亮了哦` : d))) {
      const res = await report({ description });
      expect(res.statusCode, res.body).toBe(201);
      const row = await t.database.db
        .selectFrom('requests')
        .select('id')
        .where('code', '=', res.json().code)
        .executeTakeFirstOrThrow();
      made.push({ id: row.id, code: res.json().code, description });
    }
  });

  /** What a plain substring test over every listed description finds, newest first. */
  async function bruteForce(needle: string): Promise<string[]> {
    const rows = await t.database.db
      .selectFrom('requests')
      .select(['id', 'code', 'description', 'created_at'])
      .where('town_id', '=', town.town.id)
      .where('status', '!=', 'merged')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    return rows
      .filter((r) => fold(r.description).includes(fold(needle)) || r.code === needle.toUpperCase())
      .map((r) => r.id);
  }

  it('finds a two-character word, a three-character phrase and one character exactly as a substring test does', async () => {
    for (const needle of ['路灯', '路灯坏', '灯', '坏了', '护栏损坏', 'wifi', 'WIFI', '路由器坏了', '不存在的词']) {
      const found = await search(needle);
      const expected = await bruteForce(needle);
      expect(
        found.items.map((i) => i.id),
        needle,
      ).toEqual(expected);
      expect(found.total, needle).toBe(expected.length);
    }
    const lamp = await search('路灯');
    expect(lamp.items.map((i) => i.description).sort()).toEqual(
      ['村口路灯坏了，晚上很黑', '二组路灯不亮', '路灯路灯又坏了'].sort(),
    );
    // 路边灯杆 has both characters but not the word.
    expect(lamp.items.some((i) => i.description.startsWith('路边灯杆'))).toBe(false);
  });

  it('finds a request by its code, in either case, and combines the keyword with other filters', async () => {
    const one = made[3];
    if (!one) throw new Error('no request');
    expect((await search(one.code)).items.map((i) => i.id)).toEqual([one.id]);
    expect((await search(one.code.toLowerCase())).items.map((i) => i.id)).toEqual([one.id]);
    expect((await search('路灯', `&status=accepted`)).total).toBe(0);
    expect((await search('路灯', `&status=submitted`)).total).toBe(3);
  });

  it('pages a search newest first with the right total, and an empty page past the end', async () => {
    const first = await admin.get(`/api/requests?q=${encodeURIComponent('路灯')}&page=1&pageSize=2`);
    const second = await admin.get(`/api/requests?q=${encodeURIComponent('路灯')}&page=2&pageSize=2`);
    const past = await admin.get(`/api/requests?q=${encodeURIComponent('路灯')}&page=100&pageSize=2`);
    const all = await bruteForce('路灯');
    expect([...first.json().items, ...second.json().items].map((i: Item) => i.id)).toEqual(all);
    expect(first.json().total).toBe(3);
    expect(past.json()).toMatchObject({ total: 3, items: [] });
  });

  it('finds a report as soon as it is acknowledged, and leaves it out once merged into another', async () => {
    const res = await report({ description: '新修的水泥路又裂缝了' });
    const code = res.json().code as string;
    const found = await search('裂缝');
    expect(found.items.map((i) => i.code)).toEqual([code]);
    const target = made[0];
    if (!target) throw new Error('no request');
    const id = found.items[0]?.id ?? '';
    const version = (await admin.get(`/api/requests/${id}`)).json().version;
    const merged = await admin.post(`/api/requests/${id}/actions/merge`, { version, targetId: target.id });
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await search('裂缝')).total).toBe(0);
  });

  it('gives the same answers for requests written straight into the table once their terms are indexed', async () => {
    const { indexRequestTerms } = await import('./terms.repo.ts');
    const id = newId();
    const now = new Date().toISOString();
    await t.database.db
      .insertInto('requests')
      .values({
        town_id: town.town.id,
        id,
        code: `TS-20260101-${String(Math.floor(Math.random() * 9000) + 1000)}`,
        version: 1,
        status: 'submitted',
        urgency: 'normal',
        channel: 'h5',
        category_id: cats.road ?? '',
        description: '导入的旧工单：水塘边的路灯',
        supervised_count: 0,
        reopened_count: 0,
        created_at: now,
        updated_at: now,
      } as never)
      .execute();
    expect((await search('水塘')).total).toBe(0);
    await indexRequestTerms(t.database.db, town.town.id);
    expect((await search('水塘')).items.map((i) => i.id)).toEqual([id]);
    expect((await search('路灯')).items.map((i) => i.id)).toEqual(await bruteForce('路灯'));
  });
});

describe('intake in group commits', () => {
  it('gives concurrent reports distinct consecutive codes, each committed when it is acknowledged', async () => {
    const before = await t.database.db
      .selectFrom('sequences')
      .select('value')
      .where('town_id', '=', town.town.id)
      .where('name', '=', `request:${shanghaiDate(new Date()).replace(/-/g, '')}`)
      .executeTakeFirst();
    const start = Number(before?.value ?? 0);
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        report({ description: `第${i}号并发报告：路灯不亮`, mobile: '13900001234' }),
      ),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const codes = answers.map((a) => a.json().code as string);
    expect(new Set(codes).size).toBe(40);
    const numbers = codes.map((c) => Number(c.split('-')[2])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => start + i + 1));
    const rows = await t.database.db
      .selectFrom('requests')
      .select(['id', 'code'])
      .where('town_id', '=', town.town.id)
      .where('code', 'in', codes)
      .execute();
    expect(rows).toHaveLength(40);
    // Each with its timeline entry, audit row, SMS and notice to the town admin.
    const ids = rows.map((r) => r.id);
    const count = async (table: 'request_events' | 'outbox', column: 'request_id' | 'ref') =>
      (await t.database.db.selectFrom(table).select(column).where(column, 'in', ids).execute()).length;
    expect(await count('request_events', 'request_id')).toBe(40);
    expect(await count('outbox', 'ref')).toBe(40);
    const audits = await t.database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'request.create')
      .where('entity_id', 'in', ids)
      .execute();
    expect(audits).toHaveLength(40);
    const notices = await t.database.db
      .selectFrom('notifications')
      .select('link')
      .where('user_id', '=', town.users.townAdmin.id)
      .where(
        'link',
        'in',
        ids.map((id) => `/requests/${id}`),
      )
      .execute();
    expect(notices).toHaveLength(40);
    expect((await search('并发报告')).total).toBe(40);
  });

  it('fails only the bad reports of a batch, each with its own 400, and leaves no gap in the codes', async () => {
    const photo = '00000000-0000-7000-8000-000000000001';
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        report(
          i === 3
            ? { villageId: '00000000-0000-7000-8000-000000000000', description: '坏村子的报告内容' }
            : i === 7
              ? { photoIds: [photo], description: '带着不存在照片的报告' }
              : { description: `同一批的好报告${i}号` },
        ),
      ),
    );
    expect(answers[3]?.statusCode).toBe(400);
    expect(answers[3]?.json().fields[0].path).toBe('villageId');
    expect(answers[7]?.statusCode).toBe(400);
    expect(answers[7]?.json().fields[0].path).toBe('photoIds');
    const good = answers.filter((_, i) => i !== 3 && i !== 7);
    for (const a of good) expect(a.statusCode, a.body).toBe(201);
    const numbers = good.map((a) => Number((a.json().code as string).split('-')[2])).sort((a, b) => a - b);
    const first = numbers[0] ?? 0;
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => first + i));
    expect((await search('不存在照片')).total).toBe(0);
    expect((await search('坏村子')).total).toBe(0);
  });

  it('writes inside a caller’s transaction, and nothing when that transaction rolls back', async () => {
    const deps = { ...t.app.deps };
    const fields = {
      categoryId: cats.road ?? '',
      description: '走访时发现的问题：井盖缺失',
      villageId: town.village.id,
      hamletId: null,
      address: null,
      lat: null,
      lng: null,
      name: null,
      mobile: null,
      photoIds: [],
      urgency: 'normal' as const,
      channel: 'visit' as const,
      workstationId: null,
      origin: { kind: 'visit' as const, id: newId() },
    };
    const enterer = { userId: town.users.townAdmin.id, displayName: '镇管理员' };
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        const r = await createRequest({ ...deps, db: trx }, town.town.id, fields, enterer, { ip: null, lang: 'zh-CN' });
        expect(r.status).toBe('accepted');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await search('井盖缺失')).total).toBe(0);
    const kept = await t.database.db
      .transaction()
      .execute((trx) =>
        createRequest({ ...deps, db: trx }, town.town.id, fields, enterer, { ip: null, lang: 'zh-CN' }),
      );
    const found = await search('井盖缺失');
    expect(found.items.map((i) => i.code)).toEqual([kept.code]);
    const row = await t.database.db
      .selectFrom('requests')
      .select(['origin_kind', 'status'])
      .where('id', '=', kept.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ origin_kind: 'visit', status: 'accepted' });
  });
});

describe('figures in one pass', () => {
  it('equal a recount of every request after a sequence of lifecycle actions, by month across the Shanghai midnight', async () => {
    const act = async (id: string, action: string, body: Record<string, unknown> = {}) => {
      const version = (await admin.get(`/api/requests/${id}`)).json().version;
      const res = await admin.post(`/api/requests/${id}/actions/${action}`, { version, ...body });
      expect(res.statusCode, res.body).toBe(200);
    };
    const desk = async (description: string) => {
      const res = await admin.post('/api/requests', {
        channel: 'desk',
        categoryId: cats.road,
        description,
        villageId: town.village.id,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    // An earlier test wrote a request straight into the table: start from a rollup that counts it.
    await rebuildRequestFigures(t.database.db, town.town.id);
    const a = await desk('统计用：一号工单内容');
    const b = await desk('统计用：二号工单内容');
    const c = await desk('统计用：三号工单内容');
    const d = await desk('统计用：四号工单内容');
    await act(a, 'dispatch', { assignee: { kind: 'team', id: town.team.id } });
    await act(a, 'resolve', { note: '已修好' });
    await act(b, 'dispatch', { assignee: { kind: 'team', id: town.team.id } });
    await act(b, 'close_unresolved', { note: '无法处理' });
    await act(c, 'reject', { note: '不归本镇' });
    // The monthly rollup kept by intake and each step equals one recomputed from the requests.
    const cells = async () =>
      (
        await t.database.db
          .selectFrom('request_month_figures')
          .select(['id', 'total', 'resolved', 'unresolved', 'resolved_on_time', 'ratings', 'satisfied', 'handled'])
          .where('town_id', '=', town.town.id)
          .where('total', '!=', 0)
          .orderBy('id')
          .execute()
      ).map((c) => ({ ...c, total: Number(c.total), resolved: Number(c.resolved), handled: Number(c.handled) }));
    const kept = await cells();
    expect(kept.find((c) => c.id.includes('|all||resolved'))).toMatchObject({ resolved: 1 });
    await rebuildRequestFigures(t.database.db, town.town.id);
    expect(await cells()).toEqual(kept);
    // Move them across months and the Shanghai midnight: 16:30 UTC on 31 January is 1 February.
    const set = (id: string, values: Record<string, string>) =>
      t.database.db.updateTable('requests').set(values).where('id', '=', id).execute();
    await set(a, {
      created_at: '2026-01-31T16:30:00.000Z',
      resolved_at: '2026-02-02T10:00:00.000Z',
      due_at: '2026-02-05T16:00:00.000Z',
    });
    await set(b, { created_at: '2026-01-31T15:59:59.000Z' });
    await set(c, { created_at: '2025-12-31T16:00:00.000Z' });
    await set(d, { created_at: '2026-02-28T17:00:00.000Z', due_at: '2026-03-01T00:00:00.000Z' });
    await t.database.db.updateTable('requests').set({ rating: 5 }).where('id', '=', a).execute();
    // Rows changed behind the service's back: recompute the town's monthly rollup from them.
    await rebuildRequestFigures(t.database.db, town.town.id);

    const res = await admin.get('/api/requests/figures?groupBy=month');
    expect(res.statusCode, res.body).toBe(200);
    const figures = res.json();

    const rows = await t.database.db
      .selectFrom('requests')
      .selectAll()
      .where('town_id', '=', town.town.id)
      .where('status', '!=', 'merged')
      .execute();
    const now = new Date().toISOString();
    const recount = (list: typeof rows) => {
      const c0 = {
        resolved: list.filter((r) => r.outcome === 'resolved').length,
        unresolved: list.filter((r) => r.outcome === 'unresolved').length,
        openPastDue: list.filter(
          (r) => OPEN_STATUSES.includes(r.status as RequestStatus) && r.due_at !== null && r.due_at < now,
        ).length,
        resolvedOnTime: list.filter(
          (r) => r.outcome === 'resolved' && r.due_at !== null && r.resolved_at !== null && r.resolved_at <= r.due_at,
        ).length,
        ratings: list.filter((r) => r.rating !== null).length,
        satisfied: list.filter((r) => (r.rating ?? 0) >= 4).length,
        handlingHours: 0,
        handled: 0,
      };
      return {
        total: list.length,
        resolved: c0.resolved,
        unresolved: c0.unresolved,
        openPastDue: c0.openPastDue,
        completionRate: completionRate(c0),
        onTimeRate: onTimeRate(c0),
        satisfactionRate: satisfactionRate(c0),
      };
    };
    expect(figures).toMatchObject(recount(rows));
    const byStatus: Record<string, number> = {};
    for (const r of rows) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    expect(figures.byStatus).toEqual(byStatus);
    const months = new Map<string, typeof rows>();
    for (const r of rows) {
      const m = shanghaiDate(r.created_at).slice(0, 7);
      months.set(m, [...(months.get(m) ?? []), r]);
    }
    expect(figures.groups.map((g: { key: string }) => g.key)).toEqual([...months.keys()].sort());
    for (const g of figures.groups as { key: string }[]) expect(g).toMatchObject(recount(months.get(g.key) ?? []));
    // 17:00 UTC on 28 February is already 1 March in Shanghai.
    expect(figures.groups.find((g: { key: string }) => g.key === '2026-02')).toMatchObject({ total: 1, resolved: 1 });
    expect(figures.groups.find((g: { key: string }) => g.key === '2026-03')).toMatchObject({ total: 1 });
    expect(figures.groups.find((g: { key: string }) => g.key === '2026-01')).toMatchObject({ total: 2, unresolved: 1 });

    // The list's totals for a status and one grouping come from the same rollup.
    const listTotal = async (query: string) => {
      const res = await admin.get(`/api/requests?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().total as number;
    };
    expect(await listTotal('')).toBe(rows.length);
    expect(await listTotal('status=resolved')).toBe(rows.filter((r) => r.status === 'resolved').length);
    expect(await listTotal('status=resolved,rejected')).toBe(
      rows.filter((r) => r.status === 'resolved' || r.status === 'rejected').length,
    );
    expect(await listTotal(`villageId=${town.village.id}`)).toBe(
      rows.filter((r) => r.village_id === town.village.id).length,
    );
    expect(await listTotal(`categoryId=${cats.road}&status=submitted`)).toBe(
      rows.filter((r) => r.category_id === cats.road && r.status === 'submitted').length,
    );
    expect(await listTotal(`teamId=${town.team.id}`)).toBe(rows.filter((r) => r.team_id === town.team.id).length);

    // Date ranges: whole months from the rollup, the days around them from the requests.
    const today = shanghaiDate(now);
    for (const [from, to] of [
      ['2026-01-01', '2026-01-31'],
      ['2026-02-01', '2026-02-27'],
      ['2026-02-01', '2026-02-28'],
      ['2025-12-15', '2026-02-10'],
      ['2026-01-31', '2026-03-01'],
      ['2026-02-28', today],
      ['2025-01-01', today],
    ] as const) {
      const res = await admin.get(`/api/requests/figures?from=${from}&to=${to}`);
      expect(res.statusCode, res.body).toBe(200);
      const inRange = rows.filter((r) => shanghaiDate(r.created_at) >= from && shanghaiDate(r.created_at) <= to);
      expect(res.json(), `${from}..${to}`).toMatchObject(recount(inRange));
    }
  });

  it('folds a UTC day into its Shanghai month', () => {
    expect(shanghaiMonthOf('2026-01-31', false)).toBe('2026-01');
    expect(shanghaiMonthOf('2026-01-31', true)).toBe('2026-02');
    expect(shanghaiMonthOf('2026-12-31', true)).toBe('2027-01');
    expect(shanghaiMonthOf('2028-02-28', true)).toBe('2028-02');
    expect(shanghaiMonthOf('2028-02-29', true)).toBe('2028-03');
  });
});
