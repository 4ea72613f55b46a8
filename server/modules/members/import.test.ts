import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../../common/privacy/identity.ts';
import { type Client, type TestContext, createTestApp, login, townWithAdmins } from '../../test/harness.ts';
import { isXlsx } from '../../test/xlsx.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let admin: Client;
let villageAdmin: Client;

const HEADERS = [
  '姓名',
  '性别',
  '出生年份',
  '手机号',
  '身份证号',
  '所属村',
  '政治面貌',
  '人员类别',
  '技能特长',
  '服务队',
  '队内角色',
  '小队',
];
let serial = 0;
const idNumber = (n: number) => {
  const first17 = `36012119800517${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
const mobile = (n: number) => `158${String(n).padStart(8, '0')}`;

type Cell = ExcelJS.CellValue;
async function workbook(rows: Cell[][], headers: string[] = HEADERS, trailingEmpty = 0): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('队员');
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r);
  // Rows that exist in the file but hold nothing (as when someone formats a whole column).
  for (let i = 0; i < trailingEmpty; i++) sheet.getRow(rows.length + 2 + i).getCell(1).value = '';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const row = (n: number, over: Partial<Record<string, Cell>> = {}): Cell[] => {
  const v: Record<string, Cell> = {
    姓名: `导入${n}`,
    性别: n % 2 ? '男' : '女',
    出生年份: 1970 + (n % 30),
    手机号: mobile(n),
    身份证号: '',
    所属村: '甲村',
    政治面貌: '中共党员',
    人员类别: '党员、乡贤',
    技能特长: '电工',
    服务队: '绿色服务队',
    队内角色: '队员',
    小队: '',
    ...over,
  };
  return HEADERS.map((h) => v[h] ?? null);
};

function multipart(buffer: Buffer, filename = 'members.xlsx') {
  const boundary = `----lx${Date.now()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, buffer, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(c: Client, buffer: Buffer, filename?: string) {
  const { payload, headers } = multipart(buffer, filename);
  return c.request({ method: 'POST', url: '/api/members/import', payload, headers });
}

interface Job {
  state: string;
  processed: number;
  total: number;
  errors: { row: number; column: string; message: string }[];
  summary: { imported: number; memberships: number; seconds: number | null };
}
async function waitFor(c: Client, jobId: string, states: string[]): Promise<Job> {
  for (;;) {
    const job = (await c.get(`/api/members/import/${jobId}`)).json() as Job;
    if (states.includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}
const count = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('town_id', '=', town.town.id)
        .executeTakeFirst()
    )?.n,
  );

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  admin = await login(t, town.users.townAdmin.username);
  villageAdmin = await login(t, town.users.villageAdmin.username);
  serial = 1000;
});
afterAll(async () => t.close());

describe('guards', () => {
  it('answers 401 and 403', async () => {
    const jobUrl = '/api/members/import/00000000-0000-7000-8000-000000000000';
    for (const [method, url] of [
      ['GET', '/api/members/import/template'],
      ['POST', '/api/members/import'],
      ['GET', jobUrl],
      ['POST', `${jobUrl}/commit`],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
      expect((await villageAdmin.request({ method, url })).statusCode, url).toBe(403);
    }
    expect((await admin.get(jobUrl)).statusCode).toBe(404);
    expect((await admin.get('/api/members/import/nope')).statusCode).toBe(400);
  });
});

describe('template', () => {
  it('has the headers, an instruction sheet and drop-down lists', async () => {
    const res = await admin.get('/api/members/import/template');
    expect(isXlsx(res)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['队员', '填写说明', '选项']);
    const header = (wb.worksheets[0]?.getRow(1).values as string[]).slice(1);
    expect(header).toEqual(HEADERS);
    expect(wb.worksheets[0]?.getCell('F2').dataValidation?.type).toBe('list');
  });
});

describe('import', () => {
  it('imports a good 3-row file with memberships and volunteer numbers, audited', async () => {
    const before = await count();
    const res = await upload(
      admin,
      await workbook([
        row(serial++),
        row(serial++, { 身份证号: idNumber(1) }),
        row(serial++, { 服务队: '', 队内角色: '' }),
      ]),
    );
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json();
    const ready = await waitFor(admin, jobId, ['ready', 'failed']);
    expect(ready).toMatchObject({ state: 'ready', total: 3, processed: 3, errors: [] });
    expect((await admin.post(`/api/members/import/${jobId}/commit`)).statusCode).toBe(202);
    const done = await waitFor(admin, jobId, ['done', 'failed']);
    expect(done.state).toBe('done');
    expect(done.summary).toMatchObject({ imported: 3, memberships: 2 });
    expect(await count()).toBe(before + 3);
    const people = await t.database.db
      .selectFrom('people')
      .select(['volunteer_no', 'political_status', 'backgrounds'])
      .where('name', 'like', '导入%')
      .execute();
    expect(new Set(people.map((p) => p.volunteer_no)).size).toBe(3);
    expect(people[0]).toMatchObject({ political_status: 'cpc_member', backgrounds: '["party_member","village_sage"]' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'members.import')
      .execute();
    expect(JSON.parse(audit[0]?.detail ?? '{}')).toMatchObject({ count: 3 });
    expect((await admin.post(`/api/members/import/${jobId}/commit`)).statusCode).toBe(409);
  });

  it('reports bad rows one by one and refuses to commit, importing nothing', async () => {
    const before = await count();
    const good = idNumber(2);
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const dupe = mobile(serial++);
    const formula: Cell = { formula: 'A1&"x"', result: 'x' } as Cell;
    const rows = [
      row(serial++, { 身份证号: bad }),
      row(serial++, { 手机号: dupe }),
      row(serial++, { 手机号: dupe }),
      row(serial++, { 所属村: '不存在村' }),
      row(serial++, { 出生年份: formula }),
      row(serial++, { 手机号: mobile(1000) }), // imported by the test before
      row(serial++, { 政治面貌: '火星人' }),
      row(serial++, { 姓名: null }),
    ];
    const { jobId } = (await upload(admin, await workbook(rows))).json();
    const job = await waitFor(admin, jobId, ['ready', 'failed']);
    expect(job.state).toBe('ready');
    const brief = job.errors.map((e) => `${e.row}:${e.column}:${e.message}`);
    expect(brief).toEqual([
      '2:身份证号:身份证号不正确（请检查位数、出生日期和校验位）',
      '4:手机号:与第 3 行重复',
      '5:所属村:本镇没有“不存在村”这个村（社区）',
      '6:出生年份:请填写数值，不要使用公式',
      '7:手机号:人员库中已有此号码',
      '8:政治面貌:“火星人”不是可选的值，请从下拉列表中选择',
      '9:姓名:必填',
    ]);
    const commit = await admin.post(`/api/members/import/${jobId}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().fields[0].message).toContain('校验未通过');
    expect(await count()).toBe(before);
  });

  it('matches columns by header text, whatever the order', async () => {
    const shuffled = [...HEADERS].reverse();
    const n = serial++;
    const r = row(n);
    const reordered = shuffled.map((h) => r[HEADERS.indexOf(h)] ?? null);
    const { jobId } = (await upload(admin, await workbook([reordered], shuffled))).json();
    const job = await waitFor(admin, jobId, ['ready']);
    expect(job.errors).toEqual([]);
    await admin.post(`/api/members/import/${jobId}/commit`);
    await waitFor(admin, jobId, ['done']);
    const p = await t.database.db
      .selectFrom('people')
      .select(['name', 'mobile_hash'])
      .where('name', '=', `导入${n}`)
      .executeTakeFirstOrThrow();
    expect(p.mobile_hash).toBe(t.sealer.hash(mobile(n)));
  });

  it('names a missing required header', async () => {
    const headers = HEADERS.filter((h) => h !== '手机号');
    const { jobId } = (await upload(admin, await workbook([['张三']], headers))).json();
    const job = await waitFor(admin, jobId, ['ready']);
    expect(job.errors).toEqual([{ row: 0, column: '手机号', message: '缺少必填列“手机号”，请使用导入模板' }]);
  });

  it('answers 400 to a file that is not .xlsx, or a broken one', async () => {
    const text = await upload(admin, Buffer.from('姓名,手机号\n张三,13800000000\n'), 'members.csv');
    expect(text.statusCode).toBe(400);
    expect(text.json().message).toContain('.xlsx');
    const broken = await upload(admin, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]));
    expect(broken.statusCode).toBe(400);
    const json = await admin.post('/api/members/import', { file: 'x' });
    expect(json.statusCode).toBe(400);
  });

  it('answers 400 to more than 20,000 rows', async () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => [`人${i}`, mobile(5_000_000 + i)]);
    const res = await upload(admin, await workbook(rows, ['姓名', '手机号']));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('20000');
  }, 60_000);

  it('stops at the last non-empty row of a file with 100,000 empty rows', async () => {
    const buffer = await workbook([row(serial++), row(serial++)], HEADERS, 100_000);
    const started = Date.now();
    const { jobId } = (await upload(admin, buffer)).json();
    const job = await waitFor(admin, jobId, ['ready']);
    const seconds = (Date.now() - started) / 1000;
    console.log(`100,000 empty rows validated in ${seconds.toFixed(2)} s`);
    expect(job).toMatchObject({ total: 2, errors: [] });
    expect(seconds).toBeLessThan(15);
  }, 60_000);

  it('imports 20,000 rows within 30 seconds', async () => {
    const before = await count();
    const rows = Array.from({ length: 20_000 }, (_, i) => row(2_000_000 + i, { 身份证号: '' }));
    const buffer = await workbook(rows);
    const started = Date.now();
    const { jobId } = (await upload(admin, buffer)).json();
    const ready = await waitFor(admin, jobId, ['ready', 'failed']);
    expect(ready.errors).toEqual([]);
    const validated = (Date.now() - started) / 1000;
    await admin.post(`/api/members/import/${jobId}/commit`);
    const done = await waitFor(admin, jobId, ['done', 'failed']);
    const seconds = (Date.now() - started) / 1000;
    console.log(`20,000 rows: validated in ${validated.toFixed(1)} s, imported in ${seconds.toFixed(1)} s in all`);
    expect(done.state).toBe('done');
    expect(await count()).toBe(before + 20_000);
    expect(seconds).toBeLessThan(30);
  }, 120_000);
});
