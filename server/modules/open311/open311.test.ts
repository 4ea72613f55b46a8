import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { maskIdNumber } from '../../../common/privacy/identity.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTown,
  townWithAdmins,
} from '../../test/harness.ts';
import { seedDefaultCategories } from '../categories/categories.seed.ts';
import { asXmlText, expectValid, parseXml } from './open311.testkit.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let key: string;
let categories: Record<string, string>;

const DAY = 86400_000;
const REPORTER = { first_name: '建国', last_name: '王', phone: '13812345678', email: 'wang@example.com' };
/** Every body an Open311 call answered, to prove none carries personal data. */
const answered: string[] = [];

const JSON_TYPE = 'application/json; charset=utf-8';
const XML_TYPE = 'text/xml; charset=utf-8';

/** A GeoReport call; the jurisdiction is the test town unless the query says otherwise. */
async function geo(
  path: string,
  query: Record<string, string> = {},
  options: { jurisdiction?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const params = new URLSearchParams({
    ...(options.jurisdiction === false ? {} : { jurisdiction_id: town.town.code }),
    ...query,
  });
  const qs = params.toString();
  const res = await t.app.inject({ method: 'GET', url: `/open311/v2/${path}${qs ? `?${qs}` : ''}` });
  answered.push(res.body);
  return res;
}

/** POSTs a request as JSON (or form-encoded) with the test key unless the body says otherwise. */
async function submit(
  body: Record<string, string | number | undefined>,
  options: { form?: boolean; format?: 'json' | 'xml'; url?: string } = {},
): Promise<LightMyRequestResponse> {
  const fields = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | number
  >;
  const res = await t.app.inject({
    method: 'POST',
    url: options.url ?? `/open311/v2/requests.${options.format ?? 'json'}`,
    ...(options.form
      ? {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(
            Object.entries(fields).map(([k, v]): [string, string] => [k, String(v)]),
          ).toString(),
        }
      : { payload: fields }),
  });
  answered.push(res.body);
  return res;
}

const valid = {
  jurisdiction_id: '',
  api_key: '',
  service_code: 'road',
  description: '村口石桥栏杆断了，晚上很危险',
  lat: 27.9,
  long: 115.7,
};
const body = (overrides: Record<string, string | number | undefined> = {}) => ({
  ...valid,
  jurisdiction_id: town.town.code,
  api_key: key,
  ...overrides,
});

async function created(overrides: Record<string, string | number | undefined> = {}): Promise<string> {
  const res = await submit(body(overrides));
  expect(res.statusCode, res.body).toBe(200);
  return expectValid<{ service_request_id: string }[]>('created', res.body)[0]?.service_request_id ?? '';
}

/** Checks a JSON error list: status, the code inside, a description. */
function expectError(res: LightMyRequestResponse, status: number): string {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe(JSON_TYPE);
  const errors = expectValid<{ code: number; description: string }[]>('errors', res.body);
  expect(errors).toHaveLength(1);
  expect(errors[0]?.code).toBe(status);
  return errors[0]?.description ?? '';
}

function expectXmlError(res: LightMyRequestResponse, status: number): void {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toBe(XML_TYPE);
  const doc = parseXml(res.body) as { errors: { error: { code: string; description: string }[] } };
  expect(doc.errors.error).toHaveLength(1);
  expect(doc.errors.error[0]?.code).toBe(String(status));
  expect(doc.errors.error[0]?.description).toMatch(/\S/);
}

const rowOf = (code: string) =>
  t.database.db.selectFrom('requests').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  categories = await seedDefaultCategories(t.database.db, town.town.id);
  admin = await login(t, town.users.townAdmin.username);
  const res = await admin.post('/api/open311-keys', { name: '测试平台' });
  expect(res.statusCode, res.body).toBe(201);
  key = (res.json() as { secret: string }).secret;
});
afterAll(async () => t.close());

describe('jurisdiction while the deployment holds one town', () => {
  it('is optional, and the town code is accepted', async () => {
    const without = await geo('services.json', {}, { jurisdiction: false });
    const withCode = await geo('services.json');
    expect(without.statusCode).toBe(200);
    expect(without.body).toBe(withCode.body);
    const posted = await submit(body({ jurisdiction_id: undefined }));
    expect(posted.statusCode, posted.body).toBe(200);
  });

  it('answers 404 for an unknown jurisdiction on every endpoint, in the asked format', async () => {
    for (const path of [
      'discovery.json',
      'services.json',
      'services/road.json',
      'requests.json',
      'requests/TS-1.json',
      'tokens/TS-1.json',
    ])
      expect(await geo(path, { jurisdiction_id: 'nowhere' }).then((r) => expectError(r, 404))).toMatch(/\S/);
    expectXmlError(await geo('services.xml', { jurisdiction_id: 'nowhere' }), 404);
    expectError(await submit(body({ jurisdiction_id: 'nowhere' })), 404);
  });
});

describe('discovery', () => {
  it('lists the endpoint, its formats and where to get a key, in JSON and XML', async () => {
    const res = await geo('discovery.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    const doc = expectValid<{
      changeset: string;
      contact: string;
      key_service: string;
      endpoints: { url: string; formats: string[]; changeset: string; specification: string; type: string }[];
    }>('discovery', res.body);
    expect(doc.endpoints[0]?.url).toBe('http://localhost:80/open311/v2');
    expect(doc.changeset).toMatch(/\+08:00$/);
    const xml = await geo('discovery.xml');
    expect(xml.headers['content-type']).toBe(XML_TYPE);
    const parsed = parseXml(xml.body) as {
      discovery: { endpoints: { endpoint: { formats: { format: string[] } }[] } } & Record<string, unknown>;
    };
    const { endpoints, ...rest } = parsed.discovery;
    const { endpoints: jsonEndpoints, ...jsonRest } = doc;
    expect(rest).toEqual(asXmlText(jsonRest));
    const [endpoint] = jsonEndpoints;
    expect(endpoints.endpoint).toEqual([
      { ...(asXmlText(endpoint) as object), formats: { format: endpoint?.formats } },
    ]);
  });
});

describe('services', () => {
  it('lists the enabled categories, valid against services.json, the same in XML', async () => {
    await t.database.db
      .updateTable('categories')
      .set({ disabled: 1 })
      .where('town_id', '=', town.town.id)
      .where('code', '=', 'other')
      .execute();
    const res = await geo('services.json');
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    const services = expectValid<{ service_code: string; service_name: string; metadata: boolean; type: string }[]>(
      'services',
      res.body,
    );
    for (const s of services) expectValid('service', JSON.stringify(s));
    expect(services.map((s) => s.service_code)).toContain('road');
    expect(services.map((s) => s.service_code)).not.toContain('other');
    expect(services.find((s) => s.service_code === 'road')).toMatchObject({
      service_name: '道路交通',
      metadata: false,
      type: 'realtime',
    });
    const xml = parseXml((await geo('services.xml')).body) as { services: { service: unknown[] } };
    expect(xml.services.service).toEqual(asXmlText(services));
  });

  it('defines a service with an empty attribute list; an unknown or disabled one is 404', async () => {
    const res = await geo('services/road.json');
    expect(res.statusCode).toBe(200);
    expect(expectValid('serviceDefinition', res.body)).toEqual({ service_code: 'road', attributes: [] });
    const xml = await geo('services/road.xml');
    expect(xml.headers['content-type']).toBe(XML_TYPE);
    expect(parseXml(xml.body)).toEqual({ service_definition: { service_code: 'road', attributes: '' } });
    expect(xml.body).toContain(
      '<service_definition><service_code>road</service_code><attributes/></service_definition>',
    );
    expectError(await geo('services/nope.json'), 404);
    expectError(await geo('services/other.json'), 404);
    expectXmlError(await geo('services/nope.xml'), 404);
  });

  it('answers 404 in the spec shape for an unknown format or path', async () => {
    expectError(await geo('services.csv'), 404);
    expectError(await geo('services/road.yaml'), 404);
    expectError(await geo('requests'), 404);
    expectError(await geo('nothing.json'), 404);
    expectXmlError(await geo('nothing.xml'), 404);
  });
});

describe('POST requests', () => {
  it('creates a request from JSON, seen by staff with channel open311', async () => {
    const res = await submit(body({ ...REPORTER, media_url: 'http://example.com/a.jpg' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(JSON_TYPE);
    const [answer] = expectValid<{ service_request_id: string; service_notice: string }[]>('created', res.body);
    expect(answer?.service_request_id).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(answer?.service_notice).toMatch(/\S/);
    const list = await admin.get('/api/requests?channel=open311&pageSize=100');
    const item = (
      list.json() as { items: { code: string; channel: string; status: string; categoryId: string }[] }
    ).items.find((i) => i.code === answer?.service_request_id);
    expect(item).toMatchObject({ channel: 'open311', status: 'submitted', categoryId: categories.road });
    const row = await rowOf(answer?.service_request_id ?? '');
    expect(row).toMatchObject({ reporter_name: '王建国', reporter_mobile_enc: null, lat: 27.9, lng: 115.7 });
  });

  it('creates a request from a form-encoded body, answering in XML', async () => {
    const res = await submit(
      body({ lat: undefined, long: undefined, address_string: '厚田村三组', first_name: 'Li', last_name: 'Ming' }),
      { form: true, format: 'xml' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(XML_TYPE);
    const doc = parseXml(res.body) as {
      service_requests: { request: { service_request_id: string; service_notice: string }[] };
    };
    const code = doc.service_requests.request[0]?.service_request_id ?? '';
    expect(code).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(await rowOf(code)).toMatchObject({
      channel: 'open311',
      address: '厚田村三组',
      reporter_name: 'Li Ming',
      lat: null,
    });
    const json = await submit(body({ service_code: 'water' }), { form: true });
    expect(json.statusCode, json.body).toBe(200);
    expectValid('created', json.body);
  });

  it('takes a village or hamlet id as address_id, and refuses one of no village of the town', async () => {
    const code = await created({ lat: undefined, long: undefined, address_id: town.village.id });
    expect((await rowOf(code)).village_id).toBe(town.village.id);
    expectError(await submit(body({ lat: undefined, long: undefined, address_id: newId() })), 400);
  });

  it('accepts api_key and jurisdiction_id in the query string too', async () => {
    const res = await submit(body({ api_key: undefined, jurisdiction_id: undefined }), {
      url: `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}&jurisdiction_id=${town.town.code}`,
    });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('answers 403 without, with a wrong or with a disabled api_key — before any other check', async () => {
    expectError(await submit(body({ api_key: undefined })), 403);
    expectError(await submit(body({ api_key: undefined, description: undefined })), 403);
    expectXmlError(await submit(body({ api_key: undefined }), { format: 'xml' }), 403);
    expectError(await submit(body({ api_key: 'wrong-key' })), 403);
    expectError(await submit(body({ api_key: 'wrong-key' }), { form: true }), 403);
    const made = (await admin.post('/api/open311-keys', { name: '将停用' })).json() as {
      key: { id: string; version: number };
      secret: string;
    };
    expect((await submit(body({ api_key: made.secret }))).statusCode).toBe(200);
    const off = await admin.patch(`/api/open311-keys/${made.key.id}`, { disabled: true, version: made.key.version });
    expect(off.statusCode, off.body).toBe(200);
    expectError(await submit(body({ api_key: made.secret })), 403);
  });

  it("refuses another town's key", async () => {
    const other = await makeTown(t);
    await t.database.db
      .insertInto('api_keys')
      .values({
        town_id: other.id,
        id: newId(),
        version: 1,
        name: '他镇',
        prefix: 'other-',
        key_hash: t.sealer.hash('other-town-key'),
        disabled: 0,
        created_by: null,
        created_at: nowIso(),
        last_used_at: null,
      })
      .execute();
    try {
      expectError(await submit(body({ api_key: 'other-town-key' })), 403);
    } finally {
      await t.database.db.deleteFrom('api_keys').where('town_id', '=', other.id).execute();
      await t.database.db.deleteFrom('towns').where('id', '=', other.id).execute();
    }
  });

  it('records when a key was last used', async () => {
    await created();
    const keys = (await admin.get('/api/open311-keys')).json() as {
      items: { name: string; lastUsedAt: string | null }[];
    };
    const used = keys.items.find((k) => k.name === '测试平台');
    expect(Date.now() - Date.parse(used?.lastUsedAt ?? '')).toBeLessThan(60_000);
  });

  it('answers 400 for an unknown service_code, a missing description, a missing or half location', async () => {
    expect(expectError(await submit(body({ service_code: 'nope' })), 400)).toMatch(/service_code/);
    expectError(await submit(body({ service_code: 'other' })), 400);
    expectError(await submit(body({ description: undefined })), 400);
    expectError(await submit(body({ description: '   ' }), { form: true }), 400);
    expectError(await submit(body({ lat: undefined, long: undefined })), 400);
    expectError(await submit(body({ long: undefined })), 400);
    expectError(await submit(body({ lat: 'north' }), { form: true }), 400);
    expectError(await submit(body({ lat: 123 })), 400);
    expectXmlError(await submit(body({ service_code: 'nope' }), { format: 'xml' }), 400);
  });

  it('answers 400 in the spec shape for malformed JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${encodeURIComponent(key)}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"service_code":',
    });
    expectError(res, 400);
  });
});

describe('GET requests', () => {
  let old: string;
  let recent: string;
  let closed: string;
  let water: string;

  beforeAll(async () => {
    old = await created({ description: '一百天前报的路灯问题' });
    await t.database.db
      .updateTable('requests')
      .set({ created_at: new Date(Date.now() - 100 * DAY).toISOString() })
      .where('code', '=', old)
      .execute();
    recent = await created();
    closed = await created({ description: '已经办好的事情' });
    await t.database.db
      .updateTable('requests')
      .set({ status: 'resolved', outcome: 'resolved', resolved_at: nowIso() })
      .where('code', '=', closed)
      .execute();
    water = await created({ service_code: 'water', description: '自来水停了两天' });
  });

  const codesOf = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return expectValid<{ service_request_id: string }[]>('requests', res.body).map((r) => r.service_request_id);
  };

  it('covers the last 90 days by default; a start_date reaches further back', async () => {
    const codes = codesOf(await geo('requests.json'));
    expect(codes).toEqual(expect.arrayContaining([recent, closed, water]));
    expect(codes).not.toContain(old);
    const back = codesOf(await geo('requests.json', { start_date: new Date(Date.now() - 101 * DAY).toISOString() }));
    expect(back).toContain(old);
    expect(back).not.toContain(recent);
    const ended = codesOf(await geo('requests.json', { end_date: new Date(Date.now() - 99 * DAY).toISOString() }));
    expect(ended).toEqual([old]);
  });

  it('refuses a window over 90 days, an inverted one and a date that is not ISO 8601', async () => {
    const start = new Date(Date.now() - 120 * DAY).toISOString();
    expectError(await geo('requests.json', { start_date: start, end_date: nowIso() }), 400);
    expectError(await geo('requests.json', { start_date: nowIso(), end_date: start }), 400);
    expectError(await geo('requests.json', { start_date: 'yesterday' }), 400);
    expectXmlError(await geo('requests.xml', { start_date: '2026-13-45T99:00' }), 400);
    expect(
      codesOf(await geo('requests.json', { start_date: '2020-01-01', end_date: '2020-03-01T00:00:00+08:00' })),
    ).toEqual([]);
  });

  it('filters by status, service_code and ids (ids override the rest)', async () => {
    const open = codesOf(await geo('requests.json', { status: 'open' }));
    expect(open).toContain(recent);
    expect(open).not.toContain(closed);
    const done = codesOf(await geo('requests.json', { status: 'closed' }));
    expect(done).toEqual([closed]);
    expect(codesOf(await geo('requests.json', { status: 'open,closed' }))).toEqual(
      expect.arrayContaining([recent, closed]),
    );
    expectError(await geo('requests.json', { status: 'pending' }), 400);
    const waters = expectValid<{ service_code: string; service_request_id: string }[]>(
      'requests',
      (await geo('requests.json', { service_code: 'water' })).body,
    );
    expect(waters.map((r) => r.service_request_id)).toContain(water);
    expect(waters.every((r) => r.service_code === 'water')).toBe(true);
    expect(codesOf(await geo('requests.json', { service_code: 'water,road' }))).toEqual(
      expect.arrayContaining([water, recent]),
    );
    const ids = codesOf(
      await geo('requests.json', {
        service_request_id: `${old},${closed.toLowerCase()}`,
        status: 'open',
        service_code: 'water',
      }),
    );
    expect(ids.sort()).toEqual([old, closed].sort());
  });

  it('presents a request per the schema: times in +08:00, open/closed, no location or media', async () => {
    const [item] = expectValid<Record<string, unknown>[]>('requests', (await geo(`requests/${recent}.json`)).body);
    expectValid('request', JSON.stringify(item));
    const row = await rowOf(recent);
    expect(item).toMatchObject({
      service_request_id: recent,
      status: 'open',
      service_code: 'road',
      service_name: '道路交通',
      description: valid.description,
      status_notes: null,
      agency_responsible: null,
      lat: null,
      long: null,
      media_url: null,
      address: null,
    });
    expect(item?.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Date.parse(String(item?.requested_datetime))).toBe(Math.floor(Date.parse(row.created_at) / 1000) * 1000);
    expect(Date.parse(String(item?.expected_datetime))).toBe(Math.floor(Date.parse(row.due_at ?? '') / 1000) * 1000);
    expect(item?.service_notice).toMatch(/\S/);
    const [done] = expectValid<Record<string, unknown>[]>('requests', (await geo(`requests/${closed}.json`)).body);
    expect(done?.status).toBe('closed');
  });

  it('takes status_notes from the latest public note and the agency from the assignee, never a person', async () => {
    const row = await rowOf(recent);
    const event = (note: string, at: string, isPublic: 0 | 1) => ({
      town_id: town.town.id,
      id: newId(),
      request_id: row.id,
      at,
      kind: 'progress',
      actor_id: null,
      actor_name: '张三',
      note,
      data: null,
      public: isPublic,
    });
    await t.database.db
      .insertInto('request_events')
      .values([
        event('已派人查看现场', new Date(Date.now() + 1000).toISOString(), 1),
        event('内部备注：联系人电话13900001111', new Date(Date.now() + 2000).toISOString(), 0),
      ])
      .execute();
    await t.database.db
      .updateTable('requests')
      .set({ status: 'dispatched', assignee_kind: 'department', assignee_id: town.department.id })
      .where('id', '=', row.id)
      .execute();
    const [item] = expectValid<Record<string, unknown>[]>('requests', (await geo(`requests/${recent}.json`)).body);
    expect(item).toMatchObject({ status: 'open', status_notes: '已派人查看现场', agency_responsible: '村建办' });

    const person = await makePerson(t, town.town.id, { name: '李四' });
    await t.database.db
      .updateTable('requests')
      .set({ assignee_kind: 'member', assignee_id: person.id, team_id: town.team.id })
      .where('id', '=', row.id)
      .execute();
    const [byMember] = expectValid<Record<string, unknown>[]>('requests', (await geo(`requests/${recent}.json`)).body);
    expect(byMember?.agency_responsible).toBe('绿色服务队');
  });

  it('answers the same values in XML as in JSON', async () => {
    for (const path of ['requests', `requests/${recent}`]) {
      const json = expectValid<unknown[]>('requests', (await geo(`${path}.json`)).body);
      const xml = await geo(`${path}.xml`);
      expect(xml.headers['content-type']).toBe(XML_TYPE);
      const doc = parseXml(xml.body) as { service_requests: { request: unknown[] } };
      expect(doc.service_requests.request).toEqual(asXmlText(json));
    }
  });

  it('answers 404 in the spec shape for an unknown id', async () => {
    expectError(await geo('requests/TS-20000101-0001.json'), 404);
    expectXmlError(await geo('requests/TS-20000101-0001.xml'), 404);
  });

  it('resolves a token (the service_request_id itself) and 404s an unknown one', async () => {
    const res = await geo(`tokens/${recent}.json`);
    expect(res.statusCode).toBe(200);
    expect(expectValid('tokens', res.body)).toEqual([{ service_request_id: recent, token: recent }]);
    const xml = parseXml((await geo(`tokens/${recent}.xml`)).body);
    expect(xml).toEqual({ service_requests: { request: [{ service_request_id: recent, token: recent }] } });
    expectError(await geo('tokens/nope.json'), 404);
  });
});

describe('privacy', () => {
  it('shows no reporter name or phone, and masks numbers written into the description', async () => {
    const code = await created({ ...REPORTER, description: '请王建国回电 13812345678，身份证 360121199001011234' });
    const [item] = expectValid<{ description: string }[]>('requests', (await geo(`requests/${code}.json`)).body);
    expect(item?.description).toBe(`请王建国回电 138****5678，身份证 ${maskIdNumber('360121199001011234')}`);
    await geo(`requests/${code}.xml`);
    await geo('requests.json');
    await geo('requests.xml');
    expect(answered.length).toBeGreaterThan(50);
    for (const text of answered) {
      expect(text).not.toContain('13812345678');
      expect(text).not.toContain('13900001111');
      expect(text).not.toContain('wang@example.com');
      expect(text).not.toContain('李四');
      expect(text).not.toContain('张三');
    }
    const listed = (await geo('requests.json')).body;
    expect(listed).not.toContain('"王建国"');
    expect(listed).not.toContain('Li Ming');
  });
});

describe('jurisdiction with two towns', () => {
  it('answers 400 without jurisdiction_id, and works with it', async () => {
    await makeTown(t);
    for (const path of ['discovery.json', 'services.json', 'requests.json', 'services/road.json'])
      expectError(await geo(path, {}, { jurisdiction: false }), 400);
    expectXmlError(await geo('services.xml', {}, { jurisdiction: false }), 400);
    expectError(await submit(body({ jurisdiction_id: undefined })), 400);
    expect((await geo('services.json')).statusCode).toBe(200);
    expect((await submit(body())).statusCode).toBe(200);
  });
});
