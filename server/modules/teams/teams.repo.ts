/** SQL of teams, squads and memberships. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { exportRows, paginate } from '../../platform/paging.ts';

export interface TeamFilter {
  q?: string | undefined;
  includeDisabled: boolean;
}

function teamBase(db: Kysely<DB>, townId: string, f: TeamFilter) {
  let q = db.selectFrom('teams as t').where('t.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('t.disabled', '=', 0);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([containsText(db, eb.ref('t.name'), needle), containsText(db, eb.ref('t.focus'), needle)]),
    );
  }
  return q;
}

const teamColumns = (q: ReturnType<typeof teamBase>) =>
  q
    .selectAll('t')
    .select((eb) => [
      eb
        .selectFrom('team_memberships as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.town_id', '=', 't.town_id')
        .whereRef('m.team_id', '=', 't.id')
        .where('m.left_at', 'is', null)
        .as('member_count'),
      eb
        .selectFrom('squads as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.town_id', '=', 't.town_id')
        .whereRef('s.team_id', '=', 't.id')
        .where('s.disabled', '=', 0)
        .as('squad_count'),
    ])
    .orderBy('t.disabled')
    .orderBy('t.sort')
    .orderBy('t.name');

export type TeamRow = Awaited<ReturnType<ReturnType<typeof teamColumns>['execute']>>[number];

export const listTeams = (db: Kysely<DB>, townId: string, f: TeamFilter, page: number, pageSize: number) =>
  paginate(teamBase(db, townId, f), teamColumns, page, pageSize);
export const exportTeams = (db: Kysely<DB>, townId: string, f: TeamFilter) =>
  exportRows(teamBase(db, townId, f), teamColumns);
export const getTeam = (db: Kysely<DB>, townId: string, id: string) =>
  teamColumns(teamBase(db, townId, { includeDisabled: true }).where('t.id', '=', id)).executeTakeFirst();

/** Leaders (and deputies) of the given teams. */
export const teamLeaders = (db: Kysely<DB>, townId: string, teamIds: string[]) =>
  teamIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('team_memberships as m')
        .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'm.town_id').onRef('p.id', '=', 'm.person_id'))
        .select(['m.team_id', 'm.person_id', 'p.name'])
        .where('m.town_id', '=', townId)
        .where('m.team_id', 'in', teamIds)
        .where('m.role', '=', 'leader')
        .where('m.left_at', 'is', null)
        .orderBy('p.name')
        .execute();

export interface SquadFilter {
  q?: string | undefined;
  teamId?: string | undefined;
  villageId?: string | undefined;
  includeDisabled: boolean;
  villageIds: string[] | null;
}

function squadBase(db: Kysely<DB>, townId: string, f: SquadFilter) {
  let q = db
    .selectFrom('squads as s')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 's.town_id').onRef('t.id', '=', 's.team_id'))
    .innerJoin('villages as v', (j) => j.onRef('v.town_id', '=', 's.town_id').onRef('v.id', '=', 's.village_id'))
    .where('s.town_id', '=', townId);
  if (!f.includeDisabled) q = q.where('s.disabled', '=', 0);
  if (f.teamId) q = q.where('s.team_id', '=', f.teamId);
  if (f.villageId) q = q.where('s.village_id', '=', f.villageId);
  if (f.villageIds) q = q.where('s.village_id', 'in', f.villageIds.length ? f.villageIds : ['-']);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([containsText(db, eb.ref('s.name'), needle), containsText(db, eb.ref('v.name'), needle)]),
    );
  }
  return q;
}

const squadColumns = (q: ReturnType<typeof squadBase>) =>
  q
    .selectAll('s')
    .select(['t.name as team_name', 'v.name as village_name'])
    .select((eb) =>
      eb
        .selectFrom('team_memberships as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.town_id', '=', 's.town_id')
        .whereRef('m.squad_id', '=', 's.id')
        .where('m.left_at', 'is', null)
        .as('member_count'),
    )
    .orderBy('s.disabled')
    .orderBy('t.sort')
    .orderBy('v.sort')
    .orderBy('s.name');

export type SquadRow = Awaited<ReturnType<ReturnType<typeof squadColumns>['execute']>>[number];

export const listSquads = (db: Kysely<DB>, townId: string, f: SquadFilter, page: number, pageSize: number) =>
  paginate(squadBase(db, townId, f), squadColumns, page, pageSize);
export const exportSquads = (db: Kysely<DB>, townId: string, f: SquadFilter) =>
  exportRows(squadBase(db, townId, f), squadColumns);
export const getSquad = (db: Kysely<DB>, townId: string, id: string) =>
  squadColumns(
    squadBase(db, townId, { includeDisabled: true, villageIds: null }).where('s.id', '=', id),
  ).executeTakeFirst();

export interface MembershipFilter {
  q?: string | undefined;
  squadId?: string | undefined;
  role?: string | undefined;
  /** Limit to people of these villages (a village admin's view). */
  villageIds: string[] | null;
}

function membershipBase(db: Kysely<DB>, townId: string, teamId: string | null, f: MembershipFilter) {
  let q = db
    .selectFrom('team_memberships as m')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'm.town_id').onRef('t.id', '=', 'm.team_id'))
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'm.town_id').onRef('p.id', '=', 'm.person_id'))
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'p.town_id').onRef('v.id', '=', 'p.village_id'))
    .leftJoin('squads as s', (j) => j.onRef('s.town_id', '=', 'm.town_id').onRef('s.id', '=', 'm.squad_id'))
    .where('m.town_id', '=', townId)
    .where('m.left_at', 'is', null);
  if (teamId) q = q.where('m.team_id', '=', teamId);
  if (f.squadId) q = q.where('m.squad_id', '=', f.squadId);
  if (f.role) q = q.where('m.role', '=', f.role);
  if (f.villageIds) q = q.where('p.village_id', 'in', f.villageIds.length ? f.villageIds : ['-']);
  if (f.q) {
    const needle = f.q;
    q = q.where((eb) =>
      eb.or([containsText(db, eb.ref('p.name'), needle), containsText(db, eb.ref('p.volunteer_no'), needle)]),
    );
  }
  return q;
}

const membershipColumns = (q: ReturnType<typeof membershipBase>) =>
  q
    .select([
      'm.id',
      'm.version',
      'm.team_id',
      't.name as team_name',
      't.colour as team_colour',
      'm.person_id',
      'p.name as person_name',
      'v.name as village_name',
      'p.mobile_mask',
      'm.role',
      'm.squad_id',
      's.name as squad_name',
      'm.joined_at',
    ])
    .orderBy((eb) =>
      eb
        .case()
        .when('m.role', '=', 'leader')
        .then(0)
        .when('m.role', '=', 'deputy_leader')
        .then(1)
        .when('m.role', '=', 'squad_leader')
        .then(2)
        .else(3)
        .end(),
    )
    .orderBy('p.name');

export type MembershipRow = Awaited<ReturnType<ReturnType<typeof membershipColumns>['execute']>>[number];

export const listMemberships = (
  db: Kysely<DB>,
  townId: string,
  teamId: string,
  f: MembershipFilter,
  page: number,
  pageSize: number,
) => paginate(membershipBase(db, townId, teamId, f), membershipColumns, page, pageSize);
export const exportMemberships = (db: Kysely<DB>, townId: string, teamId: string, f: MembershipFilter) =>
  exportRows(membershipBase(db, townId, teamId, f), membershipColumns);
export const getMembership = (db: Kysely<DB>, townId: string, id: string) =>
  membershipColumns(membershipBase(db, townId, null, { villageIds: null }).where('m.id', '=', id)).executeTakeFirst();
