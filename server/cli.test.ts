/**
 * The CLI as an operator uses it, in a child process: a seed killed half-way leaves nothing
 * behind and the next run completes it; backup and restore round-trip the data.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.ts';
import { DEMO_PEOPLE } from './demo/people.ts';
import { DEMO_LOGINS } from './demo/seed.ts';
import { usePostgres } from './test/harness.ts';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin', 'lianxin.mjs');
let dataDir: string;
let databaseUrl = '';
let schema = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-cli-'));
  if (usePostgres) {
    const url = process.env.TEST_DATABASE_URL ?? '';
    schema = `cli_${randomBytes(5).toString('hex')}`;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    databaseUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
});

// The schema is dropped after the whole run by server/test/global-setup.ts.
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const env = () => ({
  ...process.env,
  LIANXIN_DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl,
  LIANXIN_SECRET: 'cli-test',
});
const run = (...args: string[]) =>
  spawnSync(process.execPath, [cli, ...args], { cwd: root, env: env(), encoding: 'utf8', timeout: 120_000 });

async function counts() {
  const database = openDatabase({ databaseUrl: databaseUrl || null, sqliteFile: path.join(dataDir, 'lianxin.db') });
  try {
    const n = async (table: 'towns' | 'people' | 'users' | 'villages') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      towns: await n('towns'),
      people: await n('people'),
      users: await n('users'),
      villages: await n('villages'),
    };
  } finally {
    await database.close();
  }
}

describe('lianxin CLI', () => {
  it('migrates an empty database and reports when it is up to date', () => {
    const first = run('migrate');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('0001-foundation');
    expect(run('migrate').stdout).toContain('up to date');
  });

  it('leaves no half-loaded demo when seeding is killed, and completes it on the next run', async () => {
    // Kill at several moments across start-up and the seed transaction; whatever the moment,
    // the database holds either the whole town or nothing of it.
    for (const delay of [700, 850, 1000, 1150, 1300]) {
      const child = spawn(process.execPath, [cli, 'seed-demo'], { cwd: root, env: env(), stdio: 'ignore' });
      const exited = new Promise((r) => child.once('exit', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await exited;
      const after = await counts();
      if (after.towns === 1) break;
      expect(after).toEqual({ towns: 0, people: 0, users: 0, villages: 0 });
    }
    const again = run('seed-demo');
    expect(again.status).toBe(0);
    expect(await counts()).toEqual({ towns: 1, people: DEMO_PEOPLE, users: DEMO_LOGINS.length, villages: 31 });
    expect(run('seed-demo').stdout).toContain('already there');
  }, 120_000);

  it('backs up and restores the database', async () => {
    const file = path.join(dataDir, 'backups', 'one.bak');
    const backup = run('backup', file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    // Lose a table that nothing else references (hamlets are referenced by the demo requests).
    const database = openDatabase({ databaseUrl: databaseUrl || null, sqliteFile: path.join(dataDir, 'lianxin.db') });
    const events = async (db: typeof database) =>
      Number(
        (
          await db.db
            .selectFrom('request_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const eventsBefore = await events(database);
    expect(eventsBefore).toBeGreaterThan(1000);
    await database.db.deleteFrom('request_events').execute();
    await database.close();

    const restore = run('restore', file);
    expect(restore.status, restore.stderr).toBe(0);
    const check = openDatabase({ databaseUrl: databaseUrl || null, sqliteFile: path.join(dataDir, 'lianxin.db') });
    const hamlets = await check.db
      .selectFrom('hamlets')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const eventsAfter = await events(check);
    await check.close();
    expect(Number(hamlets.n)).toBe(65);
    expect(eventsAfter).toBe(eventsBefore);
  });

  it('refuses to restore a file that is not a backup, with a clear message', () => {
    const bogus = path.join(dataDir, 'not-a-backup.bak');
    fs.writeFileSync(bogus, 'hello');
    const res = run('restore', bogus);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/not a Lianxin|pg_restore/);
  });

  it('prints usage for an unknown command', () => {
    const res = run('frobnicate');
    expect(res.status).toBe(2);
    expect(res.stdout).toContain('Usage: lianxin');
  });
});
