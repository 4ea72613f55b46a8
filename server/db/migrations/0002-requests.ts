/**
 * Requests 诉求: categories, the working-day calendar, requests with their timeline and photos,
 * in-app notifications, the SMS outbox and Open311 API keys. Keyed by town like every table.
 */
import type { Kysely } from 'kysely';
import { keyed } from './helpers.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await keyed(db.schema.createTable('categories'), 'categories')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('icon', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('route_kind', 'text')
    .addColumn('route_id', 'text')
    .addColumn('limit_normal_days', 'integer', (c) => c.notNull())
    .addColumn('limit_urgent_days', 'integer', (c) => c.notNull())
    .addColumn('limit_critical_days', 'integer', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('uq_categories_code', ['town_id', 'code'] as never)
    .addUniqueConstraint('uq_categories_name', ['town_id', 'name'] as never)
    .execute();

  await db.schema
    .createTable('calendar_days')
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('pk_calendar_days', ['town_id', 'date'] as never)
    .addForeignKeyConstraint('fk_calendar_town', ['town_id'] as never, 'towns', ['id'])
    .execute();

  await keyed(db.schema.createTable('requests'), 'requests')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('village_id', 'text')
    .addColumn('hamlet_id', 'text')
    .addColumn('address', 'text')
    .addColumn('lat', 'double precision')
    .addColumn('lng', 'double precision')
    .addColumn('reporter_name', 'text')
    .addColumn('reporter_mobile_enc', 'text')
    .addColumn('reporter_mobile_hash', 'text')
    .addColumn('reporter_mobile_mask', 'text')
    .addColumn('entered_by', 'text')
    .addColumn('workstation_id', 'text')
    .addColumn('assignee_kind', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('due_at', 'text')
    .addColumn('warned_at', 'text')
    .addColumn('overdue_at', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('dispatched_at', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('rating', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('pending_extension_days', 'integer')
    .addColumn('supervised_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reopened_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('merged_into_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('uq_requests_code', ['town_id', 'code'] as never)
    .addForeignKeyConstraint('fk_requests_category', ['town_id', 'category_id'] as never, 'categories', [
      'town_id',
      'id',
    ])
    .addForeignKeyConstraint('fk_requests_village', ['town_id', 'village_id'] as never, 'villages', ['town_id', 'id'])
    .addForeignKeyConstraint('fk_requests_hamlet', ['town_id', 'hamlet_id'] as never, 'hamlets', ['town_id', 'id'])
    .execute();
  // The staff list filters by one of these and orders by submission time.
  for (const [name, columns] of [
    ['ix_requests_created', ['town_id', 'created_at']],
    ['ix_requests_status', ['town_id', 'status', 'created_at']],
    ['ix_requests_village', ['town_id', 'village_id', 'created_at']],
    ['ix_requests_category', ['town_id', 'category_id', 'created_at']],
    ['ix_requests_team', ['town_id', 'team_id', 'created_at']],
    ['ix_requests_assignee', ['town_id', 'assignee_id', 'created_at']],
    ['ix_requests_due', ['town_id', 'status', 'due_at']],
    ['ix_requests_merged', ['town_id', 'merged_into_id']],
  ] as const) {
    await db.schema
      .createIndex(name)
      .on('requests')
      .columns([...columns])
      .execute();
  }

  await keyed(db.schema.createTable('request_events'), 'request_events')
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('note', 'text')
    .addColumn('data', 'text')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
    .addForeignKeyConstraint('fk_request_events_request', ['town_id', 'request_id'] as never, 'requests', [
      'town_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('ix_request_events_request')
    .on('request_events')
    .columns(['town_id', 'request_id', 'at'])
    .execute();

  await keyed(db.schema.createTable('uploads'), 'uploads')
    .addColumn('request_id', 'text')
    .addColumn('event_id', 'text')
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ix_uploads_request').on('uploads').columns(['town_id', 'request_id']).execute();

  await keyed(db.schema.createTable('notifications'), 'notifications')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addForeignKeyConstraint('fk_notifications_user', ['town_id', 'user_id'] as never, 'users', ['town_id', 'id'])
    .execute();
  await db.schema
    .createIndex('ix_notifications_user')
    .on('notifications')
    .columns(['town_id', 'user_id', 'created_at'])
    .execute();

  await keyed(db.schema.createTable('outbox'), 'outbox')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('to_enc', 'text', (c) => c.notNull())
    .addColumn('to_mask', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('ix_outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();

  await keyed(db.schema.createTable('api_keys'), 'api_keys')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addUniqueConstraint('uq_api_keys_hash', ['town_id', 'key_hash'] as never)
    .execute();
  await db.schema.createIndex('ix_api_keys_hash').on('api_keys').column('key_hash').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup instead.');
}
