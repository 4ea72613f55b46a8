/**
 * SQL of members: people with a current team membership. Searches stay on indexes: the town's
 * rows for a name (narrow columns), the mobile hash and the volunteer number by equality.
 */
import type { Kysely } from 'kysely';
import { byteOrder, containsText, startsWith } from '../../db/dialect.ts';
import type { DB } from '../../db/schema.ts';
import { exportRows, paginate } from '../../platform/paging.ts';
import type { PeopleScope } from '../people/people.policy.ts';

/** What a volunteer number looks like: the town prefix and digits, e.g. YL000052. */
const VOLUNTEER_NO = /^[A-Za-z]{1,8}\d{3,}$/;

export interface MemberFilter {
  q?: string | undefined;
  /** How a name in q matches: from the start (indexed), or anywhere (a scan, the fallback). */
  nameMatch?: 'prefix' | 'contains';
  /** Keyed hash of q when q is a mobile number. */
  mobileHash?: string | null;
  teamId?: string | undefined;
  squadId?: string | undefined;
  villageId?: string | undefined;
  status?: string | undefined;
  politicalStatus?: string | undefined;
  background?: string | undefined;
  scope: PeopleScope;
}

export function memberQuery(db: Kysely<DB>, townId: string, f: MemberFilter) {
  // Members who left keep their membership rows with a leaving date; the others have a current one.
  const current = f.status !== 'left';
  let q = db
    .selectFrom('people as p')
    .where('p.town_id', '=', townId)
    // Like the team member lists, people.disabled does not hide a member: checking it would read
    // every row of the town, while the membership test below stays on indexes.
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_memberships as m')
          .select('m.id')
          .whereRef('m.town_id', '=', 'p.town_id')
          .whereRef('m.person_id', '=', 'p.id')
          .$if(current, (s) => s.where('m.left_at', 'is', null))
          .$if(!!f.teamId, (s) => s.where('m.team_id', '=', f.teamId ?? ''))
          .$if(!!f.squadId, (s) => s.where('m.squad_id', '=', f.squadId ?? '')),
      ),
    );
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
  if (f.status) q = q.where('p.member_status', '=', f.status);
  if (f.politicalStatus) q = q.where('p.political_status', '=', f.politicalStatus);
  if (f.background) q = q.where((eb) => containsText(db, eb.ref('p.backgrounds'), `"${f.background ?? ''}"`));
  if (f.q) {
    // One kind of match per search, so each uses its index: a full mobile (its hash), a volunteer
    // number (exact), or else a name (contains: a scan of the town's rows).
    const needle = f.q;
    if (f.mobileHash) q = q.where('p.mobile_hash', '=', f.mobileHash);
    else if (VOLUNTEER_NO.test(needle)) q = q.where('p.volunteer_no', '=', needle.toUpperCase());
    else if (f.nameMatch === 'contains') q = q.where((eb) => containsText(db, eb.ref('p.name'), needle));
    else q = q.where((eb) => startsWith(db, eb.ref('p.name'), needle));
  }
  return q;
}

/** The narrow columns of a list row. */
const summaryColumns = (db: Kysely<DB>) => (q: ReturnType<typeof memberQuery>) =>
  q
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'p.town_id').onRef('v.id', '=', 'p.village_id'))
    .select([
      'p.id',
      'p.version',
      'p.name',
      'p.gender',
      'p.birth_year',
      'p.mobile_mask',
      'p.volunteer_no',
      'p.village_id',
      'p.political_status',
      'p.backgrounds',
      'p.member_status',
      'v.name as village_name',
    ])
    // Byte order, like the name index a prefix search walks, so a page is read straight off it.
    .orderBy((eb) => byteOrder(db, eb.ref('p.name')))
    .orderBy('p.id');

export type MemberRow = Awaited<ReturnType<ReturnType<ReturnType<typeof summaryColumns>>['execute']>>[number];

export const listMembers = (db: Kysely<DB>, townId: string, f: MemberFilter, page: number, pageSize: number) =>
  paginate(memberQuery(db, townId, f), summaryColumns(db), page, pageSize);
export const exportMembers = (db: Kysely<DB>, townId: string, f: MemberFilter) =>
  exportRows(memberQuery(db, townId, f), summaryColumns(db));

/** A person in scope who is or was a member, with every profile column. */
export const getMemberRow = (db: Kysely<DB>, townId: string, id: string, scope: PeopleScope) =>
  summaryColumns(db)(memberQuery(db, townId, { scope, status: undefined }).where('p.id', '=', id))
    .clearSelect()
    .selectAll('p')
    .select('v.name as village_name')
    .executeTakeFirst()
    .then(async (row) => {
      if (row) return row;
      // A member who has left is still found by id.
      return summaryColumns(db)(memberQuery(db, townId, { scope, status: 'left' }).where('p.id', '=', id))
        .clearSelect()
        .selectAll('p')
        .select('v.name as village_name')
        .executeTakeFirst();
    });

/** Memberships (current, or all when `withPast`) of these people, with team and squad names. */
export const membershipsOf = (db: Kysely<DB>, townId: string, personIds: string[], withPast = false) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('team_memberships as m')
        .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'm.town_id').onRef('t.id', '=', 'm.team_id'))
        .leftJoin('squads as s', (j) => j.onRef('s.town_id', '=', 'm.town_id').onRef('s.id', '=', 'm.squad_id'))
        .select([
          'm.id',
          'm.person_id',
          'm.team_id',
          'm.role',
          'm.squad_id',
          'm.joined_at',
          'm.left_at',
          't.name',
          't.colour',
          's.name as squad_name',
        ])
        .where('m.town_id', '=', townId)
        .where('m.person_id', 'in', personIds)
        .$if(!withPast, (q) => q.where('m.left_at', 'is', null))
        .orderBy('t.sort')
        .orderBy('m.joined_at')
        .execute();

/** The next shifts of these people from `today` (Asia/Shanghai date) on. */
export const upcomingShiftsOf = (db: Kysely<DB>, townId: string, personIds: string[], today: string, limit = 10) =>
  personIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('shifts as s')
        .leftJoin('workstations as w', (j) =>
          j.onRef('w.town_id', '=', 's.town_id').onRef('w.id', '=', 's.workstation_id'),
        )
        .leftJoin('people as p', (j) => j.onRef('p.town_id', '=', 's.town_id').onRef('p.id', '=', 's.person_id'))
        .select([
          's.id',
          's.date',
          's.shift_name',
          's.start_at',
          's.end_at',
          's.workstation_id',
          's.person_id',
          's.status',
          'w.name as workstation_name',
          'p.name as person_name',
        ])
        .where('s.town_id', '=', townId)
        .where('s.person_id', 'in', personIds)
        .where('s.date', '>=', today)
        .where('s.status', 'not in', ['cancelled'])
        .orderBy('s.date')
        .orderBy('s.start_at')
        .limit(limit)
        .execute();

/** Sum of approved service hours of one person. */
export async function approvedHours(db: Kysely<DB>, townId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('service_hours')
    .select((eb) => eb.fn.sum<number | string | null>('hours').as('total'))
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return Math.round(Number(row?.total ?? 0) * 100) / 100;
}

export async function householdCount(db: Kysely<DB>, townId: string, personId: string): Promise<number> {
  const row = await db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
