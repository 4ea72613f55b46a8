import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChild } from '../../../common/care/figures.ts';
import { DEMO_PASSWORD, prng, seedDemo } from '../../demo/seed.ts';
import { type Client, type TestContext, createTestApp, login } from '../../test/harness.ts';
import { DEMO_CARE_RECIPIENTS, seedDemoCare } from './care.seed.ts';

let t: TestContext;
let townId: string;
let member: Client;
let care: Client;

beforeAll(async () => {
  t = await createTestApp();
  townId = (await seedDemo(t.database.db, t.sealer)) ?? '';
  member = await login(t, 'member', DEMO_PASSWORD);
  care = await login(t, 'care', DEMO_PASSWORD);
}, 180_000);
afterAll(async () => t.close());

describe('demo care data', () => {
  it('has 300 recipients across the villages, mostly elderly, about 60 left-behind children', async () => {
    const rows = await t.database.db
      .selectFrom('care_recipients')
      .select(['kinds', 'birth_year', 'village_id'])
      .where('town_id', '=', townId)
      .execute();
    expect(rows).toHaveLength(DEMO_CARE_RECIPIENTS);
    const kinds = rows.map((r) => JSON.parse(r.kinds) as string[]);
    const children = rows.filter((r) => isChild(JSON.parse(r.kinds) as string[], r.birth_year)).length;
    expect(children).toBeGreaterThanOrEqual(55);
    expect(children).toBeLessThanOrEqual(70);
    expect(kinds.filter((k) => k.includes('elderly_alone')).length).toBeGreaterThan(120);
    expect(kinds.some((k) => k.includes('disabled'))).toBe(true);
    expect(kinds.some((k) => k.includes('poverty_alleviated'))).toBe(true);
    expect(new Set(rows.map((r) => r.village_id)).size).toBeGreaterThan(15);
  });

  it('pairs everyone, keeps some hand-overs as history, and shows overdue recipients', async () => {
    const list = (await care.get('/api/care/recipients?unpaired=true')).json();
    expect(list.total).toBe(0);
    const ended = await t.database.db
      .selectFrom('care_pairings')
      .select('id')
      .where('town_id', '=', townId)
      .where('ended_at', 'is not', null)
      .execute();
    expect(ended.length).toBeGreaterThan(10);
    const overdue = (await care.get('/api/care/overdue')).json();
    expect(overdue.total).toBeGreaterThan(10);
    expect(overdue.total).toBeLessThan(80);
    const figures = (await care.get('/api/care/figures')).json();
    expect(figures.totals.visits).toBeGreaterThan(3000);
    expect(figures.totals.requests).toBeGreaterThan(10);
    expect(figures.byTeam.map((x: { colour: string }) => x.colour)).toEqual(expect.arrayContaining(['pink', 'red']));
  });

  it('links the home-visit requests to the visits that found them', async () => {
    const linked = await t.database.db
      .selectFrom('requests as q')
      .innerJoin('care_visits as v', (j) => j.onRef('v.town_id', '=', 'q.town_id').onRef('v.id', '=', 'q.origin_id'))
      .select(['q.id', 'v.request_id', 'v.problem'])
      .where('q.town_id', '=', townId)
      .where('q.origin_kind', '=', 'visit')
      .execute();
    expect(linked.length).toBeGreaterThan(10);
    for (const l of linked) expect(l).toMatchObject({ request_id: l.id, problem: 1 });
  });

  it('gives the demo member three pairings, one overdue, and lets them log a visit', async () => {
    const my = (await member.get('/api/care/my')).json();
    expect(my.items).toHaveLength(3);
    expect(my.items.filter((i: { overdue: boolean }) => i.overdue)).toHaveLength(1);
    const target = my.items.find((i: { overdue: boolean }) => i.overdue);
    const res = await member.post('/api/care/visits', {
      recipientId: target.recipientId,
      durationMinutes: 45,
      services: ['cleaning', 'nail_trimming'],
      condition: 'good',
    });
    expect(res.statusCode).toBe(201);
    const after = (await member.get('/api/care/my')).json();
    expect(after.items.filter((i: { overdue: boolean }) => i.overdue)).toHaveLength(0);
  });

  it('seeds the care data in well under 3 seconds', async () => {
    // CPU time of this process (SQLite runs in it), so a busy machine does not make the check flaky.
    const started = process.cpuUsage();
    await t.database.db
      .transaction()
      .execute(async (trx) => {
        await seedDemoCare(trx, townId, { now: new Date().toISOString(), rand: prng(1), sealer: t.sealer });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });
});
