/** SQL of the Open311 API keys; every query scoped to the town. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

const columns = ['id', 'version', 'name', 'prefix', 'disabled', 'created_at', 'last_used_at'] as const;

export function listKeys(db: Db, townId: string) {
  return db
    .selectFrom('api_keys')
    .select(columns)
    .where('town_id', '=', townId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function getKey(db: Db, townId: string, id: string) {
  return db
    .selectFrom('api_keys')
    .select(columns)
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type KeyRow = NonNullable<Awaited<ReturnType<typeof getKey>>>;

export async function insertKey(
  db: Db,
  row: { townId: string; id: string; name: string; prefix: string; keyHash: string; createdBy: string; at: string },
): Promise<void> {
  await db
    .insertInto('api_keys')
    .values({
      town_id: row.townId,
      id: row.id,
      version: 1,
      name: row.name,
      prefix: row.prefix,
      key_hash: row.keyHash,
      disabled: 0,
      created_by: row.createdBy,
      created_at: row.at,
      last_used_at: null,
    })
    .execute();
}

/** Sets `disabled` if the version is still the one the client saw; returns whether a row changed. */
export async function setDisabled(
  db: Db,
  key: { townId: string; id: string; version: number },
  disabled: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ disabled: disabled ? 1 : 0, version: key.version + 1 })
    .where('town_id', '=', key.townId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
