/**
 * Where a request came from when it was raised during other work: a problem found at a service-day
 * stall (`activity`, the activity's id) or on a care visit (`visit`, the visit's id).
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('requests').addColumn('origin_kind', 'text').execute();
  await db.schema.alterTable('requests').addColumn('origin_id', 'text').execute();
  await db.schema
    .createIndex('ix_requests_origin')
    .on('requests')
    .columns(['town_id', 'origin_kind', 'origin_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
