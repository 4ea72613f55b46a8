/** Who may read and change organisation records, by scope. */
import type { Actor } from '../../platform/actor.ts';
import { scopeOf } from '../../platform/actor.ts';

/**
 * The villages an actor's reads are limited to, or null for the whole town. A village admin
 * (without a town role) sees only their own villages; other roles read the town's organisation,
 * which holds no personal data.
 */
export function readableVillageIds(actor: Actor): string[] | null {
  const scope = scopeOf(actor);
  if (scope.town) return null;
  return scope.villageIds.length > 0 ? scope.villageIds : null;
}

/** May the actor create, edit or disable a record that belongs to this village (null: town-level)? */
export function canWriteInVillage(actor: Actor, villageId: string | null): boolean {
  if (!actor.permissions.includes('org.write')) return false;
  const scope = scopeOf(actor);
  if (scope.town) return true;
  return villageId !== null && scope.villageIds.includes(villageId);
}

/** Town-wide records (villages themselves, departments): town roles only. */
export function canWriteTownWide(actor: Actor): boolean {
  return actor.permissions.includes('org.write') && scopeOf(actor).town;
}

/** A village admin may edit their own village's details but not disable it. */
export function villageCan(actor: Actor, villageId: string) {
  return { update: canWriteInVillage(actor, villageId), disable: canWriteTownWide(actor) };
}
