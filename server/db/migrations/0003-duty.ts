/**
 * Members and duty: member status and availability, households members are responsible for,
 * recruitment applications, roster rules and their member pools, shifts with check-in/out,
 * leave, swaps, and the service-hours ledger. Keyed by town like every table.
 */
import type { Kysely } from 'kysely';
import { type TableBuilder, keyed } from './helpers.ts';

const versioned = (t: TableBuilder): TableBuilder =>
  t
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

const person = (t: TableBuilder, table: string, column = 'person_id'): TableBuilder =>
  t.addForeignKeyConstraint(`fk_${table}_${column}`, ['town_id', column] as never, 'people', ['town_id', 'id']);

export async function up(db: Kysely<unknown>): Promise<void> {
  // A member's standing and when they can serve.
  await db.schema
    .alterTable('people')
    .addColumn('member_status', 'text', (c) => c.notNull().defaultTo('active'))
    .execute();
  await db.schema.alterTable('people').addColumn('status_since', 'text').execute();
  await db.schema.alterTable('people').addColumn('status_note', 'text').execute();
  /** JSON: {"weekdays":[1..7], "shifts":["morning","afternoon"]}; null = any time. */
  await db.schema.alterTable('people').addColumn('availability', 'text').execute();
  /** Show a role name instead of the person's name on public "on duty" boards. */
  await db.schema.alterTable('people').addColumn('public_alias', 'text').execute();
  await db.schema.createIndex('ix_people_mobile_hash').on('people').columns(['town_id', 'mobile_hash']).execute();

  await versioned(keyed(db.schema.createTable('households'), 'households'))
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text')
    .addColumn('hamlet_id', 'text')
    .addColumn('head_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_mask', 'text')
    .addColumn('members_count', 'integer')
    .addColumn('notes', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addForeignKeyConstraint('fk_households_person', ['town_id', 'person_id'] as never, 'people', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_households_village', ['town_id', 'village_id'] as never, 'villages', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('ix_households_person').on('households').columns(['town_id', 'person_id']).execute();

  await versioned(keyed(db.schema.createTable('applications'), 'applications'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('mobile_enc', 'text', (c) => c.notNull())
    .addColumn('mobile_hash', 'text', (c) => c.notNull())
    .addColumn('mobile_mask', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_hash', 'text')
    .addColumn('id_number_mask', 'text')
    .addColumn('village_id', 'text')
    .addColumn('political_status', 'text', (c) => c.notNull())
    .addColumn('backgrounds', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('team_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('motivation', 'text')
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('decline_reason', 'text')
    .addColumn('person_id', 'text')
    .addColumn('user_id', 'text')
    .addUniqueConstraint('uq_applications_code', ['town_id', 'code'] as never)
    .execute();
  await db.schema
    .createIndex('ix_applications_status')
    .on('applications')
    .columns(['town_id', 'status', 'created_at'])
    .execute();

  await versioned(keyed(db.schema.createTable('roster_rules'), 'roster_rules'))
    .addColumn('workstation_id', 'text', (c) => c.notNull())
    /** JSON: [{"key":"morning","name":"上午","start":"08:30","end":"12:00","size":2}, …] */
    .addColumn('shifts', 'text', (c) => c.notNull())
    /** JSON: the weekdays (1 = Monday … 7 = Sunday) the workstation is staffed. */
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('skip_holidays', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('uq_roster_rules_workstation', ['town_id', 'workstation_id'] as never)
    .addForeignKeyConstraint('fk_roster_rules_workstation', ['town_id', 'workstation_id'] as never, 'workstations', [
      'town_id',
      'id',
    ])
    .execute();

  await person(
    db.schema
      .createTable('roster_pool')
      .addColumn('town_id', 'text', (c) => c.notNull())
      .addColumn('rule_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pk_roster_pool', ['town_id', 'rule_id', 'person_id'] as never)
      .addForeignKeyConstraint('fk_roster_pool_rule', ['town_id', 'rule_id'] as never, 'roster_rules', [
        'town_id',
        'id',
      ]),
    'roster_pool',
  ).execute();

  await person(
    versioned(keyed(db.schema.createTable('shifts'), 'shifts'))
      .addColumn('workstation_id', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift_key', 'text', (c) => c.notNull())
      .addColumn('shift_name', 'text', (c) => c.notNull())
      .addColumn('start_at', 'text', (c) => c.notNull())
      .addColumn('end_at', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      /** scheduled → checked_in → completed; or no_show / cancelled. */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('check_in_at', 'text')
      .addColumn('check_out_at', 'text')
      .addColumn('late_minutes', 'integer')
      .addColumn('checked_in_by', 'text')
      .addColumn('handover_note', 'text')
      .addColumn('hours', 'double precision')
      .addUniqueConstraint('uq_shifts_slot_person', [
        'town_id',
        'workstation_id',
        'date',
        'shift_key',
        'person_id',
      ] as never)
      .addForeignKeyConstraint('fk_shifts_workstation', ['town_id', 'workstation_id'] as never, 'workstations', [
        'town_id',
        'id',
      ]),
    'shifts',
  ).execute();
  await db.schema
    .createIndex('ix_shifts_workstation_date')
    .on('shifts')
    .columns(['town_id', 'workstation_id', 'date'])
    .execute();
  await db.schema.createIndex('ix_shifts_person_date').on('shifts').columns(['town_id', 'person_id', 'date']).execute();
  await db.schema.createIndex('ix_shifts_status_end').on('shifts').columns(['status', 'end_at']).execute();

  await person(
    versioned(keyed(db.schema.createTable('leaves'), 'leaves'))
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('from_date', 'text', (c) => c.notNull())
      .addColumn('to_date', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      /** pending / approved / declined / cancelled */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text'),
    'leaves',
  ).execute();
  await db.schema.createIndex('ix_leaves_person').on('leaves').columns(['town_id', 'person_id', 'from_date']).execute();

  await person(
    versioned(keyed(db.schema.createTable('swaps'), 'swaps'))
      .addColumn('shift_id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      /** Who takes the shift over (a member of the pool), or a shift to exchange with. */
      .addColumn('target_person_id', 'text')
      .addColumn('target_shift_id', 'text')
      .addColumn('reason', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text')
      .addForeignKeyConstraint('fk_swaps_shift', ['town_id', 'shift_id'] as never, 'shifts', ['town_id', 'id']),
    'swaps',
  ).execute();

  await person(
    versioned(keyed(db.schema.createTable('service_hours'), 'service_hours'))
      .addColumn('person_id', 'text', (c) => c.notNull())
      /** duty / activity / visit / request */
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('team_id', 'text')
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('hours', 'double precision', (c) => c.notNull())
      .addColumn('content', 'text')
      /** pending / approved / rejected */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', 'text')
      .addColumn('decision_note', 'text')
      .addUniqueConstraint('uq_service_hours_source', ['town_id', 'source', 'source_id', 'person_id'] as never),
    'service_hours',
  ).execute();
  await db.schema
    .createIndex('ix_service_hours_person')
    .on('service_hours')
    .columns(['town_id', 'person_id', 'date'])
    .execute();
  await db.schema
    .createIndex('ix_service_hours_status')
    .on('service_hours')
    .columns(['town_id', 'status', 'date'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
