/**
 * Backup and restore. SQLite: the online backup API (a consistent copy while the app runs —
 * never a file copy of a live database). PostgreSQL: pg_dump / pg_restore when installed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';

export class BackupError extends Error {}

function hasTool(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Writes a backup of the running database to `file`. */
export async function backup(database: Database, databaseUrl: string | null, file: string): Promise<void> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (database.sqlite) {
    await database.sqlite.backup(target);
    return;
  }
  if (!databaseUrl) throw new BackupError('no database');
  if (!hasTool('pg_dump')) {
    throw new BackupError(
      'pg_dump was not found on PATH. Install the PostgreSQL client (e.g. apt-get install postgresql-client) and try again.',
    );
  }
  // Only Lianxin's schema: a shared server may hold other applications' data.
  const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s ?? 'public';
  const run = spawnSync(
    'pg_dump',
    ['--format=custom', '--no-owner', `--schema=${schema}`, `--file=${target}`, databaseUrl],
    {
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new BackupError(`pg_dump failed: ${run.stderr.trim()}`);
}

/** Checks that a file is a Lianxin SQLite backup. */
function checkSqliteBackup(file: string): void {
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new BackupError(`the backup fails its integrity check: ${String(ok)}`);
    db.prepare('select count(*) from schema_migrations').get();
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a Lianxin SQLite backup (${(error as Error).message})`);
  } finally {
    db?.close();
  }
}

/**
 * Restores `file` over the database. SQLite: the file is checked, then copied in through the
 * backup API into a fresh file that replaces the old one. Run it with the server stopped.
 */
export async function restore(sqliteFile: string, databaseUrl: string | null, file: string): Promise<void> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new BackupError(`${source} does not exist`);
  if (!databaseUrl) {
    checkSqliteBackup(source);
    const temp = `${sqliteFile}.restoring`;
    fs.rmSync(temp, { force: true });
    const from = new SQLite(source, { readonly: true });
    try {
      await from.backup(temp);
    } finally {
      from.close();
    }
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${sqliteFile}${suffix}`, { force: true });
    fs.renameSync(temp, sqliteFile);
    return;
  }
  if (!hasTool('pg_restore')) {
    throw new BackupError(
      'pg_restore was not found on PATH. Install the PostgreSQL client (e.g. apt-get install postgresql-client) and try again.',
    );
  }
  const run = spawnSync(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${databaseUrl}`, source],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new BackupError(`pg_restore failed: ${run.stderr.trim()}`);
}
