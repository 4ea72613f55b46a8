/**
 * Activity figures over years without reading every activity (issue 5: 50,000 activities).
 *
 * - `activity_month_figures`: the held activities' sums per month × village × kind (`id` is the
 *   cell key `month|village|kind`, village '' for town-wide activities), for the town's totals and
 *   its groups by month, village and kind;
 * - `activity_month_team_figures`: the teams' contributions per month × team × kind (`id` is
 *   `month|team|kind`), for the groups by team and a team leader's figures;
 * - `activities.rollup_key`: the cell a held activity is counted in (null when not held), so a
 *   change that moves it (state, month, village, kind) refreshes the cell it leaves.
 *
 * Every change to an activity refreshes its cells in its transaction
 * (server/modules/activities/activities.rollups.ts). Filled here for the activities already there.
 */
import { type Kysely, sql } from 'kysely';
import { type TableBuilder, keyed } from './helpers.ts';

const sums = (t: TableBuilder): TableBuilder =>
  t
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('served', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reach', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deeds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signups', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no_shows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hours', 'double precision', (c) => c.notNull().defaultTo(0));

const HELD = sql`('done', 'reported')`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('activities').addColumn('rollup_key', 'text').execute();
  await db.schema.createIndex('ix_activities_rollup').on('activities').columns(['town_id', 'rollup_key']).execute();

  await sums(keyed(db.schema.createTable('activity_month_figures'), 'activity_month_figures'))
    .addColumn('village_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('uq_activity_month_figures', ['town_id', 'month', 'village_key', 'kind'] as never)
    .execute();
  await sums(keyed(db.schema.createTable('activity_month_team_figures'), 'activity_month_team_figures'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addUniqueConstraint('uq_activity_month_team_figures', ['town_id', 'month', 'team_id', 'kind'] as never)
    .addForeignKeyConstraint('fk_activity_month_team_figures_team_id', ['town_id', 'team_id'] as never, 'teams', [
      'town_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('ix_activity_month_team_figures_team')
    .on('activity_month_team_figures')
    .columns(['town_id', 'team_id', 'month'])
    .execute();
  // A team's cell is refreshed from its contribution rows of that month and kind.
  await db.schema
    .createIndex('ix_activity_team_figures_cell')
    .on('activity_team_figures')
    .columns(['town_id', 'team_id', 'month', 'kind'])
    .execute();

  // Fill the cells of the activities already there (a fixed copy of rebuildRollups).
  await sql`update activities set rollup_key = month || '|' || coalesce(village_id, '') || '|' || kind
    where state in ${HELD}`.execute(db);
  await sql`insert into activity_month_figures
      (town_id, id, month, village_key, kind, held, served, reach, deeds, signups, attended, no_shows, hours)
    select town_id, rollup_key, month, coalesce(village_id, ''), kind, count(*), sum(served),
      sum(coalesce(reach, 0)), sum(deeds), sum(signups), sum(attended), sum(no_shows), sum(hours)
    from activities where rollup_key is not null
    group by town_id, rollup_key, month, coalesce(village_id, ''), kind`.execute(db);
  await sql`insert into activity_month_team_figures
      (town_id, id, month, team_id, kind, held, served, reach, deeds, signups, attended, no_shows, hours)
    select town_id, month || '|' || team_id || '|' || kind, month, team_id, kind, count(*), sum(served),
      sum(reach), sum(deeds), sum(signups), sum(attended), sum(no_shows), sum(hours)
    from activity_team_figures where state in ${HELD}
    group by town_id, month, team_id, kind`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
