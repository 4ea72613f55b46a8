/** SQL of recruitment applications. */
import type { Kysely, Transaction } from 'kysely';
import { containsText } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../platform/paging.ts';

export interface ApplicationFilter {
  q?: string | undefined;
  status?: string | undefined;
  teamId?: string | undefined;
  /** null: the whole town; else applications naming one of these teams. */
  teamIds: string[] | null;
}

function base(db: Kysely<DB>, townId: string, f: ApplicationFilter) {
  let q = db.selectFrom('applications as a').where('a.town_id', '=', townId);
  if (f.status) q = q.where('a.status', '=', f.status);
  // team_ids is a JSON array of ids: an id in quotes matches exactly one element.
  if (f.teamId) q = q.where((eb) => containsText(db, eb.ref('a.team_ids'), `"${f.teamId ?? ''}"`));
  if (f.teamIds) {
    const ids = f.teamIds;
    q = q.where((eb) => eb.or(ids.map((id) => containsText(db, eb.ref('a.team_ids'), `"${id}"`))));
  }
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) => eb.or([containsText(db, eb.ref('a.name'), needle), eb('a.code', '=', needle.toUpperCase())]));
  }
  return q;
}

const columns = (q: ReturnType<typeof base>) =>
  q
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'a.town_id').onRef('v.id', '=', 'a.village_id'))
    .leftJoin('users as r', (j) => j.onRef('r.town_id', '=', 'a.town_id').onRef('r.id', '=', 'a.reviewed_by'))
    .selectAll('a')
    .select(['v.name as village_name', 'r.display_name as reviewer_name'])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc');

export type ApplicationRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listApplications = (
  db: Kysely<DB>,
  townId: string,
  f: ApplicationFilter,
  page: number,
  pageSize: number,
) => paginate(base(db, townId, f), columns, page, pageSize);

export const getApplication = (db: Kysely<DB>, townId: string, id: string) =>
  columns(base(db, townId, { teamIds: null }).where('a.id', '=', id)).executeTakeFirst();

export const getApplicationByCode = (db: Kysely<DB>, townId: string, code: string) =>
  columns(base(db, townId, { teamIds: null }).where('a.code', '=', code)).executeTakeFirst();

export const teamsByIds = (db: Kysely<DB> | Transaction<DB>, townId: string, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('teams')
        .select(['id', 'name', 'colour', 'disabled'])
        .where('town_id', '=', townId)
        .where('id', 'in', ids)
        .orderBy('sort')
        .execute();

export const personByMobileHash = (db: Kysely<DB> | Transaction<DB>, townId: string, hash: string) =>
  db
    .selectFrom('people')
    .select(['id', 'name', 'volunteer_no'])
    .where('town_id', '=', townId)
    .where('mobile_hash', '=', hash)
    .executeTakeFirst();
