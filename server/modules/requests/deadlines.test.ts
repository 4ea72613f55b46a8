import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDefaultCategories } from '../categories/categories.seed.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { runDeadlineScan } from './deadlines.job.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let categories: Record<string, string>;
let admin: Client;
let memberUser: { id: string };
let personId: string;

const HOUR = 3600_000;
const now = new Date();
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  categories = await seedDefaultCategories(t.database.db, town.town.id);
  admin = await login(t, town.users.townAdmin.username);
  const person = await makePerson(t, town.town.id, { name: '张队员' });
  personId = person.id;
  memberUser = await makeUser(t, town.town.id, 'member', { personId: person.id });
  await t.database.db
    .insertInto('team_memberships')
    .values({
      town_id: town.town.id,
      id: newId(),
      version: 1,
      team_id: town.team.id,
      person_id: person.id,
      squad_id: null,
      role: 'member',
      joined_at: nowIso(),
      left_at: null,
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
});
afterAll(async () => t.close());

/** A request entered at the desk in 甲村, dispatched as given, then due at `due`. */
async function makeRequest(due: Date, assignee: { kind: string; id: string } | null = null): Promise<string> {
  const created = await admin.post('/api/requests', {
    channel: 'desk',
    categoryId: categories.road,
    description: `路面塌陷需要处理 ${newId()}`,
    villageId: town.village.id,
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  if (assignee) {
    const res = await admin.post(`/api/requests/${id}/actions/dispatch`, { version: 1, assignee });
    expect(res.statusCode, res.body).toBe(200);
  }
  await t.database.db.updateTable('requests').set({ due_at: due.toISOString() }).where('id', '=', id).execute();
  return id;
}

const row = (id: string) =>
  t.database.db
    .selectFrom('requests')
    .select(['status', 'warned_at', 'overdue_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const events = (id: string, kind: string) =>
  t.database.db
    .selectFrom('request_events')
    .selectAll()
    .where('request_id', '=', id)
    .where('kind', '=', kind)
    .execute();
/** Users told about this request with this kind of notice. */
const told = async (id: string, kind: string) =>
  (
    await t.database.db
      .selectFrom('notifications')
      .select('user_id')
      .where('link', '=', `/requests/${id}`)
      .where('kind', '=', kind)
      .execute()
  )
    .map((n) => n.user_id)
    .sort();

describe('runDeadlineScan', () => {
  it('warns the assignee once of a request due within a day', async () => {
    const soon = await makeRequest(at(12 * HOUR), { kind: 'team', id: town.team.id });
    const later = await makeRequest(at(48 * HOUR), { kind: 'team', id: town.team.id });
    expect(await runDeadlineScan(t.app.deps, now)).toEqual({ warned: 1, overdue: 0 });
    expect((await row(soon)).warned_at).toBe(now.toISOString());
    expect((await row(soon)).overdue_at).toBeNull();
    expect(await told(soon, 'request.due_soon')).toEqual([town.users.teamLeader.id]);
    expect(await events(soon, 'due_soon')).toHaveLength(1);
    expect((await row(later)).warned_at).toBeNull();

    // A second scan an hour later finds nothing new.
    expect(await runDeadlineScan(t.app.deps, at(HOUR))).toEqual({ warned: 0, overdue: 0 });
    expect(await told(soon, 'request.due_soon')).toEqual([town.users.teamLeader.id]);
    expect(await events(soon, 'due_soon')).toHaveLength(1);

    const leader = await login(t, town.users.teamLeader.username);
    const notices = (await leader.get('/api/notifications')).json().items as { kind: string; link: string }[];
    expect(notices.filter((n) => n.kind === 'request.due_soon').map((n) => n.link)).toEqual([`/requests/${soon}`]);
  });

  it('marks a request past due overdue once, with a timeline entry, telling the assignee, leader and town', async () => {
    const late = await makeRequest(at(-HOUR), { kind: 'member', id: personId });
    const scanned = await runDeadlineScan(t.app.deps, at(2 * HOUR));
    expect(scanned.overdue).toBe(1);
    const r = await row(late);
    expect(r.overdue_at).toBe(at(2 * HOUR).toISOString());
    expect(r.status).toBe('dispatched');
    const entries = await events(late, 'overdue');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.public).toBe(0);
    expect(await told(late, 'request.overdue')).toEqual(
      [memberUser.id, town.users.teamLeader.id, town.users.townAdmin.id, town.users.villageAdmin.id].sort(),
    );
    // The timeline shows it to staff.
    const detail = (await admin.get(`/api/requests/${late}`)).json();
    expect(detail.overdue).toBe(true);
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toContain('overdue');

    await runDeadlineScan(t.app.deps, at(3 * HOUR));
    expect(await events(late, 'overdue')).toHaveLength(1);
    expect(await told(late, 'request.overdue')).toHaveLength(4);
  });

  it('warns the managers of a request nobody holds yet', async () => {
    const id = await makeRequest(at(4 * HOUR + 30 * 60_000));
    await runDeadlineScan(t.app.deps, at(4 * HOUR));
    expect(await told(id, 'request.due_soon')).toEqual([town.users.townAdmin.id, town.users.villageAdmin.id].sort());
  });

  it('catches up after a pause with everything that fell due meanwhile, and never flags resolved requests', async () => {
    const inTwoDays = await makeRequest(at(48 * HOUR + HOUR), { kind: 'team', id: town.team.id });
    const inThreeDays = await makeRequest(at(72 * HOUR), { kind: 'department', id: town.department.id });
    const resolved = await makeRequest(at(24 * HOUR), { kind: 'team', id: town.team.id });
    const leader = await login(t, town.users.teamLeader.username);
    const res = await leader.post(`/api/requests/${resolved}/actions/resolve`, { version: 2 });
    expect(res.statusCode, res.body).toBe(200);
    const pastResolved = await makeRequest(at(-48 * HOUR), { kind: 'team', id: town.team.id });
    await leader.post(`/api/requests/${pastResolved}/actions/close_unresolved`, { version: 2, note: '无法协调' });
    expect((await row(pastResolved)).status).toBe('resolved');

    const open = await t.database.db
      .selectFrom('requests')
      .select('id')
      .where('status', 'in', ['submitted', 'accepted', 'dispatched', 'in_progress'])
      .where('overdue_at', 'is', null)
      .where('due_at', '<', at(5 * 24 * HOUR).toISOString())
      .execute();
    // The scan "after a restart", five days on: every open request due since is overdue now.
    const scanned = await runDeadlineScan(t.app.deps, at(5 * 24 * HOUR));
    expect(scanned.overdue).toBe(open.length);
    for (const id of [inTwoDays, inThreeDays]) {
      expect((await row(id)).overdue_at).toBe(at(5 * 24 * HOUR).toISOString());
      expect(await events(id, 'overdue')).toHaveLength(1);
    }
    expect(await told(inThreeDays, 'request.overdue')).toEqual(
      [town.users.handler.id, town.users.townAdmin.id, town.users.villageAdmin.id].sort(),
    );
    for (const id of [resolved, pastResolved]) {
      expect(await row(id)).toMatchObject({ status: 'resolved', overdue_at: null });
      expect(await events(id, 'overdue')).toHaveLength(0);
      expect(await told(id, 'request.overdue')).toEqual([]);
    }
    expect(await runDeadlineScan(t.app.deps, at(5 * 24 * HOUR + HOUR))).toEqual({ warned: 0, overdue: 0 });
  });

  it('warns again after an approved extension moves the due date', async () => {
    const id = await makeRequest(at(-HOUR), { kind: 'team', id: town.team.id });
    await runDeadlineScan(t.app.deps, now);
    expect((await row(id)).overdue_at).not.toBeNull();
    const leader = await login(t, town.users.teamLeader.username);
    expect((await leader.post(`/api/requests/${id}/actions/start`, { version: 2 })).statusCode).toBe(200);
    const asked = await leader.post(`/api/requests/${id}/actions/request_extension`, {
      version: 3,
      extensionDays: 3,
      note: '材料未到',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const decided = await admin.post(`/api/requests/${id}/actions/decide_extension`, { version: 4, approve: true });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await row(id)).toMatchObject({ overdue_at: null, warned_at: null });
    const due = new Date(decided.json().dueAt as string);
    await runDeadlineScan(t.app.deps, new Date(due.getTime() - 2 * HOUR));
    expect((await row(id)).warned_at).not.toBeNull();
    expect((await row(id)).overdue_at).toBeNull();
  });
});
