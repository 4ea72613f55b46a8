/** Column sets the migrations share. Adding to them changes only migrations written after the change. */
import type { Kysely } from 'kysely';

export type TableBuilder = ReturnType<Kysely<unknown>['schema']['createTable']>;

/** `town_id` and `id`, the `(town_id, id)` primary key and the foreign key to the town. */
export const keyed = (t: TableBuilder, table: string): TableBuilder =>
  t
    .addColumn('town_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint(`pk_${table}`, ['town_id', 'id'] as never)
    .addForeignKeyConstraint(`fk_${table}_town`, ['town_id'] as never, 'towns', ['id']);
