/**
 * Who sees and acts on which request. Reading: the town; a village admin's villages; a team
 * leader's team; a member's own assignments (as a person or through their squad) and what they
 * entered; a department handler's department. Handling needs the request to be assigned to the
 * caller; managing (accept, dispatch, supervise…) needs the town or the request's village.
 */
import type { Kysely } from 'kysely';
import { RequestAction } from '../../../common/requests/lifecycle.ts';
import type { DB } from '../../db/schema.ts';
import { type Actor, scopeOf } from '../../platform/actor.ts';

export interface RequestScope {
  town: boolean;
  villageIds: string[];
  teamIds: string[];
  departmentIds: string[];
  personId: string | null;
  squadIds: string[];
  userId: string;
}

/** The caller's reach over requests (one query for their squads). */
export async function requestScope(db: Kysely<DB>, actor: Actor): Promise<RequestScope> {
  const scope = scopeOf(actor);
  const squads = actor.personId
    ? await db
        .selectFrom('team_memberships')
        .select('squad_id')
        .where('town_id', '=', actor.townId)
        .where('person_id', '=', actor.personId)
        .where('left_at', 'is', null)
        .where('squad_id', 'is not', null)
        .execute()
    : [];
  return {
    town: scope.town,
    villageIds: scope.villageIds,
    teamIds: scope.teamIds,
    departmentIds: scope.departmentIds,
    personId: actor.personId,
    squadIds: squads.map((s) => s.squad_id).filter((v): v is string => !!v),
    userId: actor.userId,
  };
}

interface Assignment {
  village_id: string | null;
  team_id: string | null;
  assignee_kind: string | null;
  assignee_id: string | null;
  entered_by: string | null;
}

/** Is the request assigned to the caller (their team, squad, person or department)? */
export function isAssignedTo(scope: RequestScope, r: Assignment): boolean {
  if (r.team_id && scope.teamIds.includes(r.team_id)) return true;
  if (r.assignee_kind === 'member' && r.assignee_id && r.assignee_id === scope.personId) return true;
  if (r.assignee_kind === 'squad' && r.assignee_id && scope.squadIds.includes(r.assignee_id)) return true;
  if (r.assignee_kind === 'department' && r.assignee_id && scope.departmentIds.includes(r.assignee_id)) return true;
  return false;
}

export function canRead(scope: RequestScope, r: Assignment): boolean {
  if (scope.town) return true;
  if (r.village_id && scope.villageIds.includes(r.village_id)) return true;
  return isAssignedTo(scope, r) || r.entered_by === scope.userId;
}

export function canManage(actor: Actor, scope: RequestScope, r: Assignment): boolean {
  if (!actor.permissions.includes('requests.manage')) return false;
  return scope.town || (!!r.village_id && scope.villageIds.includes(r.village_id));
}

export function canHandle(actor: Actor, scope: RequestScope, r: Assignment): boolean {
  if (scope.town && actor.permissions.includes('requests.manage')) return true;
  return actor.permissions.includes('requests.handle') && isAssignedTo(scope, r);
}

const A = RequestAction;
/** Actions the assignee takes; the rest are the town's (or village's) to take. */
const HANDLER_ACTIONS: ReadonlySet<string> = new Set([
  A.START,
  A.PROGRESS,
  A.VISIT,
  A.MEETING,
  A.REQUEST_EXTENSION,
  A.RETURN,
  A.RESOLVE,
  A.CLOSE_UNRESOLVED,
]);

/** May the caller take this action on this request (permissions and scope, not the state machine)? */
export function mayAct(
  actor: Actor,
  scope: RequestScope,
  r: Assignment & { status: string },
  action: RequestAction,
): boolean {
  if (HANDLER_ACTIONS.has(action)) {
    // Resolving at the desk before dispatch is the manager's; afterwards it is the assignee's.
    if ((action === A.RESOLVE || action === A.CLOSE_UNRESOLVED) && r.status === 'accepted')
      return canManage(actor, scope, r);
    return canHandle(actor, scope, r);
  }
  return canManage(actor, scope, r);
}
