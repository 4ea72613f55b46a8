/**
 * Issue 5's speed target, measured against a real server on loopback: the figures of a town with
 * 50,000 activities, 500,000 sign-up/attendance rows and 1,000,000 care visits (target < 200 ms),
 * for the town admin and for a village admin (whose figures are narrowed to one village), next to a
 * bare Fastify route measured in the same run.
 *
 *   node --import tsx bench/service.ts [--activities 50000] [--signups 500000] [--visits 1000000]
 *                                      [--recipients 5000] [--people 5000] [--seconds 5]
 *
 * Uses DATABASE_URL for PostgreSQL (give it its own schema), else SQLite in a temporary directory.
 * Results go to bench/results/service-<dialect>.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { newId, nowIso } from '../server/platform/ids.ts';
import { hashPassword } from '../server/platform/passwords.ts';
import { openRuntime } from '../server/runtime.ts';
import { MEMBERS_ADMIN, MEMBERS_PASSWORD, generateMembers } from './generate-members.ts';
import { generateService } from './generate-service.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const seconds = Number(arg('seconds')) || 5;
const sizes = {
  activities: Number(arg('activities')) || 50_000,
  signups: Number(arg('signups')) || 500_000,
  visits: Number(arg('visits')) || 1_000_000,
  recipients: Number(arg('recipients')) || 5_000,
};
const peopleCount = Number(arg('people')) || 5_000;

interface Latency {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;
const round = (n: number) => Math.round(n * 10) / 10;

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Latency> {
  const probe = await fetch(url, { headers });
  if (!probe.ok) throw new Error(`${name}: ${probe.status} ${await probe.text()}`);
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
    rps: Math.round(r.requests.average),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
  };
}

async function signIn(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function main(): Promise<void> {
  const bare = Fastify();
  bare.get('/bare', async () => ({ status: 'ok', items: [1, 2, 3] }));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare`;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-service-'));
  const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
  const runtime = await openRuntime(config);
  const { db } = runtime.database;
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };

  const t0 = performance.now();
  const town = await generateMembers(runtime.database, runtime.sealer, { people: peopleCount });
  const generated = await generateService(runtime.database, runtime.sealer, town.townId, {
    ...sizes,
    log: (l) => process.stdout.write(`${l}\n`),
  });
  const genMs = performance.now() - t0;

  // A village admin for the figures narrowed to one village.
  const village = await db
    .selectFrom('villages')
    .select(['id', 'name'])
    .where('town_id', '=', town.townId)
    .orderBy('sort')
    .executeTakeFirstOrThrow();
  const now = nowIso();
  const userId = newId();
  await db
    .insertInto('users')
    .values({
      town_id: town.townId,
      id: userId,
      version: 1,
      disabled: 0,
      created_at: now,
      updated_at: now,
      username: 'servicevillage',
      display_name: `${village.name}管理员`,
      person_id: null,
      mobile_enc: null,
      mobile_hash: null,
      mobile_mask: null,
      password_hash: await hashPassword(MEMBERS_PASSWORD),
      must_change_password: 0,
      locale: 'zh-CN',
      failed_logins: 0,
      locked_until: null,
      last_login_at: null,
      password_changed_at: null,
    })
    .execute();
  await db
    .insertInto('user_roles')
    .values({
      town_id: town.townId,
      id: newId(),
      user_id: userId,
      role: 'village_admin',
      village_id: village.id,
      team_id: null,
      department_id: null,
    })
    .execute();

  const app = await buildApp({ ...runtime, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const admin = { cookie: await signIn(url, MEMBERS_ADMIN, MEMBERS_PASSWORD) };
  const villageAdmin = { cookie: await signIn(url, 'servicevillage', MEMBERS_PASSWORD) };

  const fiveYears = new Date(Date.now() - 5 * 365 * 86400_000 + 8 * 3600_000).toISOString().slice(0, 10);
  const threeYearsMonth = new Date(Date.now() - 3 * 365 * 86400_000).toISOString().slice(0, 7);
  const baseline = await measure('bare Fastify JSON route (baseline)', bareUrl, {});
  const results: (Latency & { who: string })[] = [{ ...baseline, who: '' }];
  const scenarios: [string, string, Record<string, string>, string][] = [
    ['GET /api/activities/figures (this year)', '/api/activities/figures', admin, 'town admin'],
    [
      `GET /api/activities/figures?from=${fiveYears} (all five years)`,
      `/api/activities/figures?from=${fiveYears}`,
      admin,
      'town admin',
    ],
    [
      'GET /api/activities/figures?groupBy=month (five years)',
      `/api/activities/figures?groupBy=month&from=${fiveYears}`,
      admin,
      'town admin',
    ],
    [
      'GET /api/activities/figures?groupBy=team (five years)',
      `/api/activities/figures?groupBy=team&from=${fiveYears}`,
      admin,
      'town admin',
    ],
    [
      'GET /api/activities/figures?groupBy=village (five years)',
      `/api/activities/figures?groupBy=village&from=${fiveYears}`,
      admin,
      'town admin',
    ],
    [
      'GET /api/activities/figures (five years, one village)',
      `/api/activities/figures?from=${fiveYears}`,
      villageAdmin,
      'village admin',
    ],
    ['GET /api/care/figures (last 12 months)', '/api/care/figures', admin, 'town admin'],
    [
      `GET /api/care/figures?from=${threeYearsMonth} (three years)`,
      `/api/care/figures?from=${threeYearsMonth}`,
      admin,
      'town admin',
    ],
    ['GET /api/care/figures (one village, 12 months)', '/api/care/figures', villageAdmin, 'village admin'],
    ['GET /api/activities?page=1', '/api/activities?page=1&pageSize=20', admin, 'town admin'],
    ['GET /api/care/recipients?page=1', '/api/care/recipients?page=1&pageSize=20', admin, 'town admin'],
  ];
  for (const [name, target, who, label] of scenarios)
    results.push({ ...(await measure(name, `${url}${target}`, who)), who: label });

  say(
    `Lianxin service-figures bench — ${new Date().toISOString()} — ${runtime.database.dialect}, ${os.cpus().length} cores, ${seconds}s per scenario at 2 connections`,
  );
  say('');
  say(
    `Generated in ${(genMs / 1000).toFixed(1)} s: ${generated.activities.toLocaleString('en')} activities, ` +
      `${generated.stalls.toLocaleString('en')} stalls, ${generated.signups.toLocaleString('en')} sign-ups, ` +
      `${generated.recipients.toLocaleString('en')} care recipients, ${generated.visits.toLocaleString('en')} visits ` +
      `(${peopleCount.toLocaleString('en')} members).`,
  );
  say('');
  say('| scenario | who | req/s | × baseline | p50 ms | p95 ms | p99 ms | < 200 ms |');
  say('| --- | --- | ---: | ---: | ---: | ---: | ---: | :---: |');
  for (const r of results)
    say(
      `| ${r.name} | ${r.who} | ${r.rps} | ${(r.rps / baseline.rps).toFixed(3)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.who ? (r.p95 < 200 ? 'yes' : '**no**') : ''} |`,
    );
  const out = path.join(import.meta.dirname, 'results', `service-${runtime.database.dialect}.md`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${lines.join('\n')}\n`);
  say('');
  say(`Written to ${path.relative(process.cwd(), out)}`);

  await app.close();
  await bare.close();
  await runtime.database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

await main();
