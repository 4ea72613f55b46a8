/** Opens the database: SQLite (embedded default) or PostgreSQL when a URL is given. */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The SQLite handle, for the online backup API; null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** A printable location without credentials. */
  where: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; SQLite when null. */
  databaseUrl: string | null;
  /** SQLite file path (`:memory:` allowed). */
  sqliteFile: string;
  /** PostgreSQL schema to use (tests isolate each file in its own). */
  pgSchema?: string;
}

/** Opens a connection pool (PostgreSQL) or the file (SQLite) with durable settings. */
export function openDatabase(options: OpenOptions): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // An idle client's network error must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    return {
      db,
      dialect: 'postgres',
      sqlite: null,
      where: `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  if (options.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SQLite(options.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives a power cut, not only a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 64 MB of page cache (the default is 2 MB): a county's file has a dozen indexes on requests,
  // and every intake touches each of them.
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    where: options.sqliteFile,
    close: () => db.destroy(),
  };
}

/**
 * Kysely prepares every query it runs; preparing costs SQLite about as much as running a small
 * statement. This keeps the most recently used prepared statements by their SQL (a statement
 * being iterated is busy: another copy is prepared for the caller then).
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        // Most recently used last: the first key is the one to drop.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      if (!hit) {
        cache.set(sql, stmt);
        if (cache.size > size) cache.delete(cache.keys().next().value as string);
      }
      return stmt;
    },
  };
}
