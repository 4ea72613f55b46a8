import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rolePermissions } from '../../../common/auth/roles.ts';
import { shanghaiMonthOf } from '../../../common/care/figures.ts';
import { idNumberCheckChar } from '../../../common/privacy/identity.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { seedDefaultCategories } from '../categories/categories.seed.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makePerson,
  makeTeam,
  makeUser,
  makeVillage,
  townWithAdmins,
} from '../../test/harness.ts';
import { isXlsx, readXlsx } from '../../test/xlsx.ts';
import { runCareScan } from './care.job.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let cats: Record<string, string>;
let admin: Client;
let villageAdmin: Client;
let care: Client;
let memberA: Client;
let memberB: Client;
let auditor: Client;
let personA: { id: string; name: string };
let personB: { id: string; name: string };
let personC: { id: string; name: string };
let pinkLeaderUser: { id: string };
let memberAUser: { id: string; username: string };
let pink: { id: string };

const townId = () => town.town.id;
const count = async (table: 'care_visits' | 'service_hours' | 'care_recipients' | 'requests') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .where('town_id', '=', townId())
        .executeTakeFirstOrThrow()
    ).n,
  );

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

const ID17 = '36012119440101123';
const VALID_ID = ID17 + idNumberCheckChar(ID17);
const BAD_ID = ID17 + (idNumberCheckChar(ID17) === '0' ? '1' : '0');
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const recipient = (over: Record<string, unknown> = {}) => ({
  kinds: ['elderly_alone'],
  name: '罗桂英',
  gender: 'female',
  birthYear: 1944,
  villageId: town.village.id,
  address: '涂村 3 组 12 号',
  mobile: '13912345678',
  needs: '行动不便',
  needTags: ['代购'],
  healthNotes: '高血压，按时服药',
  riskLevel: 'medium',
  frequency: 'weekly',
  lawfulBasis: 'consent',
  consentDate: today(),
  ...over,
});

let elderly: { id: string; version: number };
let child: { id: string; version: number };
let far: { id: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  cats = await seedDefaultCategories(t.database.db, townId());
  pink = await makeTeam(t, townId(), { name: '粉色巾帼爱心服务队', colour: 'pink' });
  personA = await makePerson(t, townId(), { name: '涂海美', villageId: town.village.id });
  personB = await makePerson(t, townId(), { name: '万小红', villageId: town.otherVillage.id });
  personC = await makePerson(t, townId(), { name: '邓丽', villageId: town.village.id });
  for (const p of [personA, personB, personC]) await join(p.id, pink.id);
  memberAUser = await makeUser(t, townId(), 'member', { personId: personA.id });
  const memberBUser = await makeUser(t, townId(), 'member', { personId: personB.id });
  pinkLeaderUser = await makeUser(t, townId(), 'team_leader', { teamId: pink.id });
  const careUser = await makeUser(t, townId(), 'care_worker');
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  auditor = await login(t, town.users.auditor.username);
  care = await login(t, careUser.username);
  memberA = await login(t, memberAUser.username);
  memberB = await login(t, memberBUser.username);
});
afterAll(async () => t.close());

describe('roles', () => {
  it('gives the care worker the sensitive permission and the town admin registry work without it', () => {
    expect(rolePermissions.care_worker).toEqual(
      expect.arrayContaining(['care.read', 'care.manage', 'care.sensitive', 'care.visit']),
    );
    expect(rolePermissions.town_admin).toEqual(expect.arrayContaining(['care.read', 'care.manage']));
    expect(rolePermissions.town_admin).not.toContain('care.sensitive');
    expect(rolePermissions.village_admin).toContain('care.read');
    expect(rolePermissions.village_admin).not.toContain('care.manage');
    expect(rolePermissions.member).toContain('care.visit');
    expect(rolePermissions.member).not.toContain('care.read');
    expect(rolePermissions.auditor).not.toContain('care.read');
  });
});

describe('registry', () => {
  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await count('care_recipients');
    const { lawfulBasis: _omit, ...noBasis } = recipient();
    const cases: [Record<string, unknown>, string][] = [
      [noBasis, 'lawfulBasis'],
      [recipient({ mobile: '1234' }), 'mobile'],
      [recipient({ idNumber: BAD_ID }), 'idNumber'],
      [recipient({ consentDate: '2999-01-01' }), 'consentDate'],
      [recipient({ kinds: ['left_behind_child'], birthYear: 2018, lawfulBasis: 'consent' }), 'lawfulBasis'],
      [recipient({ kinds: [] }), 'kinds'],
      [recipient({ frequency: 'daily' }), 'frequency'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.post('/api/care/recipients', body);
      expect(res.statusCode, field).toBe(400);
      expect(
        res.json().fields.map((f: { path: string }) => f.path),
        field,
      ).toContain(field);
    }
    expect(await count('care_recipients')).toBe(before);
  });

  it('registers recipients with the lawful basis and who recorded it', async () => {
    const res = await admin.post('/api/care/recipients', recipient());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.lawfulBasis).toBe('consent');
    expect(body.consentRecordedBy).toBe('town_admin 用户');
    expect(body.frequencyDays).toBe(7);
    elderly = body;
    const c = await care.post(
      '/api/care/recipients',
      recipient({
        kinds: ['left_behind_child'],
        name: '王小明',
        birthYear: 2016,
        mobile: null,
        guardian: { name: '王建国', relation: '父亲', mobile: '13800001111' },
        healthNotes: '哮喘',
        lawfulBasis: 'guardian_consent',
        frequency: 'fortnightly',
      }),
    );
    expect(c.statusCode).toBe(201);
    child = c.json();
    const f = await admin.post(
      '/api/care/recipients',
      recipient({
        name: '刘大爷',
        villageId: town.otherVillage.id,
        idNumber: VALID_ID,
        mobile: '13700002222',
      }),
    );
    expect(f.statusCode).toBe(201);
    far = f.json();
    const dup = await admin.post('/api/care/recipients', recipient({ name: '重复', idNumber: VALID_ID, mobile: null }));
    expect(dup.statusCode).toBe(409);
  });

  it('lists masked rows: phones masked, no health notes, children’s names partly hidden', async () => {
    const res = await admin.get('/api/care/recipients?pageSize=50');
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(3);
    const e = items.find((i: { id: string }) => i.id === elderly.id);
    expect(e.mobile).toBe('139****5678');
    expect(e).not.toHaveProperty('healthNotes');
    const c = items.find((i: { id: string }) => i.id === child.id);
    expect(c.name).toBe('王*明');
    expect(c.address).toBeNull();
    expect(c.child).toBe(true);
    expect(JSON.stringify(items)).not.toContain('高血压');
    const kind = await admin.get('/api/care/recipients?kind=left_behind_child');
    expect(kind.json().items.map((i: { id: string }) => i.id)).toEqual([child.id]);
    const village = await admin.get(`/api/care/recipients?villageId=${town.otherVillage.id}`);
    expect(village.json().total).toBe(1);
    const byPhone = await admin.get('/api/care/recipients?q=13912345678');
    expect(byPhone.json().items.map((i: { id: string }) => i.id)).toContain(elderly.id);
  });

  it('shows a village admin only their village, masked', async () => {
    const res = await villageAdmin.get('/api/care/recipients?pageSize=50');
    expect(res.json().items.map((i: { villageId: string }) => i.villageId)).toEqual([town.village.id, town.village.id]);
    const other = await villageAdmin.get(`/api/care/recipients/${far.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('不在您负责的村');
    const own = await villageAdmin.get(`/api/care/recipients/${elderly.id}`);
    expect(own.json().healthNotes).toBeNull();
    expect(own.json().hidden).toContain('healthNotes');
    expect(own.json().mobile).toBe('139****5678');
    expect((await villageAdmin.post('/api/care/recipients', recipient())).statusCode).toBe(403);
  });

  it('keeps members, auditors and other towns out of the registry', async () => {
    expect((await memberA.get('/api/care/recipients')).statusCode).toBe(403);
    expect((await auditor.get('/api/care/recipients')).statusCode).toBe(403);
    expect((await memberA.get('/api/care/figures')).statusCode).toBe(403);
  });

  it('refuses a stale version with 409 and ending care without a reason', async () => {
    const ok = await admin.patch(`/api/care/recipients/${elderly.id}`, { version: elderly.version, riskLevel: 'high' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().riskLevel).toBe('high');
    const stale = await admin.patch(`/api/care/recipients/${elderly.id}`, {
      version: elderly.version,
      riskLevel: 'low',
    });
    expect(stale.statusCode).toBe(409);
    elderly = ok.json();
    const noReason = await admin.patch(`/api/care/recipients/${far.id}`, { version: far.version, status: 'inactive' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields[0].path).toBe('inactiveReason');
  });
});

describe('pairing and access', () => {
  it('pairs members, hands a pairing over with history, lists per member and per recipient', async () => {
    const a = await admin.post('/api/care/pairings', { recipientId: elderly.id, personId: personA.id });
    expect(a.statusCode).toBe(201);
    expect(a.json().primary).toBe(true);
    const again = await admin.post('/api/care/pairings', { recipientId: elderly.id, personId: personA.id });
    expect(again.statusCode).toBe(409);
    expect((await admin.post('/api/care/pairings', { recipientId: child.id, personId: personA.id })).statusCode).toBe(
      201,
    );
    expect((await admin.post('/api/care/pairings', { recipientId: far.id, personId: personB.id })).statusCode).toBe(
      201,
    );
    // Hand the elderly recipient over from A to C, then add A back as a second member.
    const moved = await admin.post(`/api/care/recipients/${elderly.id}/reassign`, {
      pairingId: a.json().id,
      version: a.json().version,
      personId: personC.id,
      reason: '涂海美外出务工',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().primary).toBe(true);
    expect(moved.json().personName).toBe('邓丽');
    const back = await admin.post('/api/care/pairings', { recipientId: elderly.id, personId: personA.id });
    expect(back.json().primary).toBe(false);
    const detail = (await care.get(`/api/care/recipients/${elderly.id}`)).json();
    expect(detail.pairings.current.map((p: { personName: string }) => p.personName).sort()).toEqual(['涂海美', '邓丽']);
    expect(detail.pairings.history).toHaveLength(1);
    expect(detail.pairings.history[0].endReason).toBe('涂海美外出务工');
    expect(detail.pairings.history[0].endedAt).not.toBeNull();
    const perMember = await admin.get(`/api/care/pairings?personId=${personA.id}&includeEnded=true`);
    expect(perMember.json().total).toBe(3);
    const perRecipient = await admin.get(`/api/care/pairings?recipientId=${elderly.id}`);
    expect(perRecipient.json().total).toBe(2);
    const mine = await memberB.get('/api/care/pairings');
    expect(mine.json().items.map((p: { recipientId: string }) => p.recipientId)).toEqual([far.id]);
    expect((await memberB.get(`/api/care/pairings?personId=${personA.id}`)).statusCode).toBe(403);
    const filtered = await admin.get(`/api/care/recipients?personId=${personA.id}`);
    expect(
      filtered
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([elderly.id, child.id].sort());
  });

  it('opens a paired recipient in full for the member, audited in the same step', async () => {
    const res = await memberA.get(`/api/care/recipients/${child.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.name).toBe('王小明');
    expect(body.healthNotes).toBe('哮喘');
    expect(body.guardian.mobile).toBe('13800001111');
    expect(body.hidden).toEqual([]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('town_id', '=', townId())
      .where('action', '=', 'care.view')
      .where('entity_id', '=', child.id)
      .where('actor_id', '=', memberAUser.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ paired: true, child: true });
  });

  it('gives a member of another village nothing that is not theirs', async () => {
    const childRes = await memberB.get(`/api/care/recipients/${child.id}`);
    expect(childRes.statusCode).toBe(403);
    expect(childRes.json().message).toContain('未成年人');
    const elderlyRes = await memberB.get(`/api/care/recipients/${elderly.id}`);
    expect(elderlyRes.statusCode).toBe(403);
    expect(elderlyRes.json().message).toContain('没有与您结对');
    expect((await memberB.get(`/api/care/recipients/${child.id}/visits`)).statusCode).toBe(403);
    const my = (await memberB.get('/api/care/my')).json();
    expect(my.items.map((i: { recipientId: string }) => i.recipientId)).toEqual([far.id]);
    expect(JSON.stringify(my)).not.toContain('王小明');
    expect(JSON.stringify(my)).not.toContain('罗桂英');
  });

  it('shows the town admin a child’s record without the sensitive parts; the care worker in full', async () => {
    const a = (await admin.get(`/api/care/recipients/${child.id}`)).json();
    expect(a.name).toBe('王*明');
    expect(a.healthNotes).toBeNull();
    expect(a.address).toBeNull();
    expect(a.hidden).toEqual(expect.arrayContaining(['name', 'healthNotes', 'address']));
    expect(a.guardian.mobile).toBe('138****1111');
    const c = (await care.get(`/api/care/recipients/${child.id}`)).json();
    expect(c.name).toBe('王小明');
    expect(c.healthNotes).toBe('哮喘');
    const reveal = await care.post(`/api/care/recipients/${far.id}/reveal`, { field: 'idNumber' });
    expect(reveal.json().value).toBe(VALID_ID);
    expect((await admin.post(`/api/care/recipients/${far.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
  });
});

describe('visits', () => {
  it('refuses a visit by a member not paired with the recipient, writing nothing', async () => {
    const before = await Promise.all([count('care_visits'), count('service_hours'), count('requests')]);
    const res = await memberB.post('/api/care/visits', {
      recipientId: child.id,
      durationMinutes: 60,
      services: ['companionship'],
      condition: 'good',
      problem: { categoryId: cats.care, description: '房屋漏雨' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toContain('没有与您结对');
    expect(await Promise.all([count('care_visits'), count('service_hours'), count('requests')])).toEqual(before);
  });

  it('refuses a negative duration, a future time and an unknown category by name, writing nothing', async () => {
    const before = await Promise.all([count('care_visits'), count('service_hours'), count('requests')]);
    const base = { recipientId: elderly.id, durationMinutes: 30, services: ['cleaning'], condition: 'good' };
    const neg = await memberA.post('/api/care/visits', { ...base, durationMinutes: -5 });
    expect(neg.statusCode).toBe(400);
    expect(neg.json().fields[0].path).toBe('durationMinutes');
    const future = await memberA.post('/api/care/visits', {
      ...base,
      visitedAt: new Date(Date.now() + 86400_000).toISOString(),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().fields[0].path).toBe('visitedAt');
    const badCat = await memberA.post('/api/care/visits', {
      ...base,
      problem: { categoryId: newId(), description: '灶台坏了' },
    });
    expect(badCat.statusCode).toBe(400);
    expect(badCat.json().fields[0].path).toBe('problem.categoryId');
    const none = await memberA.post('/api/care/visits', { ...base, services: [] });
    expect(none.json().fields[0].path).toBe('services');
    expect(await Promise.all([count('care_visits'), count('service_hours'), count('requests')])).toEqual(before);
  });

  it('logs a visit: a problem becomes a request with the visit as origin, hours go to the ledger as pending', async () => {
    const res = await memberA.post('/api/care/visits', {
      recipientId: child.id,
      durationMinutes: 75,
      services: ['companionship', 'health_check'],
      condition: 'fair',
      notes: '作业已辅导',
      problem: { categoryId: cats.housing ?? cats.care, description: '屋顶漏雨，需要维修', urgency: 'urgent' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.request.code).toMatch(/^TS-\d{8}-\d{4}$/);
    expect(body.visit.requestCode).toBe(body.request.code);
    expect(body.hours).toBe(1.5);
    expect(body.visit.hoursStatus).toBe('pending');
    const request = await t.database.db
      .selectFrom('requests')
      .selectAll()
      .where('town_id', '=', townId())
      .where('id', '=', body.request.id)
      .executeTakeFirstOrThrow();
    expect(request.channel).toBe('visit');
    expect(request.origin_kind).toBe('visit');
    expect(request.origin_id).toBe(body.visit.id);
    expect(request.village_id).toBe(town.village.id);
    expect(request.reporter_name).toBe('王*明');
    const hours = await t.database.db
      .selectFrom('service_hours')
      .selectAll()
      .where('town_id', '=', townId())
      .where('source', '=', 'visit')
      .where('source_id', '=', body.visit.id)
      .executeTakeFirstOrThrow();
    expect(hours).toMatchObject({ person_id: personA.id, status: 'pending', hours: 1.5, team_id: pink.id });
    const history = (await memberA.get(`/api/care/recipients/${child.id}/visits`)).json();
    expect(history.total).toBe(1);
    expect(history.items[0].notes).toBe('作业已辅导');
    const my = (await memberA.get('/api/care/my')).json();
    const mine = my.items.find((i: { recipientId: string }) => i.recipientId === child.id);
    expect(mine.overdue).toBe(false);
    expect(mine.lastVisitAt).toBe(body.visit.visitedAt);
    expect(Date.parse(mine.nextDueAt) - Date.parse(body.visit.visitedAt)).toBe(14 * 86400_000);
    expect(my.month.visits).toBeGreaterThanOrEqual(1);
    // The request's origin link opens this visit: in full for the member, masked for the town admin.
    const one = await memberA.get(`/api/care/visits/${body.visit.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: body.visit.id, recipientId: child.id, notes: '作业已辅导' });
    const forAdmin = (await admin.get(`/api/care/visits/${body.visit.id}`)).json();
    expect(forAdmin.requestCode).toBe(body.request.code);
    expect(forAdmin.notes).toBeNull();
    expect((await memberB.get(`/api/care/visits/${body.visit.id}`)).statusCode).toBe(403);
    expect((await admin.get('/api/care/visits/0190f000-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('overdue', () => {
  it('tells the paired members and their team leader once per period, catching up after a restart', async () => {
    const past = new Date(Date.now() - 10 * 86400_000).toISOString();
    await t.database.db
      .updateTable('care_recipients')
      .set({ next_due_at: past, notify_at: past })
      .where('town_id', '=', townId())
      .where('id', '=', elderly.id)
      .execute();
    const list = (await admin.get('/api/care/overdue')).json();
    expect(list.items.map((i: { recipientId: string }) => i.recipientId)).toContain(elderly.id);
    expect(list.items.find((i: { recipientId: string }) => i.recipientId === elderly.id).overdueDays).toBe(10);
    const flagged = await admin.get('/api/care/recipients?overdue=true');
    expect(flagged.json().items.map((i: { id: string }) => i.id)).toContain(elderly.id);
    const first = await runCareScan(t.app.deps);
    expect(first.recipients).toBeGreaterThanOrEqual(1);
    const notices = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'title', 'link'])
      .where('town_id', '=', townId())
      .where('kind', '=', 'care.overdue')
      .execute();
    // The member is sent to their pairings on the phone; the leader (who may not open the record) gets no link.
    expect(notices.find((n) => n.user_id === memberAUser.id)?.link).toBe('/h5/#/care');
    expect(notices.find((n) => n.user_id === pinkLeaderUser.id)?.link).toBeNull();
    const told = new Set(notices.map((n) => n.user_id));
    expect(told.has(memberAUser.id)).toBe(true);
    expect(told.has(pinkLeaderUser.id)).toBe(true);
    expect(notices.find((n) => n.user_id === memberAUser.id)?.title).toContain('罗桂英');
    // Once per period: a second scan now tells nobody again.
    expect((await runCareScan(t.app.deps)).recipients).toBe(0);
    // A week later (another period without a visit) the scan tells them once more.
    const later = await runCareScan(t.app.deps, new Date(Date.now() + 7 * 86400_000));
    expect(later.recipients).toBeGreaterThanOrEqual(1);
    expect((await runCareScan(t.app.deps, new Date(Date.now() + 7 * 86400_000))).recipients).toBe(0);
  });
});

describe('ending care', () => {
  it('ends the pairings with the record and keeps them as history', async () => {
    const res = await admin.patch(`/api/care/recipients/${far.id}`, {
      version: far.version,
      status: 'inactive',
      inactiveReason: 'moved',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().pairings.current).toEqual([]);
    expect(res.json().pairings.history).toHaveLength(1);
    const visit = await memberB.post('/api/care/visits', {
      recipientId: far.id,
      durationMinutes: 30,
      services: ['cleaning'],
      condition: 'good',
    });
    expect(visit.statusCode).toBe(403);
    expect((await admin.get('/api/care/recipients?status=inactive')).json().total).toBe(1);
  });
});

describe('export', () => {
  it('exports masked rows without health notes', async () => {
    const res = await admin.get('/api/care/recipients/export?status=all');
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows.length).toBe(4);
    const text = JSON.stringify(rows);
    expect(text).toContain('王*明');
    expect(text).not.toContain('王小明');
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('高血压');
    expect(text).not.toContain(VALID_ID);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('town_id', '=', townId())
      .where('action', '=', 'care.export')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});

describe('import', () => {
  const HEADERS = [
    '姓名',
    '对象类别',
    '性别',
    '出生年份',
    '所属村',
    '住址',
    '联系电话',
    '身份证号',
    '健康状况',
    '探访频次',
    '处理依据',
    '同意日期',
  ];
  async function workbook(rows: (string | number | null)[][], headers = HEADERS): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('关爱对象');
    sheet.addRow(headers);
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  function upload(c: Client, buffer: Buffer, query = '') {
    const boundary = `----lx${Date.now()}`;
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="care.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    return c.request({
      method: 'POST',
      url: `/api/care/import${query}`,
      payload: Buffer.concat([head, buffer, tail]),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  }
  const good = (n: number): (string | number | null)[] => [
    `导入对象${n}`,
    n % 2 ? '独居老人、脱贫户' : '残疾人',
    '女',
    1940 + n,
    '甲村',
    `${n} 组`,
    `1590000000${n}`,
    null,
    '糖尿病',
    '每月',
    '本人同意',
    '2026-01-15',
  ];

  it('serves the template as a real workbook with the headers', async () => {
    const res = await admin.get('/api/care/import/template');
    expect(isXlsx(res)).toBe(true);
    const rows = await readXlsx(res);
    expect(rows[0]).toEqual(expect.arrayContaining(['姓名', '对象类别', '处理依据', '同意日期']));
  });

  it('reports every bad row by column and imports nothing', async () => {
    const before = await count('care_recipients');
    const res = await upload(
      admin,
      await workbook([
        good(1),
        ['坏行', '外星人', '女', 1940, '丙村', '', '12345', BAD_ID, '', '每天', '', '2026-13-01'],
        good(3),
      ]),
    );
    expect(res.statusCode).toBe(422);
    const report = res.json();
    expect(report.ok).toBe(false);
    expect(report.imported).toBe(0);
    const at = (column: string) =>
      report.errors.find((e: { row: number; column: string }) => e.row === 3 && e.column === column);
    for (const column of ['对象类别', '所属村', '联系电话', '身份证号', '探访频次', '处理依据', '同意日期'])
      expect(at(column), column).toBeTruthy();
    expect(at('对象类别').message).toContain('外星人');
    expect(await count('care_recipients')).toBe(before);
    const missing = await upload(
      admin,
      await workbook(
        [good(1)],
        HEADERS.filter((h) => h !== '处理依据'),
      ),
    );
    expect(missing.json().errors[0].message).toContain('处理依据');
  });

  it('checks only on a dry run, then imports all rows sealed and masked', async () => {
    const before = await count('care_recipients');
    const file = await workbook([good(1), good(2), good(3)]);
    const dry = await upload(admin, file, '?dryRun=true');
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, rows: 3, imported: 0 });
    expect(await count('care_recipients')).toBe(before);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, rows: 3, imported: 3 });
    const row = await t.database.db
      .selectFrom('care_recipients')
      .selectAll()
      .where('town_id', '=', townId())
      .where('name', '=', '导入对象1')
      .executeTakeFirstOrThrow();
    expect(row.mobile_mask).toBe('159****0001');
    expect(row.mobile_enc).not.toContain('15900000001');
    expect(row.health_notes_enc).not.toContain('糖尿病');
    expect(JSON.parse(row.kinds)).toEqual(['elderly_alone', 'poverty_alleviated']);
    expect(row.frequency_days).toBe(30);
    expect((await villageAdmin.get('/api/care/import/template')).statusCode).toBe(403);
  });
});

describe('figures', () => {
  it('matches hand-computed numbers by kind, month, team and village', async () => {
    // A fresh village keeps the sums easy to follow.
    const v = await makeVillage(t, townId(), { name: '丁村' });
    const green = await makeTeam(t, townId(), { name: '绿色服务队二', colour: 'green' });
    const p1 = await makePerson(t, townId(), { name: '甲队员', villageId: v.id });
    const p2 = await makePerson(t, townId(), { name: '乙队员', villageId: v.id });
    await join(p1.id, pink.id);
    await join(p2.id, green.id);
    const c1 = await login(t, (await makeUser(t, townId(), 'member', { personId: p1.id })).username);
    const c2 = await login(t, (await makeUser(t, townId(), 'member', { personId: p2.id })).username);
    const r1 = (await care.post('/api/care/recipients', recipient({ villageId: v.id, name: '丁一' }))).json();
    const r2 = (
      await care.post(
        '/api/care/recipients',
        recipient({ villageId: v.id, name: '丁二', kinds: ['disabled', 'poverty_alleviated'], frequency: 'monthly' }),
      )
    ).json();
    await care.post('/api/care/pairings', { recipientId: r1.id, personId: p1.id });
    await care.post('/api/care/pairings', { recipientId: r2.id, personId: p2.id });
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * 86400_000).toISOString();
    const visit = (c: Client, id: string, daysAgo: number, minutes: number, problem = false) =>
      c.post('/api/care/visits', {
        recipientId: id,
        visitedAt: at(daysAgo),
        durationMinutes: minutes,
        services: ['companionship'],
        condition: 'good',
        ...(problem ? { problem: { categoryId: cats.care, description: '需要送药' } } : {}),
      });
    expect((await visit(c1, r1.id, 40, 60)).statusCode).toBe(201);
    expect((await visit(c1, r1.id, 2, 30, true)).statusCode).toBe(201);
    expect((await visit(c2, r2.id, 1, 90)).statusCode).toBe(201);
    const res = await admin.get(`/api/care/figures?villageId=${v.id}`);
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.totals).toMatchObject({
      recipients: 2,
      visits: 3,
      hours: 3,
      problems: 1,
      requests: 1,
      recipientsVisited: 2,
      overdue: 0,
    });
    expect(f.byKind.find((k: { kind: string }) => k.kind === 'elderly_alone').recipients).toBe(1);
    expect(f.byKind.find((k: { kind: string }) => k.kind === 'poverty_alleviated').recipients).toBe(1);
    const month = (daysAgo: number) => shanghaiMonthOf(at(daysAgo));
    const byMonth = new Map(f.byMonth.map((m: { month: string; visits: number }) => [m.month, m.visits]));
    const expected = new Map<string, number>();
    for (const d of [40, 2, 1]) expected.set(month(d), (expected.get(month(d)) ?? 0) + 1);
    for (const [m, n] of expected) expect(byMonth.get(m), m).toBe(n);
    const pinkRow = f.byTeam.find((x: { teamId: string }) => x.teamId === pink.id);
    expect(pinkRow).toMatchObject({ visits: 2, hours: 1.5, problems: 1, requests: 1 });
    expect(f.byTeam.find((x: { teamId: string }) => x.teamId === green.id)).toMatchObject({ visits: 1, hours: 1.5 });
    expect(f.byVillage).toEqual([
      expect.objectContaining({ villageId: v.id, villageName: '丁村', recipients: 2, visits: 3, overdue: 0 }),
    ]);
    const team = (await admin.get(`/api/care/figures?teamId=${green.id}`)).json();
    expect(team.totals.visits).toBe(1);
    expect(team.totals.recipientsVisited).toBe(1);
    const village = (await villageAdmin.get('/api/care/figures')).json();
    expect(village.byVillage.every((x: { villageId: string }) => x.villageId === town.village.id)).toBe(true);
  });
});
