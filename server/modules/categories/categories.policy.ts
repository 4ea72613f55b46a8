/** Who may change request categories and the calendar: town-wide configuration. */
import type { Actor } from '../../platform/actor.ts';
import { scopeOf } from '../../platform/actor.ts';

/** Categories, time limits and the calendar are the town's; only a town role with requests.config edits them. */
export function canConfigure(actor: Actor): boolean {
  return actor.permissions.includes('requests.config') && scopeOf(actor).town;
}
