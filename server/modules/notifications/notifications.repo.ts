/** SQL of in-app notifications: always the caller's own, in the caller's town. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { toCount } from '../../db/dialect.ts';

/** How many notices the list shows. */
export const NOTICE_LIMIT = 50;

export const latestNotifications = (db: Kysely<DB>, townId: string, userId: string) =>
  db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('town_id', '=', townId)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(NOTICE_LIMIT)
    .execute();

export async function unreadCount(db: Kysely<DB>, townId: string, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('town_id', '=', townId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return toCount(row?.n as string | number | undefined);
}

/** Marks one of the user's notices read (keeping the first read time); false when it is not theirs. */
export async function markRead(db: Kysely<DB>, townId: string, userId: string, id: string, at: string) {
  const row = await db
    .selectFrom('notifications')
    .select(['id', 'read_at'])
    .where('town_id', '=', townId)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return false;
  if (row.read_at === null) {
    await db
      .updateTable('notifications')
      .set({ read_at: at })
      .where('town_id', '=', townId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
  }
  return true;
}

export const markAllRead = (db: Kysely<DB>, townId: string, userId: string, at: string) =>
  db
    .updateTable('notifications')
    .set({ read_at: at })
    .where('town_id', '=', townId)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
