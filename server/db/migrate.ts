/** Runs the migrations in `migrations/` (one folder for SQLite and PostgreSQL). */
import { type Kysely, type Migration, Migrator, sql } from 'kysely';
import { isPostgres } from './dialect.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-requests.ts';
import * as m0003 from './migrations/0003-duty.ts';
import * as m0004 from './migrations/0004-name-prefix.ts';
import * as m0005 from './migrations/0005-request-origin.ts';
import * as m0006 from './migrations/0006-activities.ts';
import * as m0007 from './migrations/0007-care.ts';
import * as m0008 from './migrations/0008-request-speed.ts';
import * as m0009 from './migrations/0009-activity-rollups.ts';
import * as m0010 from './migrations/0010-request-figures.ts';
import type { DB } from './schema.ts';

/** Every migration, in order. Add new ones here. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-requests': m0002,
  '0003-duty': m0003,
  '0004-name-prefix': m0004,
  '0005-request-origin': m0005,
  '0006-activities': m0006,
  '0007-care': m0007,
  '0008-request-speed': m0008,
  '0009-activity-rollups': m0009,
  '0010-request-figures': m0010,
};

/** Brings the schema up to date; returns the names of the migrations it applied. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  // On PostgreSQL the bookkeeping tables go in the current schema explicitly: Kysely looks for
  // them across all schemas, and would otherwise find another schema's on a shared server.
  const schema = isPostgres(db)
    ? ((await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s ?? 'public')
    : undefined;
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
