/**
 * Issue 4's speed targets, measured in one run against a real server on loopback:
 *
 *   (a) generating a month of duty rosters for the demo town's 32 workstations (target < 1 s),
 *       once in one transaction through the duty module's generator and once through the API;
 *   (b) member search by surname, full name, full mobile and volunteer number over a town of
 *       100,000 members, p95 at 2 connections (target < 50 ms), next to a bare Fastify route;
 *   (c) importing a 20,000-row workbook: upload → validation → commit → done (target < 30 s).
 *
 *   node --import tsx bench/members.ts [--members 100000] [--rows 20000] [--seconds 5]
 *
 * Uses DATABASE_URL for PostgreSQL (give it its own schema), else SQLite in a temporary directory.
 * Results go to bench/results/members-<dialect>.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { idNumberCheckChar } from '../common/privacy/identity.ts';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { TEAMS, VILLAGES } from '../server/demo/youlan-data.ts';
import { loadCalendar } from '../server/modules/categories/calendar.repo.ts';
import { generateInTrx } from '../server/modules/duty/roster.service.ts';
import { openRuntime } from '../server/runtime.ts';
import { MEMBERS_ADMIN, MEMBERS_PASSWORD, generateMembers } from './generate-members.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const seconds = Number(arg('seconds')) || 5;
const memberCount = Number(arg('members')) || 100_000;
const importRows = Number(arg('rows')) || 20_000;

interface Latency {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  note: string;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;
const round = (n: number) => Math.round(n * 10) / 10;

async function measure(name: string, url: string, headers: Record<string, string>, note = ''): Promise<Latency> {
  const latencies: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: 2, duration: seconds, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
  latencies.sort((a, b) => a - b);
  return {
    name,
    rps: r.requests.average,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    note,
  };
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(url: string, username: string, password: string): Promise<Session> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${username}: ${login.status} ${await login.text()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '', csrf: csrfToken };
}

const monthAhead = (add: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1)).toISOString().slice(0, 7);
};

/** A members workbook in the template's columns, every row valid and new to the demo town. */
async function workbook(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('队员');
  sheet.addRow([
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
  ]);
  for (let i = 0; i < rows; i++) {
    const year = 1950 + (i % 50);
    const day = new Date(Date.UTC(year, 0, 1) + (i % 365) * 86400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `360122${day}${String(Math.floor(i / 365) % 1000).padStart(3, '0')}`;
    const party = i % 3 === 0;
    sheet.addRow([
      `导入队员${i + 1}`,
      i % 2 ? '男' : '女',
      year,
      `147${String(i).padStart(8, '0')}`,
      first17 + idNumberCheckChar(first17),
      VILLAGES[i % VILLAGES.length]?.[0] ?? '',
      party ? '中共党员' : '群众',
      party ? '党员' : '',
      i % 4 === 0 ? '电工' : '',
      TEAMS[i % TEAMS.length]?.[0] ?? '',
      '队员',
      '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface Job {
  state: string;
  processed: number;
  total: number;
  errors: { row: number; column: string; message: string }[];
  summary: { imported: number };
}

async function waitFor(url: string, session: Session, done: (job: Job) => boolean): Promise<Job> {
  for (;;) {
    const res = await fetch(url, { headers: { cookie: session.cookie } });
    if (!res.ok) throw new Error(`poll ${url}: ${res.status} ${await res.text()}`);
    const job = (await res.json()) as Job;
    if (job.state === 'failed') throw new Error(`import failed: ${JSON.stringify(job.errors.slice(0, 5))}`);
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', items: [1, 2, 3] }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-members-'));
  const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
  const runtime = await openRuntime(config);
  const { db } = runtime.database;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };

  let t0 = performance.now();
  const townId = await seedDemo(db, runtime.sealer);
  if (!townId) throw new Error('the demo town is already in this database');
  const seedMs = performance.now() - t0;
  const people = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('town_id', '=', townId)
    .executeTakeFirstOrThrow();

  const app = await buildApp({ ...runtime, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  say(
    `Lianxin members bench — ${new Date().toISOString()} — ${runtime.database.dialect}, ${os.cpus().length} cores, ${seconds}s per latency scenario`,
  );
  say('');
  say(`Demo town seeded in ${(seedMs / 1000).toFixed(2)} s (${Number(people.n).toLocaleString('en')} people).`);

  // (a) A month for every workstation.
  const workstations = await db
    .selectFrom('workstations')
    .select(['id', 'name'])
    .where('town_id', '=', townId)
    .where('disabled', '=', 0)
    .execute();
  const calendar = await loadCalendar(db, townId);
  let created = 0;
  t0 = performance.now();
  await db.transaction().execute(async (trx) => {
    for (const ws of workstations)
      created += (await generateInTrx(trx, townId, ws, monthAhead(2), { calendar })).created;
  });
  const directMs = performance.now() - t0;
  const admin = await signIn(url, 'admin', 'Lianxin@2026');
  const post = (target: string, body: unknown) =>
    fetch(`${url}${target}`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let viaApi = 0;
  t0 = performance.now();
  for (const ws of workstations) {
    const res = await post(`/api/workstations/${ws.id}/roster/generate`, { month: monthAhead(3) });
    if (!res.ok) throw new Error(`generate ${ws.name}: ${res.status} ${await res.text()}`);
    viaApi += ((await res.json()) as { created: number }).created;
  }
  const apiMs = performance.now() - t0;
  say('');
  say('## (a) A month of rosters for 32 workstations (target < 1 s)');
  say('');
  say('| how | workstations | shifts | time |');
  say('| --- | ---: | ---: | ---: |');
  say(
    `| generateInTrx, one transaction (${monthAhead(2)}) | ${workstations.length} | ${created} | ${Math.round(directMs)} ms |`,
  );
  say(
    `| POST /api/workstations/{id}/roster/generate × ${workstations.length} (${monthAhead(3)}) | ${workstations.length} | ${viaApi} | ${Math.round(apiMs)} ms |`,
  );

  // (b) Search over a town of 100,000 members.
  t0 = performance.now();
  const big = await generateMembers(runtime.database, runtime.sealer, { people: memberCount });
  const genMs = performance.now() - t0;
  const searcher = await signIn(url, MEMBERS_ADMIN, MEMBERS_PASSWORD);
  const headers = { cookie: searcher.cookie };
  const members = (q: string) => `${url}/api/members?q=${encodeURIComponent(q)}&page=1&pageSize=20`;
  const probe = async (q: string) => {
    const res = await fetch(members(q), { headers });
    if (!res.ok) throw new Error(`search ${q}: ${res.status} ${await res.text()}`);
    return `${((await res.json()) as { total: number }).total.toLocaleString('en')} rows`;
  };
  const surname = big.sample.name.slice(0, 1);
  const baseline = await measure('bare Fastify JSON route (baseline)', bareUrl, {});
  const searches = [baseline];
  for (const [label, q] of [
    [`surname q=${surname}`, surname],
    [`full name q=${big.sample.name}`, big.sample.name],
    ['full mobile', big.sample.mobile],
    [`volunteer no q=${big.sample.volunteerNo}`, big.sample.volunteerNo],
  ] as const)
    searches.push(await measure(`GET /api/members ${label}`, members(q), headers, await probe(q)));
  const unfiltered = `${url}/api/members?page=1&pageSize=20`;
  const all = await fetch(unfiltered, { headers });
  searches.push(
    await measure(
      'GET /api/members (no filter)',
      unfiltered,
      headers,
      `${((await all.json()) as { total: number }).total.toLocaleString('en')} rows`,
    ),
  );
  say('');
  say(
    `## (b) Member search over ${memberCount.toLocaleString('en')} members (target p95 < 50 ms; 2 connections, page 1 of 20)`,
  );
  say('');
  say(
    `Generated ${big.people.toLocaleString('en')} people and ${big.memberships.toLocaleString('en')} memberships in ${(genMs / 1000).toFixed(1)} s.`,
  );
  say('');
  say('| scenario | req/s | ratio to baseline | p50 ms | p95 ms | p99 ms | rows |');
  say('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of searches) {
    const ratio = r.rps / baseline.rps;
    say(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${ratio.toFixed(ratio < 0.1 ? 3 : 2)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.note} |`,
    );
  }

  // (c) Importing 20,000 rows into the demo town.
  t0 = performance.now();
  const file = await workbook(importRows);
  const buildMs = performance.now() - t0;
  const form = new FormData();
  form.append(
    'file',
    new Blob([new Uint8Array(file)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
    'members.xlsx',
  );
  t0 = performance.now();
  const upload = await fetch(`${url}/api/members/import`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf },
    body: form,
  });
  if (upload.status !== 202) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
  const uploadMs = performance.now() - t0;
  const { jobId } = (await upload.json()) as { jobId: string };
  const jobUrl = `${url}/api/members/import/${jobId}`;
  const validated = await waitFor(jobUrl, admin, (j) => j.state !== 'validating');
  const validateMs = performance.now() - t0;
  if (validated.errors.length) throw new Error(`validation: ${JSON.stringify(validated.errors.slice(0, 5))}`);
  const commit = await post(`/api/members/import/${jobId}/commit`, {});
  if (commit.status !== 202) throw new Error(`commit: ${commit.status} ${await commit.text()}`);
  const done = await waitFor(jobUrl, admin, (j) => j.state === 'done');
  const totalMs = performance.now() - t0;
  say('');
  say(`## (c) Importing ${importRows.toLocaleString('en')} rows (target < 30 s)`);
  say('');
  say(
    `Workbook built with exceljs in ${(buildMs / 1000).toFixed(1)} s (${(file.length / 1024 / 1024).toFixed(1)} MB).`,
  );
  say('');
  say('| step | elapsed since upload |');
  say('| --- | ---: |');
  say(`| upload answered (202) | ${(uploadMs / 1000).toFixed(1)} s |`);
  say(
    `| validated (${validated.total.toLocaleString('en')} rows, ${validated.errors.length} errors) | ${(validateMs / 1000).toFixed(1)} s |`,
  );
  say(`| committed (${done.summary.imported.toLocaleString('en')} imported) | **${(totalMs / 1000).toFixed(1)} s** |`);

  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/members-${runtime.database.dialect}.md`, `${lines.join('\n')}\n`);
  await app.close();
  await bare.close();
  await runtime.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
