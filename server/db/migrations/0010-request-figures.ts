/**
 * The town's request figures without reading every request (issue 3: figures for a town of
 * 50,000 requests). `request_month_figures` holds, per Asia/Shanghai month of submission, status
 * and grouping (the town, each team, village and category), the counts behind the figures except
 * "open past due" (counted live: it changes with the clock). Intake and every lifecycle step keep
 * it in their transactions (server/modules/requests/figures.rollup.ts); filled here from the
 * requests already there.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { rebuildRequestFigures } from '../../modules/requests/figures.rollup.ts';
import { keyed } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await keyed(db.schema.createTable('request_month_figures'), 'request_month_figures')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('dim', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unresolved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_on_time', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ratings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('satisfied', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('handling_hours', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('handled', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('ix_request_month_figures')
    .on('request_month_figures')
    .columns(['town_id', 'dim', 'month'])
    .execute();
  // Existing requests (a new database has none: the demo is loaded after the migrations).
  const towns = await (db as Kysely<DB>).selectFrom('towns').select('id').execute();
  for (const t of towns) await rebuildRequestFigures(db as Kysely<DB>, t.id);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
