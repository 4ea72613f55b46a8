/** The CLI: start | migrate | seed-demo | backup FILE | restore FILE | openapi FILE | dev. */
import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { type Config, loadConfig } from './config.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, demoExists, seedDemo } from './demo/seed.ts';
import { startDeadlineJob } from './modules/requests/deadlines.job.ts';
import { startDutyJob } from './modules/duty/duty.job.ts';
import { startCareJob } from './modules/care/care.job.ts';
import { BackupError, backup, restore } from './platform/backup.ts';
import { senderFromEnv, startOutboxWorker } from './platform/outbox.ts';
import { bootstrapTown } from './platform/bootstrap.ts';
import { openRuntime, sqliteFile } from './runtime.ts';

const USAGE = `Lianxin 连心

Usage: lianxin <command> [options]

  start [--no-demo]   migrate, load the Youlan demo town into an empty database (unless
                      --no-demo), build the web app if needed, serve on PORT (default 3000)
  dev                 like start, plus Vite's dev server on 5173 with hot reload
  migrate             bring the database schema up to date
  seed-demo           load the Youlan demo town if it is not there
  backup FILE         write a consistent backup (SQLite: online backup API; PostgreSQL: pg_dump)
  restore FILE        restore a backup (stop the server first)
  openapi FILE        write the OpenAPI document to FILE

Environment: PORT, DATABASE_URL, LIANXIN_DATA_DIR (default ./data), LIANXIN_SECRET,
LIANXIN_ADMIN_PASSWORD, LOG_LEVEL, TRUST_PROXY — see README.md.`;

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

function printDemoLogins(url: string): void {
  out('');
  out(`  连心 Lianxin is running: ${url}   (resident pages: ${url}/h5/, API docs: ${url}/api/docs)`);
  out('');
  out(`  Demo logins (password ${DEMO_PASSWORD}):`);
  for (const l of DEMO_LOGINS) out(`    ${l.username.padEnd(10)} ${l.note}`);
  out('');
}

async function ensureWeb(config: Config): Promise<void> {
  const script = path.resolve(import.meta.dirname, '..', 'scripts', 'build-web.mjs');
  if (!fs.existsSync(script)) return;
  const { ensureWebBuilt } = (await import(script)) as { ensureWebBuilt: (o: { force?: boolean }) => Promise<void> };
  if (!fs.existsSync(path.join(config.webDist, 'index.html')) || process.env.LIANXIN_SKIP_WEB_BUILD !== '1') {
    await ensureWebBuilt({});
  }
}

async function start(config: Config, args: string[], dev: boolean): Promise<void> {
  const runtime = await openRuntime(config);
  const { database, sealer } = runtime;
  let demo = await demoExists(database.db);
  if (
    !args.includes('--no-demo') &&
    !(await database.db.selectFrom('towns').select('id').limit(1).executeTakeFirst())
  ) {
    out('Loading the Youlan demo town (幽兰镇)…');
    await seedDemo(database.db, sealer);
    demo = true;
  }
  const boot = await bootstrapTown(database.db, {
    code: process.env.LIANXIN_TOWN_CODE || 'town',
    name: process.env.LIANXIN_TOWN_NAME || '示范镇',
    adminPassword: config.adminPassword,
  });
  if (!dev) await ensureWeb(config);
  const app = await buildApp({ config, database, sealer });
  let closing = false;
  // Background work: deadline warnings and the SMS outbox. Both catch up on start.
  const stopDeadlines = startDeadlineJob(app.deps, app.log);
  const stopDuty = startDutyJob(app.deps, app.log);
  const stopCare = startCareJob(app.deps, app.log);
  const stopOutbox = startOutboxWorker(app.deps, senderFromEnv(process.env, app.log), app.log);
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    stopDeadlines();
    stopDuty();
    stopCare();
    await stopOutbox();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  const url = `http://localhost:${config.port}`;
  if (boot) {
    out('');
    out(`  First start: town "${boot.townCode}" created. These passwords are shown once — write them down:`);
    for (const a of boot.accounts) out(`    ${a.username.padEnd(10)} ${a.role.padEnd(16)} ${a.password}`);
    out('  Each must be changed at first sign-in.');
  }
  if (demo) printDemoLogins(url);
  else out(`\n  连心 Lianxin is running: ${url}\n`);
  out(`  Database: ${database.dialect} (${database.where})`);
  if (dev) {
    const { createServer } = await import('vite');
    const vite = await createServer({ configFile: path.resolve(import.meta.dirname, '..', 'vite.config.ts') });
    await vite.listen(5173);
    out('  Vite dev server: http://localhost:5173 (proxies /api to the server)');
  }
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  switch (command) {
    case 'start':
    case undefined:
      return start(config, args, false);
    case 'dev':
      return start(config, args, true);
    case 'migrate': {
      const runtime = await openRuntime(config, { migrate: false });
      const { migrateToLatest } = await import('./db/migrate.ts');
      const applied = await migrateToLatest(runtime.database.db);
      out(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
      return runtime.database.close();
    }
    case 'seed-demo': {
      const runtime = await openRuntime(config);
      const id = await seedDemo(runtime.database.db, runtime.sealer);
      out(id ? 'The Youlan demo town is loaded.' : 'The Youlan demo town is already there.');
      return runtime.database.close();
    }
    case 'backup':
    case 'restore': {
      const file = args[0];
      if (!file) throw new BackupError(`Usage: lianxin ${command} FILE`);
      if (command === 'backup') {
        const runtime = await openRuntime(config);
        await backup(runtime.database, config.databaseUrl, file);
        await runtime.database.close();
        out(`Backup written to ${path.resolve(file)}`);
      } else {
        await restore(sqliteFile(config), config.databaseUrl, file);
        out(`Restored from ${path.resolve(file)}. Start the server again.`);
      }
      return;
    }
    case 'openapi': {
      const { writeOpenApi } = await import('./openapi.ts');
      await writeOpenApi(args[0] ?? 'docs/openapi.json');
      return;
    }
    case 'help':
    case '--help':
    case '-h':
      out(USAGE);
      return;
    default:
      out(USAGE);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  if (error instanceof BackupError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
