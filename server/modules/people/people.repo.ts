/** SQL of people. Mobile and ID numbers are stored encrypted; lookups use their keyed hashes. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';
import type { PeopleScope } from './people.policy.ts';

export interface PeopleFilter {
  q?: string | undefined;
  /** Keyed hash of q when q is a mobile number. */
  mobileHash?: string | null;
  villageId?: string | undefined;
  teamId?: string | undefined;
  politicalStatus?: string | undefined;
  includeDisabled: boolean;
  scope: PeopleScope;
}

function base(db: Kysely<DB>, townId: string, f: PeopleFilter) {
  let q = db
    .selectFrom('people as p')
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'p.town_id').onRef('v.id', '=', 'p.village_id'))
    .where('p.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('p.disabled', '=', 0);
  const { villageIds, teamIds } = f.scope;
  if (villageIds || teamIds) {
    q = q.where((eb) =>
      eb.or([
        ...(villageIds ? [eb('p.village_id', 'in', villageIds)] : []),
        ...(teamIds
          ? [
              eb.exists(
                eb
                  .selectFrom('team_memberships as sm')
                  .select('sm.id')
                  .whereRef('sm.town_id', '=', 'p.town_id')
                  .whereRef('sm.person_id', '=', 'p.id')
                  .where('sm.team_id', 'in', teamIds)
                  .where('sm.left_at', 'is', null),
              ),
            ]
          : []),
      ]),
    );
  }
  if (f.villageId) q = q.where('p.village_id', '=', f.villageId);
  if (f.politicalStatus) q = q.where('p.political_status', '=', f.politicalStatus);
  if (f.teamId) {
    const teamId = f.teamId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_memberships as tm')
          .select('tm.id')
          .whereRef('tm.town_id', '=', 'p.town_id')
          .whereRef('tm.person_id', '=', 'p.id')
          .where('tm.team_id', '=', teamId)
          .where('tm.left_at', 'is', null),
      ),
    );
  }
  if (f.q) {
    const needle = f.q;
    const hash = f.mobileHash;
    q = q.where((eb) =>
      eb.or([
        containsText(db, eb.ref('p.name'), needle),
        containsText(db, eb.ref('p.volunteer_no'), needle),
        ...(hash ? [eb('p.mobile_hash', '=', hash)] : []),
      ]),
    );
  }
  return q;
}

const columns = (q: ReturnType<typeof base>) =>
  q.selectAll('p').select('v.name as village_name').orderBy('p.disabled').orderBy('p.name').orderBy('p.id');

export type PersonRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export const listPeople = (db: Kysely<DB>, townId: string, f: PeopleFilter, page: number, pageSize: number) =>
  paginate(base(db, townId, f), columns, page, pageSize);
export const exportPeople = (db: Kysely<DB>, townId: string, f: PeopleFilter) =>
  exportRows(base(db, townId, f), columns);
export const getPerson = (db: Kysely<DB>, townId: string, id: string, scope: PeopleScope) =>
  columns(base(db, townId, { includeDisabled: true, scope }).where('p.id', '=', id)).executeTakeFirst();

/** Current team memberships of these people, for presenting them. */
export const teamsOf = (db: Kysely<DB>, townId: string, personIds: string[]) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('team_memberships as m')
        .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'm.town_id').onRef('t.id', '=', 'm.team_id'))
        .select(['m.person_id', 'm.team_id', 'm.role', 't.name', 't.colour'])
        .where('m.town_id', '=', townId)
        .where('m.person_id', 'in', personIds)
        .where('m.left_at', 'is', null)
        .orderBy('t.sort')
        .execute();
