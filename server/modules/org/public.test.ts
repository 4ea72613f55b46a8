import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTown,
  makeUser,
  usePostgres,
} from '../../test/harness.ts';

let t: TestContext;
let town: { id: string; code: string };

beforeAll(async () => {
  t = await createTestApp();
  town = await makeTown(t, { name: '清溪镇' });
  const admin = await login(t, (await makeUser(t, town.id, 'town_admin')).username);
  await makePerson(t, town.id, { name: '不应公开' });
  const ws = { address: '镇政府一楼', phone: '0791-1234567' };
  await admin.post('/api/workstations', {
    ...ws,
    name: '清溪镇连心工作室',
    level: 'town',
    openingHours: '周一至周五 8:30–17:30',
  });
  const closed = await admin.post('/api/workstations', {
    ...ws,
    name: '已停用工作室',
    level: 'town',
    openingHours: '无',
  });
  await admin.patch(`/api/workstations/${closed.json().id}`, { disabled: true, version: 1 });
});
afterAll(async () => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('GET /api/public/town', () => {
  it('gives the town and its open workstations with opening hours, without signing in and without personal data', async () => {
    const res = await get('/api/public/town');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ code: town.code, name: '清溪镇' });
    expect(body.workstations).toEqual([
      {
        id: expect.any(String),
        name: '清溪镇连心工作室',
        level: 'town',
        villageName: null,
        address: '镇政府一楼',
        openingHours: '周一至周五 8:30–17:30',
        phone: '0791-1234567',
      },
    ]);
    expect(res.body).not.toContain('不应公开');
    expect(res.body).not.toContain('已停用工作室');
  });

  it('needs the code once there are two towns', async () => {
    const other = await makeTown(t, { name: '白云镇' });
    const without = await get('/api/public/town');
    expect(without.statusCode).toBe(404);
    expect(without.json().code).toBe('NOT_FOUND');
    const res = await get(`/api/public/town?code=${other.code}`);
    expect(res.json()).toMatchObject({ code: other.code, name: '白云镇', workstations: [] });
    expect((await get(`/api/public/town?code=${town.code}`)).json().name).toBe('清溪镇');
    expect((await get('/api/public/town?code=nowhere')).statusCode).toBe(404);
  });
});

describe('GET /api/health', () => {
  it('reports ok and the database in use', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: usePostgres ? 'postgres' : 'sqlite' });
  });
});
