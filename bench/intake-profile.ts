/**
 * Where H5 intake spends its time, statement by statement: sends reports through the real route
 * (`app.inject`, no sockets) in waves of `--wave` at once (the group commit then writes each wave
 * as one batch) against the `--big` database, and prints the time each kind of SQL statement took
 * in SQLite (better-sqlite3 is synchronous, so this is the time the event loop was held).
 *
 *   node --import tsx bench/intake-profile.ts [--data-dir DIR] [--reports 2000] [--wave 10]
 *
 * Adds requests to the database: use a copy of the generated one.
 */
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { openRuntime } from '../server/runtime.ts';
import { benchTownCode } from './generate.ts';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const reports = Number(arg('reports')) || 2000;
const wave = Number(arg('wave')) || 10;
const dataDir = path.resolve(arg('data-dir') ?? path.join(os.tmpdir(), 'lianxin-bench-big'));

const config = loadConfig({ LIANXIN_DATA_DIR: dataDir, DATABASE_URL: '' });
const runtime = await openRuntime({ ...config, trustProxy: true });
const sqlite = runtime.database.sqlite;
if (!sqlite) throw new Error('SQLite only');
const app = await buildApp({ ...runtime, logger: false });
const db = runtime.database.db;
const town = await db
  .selectFrom('towns')
  .select(['id', 'code'])
  .where('code', '=', benchTownCode(0))
  .executeTakeFirstOrThrow();
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

// Time every statement by the first words of its SQL.
const spent = new Map<string, { ms: number; n: number }>();
const probe = sqlite.prepare('select 1');
const proto = Object.getPrototypeOf(probe) as Record<string, (...args: unknown[]) => unknown>;
for (const method of ['run', 'all', 'get']) {
  const original = proto[method] as (...args: unknown[]) => unknown;
  proto[method] = function (this: { source: string }, ...args: unknown[]) {
    const started = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const key = this.source.replace(/\s+/g, ' ').slice(0, 48);
      const s = spent.get(key) ?? { ms: 0, n: 0 };
      s.ms += performance.now() - started;
      s.n += 1;
      spent.set(key, s);
    }
  };
}

const body = JSON.stringify({
  town: town.code,
  categoryId: category.id,
  villageId: village.id,
  description: '村口下水道堵了好几天，污水漫到路上，麻烦尽快疏通。',
  name: '测试',
  mobile: '13900001234',
  consent: true,
});
let sent = 0;
const started = performance.now();
while (sent < reports) {
  const batch = Array.from({ length: Math.min(wave, reports - sent) }, () => {
    sent++;
    return app.inject({
      method: 'POST',
      url: '/api/public/requests',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${(sent >> 8) & 255}.${sent & 255}` },
      payload: body,
    });
  });
  for (const res of await Promise.all(batch)) if (res.statusCode !== 201) throw new Error(res.body);
}
const total = performance.now() - started;
const sqlMs = [...spent.values()].reduce((a, s) => a + s.ms, 0);
console.log(
  `${reports} reports in waves of ${wave}: ${total.toFixed(0)} ms (${(total / reports).toFixed(3)} ms each; SQL ${(sqlMs / reports).toFixed(3)} ms each)`,
);
for (const [sql, s] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20))
  console.log(`${(s.ms / reports).toFixed(3).padStart(8)} ms/report  ${String(s.n).padStart(6)}×  ${sql}`);
await app.close();
await runtime.database.db.destroy();
