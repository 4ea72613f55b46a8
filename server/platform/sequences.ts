/** Per-town counters for numbers people read: volunteer numbers, tracking codes. */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/** The next value of a named counter, inside the caller's transaction. */
export async function nextSequence(db: Kysely<DB> | Transaction<DB>, townId: string, name: string): Promise<number> {
  const row = await db
    .insertInto('sequences')
    .values({ town_id: townId, name, value: 1 })
    .onConflict((oc) => oc.columns(['town_id', 'name']).doUpdateSet({ value: sql<number>`sequences.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
