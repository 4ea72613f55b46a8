/**
 * Load scenarios: each measured with autocannon against a real server on loopback, and reported
 * as a ratio to a bare Fastify JSON route measured in the same run (so the figures compare across
 * machines). Usage: npm run bench [-- --seconds 5]
 *
 * `--big [--data-dir DIR]` measures the database made by `bench/generate.ts` instead of the demo
 * town: the staff request list with filters at page 1 and page 100, the figures of one town and
 * H5 intake throughput, with p95 latencies.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { type Runtime, openRuntime } from '../server/runtime.ts';
import { BENCH_PASSWORD, benchAdmin, benchTownCode } from './generate.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const seconds = Number(arg('seconds')) || 5;
const big = process.argv.includes('--big');
/** `--only TEXT`: just the `--big` scenarios whose name contains TEXT (e.g. `intake`, `q=`). */
const only = arg('only');
const want = (name: string): boolean => !only || name.includes(only);

interface Result {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Rows matching, for list scenarios. */
  note?: string;
}

interface Drive {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  /** Changes each request before it is sent (e.g. a distinct client address). */
  setupRequest?: (req: { headers?: Record<string, string> }) => { headers?: Record<string, string> };
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;

/** Drives one URL for `seconds`; latencies are collected per response so p95 is exact. */
async function measure(name: string, url: string, options: Drive = {}): Promise<Result> {
  const latencies: number[] = [];
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections ?? 10,
        duration: seconds,
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(options.setupRequest
          ? { requests: [{ setupRequest: options.setupRequest as (req: autocannon.Request) => autocannon.Request }] }
          : {}),
      },
      (error: Error | null, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    name,
    rps: r.requests.average,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
  };
}

async function signIn(url: string, username: string, password: string): Promise<string> {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!login.ok) throw new Error(`sign-in as ${username}: ${login.status} ${await login.text()}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** The demo town's scenarios (the default). */
async function demoScenarios(url: string, baseline: Result): Promise<Result[]> {
  const cookie = await signIn(url, 'admin', 'Lianxin@2026');
  return [
    baseline,
    await measure('GET /api/health', `${url}/api/health`),
    await measure('GET /api/public/town (H5 home)', `${url}/api/public/town`),
    await measure('GET /api/villages page 1', `${url}/api/villages?page=1&pageSize=20`, { headers: { cookie } }),
    await measure('GET /api/people?q=王 (search)', `${url}/api/people?q=${encodeURIComponent('王')}`, {
      headers: { cookie },
    }),
    await measure('GET /api/stats/overview', `${url}/api/stats/overview`, { headers: { cookie } }),
  ];
}

/** The generated database's scenarios: filtered lists at page 1 and 100, figures, intake. */
async function bigScenarios(url: string, runtime: Runtime, baseline: Result, barePost: Result): Promise<Result[]> {
  const db = runtime.database.db;
  const town = await db
    .selectFrom('towns')
    .select(['id', 'code'])
    .where('code', '=', benchTownCode(0))
    .executeTakeFirst();
  if (!town)
    throw new Error('No generated data here: run `node --import tsx bench/generate.ts` first (same --data-dir).');
  const village = await db
    .selectFrom('villages')
    .select('id')
    .where('town_id', '=', town.id)
    .where('name', '=', '厚田村')
    .executeTakeFirstOrThrow();
  const category = await db
    .selectFrom('categories')
    .select('id')
    .where('town_id', '=', town.id)
    .where('code', '=', 'road')
    .executeTakeFirstOrThrow();
  const cookie = await signIn(url, benchAdmin(0), BENCH_PASSWORD);
  const headers = { cookie };
  // Latency scenarios use two connections: a handful of staff at once, on a two-core server.
  const list = async (label: string, query: string): Promise<Result[]> => {
    const out: Result[] = [];
    if (!want(`GET /api/requests ${label}`)) return out;
    for (const page of [1, 100]) {
      const target = `${url}/api/requests?${query}${query ? '&' : ''}page=${page}&pageSize=20`;
      const probe = await fetch(target, { headers });
      if (!probe.ok) throw new Error(`${label}: ${probe.status} ${await probe.text()}`);
      const { total } = (await probe.json()) as { total: number };
      const r = await measure(`GET /api/requests ${label} — page ${page}`, target, { headers, connections: 2 });
      out.push({ ...r, note: `${total} rows` });
    }
    return out;
  };
  const results: Result[] = [baseline, barePost];
  results.push(...(await list('(no filter)', '')));
  results.push(...(await list('status=in_progress', 'status=in_progress')));
  results.push(...(await list('status=archived', 'status=archived')));
  results.push(...(await list('village', `villageId=${village.id}`)));
  results.push(...(await list('category', `categoryId=${category.id}`)));
  results.push(...(await list('overdue=true', 'overdue=true')));
  results.push(...(await list('q=路灯 (text search)', `q=${encodeURIComponent('路灯')}`)));
  results.push(
    ...(await list('status+village+category', `status=archived&villageId=${village.id}&categoryId=${category.id}`)),
  );
  if (want('GET /api/requests/figures (one town)'))
    results.push(
      await measure('GET /api/requests/figures (one town)', `${url}/api/requests/figures`, {
        headers,
        connections: 2,
      }),
    );
  if (want('GET /api/requests/figures?groupBy=month'))
    results.push(
      await measure('GET /api/requests/figures?groupBy=month', `${url}/api/requests/figures?groupBy=month`, {
        headers,
        connections: 2,
      }),
    );
  if (!want('POST /api/public/requests (H5 intake)')) return results;
  // Intake: the per-address write limit is real, so each request comes from its own address.
  let n = 0;
  results.push(
    await measure('POST /api/public/requests (H5 intake)', `${url}/api/public/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        town: town.code,
        categoryId: category.id,
        villageId: village.id,
        description: '村口下水道堵了好几天，污水漫到路上，麻烦尽快疏通。',
        name: '测试',
        mobile: '13900001234',
        consent: true,
      }),
      setupRequest: (req) => {
        n++;
        return {
          ...req,
          headers: { ...req.headers, 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` },
        };
      },
    }),
  );
  return results;
}

async function main(): Promise<void> {
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', items: [1, 2, 3] }));
  bare.post('/bare', async (request) => ({
    status: 'ok',
    got: (request.body as { town?: string } | null)?.town ?? null,
  }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  const dataDir = big
    ? path.resolve(arg('data-dir') ?? path.join(os.tmpdir(), 'lianxin-bench-big'))
    : fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
  // Behind the bench's own "proxy": intake requests carry distinct client addresses.
  const runtime = await openRuntime({ ...config, trustProxy: big });
  if (!big) await seedDemo(runtime.database.db, runtime.sealer);
  const app = await buildApp({ ...runtime, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;

  const baseline = await measure('bare Fastify JSON route (baseline)', `${bareUrl}/bare`);
  let results: Result[];
  let title = '';
  if (big) {
    const barePost = await measure('bare Fastify JSON POST (baseline for intake)', `${bareUrl}/bare`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ town: 'x', description: 'y'.repeat(60) }),
    });
    results = await bigScenarios(url, runtime, baseline, barePost);
    const counts = await runtime.database.db
      .selectFrom('requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    title = `, ${Number(counts.n).toLocaleString('en')} requests; lists and figures at 2 connections, the rest at 10`;
  } else {
    results = await demoScenarios(url, baseline);
    title = ', 10 connections';
  }

  const lines = [
    `Lianxin bench${big ? ' --big' : ''} — ${new Date().toISOString()} — ${runtime.database.dialect}, ${seconds}s per scenario${title}`,
    '',
    '| scenario | req/s | ratio to baseline | p50 ms | p95 ms | p99 ms | rows |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} | ${(r.rps / baseline.rps).toFixed(r.rps / baseline.rps < 0.1 ? 3 : 2)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.note ?? ''} |`,
    ),
  ];
  if (big) {
    const intake = results.find((r) => r.name.startsWith('POST /api/public/requests'));
    const barePost = results[1];
    if (intake && barePost)
      lines.push(
        '',
        `H5 intake: ${intake.rps.toFixed(0)} req/s = ${(intake.rps / barePost.rps).toFixed(3)} × the bare POST route.`,
      );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/bench${big ? '-big' : ''}-${runtime.database.dialect}.md`, `${lines.join('\n')}\n`);

  await app.close();
  await bare.close();
  await runtime.database.close();
  if (!big) fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
