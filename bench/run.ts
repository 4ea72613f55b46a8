/**
 * Load scenarios: each measured with autocannon against a real server on loopback, and reported
 * as a ratio to a bare Fastify JSON route measured in the same run (so the figures compare across
 * machines). Usage: npm run bench [-- --seconds 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { seedDemo } from '../server/demo/seed.ts';
import { openRuntime } from '../server/runtime.ts';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 5;

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
}

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<Result> {
  const r = await autocannon({ url, connections: 10, duration: seconds, headers });
  if (r.non2xx > 0) throw new Error(`${name}: ${r.non2xx} non-2xx answers`);
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

async function main(): Promise<void> {
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', items: [1, 2, 3] }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
  const runtime = await openRuntime(config);
  await seedDemo(runtime.database.db, runtime.sealer);
  const app = await buildApp({ ...runtime, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Lianxin@2026' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const baseline = await measure('bare Fastify JSON route (baseline)', `${bareUrl}/bare`);
  const results = [
    baseline,
    await measure('GET /api/health', `${url}/api/health`),
    await measure('GET /api/public/town (H5 home)', `${url}/api/public/town`),
    await measure('GET /api/villages page 1', `${url}/api/villages?page=1&pageSize=20`, { cookie }),
    await measure('GET /api/people?q=王 (search)', `${url}/api/people?q=${encodeURIComponent('王')}`, { cookie }),
    await measure('GET /api/stats/overview', `${url}/api/stats/overview`, { cookie }),
  ];

  const lines = [
    `Lianxin bench — ${new Date().toISOString()} — ${runtime.database.dialect}, ${seconds}s per scenario, 10 connections`,
    '',
    '| scenario | req/s | ratio to baseline | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${(r.rps / baseline.rps).toFixed(2)} | ${r.p50} | ${r.p99} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync(`bench/results/bench-${runtime.database.dialect}.md`, `${lines.join('\n')}\n`);

  await app.close();
  await bare.close();
  await runtime.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
