/** SQL of duty rosters: rules and pools, shifts with their people, leave, swaps and hours. */
import type { Kysely, Transaction } from 'kysely';
import type { DB, ShiftTable } from '../../db/schema.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export const getWorkstationRow = (db: Db, townId: string, id: string) =>
  db
    .selectFrom('workstations')
    .select(['id', 'name', 'level', 'village_id', 'disabled'])
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .executeTakeFirst();
export type WorkstationRow = NonNullable<Awaited<ReturnType<typeof getWorkstationRow>>>;

export const getRule = (db: Db, townId: string, workstationId: string) =>
  db
    .selectFrom('roster_rules')
    .selectAll()
    .where('town_id', '=', townId)
    .where('workstation_id', '=', workstationId)
    .executeTakeFirst();

const personColumns = [
  'p.id',
  'p.name',
  'p.mobile_mask',
  'p.availability',
  'p.member_status',
  'p.disabled',
  'p.village_id',
  'p.public_alias',
  'v.name as village_name',
] as const;

export function peopleQuery(db: Db, townId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'p.town_id').onRef('v.id', '=', 'p.village_id'))
    .select(personColumns)
    .where('p.town_id', '=', townId);
}
export type PersonRow = Awaited<ReturnType<ReturnType<typeof peopleQuery>['execute']>>[number];

export const getPoolPeople = (db: Db, townId: string, ruleId: string) =>
  peopleQuery(db, townId)
    .innerJoin('roster_pool as rp', (j) => j.onRef('rp.town_id', '=', 'p.town_id').onRef('rp.person_id', '=', 'p.id'))
    .where('rp.rule_id', '=', ruleId)
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();

export const getPeopleByIds = (db: Db, townId: string, ids: string[]) =>
  ids.length ? peopleQuery(db, townId).where('p.id', 'in', ids).execute() : Promise.resolve([]);

/** Shifts with the person's name and mask and the workstation's name. */
export function shiftsQuery(db: Db, townId: string) {
  return db
    .selectFrom('shifts as s')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 's.town_id').onRef('p.id', '=', 's.person_id'))
    .innerJoin('workstations as w', (j) =>
      j.onRef('w.town_id', '=', 's.town_id').onRef('w.id', '=', 's.workstation_id'),
    )
    .selectAll('s')
    .select(['p.name as person_name', 'p.mobile_mask', 'p.public_alias', 'w.name as workstation_name'])
    .where('s.town_id', '=', townId);
}
export type ShiftRow = Awaited<ReturnType<ReturnType<typeof shiftsQuery>['execute']>>[number];

export const getShift = (db: Db, townId: string, id: string) =>
  shiftsQuery(db, townId).where('s.id', '=', id).executeTakeFirst();

/** Live (not cancelled) shifts of some people over a date range, anywhere in the town. */
export const liveShiftsOf = (db: Db, townId: string, personIds: string[], from: string, to: string) =>
  personIds.length
    ? shiftsQuery(db, townId)
        .where('s.person_id', 'in', personIds)
        .where('s.date', '>=', from)
        .where('s.date', '<=', to)
        .where('s.status', '!=', 'cancelled')
        .execute()
    : Promise.resolve([]);

/** Approved leave overlapping a date range. */
export const approvedLeaves = (db: Db, townId: string, personIds: string[], from: string, to: string) =>
  personIds.length
    ? db
        .selectFrom('leaves')
        .select(['person_id', 'from_date', 'to_date'])
        .where('town_id', '=', townId)
        .where('person_id', 'in', personIds)
        .where('status', '=', 'approved')
        .where('from_date', '<=', to)
        .where('to_date', '>=', from)
        .execute()
    : Promise.resolve([]);

export async function insertShifts(db: Db, rows: ShiftTable[]): Promise<void> {
  // Chunks keep each statement under SQLite's and PostgreSQL's parameter limits.
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('shifts')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** User accounts of some people (for notifications). */
export async function usersOfPeople(db: Db, townId: string, personIds: string[]): Promise<string[]> {
  if (!personIds.length) return [];
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('town_id', '=', townId)
    .where('person_id', 'in', personIds)
    .where('disabled', '=', 0)
    .execute();
  return rows.map((r) => r.id);
}

/** Accounts that decide a person's leave and swaps: leaders of their teams, their village's admins, the town. */
export async function deciderUsers(db: Db, townId: string, personId: string): Promise<string[]> {
  const person = await db
    .selectFrom('people')
    .select('village_id')
    .where('town_id', '=', townId)
    .where('id', '=', personId)
    .executeTakeFirst();
  const teams = await db
    .selectFrom('team_memberships')
    .select('team_id')
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .execute();
  const teamIds = teams.map((t) => t.team_id);
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.town_id', '=', 'u.town_id').onRef('ur.user_id', '=', 'u.id'))
    .select('u.id')
    .where('u.town_id', '=', townId)
    .where('u.disabled', '=', 0)
    .where((eb) =>
      eb.or([
        eb('ur.role', '=', 'town_admin'),
        eb.and([eb('ur.role', '=', 'team_leader'), eb('ur.team_id', 'in', teamIds.length ? teamIds : ['-'])]),
        eb.and([eb('ur.role', '=', 'village_admin'), eb('ur.village_id', '=', person?.village_id ?? '-')]),
      ]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.id))];
}

/** The first team a person belongs to (for the hours ledger's team). */
export async function primaryTeam(db: Db, townId: string, personId: string): Promise<string | null> {
  const row = await db
    .selectFrom('team_memberships')
    .select('team_id')
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .orderBy('joined_at')
    .executeTakeFirst();
  return row?.team_id ?? null;
}
