/**
 * Who may run which roster and decide whose leave, swaps and hours. The town admin reaches every
 * workstation; a village admin the workstations of their villages; a team leader the workstations
 * of villages where their team has a squad (and the town's own), and their team's members.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, scopeOf } from '../../platform/actor.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** May the actor edit this workstation's roster (rule, shifts, desk check-in)? */
export async function canManageWorkstation(
  db: Db,
  actor: Actor,
  ws: { village_id: string | null; level: string },
): Promise<boolean> {
  if (!actor.permissions.includes('duty.manage')) return false;
  const scope = scopeOf(actor);
  if (scope.town) return true;
  if (ws.village_id && scope.villageIds.includes(ws.village_id)) return true;
  if (scope.teamIds.length === 0) return false;
  if (ws.level === 'town' || !ws.village_id) return true;
  const squad = await db
    .selectFrom('squads')
    .select('id')
    .where('town_id', '=', actor.townId)
    .where('village_id', '=', ws.village_id)
    .where('team_id', 'in', scope.teamIds)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return !!squad;
}

/** The people whose leave, swaps and hours the actor decides: null = everyone in the town. */
export async function decidablePeople(db: Db, actor: Actor, permission: 'duty.manage' | 'duty.hours') {
  if (!actor.permissions.includes(permission)) return new Set<string>();
  const scope = scopeOf(actor);
  if (scope.town) return null;
  const ids = new Set<string>();
  if (scope.teamIds.length) {
    const rows = await db
      .selectFrom('team_memberships')
      .select('person_id')
      .where('town_id', '=', actor.townId)
      .where('team_id', 'in', scope.teamIds)
      .where('left_at', 'is', null)
      .execute();
    for (const r of rows) ids.add(r.person_id);
  }
  if (permission === 'duty.manage' && scope.villageIds.length) {
    const rows = await db
      .selectFrom('people')
      .select('id')
      .where('town_id', '=', actor.townId)
      .where('village_id', 'in', scope.villageIds)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  return ids;
}

export const reaches = (set: Set<string> | null, personId: string): boolean => set === null || set.has(personId);
