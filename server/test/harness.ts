/**
 * Test harness: a fresh database per test file (a temporary SQLite file, or a new schema on
 * TEST_DATABASE_URL when TEST_DB=postgres), the real app over it, and factories.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import type { Role } from '../../common/auth/roles.ts';
import { buildApp } from '../app.ts';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { type Sealer, makeSealer } from '../platform/crypto.ts';
import { newId, nowIso } from '../platform/ids.ts';
import { hashPassword } from '../platform/passwords.ts';

export const TEST_PASSWORD = 'Test-Password-2026';
export const usePostgres = process.env.TEST_DB === 'postgres';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  sealer: Sealer;
  config: Config;
  close(): Promise<void>;
}

/** Opens a fresh, migrated database and builds the app on it. */
export async function createTestApp(overrides: Partial<Config> = {}): Promise<TestContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-test-'));
  const config = loadConfig({}, { dataDir: dir, webDist: path.join(dir, 'no-web'), ...overrides });
  let database: Database;
  if (usePostgres) {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    // Dropped after the whole run by server/test/global-setup.ts, not here (see there why).
    database = openDatabase({ databaseUrl: url, sqliteFile: '', pgSchema: schema });
  } else {
    database = openDatabase({ databaseUrl: null, sqliteFile: path.join(dir, 'test.db') });
  }
  await migrateToLatest(database.db);
  const sealer = makeSealer('test-secret');
  const app = await buildApp({ config, database, sealer, logger: false });
  await app.ready();
  return {
    app,
    database,
    sealer,
    config,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let hashCache: Promise<string> | null = null;
const testHash = () => (hashCache ??= hashPassword(TEST_PASSWORD));

/** A town with the given code. */
export async function makeTown(t: TestContext, overrides: { code?: string; name?: string } = {}) {
  const id = newId();
  const now = nowIso();
  const code = overrides.code ?? `t${randomBytes(3).toString('hex')}`;
  await t.database.db
    .insertInto('towns')
    .values({
      id,
      code,
      name: overrides.name ?? `测试镇${code}`,
      prefix: 'TS',
      province: null,
      county: null,
      division_code: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, code };
}

const base = (townId: string) => ({
  town_id: townId,
  id: newId(),
  version: 1,
  disabled: 0,
  created_at: nowIso(),
  updated_at: nowIso(),
});

export async function makeVillage(t: TestContext, townId: string, overrides: { name?: string } = {}) {
  const row = {
    ...base(townId),
    name: overrides.name ?? `村${randomBytes(3).toString('hex')}`,
    kind: 'village',
    code: null,
    sort: 0,
  };
  await t.database.db.insertInto('villages').values(row).execute();
  return row;
}

export async function makeTeam(t: TestContext, townId: string, overrides: { name?: string; colour?: string } = {}) {
  const row = {
    ...base(townId),
    name: overrides.name ?? `队${randomBytes(3).toString('hex')}`,
    colour: overrides.colour ?? 'green',
    focus: '测试',
    description: null,
    sort: 0,
  };
  await t.database.db.insertInto('teams').values(row).execute();
  return row;
}

export async function makeDepartment(t: TestContext, townId: string, overrides: { name?: string } = {}) {
  const row = {
    ...base(townId),
    name: overrides.name ?? `部门${randomBytes(3).toString('hex')}`,
    phone: null,
    duties: null,
  };
  await t.database.db.insertInto('departments').values(row).execute();
  return row;
}

export async function makePerson(
  t: TestContext,
  townId: string,
  overrides: { name?: string; villageId?: string | null } = {},
) {
  const row = {
    ...base(townId),
    name: overrides.name ?? `人${randomBytes(2).toString('hex')}`,
    gender: null,
    birth_year: null,
    mobile_enc: null,
    mobile_hash: null,
    mobile_mask: null,
    id_number_enc: null,
    id_number_hash: null,
    id_number_mask: null,
    village_id: overrides.villageId ?? null,
    political_status: 'masses',
    backgrounds: '[]',
    skills: '[]',
    notes: null,
    volunteer_no: null,
  };
  await t.database.db.insertInto('people').values(row).execute();
  return row;
}

/** An account with one role (and its scope) whose password is TEST_PASSWORD. */
export async function makeUser(
  t: TestContext,
  townId: string,
  role: Role,
  scope: { villageId?: string; teamId?: string; departmentId?: string; personId?: string } = {},
  overrides: { username?: string } = {},
) {
  const row = {
    ...base(townId),
    username: overrides.username ?? `${role.replace('_', '')}${randomBytes(3).toString('hex')}`,
    display_name: `${role} 用户`,
    person_id: scope.personId ?? null,
    mobile_enc: null,
    mobile_hash: null,
    mobile_mask: null,
    password_hash: await testHash(),
    must_change_password: 0,
    locale: 'zh-CN',
    failed_logins: 0,
    locked_until: null,
    last_login_at: null,
    password_changed_at: null,
  };
  await t.database.db.insertInto('users').values(row).execute();
  await t.database.db
    .insertInto('user_roles')
    .values({
      town_id: townId,
      id: newId(),
      user_id: row.id,
      role,
      village_id: scope.villageId ?? null,
      team_id: scope.teamId ?? null,
      department_id: scope.departmentId ?? null,
    })
    .execute();
  return row;
}

/** A signed-in client: sends the session cookie and the CSRF token. */
export interface Client {
  cookie: string;
  csrf: string;
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

export async function login(
  t: TestContext,
  username: string,
  password = TEST_PASSWORD,
  town?: string,
): Promise<Client> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password, ...(town ? { town } : {}) },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'lx_session')?.value ?? '';
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const request = (options: InjectOptions) =>
    t.app.inject({
      ...options,
      headers: { cookie: `lx_session=${cookie}`, 'x-csrf-token': csrf, ...(options.headers ?? {}) },
    });
  return {
    cookie,
    csrf,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) =>
      request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as object }),
    put: (url, payload) => request({ method: 'PUT', url, payload: payload as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/** A town with an admin of each kind, signed in: the usual start of a module's tests. */
export async function townWithAdmins(t: TestContext) {
  const town = await makeTown(t);
  const village = await makeVillage(t, town.id, { name: '甲村' });
  const otherVillage = await makeVillage(t, town.id, { name: '乙村' });
  const team = await makeTeam(t, town.id, { name: '绿色服务队' });
  const department = await makeDepartment(t, town.id, { name: '村建办' });
  const users = {
    townAdmin: await makeUser(t, town.id, 'town_admin'),
    villageAdmin: await makeUser(t, town.id, 'village_admin', { villageId: village.id }),
    teamLeader: await makeUser(t, town.id, 'team_leader', { teamId: team.id }),
    member: await makeUser(t, town.id, 'member'),
    handler: await makeUser(t, town.id, 'department_handler', { departmentId: department.id }),
    securityAdmin: await makeUser(t, town.id, 'security_admin'),
    auditor: await makeUser(t, town.id, 'auditor'),
  };
  return { town, village, otherVillage, team, department, users };
}
