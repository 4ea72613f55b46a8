/**
 * Activities 服务活动: the town's stall kinds, monthly series, activities with their organising
 * teams, stalls, sign-ups (with check-in/out and hours), photos, and a per-team contribution row
 * per activity that the figures read. Keyed by town like every table.
 *
 * Index plan (figures must stay under 200 ms at 50,000 activities / 500,000 sign-ups):
 * - each activity carries its totals (served, deeds, reach, signups, attended, no-shows, hours),
 *   recomputed in the same transaction as any change to its stalls or sign-ups, so the figures
 *   never touch `activity_signups`; town totals and village/month/kind groups are one range scan of
 *   the covering index `ix_activities_figures` (town_id, state, start_at, + every summed column),
 *   a village admin's of `ix_activities_village_figures` (town_id, village_id, state, start_at, …);
 * - per-team figures (and everything a team leader sees) read `activity_team_figures` — one row per
 *   activity and contributing team, with the activity's state, start, kind, village and month —
 *   through covering indexes led by (town_id, state, start_at), (town_id, team_id, …) or
 *   (town_id, village_id, …);
 * - lists use `ix_activities_start` (town_id, start_at) and the village/series indexes;
 *   a member's "mine" view uses `ix_activity_signups_person` (town_id, person_id).
 */
import type { Kysely } from 'kysely';
import { type TableBuilder, keyed } from './helpers.ts';

const versioned = (t: TableBuilder): TableBuilder =>
  t
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

/** Totals kept on an activity and on a stall. */
const totals = (t: TableBuilder): TableBuilder =>
  t
    .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waitlisted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no_shows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hours', 'double precision', (c) => c.notNull().defaultTo(0));

/** What the figures read from an activity row, kept in its covering indexes. */
const FIGURE_COLUMNS = [
  'kind',
  'month',
  'village_id',
  'served',
  'reach',
  'deeds',
  'signups',
  'attended',
  'no_shows',
  'hours',
];

const fk = (t: TableBuilder, table: string, column: string, target: string): TableBuilder =>
  t.addForeignKeyConstraint(`fk_${table}_${column}`, ['town_id', column] as never, target, ['town_id', 'id']);

export async function up(db: Kysely<unknown>): Promise<void> {
  await versioned(keyed(db.schema.createTable('stall_kinds'), 'stall_kinds'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('uq_stall_kinds_code', ['town_id', 'code'] as never)
    .execute();

  let series = versioned(keyed(db.schema.createTable('activity_series'), 'activity_series'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('workstation_id', 'text')
    .addColumn('village_id', 'text')
    .addColumn('address', 'text')
    /** JSON array of team ids, the lead team first. */
    .addColumn('team_ids', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer')
    .addColumn('waitlist', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('description', 'text')
    .addColumn('day_of_month', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    /** JSON array of the stalls each new occurrence starts with. */
    .addColumn('stalls', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text');
  series = fk(series, 'activity_series', 'workstation_id', 'workstations');
  series = fk(series, 'activity_series', 'village_id', 'villages');
  await series.execute();

  let activities = versioned(keyed(db.schema.createTable('activities'), 'activities'))
    .addColumn('series_id', 'text')
    /** 1 when this occurrence was edited by itself: series edits leave it alone. */
    .addColumn('edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    /** Asia/Shanghai month of start_at, YYYY-MM (figures group by it). */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('workstation_id', 'text')
    .addColumn('village_id', 'text')
    .addColumn('address', 'text')
    .addColumn('lead_team_id', 'text')
    .addColumn('capacity', 'integer')
    .addColumn('waitlist', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('description', 'text')
    .addColumn('summary', 'text')
    .addColumn('reach', 'integer')
    .addColumn('cancel_reason', 'text')
    .addColumn('published_at', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('reported_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('created_by', 'text')
    /** Totals over the stalls and sign-ups (kept current by the service). */
    .addColumn('served', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deeds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signups', 'integer', (c) => c.notNull().defaultTo(0));
  activities = totals(activities);
  activities = fk(activities, 'activities', 'series_id', 'activity_series');
  activities = fk(activities, 'activities', 'workstation_id', 'workstations');
  activities = fk(activities, 'activities', 'village_id', 'villages');
  activities = fk(activities, 'activities', 'lead_team_id', 'teams');
  await activities.execute();
  await db.schema.createIndex('ix_activities_start').on('activities').columns(['town_id', 'start_at']).execute();
  // Covering indexes: the figures read every column they need from the index alone.
  await db.schema
    .createIndex('ix_activities_figures')
    .on('activities')
    .columns(['town_id', 'state', 'start_at', ...FIGURE_COLUMNS])
    .execute();
  await db.schema
    .createIndex('ix_activities_village_figures')
    .on('activities')
    .columns(['town_id', 'village_id', 'state', 'start_at', ...FIGURE_COLUMNS])
    .execute();
  await db.schema
    .createIndex('ix_activities_village')
    .on('activities')
    .columns(['town_id', 'village_id', 'start_at'])
    .execute();
  await db.schema
    .createIndex('ix_activities_series')
    .on('activities')
    .columns(['town_id', 'series_id', 'start_at'])
    .execute();

  let teams = keyed(db.schema.createTable('activity_teams'), 'activity_teams')
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('uq_activity_teams', ['town_id', 'activity_id', 'team_id'] as never);
  teams = fk(teams, 'activity_teams', 'activity_id', 'activities');
  teams = fk(teams, 'activity_teams', 'team_id', 'teams');
  await teams.execute();
  await db.schema
    .createIndex('ix_activity_teams_team')
    .on('activity_teams')
    .columns(['town_id', 'team_id', 'activity_id'])
    .execute();

  let stalls = versioned(keyed(db.schema.createTable('activity_stalls'), 'activity_stalls'))
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('kind_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    /** 人次 and 实事; null until recorded. */
    .addColumn('served', 'integer')
    .addColumn('deeds', 'integer')
    .addColumn('notes', 'text');
  stalls = totals(stalls);
  stalls = fk(stalls, 'activity_stalls', 'activity_id', 'activities');
  stalls = fk(stalls, 'activity_stalls', 'kind_id', 'stall_kinds');
  stalls = fk(stalls, 'activity_stalls', 'team_id', 'teams');
  await stalls.execute();
  await db.schema
    .createIndex('ix_activity_stalls_activity')
    .on('activity_stalls')
    .columns(['town_id', 'activity_id'])
    .execute();

  let signups = versioned(keyed(db.schema.createTable('activity_signups'), 'activity_signups'))
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('stall_id', 'text')
    .addColumn('person_id', 'text', (c) => c.notNull())
    /** signed_up / waitlisted / cancelled / attended / no_show */
    .addColumn('state', 'text', (c) => c.notNull())
    /** self / assigned */
    .addColumn('source', 'text', (c) => c.notNull())
    /** When the person joined the queue (waiting list order). */
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('check_in_at', 'text')
    .addColumn('check_out_at', 'text')
    .addColumn('hours', 'double precision')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_by', 'text')
    /** One row per person and activity; signing up again reuses it. */
    .addUniqueConstraint('uq_activity_signups_person', ['town_id', 'activity_id', 'person_id'] as never);
  signups = fk(signups, 'activity_signups', 'activity_id', 'activities');
  signups = fk(signups, 'activity_signups', 'stall_id', 'activity_stalls');
  signups = fk(signups, 'activity_signups', 'person_id', 'people');
  await signups.execute();
  await db.schema
    .createIndex('ix_activity_signups_activity')
    .on('activity_signups')
    .columns(['town_id', 'activity_id', 'state'])
    .execute();
  await db.schema
    .createIndex('ix_activity_signups_person')
    .on('activity_signups')
    .columns(['town_id', 'person_id'])
    .execute();

  let photos = keyed(db.schema.createTable('activity_photos'), 'activity_photos')
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('upload_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('uq_activity_photos_upload', ['town_id', 'upload_id'] as never);
  photos = fk(photos, 'activity_photos', 'activity_id', 'activities');
  photos = fk(photos, 'activity_photos', 'upload_id', 'uploads');
  await photos.execute();
  await db.schema
    .createIndex('ix_activity_photos_activity')
    .on('activity_photos')
    .columns(['town_id', 'activity_id'])
    .execute();

  /** What each team contributed to an activity (figures by team). */
  let contrib = keyed(db.schema.createTable('activity_team_figures'), 'activity_team_figures')
    .addColumn('activity_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text')
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('served', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deeds', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reach', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('signups', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('no_shows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hours', 'double precision', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('uq_activity_team_figures', ['town_id', 'activity_id', 'team_id'] as never);
  contrib = fk(contrib, 'activity_team_figures', 'activity_id', 'activities');
  contrib = fk(contrib, 'activity_team_figures', 'team_id', 'teams');
  await contrib.execute();
  const teamFigures = [
    'kind',
    'month',
    'village_id',
    'activity_id',
    'served',
    'deeds',
    'reach',
    'signups',
    'attended',
    'no_shows',
    'hours',
  ];
  await db.schema
    .createIndex('ix_activity_team_figures')
    .on('activity_team_figures')
    .columns(['town_id', 'state', 'start_at', 'team_id', ...teamFigures])
    .execute();
  await db.schema
    .createIndex('ix_activity_team_figures_team')
    .on('activity_team_figures')
    .columns(['town_id', 'team_id', 'state', 'start_at', ...teamFigures])
    .execute();
  await db.schema
    .createIndex('ix_activity_team_figures_village')
    .on('activity_team_figures')
    .columns(['town_id', 'village_id', 'state', 'start_at', 'team_id', ...teamFigures])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
