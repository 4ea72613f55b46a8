/**
 * Care 关爱帮扶 (暖阳行动): the registry of people needing care, pairings with members (ended ones
 * kept as history), visit logs, and two small rollups the figures read instead of the visits:
 * per month × village × team sums, and which recipients were visited in which month.
 *
 * Index plan (1,000,000 visits): visit figures read `care_visit_stats` (≤ months × villages × teams
 * rows, primary key `(town_id, month, …)`), never the visits. Distinct recipients visited: for a range
 * reaching this month from `care_recipients.last_visit_at` (one row per recipient); otherwise from
 * `care_recipient_months` (≤ recipients × months × teams; primary key `(town_id, month, …)`, a team's by
 * `(town_id, team_id, month, recipient_id)`), or for past ranges narrowed to a village from the covering
 * index `(town_id, village_id, month, recipient_id)` on the visits. The registry list and the overdue
 * job use `(town_id, status, next_due_at)` and `(status, notify_at)`; a recipient's history
 * `(town_id, recipient_id, visited_at)`; a member's visits `(town_id, person_id, visited_at)`; pairings
 * `(town_id, person_id, ended_at)` and `(town_id, recipient_id, ended_at)`.
 */
import type { Kysely } from 'kysely';
import { type TableBuilder, keyed } from './helpers.ts';

const stamped = (t: TableBuilder): TableBuilder =>
  t
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

export async function up(db: Kysely<unknown>): Promise<void> {
  await stamped(keyed(db.schema.createTable('care_recipients'), 'care_recipients'))
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('hamlet_id', 'text')
    .addColumn('address', 'text')
    .addColumn('mobile_enc', 'text')
    .addColumn('mobile_hash', 'text')
    .addColumn('mobile_mask', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('id_number_mask', 'text')
    .addColumn('guardian_name', 'text')
    .addColumn('guardian_relation', 'text')
    .addColumn('guardian_mobile_enc', 'text')
    .addColumn('guardian_mobile_mask', 'text')
    .addColumn('needs', 'text')
    .addColumn('need_tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('health_notes_enc', 'text')
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('frequency_days', 'integer', (c) => c.notNull())
    .addColumn('lawful_basis', 'text', (c) => c.notNull())
    .addColumn('consent_date', 'text', (c) => c.notNull())
    .addColumn('consent_recorded_by', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('inactive_reason', 'text')
    .addColumn('inactive_note', 'text')
    .addColumn('inactive_at', 'text')
    .addColumn('last_visit_at', 'text')
    .addColumn('next_due_at', 'text', (c) => c.notNull())
    .addColumn('notify_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('uq_care_recipients_id_number', ['town_id', 'id_number_hash'] as never)
    .addForeignKeyConstraint('fk_care_recipients_village', ['town_id', 'village_id'] as never, 'villages', [
      'town_id',
      'id',
    ])
    .addForeignKeyConstraint('fk_care_recipients_hamlet', ['town_id', 'hamlet_id'] as never, 'hamlets', [
      'town_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('ix_care_recipients_due')
    .on('care_recipients')
    .columns(['town_id', 'status', 'next_due_at'])
    .execute();
  await db.schema
    .createIndex('ix_care_recipients_village')
    .on('care_recipients')
    .columns(['town_id', 'village_id', 'status'])
    .execute();
  await db.schema
    .createIndex('ix_care_recipients_notify')
    .on('care_recipients')
    .columns(['status', 'notify_at'])
    .execute();
  await db.schema
    .createIndex('ix_care_recipients_mobile')
    .on('care_recipients')
    .columns(['town_id', 'mobile_hash'])
    .execute();

  await stamped(keyed(db.schema.createTable('care_pairings'), 'care_pairings'))
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_by', 'text')
    .addColumn('ended_by', 'text')
    .addForeignKeyConstraint('fk_care_pairings_recipient', ['town_id', 'recipient_id'] as never, 'care_recipients', [
      'town_id',
      'id',
    ])
    .addForeignKeyConstraint('fk_care_pairings_person', ['town_id', 'person_id'] as never, 'people', ['town_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ix_care_pairings_person')
    .on('care_pairings')
    .columns(['town_id', 'person_id', 'ended_at'])
    .execute();
  await db.schema
    .createIndex('ix_care_pairings_recipient')
    .on('care_pairings')
    .columns(['town_id', 'recipient_id', 'ended_at'])
    .execute();

  await keyed(db.schema.createTable('care_visits'), 'care_visits')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text')
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull())
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('condition', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('problem', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('request_id', 'text')
    .addColumn('created_by', 'text')
    .addForeignKeyConstraint('fk_care_visits_recipient', ['town_id', 'recipient_id'] as never, 'care_recipients', [
      'town_id',
      'id',
    ])
    .addForeignKeyConstraint('fk_care_visits_person', ['town_id', 'person_id'] as never, 'people', ['town_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ix_care_visits_recipient')
    .on('care_visits')
    .columns(['town_id', 'recipient_id', 'visited_at'])
    .execute();
  await db.schema
    .createIndex('ix_care_visits_person')
    .on('care_visits')
    .columns(['town_id', 'person_id', 'visited_at'])
    .execute();
  await db.schema.createIndex('ix_care_visits_at').on('care_visits').columns(['town_id', 'visited_at']).execute();
  // Figures narrowed to villages or a team count distinct recipients visited from these (index-only).
  await db.schema
    .createIndex('ix_care_visits_village_month')
    .on('care_visits')
    .columns(['town_id', 'village_id', 'month', 'recipient_id'])
    .execute();
  await db.schema
    .createIndex('ix_care_visits_team_month')
    .on('care_visits')
    .columns(['town_id', 'team_id', 'month', 'recipient_id'])
    .execute();

  await db.schema
    .createTable('care_visit_stats')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('problems', 'integer', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_care_visit_stats', ['town_id', 'month', 'village_id', 'team_id'] as never)
    .addForeignKeyConstraint('fk_care_visit_stats_town', ['town_id'] as never, 'towns', ['id'])
    .execute();

  await db.schema
    .createTable('care_recipient_months')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull())
    .addColumn('month', 'text', (c) => c.notNull())
    /** The visiting member's team ('' for none): a team's figures count its distinct recipients here. */
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_care_recipient_months', ['town_id', 'month', 'recipient_id', 'team_id'] as never)
    .addForeignKeyConstraint(
      'fk_care_recipient_months_recipient',
      ['town_id', 'recipient_id'] as never,
      'care_recipients',
      ['town_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('ix_care_recipient_months_team')
    .on('care_recipient_months')
    .columns(['town_id', 'team_id', 'month', 'recipient_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
