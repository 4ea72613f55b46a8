/** Which staff accounts hear about a request: its assignee, their leaders, the town's managers. */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

interface Assigned {
  town_id: string;
  village_id: string | null;
  team_id: string | null;
  assignee_kind: string | null;
  assignee_id: string | null;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

function usersWithRole(
  db: Db,
  townId: string,
  role: string,
  column?: 'village_id' | 'team_id' | 'department_id',
  value?: string | null,
) {
  let q = db
    .selectFrom('users as u')
    .innerJoin('user_roles as ur', (j) => j.onRef('ur.town_id', '=', 'u.town_id').onRef('ur.user_id', '=', 'u.id'))
    .select('u.id')
    .where('u.town_id', '=', townId)
    .where('u.disabled', '=', 0)
    .where('ur.role', '=', role);
  if (column) q = q.where(`ur.${column}`, '=', value ?? '-');
  return q.execute().then(ids);
}

/** Accounts of the people who hold the assignment (and, with `leaders`, those who lead them). */
export async function assigneeUsers(db: Db, r: Assigned, leaders: boolean): Promise<string[]> {
  const out: string[] = [];
  const townId = r.town_id;
  if (r.assignee_kind === 'team' || (leaders && r.team_id)) {
    out.push(...(await usersWithRole(db, townId, 'team_leader', 'team_id', r.team_id ?? r.assignee_id)));
  }
  if (r.assignee_kind === 'squad' && r.assignee_id) {
    const squadLeaders = await db
      .selectFrom('team_memberships as m')
      .innerJoin('users as u', (j) => j.onRef('u.town_id', '=', 'm.town_id').onRef('u.person_id', '=', 'm.person_id'))
      .select('u.id')
      .where('m.town_id', '=', townId)
      .where('m.squad_id', '=', r.assignee_id)
      .where('m.role', '=', 'squad_leader')
      .where('m.left_at', 'is', null)
      .execute();
    out.push(...ids(squadLeaders));
  }
  if (r.assignee_kind === 'member' && r.assignee_id) {
    const own = await db
      .selectFrom('users')
      .select('id')
      .where('town_id', '=', townId)
      .where('person_id', '=', r.assignee_id)
      .where('disabled', '=', 0)
      .execute();
    out.push(...ids(own));
  }
  if (r.assignee_kind === 'department') {
    out.push(...(await usersWithRole(db, townId, 'department_handler', 'department_id', r.assignee_id)));
  }
  return [...new Set(out)];
}

/** The town's managers: town admins, and the admins of the request's village. */
export async function managerUsers(db: Db, r: Pick<Assigned, 'town_id' | 'village_id'>): Promise<string[]> {
  const town = await usersWithRole(db, r.town_id, 'town_admin');
  const village = r.village_id ? await usersWithRole(db, r.town_id, 'village_admin', 'village_id', r.village_id) : [];
  return [...new Set([...town, ...village])];
}
