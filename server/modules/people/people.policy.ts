/** Which people an actor may see: the town, their villages, or their teams' members. */
import { type Actor, scopeOf } from '../../platform/actor.ts';

export interface PeopleScope {
  /** null: the whole town. */
  villageIds: string[] | null;
  teamIds: string[] | null;
}

export function peopleScope(actor: Actor): PeopleScope {
  const scope = scopeOf(actor);
  if (scope.town) return { villageIds: null, teamIds: null };
  return {
    villageIds: scope.villageIds.length ? scope.villageIds : null,
    teamIds: scope.teamIds.length ? scope.teamIds : null,
  };
}

/** Village admins edit their villages' people; the town edits anyone. */
export function canWritePerson(actor: Actor, villageId: string | null): boolean {
  if (!actor.permissions.includes('people.write')) return false;
  const scope = scopeOf(actor);
  return scope.town || (villageId !== null && scope.villageIds.includes(villageId));
}

export function canRevealPerson(actor: Actor, villageId: string | null): boolean {
  if (!actor.permissions.includes('people.reveal')) return false;
  const scope = scopeOf(actor);
  return scope.town || (villageId !== null && scope.villageIds.includes(villageId));
}
