/**
 * Query plans and timings of the `--big` list and figures queries, without HTTP: for each
 * scenario, the plan of the count and of the page query (SQLite `explain query plan`,
 * PostgreSQL `explain analyze`) and the median of a few runs of the service call.
 *
 *   node --import tsx bench/explain.ts [--data-dir DIR] [--runs 5] [--plans]
 */
import os from 'node:os';
import path from 'node:path';
import type { Compilable } from 'kysely';
import type { RequestListQuery } from '../common/requests/schemas.ts';
import { loadConfig } from '../server/config.ts';
import { computeFigures, townScope } from '../server/modules/requests/figures.service.ts';
import { listRequests, requestBase } from '../server/modules/requests/requests.repo.ts';
import { nowIso } from '../server/platform/ids.ts';
import { openRuntime } from '../server/runtime.ts';
import { benchTownCode } from './generate.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

async function main(): Promise<void> {
  const dataDir = path.resolve(arg('data-dir') ?? path.join(os.tmpdir(), 'lianxin-bench-big'));
  const runs = Number(arg('runs') ?? 5);
  const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL ?? '' });
  const runtime = await openRuntime(config);
  const db = runtime.database.db;
  const pg = runtime.database.dialect === 'postgres';
  const town = await db.selectFrom('towns').select('id').where('code', '=', benchTownCode(0)).executeTakeFirstOrThrow();
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
  const scope = townScope();
  const only = arg('only');
  const scenarios: [string, Partial<RequestListQuery>][] = [
    ['no filter', {}],
    ['status=in_progress', { status: 'in_progress' }],
    ['status=archived', { status: 'archived' }],
    ['village', { villageId: village.id }],
    ['category', { categoryId: category.id }],
    ['overdue', { overdue: true }],
    ['q=路灯', { q: '路灯' }],
    ['q=路灯坏', { q: '路灯坏' }],
    ['q=灯', { q: '灯' }],
    ['status+village+category', { status: 'archived', villageId: village.id, categoryId: category.id }],
  ];
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return Math.round((ms[Math.floor(ms.length / 2)] ?? 0) * 10) / 10;
  };
  const plan = async (q: Compilable): Promise<string> => {
    const c = q.compile();
    const rows = await db.executeQuery<Record<string, unknown>>({
      ...c,
      sql: `${pg ? 'explain (analyze, buffers off, costs off)' : 'explain query plan'} ${c.sql}`,
    });
    return rows.rows.map((r) => (pg ? String(r['QUERY PLAN']) : `${String(r.detail)}`)).join('\n    ');
  };
  for (const [name, f] of scenarios) {
    if (only && !name.includes(only)) continue;
    for (const page of [1, 100]) {
      const query = { page, pageSize: 20, ...f } as RequestListQuery;
      const now = nowIso();
      const ms = await time(() => listRequests(db, town.id, scope, query, now));
      const result = await listRequests(db, town.id, scope, query, now);
      process.stdout.write(`${name} p${page}: ${ms} ms (${result.total} rows)\n`);
      if (process.argv.includes('--plans') && page === 100) {
        const base = requestBase(db, town.id, scope, query, now);
        process.stdout.write(
          `  count:\n    ${await plan(base.clearSelect().select((eb) => eb.fn.countAll().as('n')))}\n`,
        );
        const ids = base.select('r.id').orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(20).offset(1980);
        process.stdout.write(`  page ids:\n    ${await plan(ids)}\n`);
      }
    }
  }
  if (!only || only === 'figures') {
    for (const groupBy of [undefined, 'month'] as const) {
      const ms = await time(() => computeFigures(db, town.id, scope, { groupBy }));
      process.stdout.write(`figures ${groupBy ?? ''}: ${ms} ms\n`);
    }
  }
  await runtime.database.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
