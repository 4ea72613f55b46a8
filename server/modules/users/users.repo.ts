/** SQL of accounts and their role grants. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface UserFilter {
  q?: string | undefined;
  role?: string | undefined;
  includeDisabled: boolean;
}

function base(db: Kysely<DB>, townId: string, f: UserFilter) {
  let q = db.selectFrom('users as u').where('u.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('u.disabled', '=', 0);
  if (f.role) {
    const role = f.role;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('user_roles as r')
          .select('r.id')
          .whereRef('r.town_id', '=', 'u.town_id')
          .whereRef('r.user_id', '=', 'u.id')
          .where('r.role', '=', role),
      ),
    );
  }
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([containsText(db, eb.ref('u.username'), needle), containsText(db, eb.ref('u.display_name'), needle)]),
    );
  }
  return q;
}

const columns = (q: ReturnType<typeof base>) => q.selectAll('u').orderBy('u.disabled').orderBy('u.username');

export type UserRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listUsers = (db: Kysely<DB>, townId: string, f: UserFilter, page: number, pageSize: number) =>
  paginate(base(db, townId, f), columns, page, pageSize);
export const exportUsers = (db: Kysely<DB>, townId: string, f: UserFilter) => exportRows(base(db, townId, f), columns);
export const getUser = (db: Kysely<DB>, townId: string, id: string) =>
  columns(base(db, townId, { includeDisabled: true }).where('u.id', '=', id)).executeTakeFirst();

export const rolesOf = (db: Kysely<DB>, townId: string, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('user_roles')
        .select(['user_id', 'role', 'village_id', 'team_id', 'department_id'])
        .where('town_id', '=', townId)
        .where('user_id', 'in', userIds)
        .orderBy('role')
        .execute();

/** Names of everything a role can be scoped to. */
export async function scopeChoices(db: Kysely<DB>, townId: string) {
  const pick = (table: 'villages' | 'teams' | 'departments') =>
    db
      .selectFrom(table)
      .select(['id', 'name'])
      .where('town_id', '=', townId)
      .where('disabled', '=', 0)
      .orderBy('name')
      .execute();
  const [villages, teams, departments] = await Promise.all([pick('villages'), pick('teams'), pick('departments')]);
  return { villages, teams, departments };
}
