/** SQL of request categories (诉求类别) and the route targets they point at. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface CategoryFilter {
  q?: string | undefined;
  includeDisabled: boolean;
}

/** Where a category's requests go by default. */
export type RouteKind = 'team' | 'squad' | 'department';

function base(db: Kysely<DB>, townId: string, f: CategoryFilter) {
  let q = db.selectFrom('categories as c').where('c.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('c.disabled', '=', 0);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([
        containsText(db, eb.ref('c.name'), needle),
        containsText(db, eb.ref('c.code'), needle),
        containsText(db, eb.ref('c.description'), needle),
      ]),
    );
  }
  return q;
}

/** The row plus the name of its route target (a squad reads `team · squad`). */
const columns = (q: ReturnType<typeof base>) =>
  q
    .leftJoin('teams as rt', (j) =>
      j.onRef('rt.town_id', '=', 'c.town_id').onRef('rt.id', '=', 'c.route_id').on('c.route_kind', '=', 'team'),
    )
    .leftJoin('squads as rs', (j) =>
      j.onRef('rs.town_id', '=', 'c.town_id').onRef('rs.id', '=', 'c.route_id').on('c.route_kind', '=', 'squad'),
    )
    .leftJoin('teams as rst', (j) => j.onRef('rst.town_id', '=', 'rs.town_id').onRef('rst.id', '=', 'rs.team_id'))
    .leftJoin('departments as rd', (j) =>
      j.onRef('rd.town_id', '=', 'c.town_id').onRef('rd.id', '=', 'c.route_id').on('c.route_kind', '=', 'department'),
    )
    .selectAll('c')
    .select(['rt.name as route_team_name', 'rs.name as route_squad_name', 'rst.name as route_squad_team_name'])
    .select('rd.name as route_department_name')
    .orderBy('c.disabled')
    .orderBy('c.sort')
    .orderBy('c.name');

export type CategoryRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listCategories = (db: Kysely<DB>, townId: string, f: CategoryFilter, page: number, pageSize: number) =>
  paginate(base(db, townId, f), columns, page, pageSize);
export const exportCategories = (db: Kysely<DB>, townId: string, f: CategoryFilter) =>
  exportRows(base(db, townId, f), columns);

/** One category of the town (disabled ones too), or undefined. */
export const getCategory = (db: Kysely<DB>, townId: string, id: string): Promise<CategoryRow | undefined> =>
  columns(base(db, townId, { includeDisabled: true }).where('c.id', '=', id)).executeTakeFirst();

const routeTables = { team: 'teams', squad: 'squads', department: 'departments' } as const;

/** Is there an enabled team, squad or department with this id in the town? */
export async function routeTargetExists(
  db: Kysely<DB> | Transaction<DB>,
  townId: string,
  kind: RouteKind,
  id: string,
): Promise<boolean> {
  const row = await db
    .selectFrom(routeTables[kind])
    .select('id')
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return row !== undefined;
}

/** Enabled categories for the resident's report page, in the town's order. */
export const publicCategories = (db: Kysely<DB>, townId: string) =>
  db
    .selectFrom('categories')
    .select(['id', 'code', 'name', 'icon', 'description'])
    .where('town_id', '=', townId)
    .where('disabled', '=', 0)
    .orderBy('sort')
    .orderBy('name')
    .execute();
