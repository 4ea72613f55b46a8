/**
 * Who sees which care records, and how much of them.
 *
 * - `care_worker` 关爱专员 and `town_admin` reach every recipient of the town (care.read). Only
 *   holders of care.sensitive (the care worker) see health notes and children's records in full and
 *   may reveal numbers; a town admin who needs that is given the care_worker role as well.
 * - `village_admin` reaches the recipients of their villages, masked, without sensitive fields.
 * - A member (care.visit) reaches only the recipients currently paired with them, in full: they need
 *   the address, phone, needs and health notes for the visit. Every full view is audited.
 */
import type { Actor } from '../../platform/actor.ts';
import type { Db } from './care.shared.ts';

export interface CareAccess {
  /** Reaches every village (town admin, care worker). */
  town: boolean;
  /** Villages a village admin reaches. */
  villageIds: string[];
  read: boolean;
  manage: boolean;
  sensitive: boolean;
  visit: boolean;
  personId: string | null;
}

export function careAccess(actor: Actor): CareAccess {
  const has = (p: string) => actor.permissions.includes(p as never);
  const read = has('care.read');
  let town = false;
  const villageIds: string[] = [];
  if (read) {
    for (const g of actor.roles) {
      if (g.role === 'town_admin' || g.role === 'care_worker') town = true;
      if (g.role === 'village_admin' && g.villageId) villageIds.push(g.villageId);
    }
  }
  return {
    town,
    villageIds,
    read,
    manage: has('care.manage') && town,
    sensitive: has('care.sensitive'),
    visit: has('care.visit') && !!actor.personId,
    personId: actor.personId,
  };
}

/** May the actor's registry role (not pairing) see this village's recipients? */
export const readsVillage = (a: CareAccess, villageId: string): boolean =>
  a.read && (a.town || a.villageIds.includes(villageId));

/** Is the person currently paired with the recipient? */
export async function isPaired(db: Db, townId: string, recipientId: string, personId: string | null) {
  if (!personId) return false;
  const row = await db
    .selectFrom('care_pairings')
    .select('id')
    .where('town_id', '=', townId)
    .where('recipient_id', '=', recipientId)
    .where('person_id', '=', personId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return !!row;
}

/** How much of one record a viewer sees. */
export interface View {
  /** Health notes, the child's name, address and guardian in full. */
  sensitive: boolean;
  /** Phones in full (paired member or care worker). */
  fullContact: boolean;
}

export function viewOf(a: CareAccess, paired: boolean): View {
  if (paired) return { sensitive: true, fullContact: true };
  return { sensitive: a.sensitive, fullContact: a.sensitive };
}

/** The list/export view: always masked, never health notes; children's names masked unless care.sensitive. */
export const listView = (a: CareAccess): View => ({ sensitive: a.sensitive, fullContact: false });
