/**
 * Name search by prefix (surname or full name) over a town's 100,000 members: PostgreSQL needs an
 * index in byte order for the range; SQLite's (town_id, name) index is already BINARY.
 */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`create index ix_people_name_c on people (town_id, (name collate "C"))`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
