/**
 * The foundation: towns, organisation, people and teams, accounts, sessions and the audit trail.
 * Every town table is keyed (town_id, id); foreign keys to other town tables include town_id.
 */
import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../dialect.ts';

type Builder = ReturnType<Kysely<unknown>['schema']['createTable']>;

/** The columns every business record has. */
const recordColumns = (t: Builder): Builder =>
  t
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull());

const townKey = (t: Builder, table: string): Builder =>
  t
    .addPrimaryKeyConstraint(`pk_${table}`, ['town_id', 'id'] as never)
    .addForeignKeyConstraint(`fk_${table}_town`, ['town_id'] as never, 'towns', ['id']);

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('towns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('province', 'text')
    .addColumn('county', 'text')
    .addColumn('division_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('villages'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0)),
    'villages',
  )
    .addUniqueConstraint('uq_villages_name', ['town_id', 'name'] as never)
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('hamlets'))
      .addColumn('village_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull()),
    'hamlets',
  )
    .addUniqueConstraint('uq_hamlets_name', ['town_id', 'village_id', 'name'] as never)
    .addForeignKeyConstraint('fk_hamlets_village', ['town_id', 'village_id'] as never, 'villages', ['town_id', 'id'])
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('workstations'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text')
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('opening_hours', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('lat', 'double precision')
      .addColumn('lng', 'double precision'),
    'workstations',
  )
    .addUniqueConstraint('uq_workstations_name', ['town_id', 'name'] as never)
    .addForeignKeyConstraint('fk_workstations_village', ['town_id', 'village_id'] as never, 'villages', [
      'town_id',
      'id',
    ])
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('departments'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('duties', 'text'),
    'departments',
  )
    .addUniqueConstraint('uq_departments_name', ['town_id', 'name'] as never)
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('teams'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('colour', 'text', (c) => c.notNull())
      .addColumn('focus', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0)),
    'teams',
  )
    .addUniqueConstraint('uq_teams_name', ['town_id', 'name'] as never)
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('squads'))
      .addColumn('team_id', 'text', (c) => c.notNull())
      .addColumn('village_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull()),
    'squads',
  )
    .addUniqueConstraint('uq_squads_name', ['town_id', 'team_id', 'name'] as never)
    .addForeignKeyConstraint('fk_squads_team', ['town_id', 'team_id'] as never, 'teams', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_squads_village', ['town_id', 'village_id'] as never, 'villages', ['town_id', 'id'])
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('people'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('gender', 'text')
      .addColumn('birth_year', 'integer')
      .addColumn('mobile_enc', 'text')
      .addColumn('mobile_hash', 'text')
      .addColumn('mobile_mask', 'text')
      .addColumn('id_number_enc', 'text')
      .addColumn('id_number_hash', 'text')
      .addColumn('id_number_mask', 'text')
      .addColumn('village_id', 'text')
      .addColumn('political_status', 'text', (c) => c.notNull())
      .addColumn('backgrounds', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('skills', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('notes', 'text')
      .addColumn('volunteer_no', 'text'),
    'people',
  )
    .addUniqueConstraint('uq_people_mobile', ['town_id', 'mobile_hash'] as never)
    .addUniqueConstraint('uq_people_id_number', ['town_id', 'id_number_hash'] as never)
    .addUniqueConstraint('uq_people_volunteer_no', ['town_id', 'volunteer_no'] as never)
    .addForeignKeyConstraint('fk_people_village', ['town_id', 'village_id'] as never, 'villages', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('ix_people_name').on('people').columns(['town_id', 'name']).execute();
  await db.schema.createIndex('ix_people_village').on('people').columns(['town_id', 'village_id']).execute();

  await db.schema
    .createTable('team_memberships')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('squad_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_team_memberships', ['town_id', 'id'] as never)
    .addForeignKeyConstraint('fk_memberships_team', ['town_id', 'team_id'] as never, 'teams', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_memberships_person', ['town_id', 'person_id'] as never, 'people', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_memberships_squad', ['town_id', 'squad_id'] as never, 'squads', ['town_id', 'id'])
    .execute();
  // One current membership per person and team; past ones stay as history.
  await db.schema
    .createIndex('uq_memberships_current')
    .on('team_memberships')
    .columns(['town_id', 'team_id', 'person_id'])
    .unique()
    .where(sql.ref('left_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('ix_memberships_person')
    .on('team_memberships')
    .columns(['town_id', 'person_id'])
    .execute();

  await townKey(
    recordColumns(db.schema.createTable('users'))
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text')
      .addColumn('mobile_enc', 'text')
      .addColumn('mobile_hash', 'text')
      .addColumn('mobile_mask', 'text')
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('password_changed_at', 'text'),
    'users',
  )
    .addUniqueConstraint('uq_users_username', ['town_id', 'username'] as never)
    .addUniqueConstraint('uq_users_mobile', ['town_id', 'mobile_hash'] as never)
    .addForeignKeyConstraint('fk_users_person', ['town_id', 'person_id'] as never, 'people', ['town_id', 'id'])
    .execute();
  await db.schema.createIndex('ix_users_username').on('users').column('username').execute();
  await db.schema.createIndex('ix_users_mobile').on('users').column('mobile_hash').execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('department_id', 'text')
    .addPrimaryKeyConstraint('pk_user_roles', ['town_id', 'id'] as never)
    .addForeignKeyConstraint('fk_user_roles_user', ['town_id', 'user_id'] as never, 'users', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_user_roles_village', ['town_id', 'village_id'] as never, 'villages', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_user_roles_team', ['town_id', 'team_id'] as never, 'teams', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_user_roles_department', ['town_id', 'department_id'] as never, 'departments', [
      'town_id',
      'id',
    ])
    .execute();
  await db.schema.createIndex('ix_user_roles_user').on('user_roles').columns(['town_id', 'user_id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addPrimaryKeyConstraint('pk_sessions', ['town_id', 'id'] as never)
    .addForeignKeyConstraint('fk_sessions_user', ['town_id', 'user_id'] as never, 'users', ['town_id', 'id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('pk_audit_log', ['town_id', 'id'] as never)
    .addForeignKeyConstraint('fk_audit_town', ['town_id'] as never, 'towns', ['id'])
    .execute();
  await db.schema.createIndex('ix_audit_at').on('audit_log').columns(['town_id', 'at']).execute();

  // The audit trail is append-only for everyone, the application included.
  if (isPostgres(db)) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('sequences')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_sequences', ['town_id', 'name'] as never)
    .execute();

  await db.schema
    .createTable('app_meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be rolled back; restore a backup instead.');
}
