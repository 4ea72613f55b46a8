/** Team records: the town keeps every team; a team leader keeps their own team's squads and members. */
import { type Actor, scopeOf } from '../../platform/actor.ts';

export function canManageTeam(actor: Actor, teamId: string): boolean {
  if (!actor.permissions.includes('teams.write')) return false;
  const scope = scopeOf(actor);
  return scope.town || scope.teamIds.includes(teamId);
}

/** Creating and disabling teams is the town's business. */
export function canManageTeams(actor: Actor): boolean {
  return actor.permissions.includes('teams.write') && scopeOf(actor).town;
}
