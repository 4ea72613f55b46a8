/**
 * Who may run which activity. The town admin runs every activity; a village admin those in their
 * villages; a team leader those their team organises — and, for a stall their team staffs, its
 * sign-ups, check-ins and results. Everyone with `activities.manage` sees planned and cancelled
 * activities of the town; members see published ones and later.
 */
import type { Actor } from '../../platform/actor.ts';
import { scopeOf } from '../../platform/actor.ts';

export interface ActivityScopeFacts {
  villageId: string | null;
  teamIds: readonly string[];
}

const hasManage = (actor: Actor): boolean => actor.permissions.includes('activities.manage');

/** May the actor plan, edit and run this activity? */
export function canManage(actor: Actor, a: ActivityScopeFacts): boolean {
  if (!hasManage(actor)) return false;
  const scope = scopeOf(actor);
  if (scope.town) return true;
  if (a.villageId && scope.villageIds.includes(a.villageId)) return true;
  return a.teamIds.some((t) => scope.teamIds.includes(t));
}

/** May the actor run this stall (sign-ups, check-in, results)? */
export function canManageStall(actor: Actor, a: ActivityScopeFacts, stallTeamId: string | null): boolean {
  if (canManage(actor, a)) return true;
  return hasManage(actor) && !!stallTeamId && scopeOf(actor).teamIds.includes(stallTeamId);
}

/** Sees planned and cancelled activities (staff who plan activities). */
export const seesAllStates = (actor: Actor): boolean => hasManage(actor);

/** Configures the town's stall kinds. */
export const canConfigure = (actor: Actor): boolean => hasManage(actor) && scopeOf(actor).town;

/** May the actor sign up and check in with their own account? */
export const canJoin = (actor: Actor): boolean => actor.permissions.includes('activities.join') && !!actor.personId;
