/** Care queries: recipients with their place, current pairings of a page, and presenters. */
import type { Selectable } from 'kysely';
import type { CareRecipient, CarePairing, RecipientKind } from '../../../common/care/schemas.ts';
import { frequencyOf } from '../../../common/care/schemas.ts';
import { isChild, isOverdue, maskName } from '../../../common/care/figures.ts';
import type { CareRecipientTable } from '../../db/schema-care.ts';
import { type Db, parseJson } from './care.shared.ts';

export function recipientsQuery(db: Db, townId: string) {
  return db
    .selectFrom('care_recipients as r')
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'r.town_id').onRef('v.id', '=', 'r.village_id'))
    .leftJoin('hamlets as h', (j) => j.onRef('h.town_id', '=', 'r.town_id').onRef('h.id', '=', 'r.hamlet_id'))
    .where('r.town_id', '=', townId);
}

export type RecipientRow = Selectable<CareRecipientTable> & { village_name: string | null; hamlet_name: string | null };

export async function loadRecipient(db: Db, townId: string, id: string): Promise<RecipientRow | undefined> {
  return recipientsQuery(db, townId)
    .selectAll('r')
    .select(['v.name as village_name', 'h.name as hamlet_name'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

export const kindsOf = (r: { kinds: string }): RecipientKind[] => parseJson<RecipientKind[]>(r.kinds, []);
export const childOf = (r: { kinds: string; birth_year: number | null }): boolean => isChild(kindsOf(r), r.birth_year);

export interface PairedRow {
  id: string;
  recipient_id: string;
  person_id: string;
  person_name: string;
  is_primary: number;
}

/** Current pairings of some recipients, primary first. */
export async function currentPairings(
  db: Db,
  townId: string,
  recipientIds: string[],
): Promise<Map<string, PairedRow[]>> {
  const out = new Map<string, PairedRow[]>();
  if (!recipientIds.length) return out;
  const rows = await db
    .selectFrom('care_pairings as c')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'c.town_id').onRef('p.id', '=', 'c.person_id'))
    .select(['c.id', 'c.recipient_id', 'c.person_id', 'p.name as person_name', 'c.is_primary'])
    .where('c.town_id', '=', townId)
    .where('c.recipient_id', 'in', recipientIds)
    .where('c.ended_at', 'is', null)
    .orderBy('c.is_primary', 'desc')
    .orderBy('c.started_at')
    .execute();
  for (const r of rows) out.set(r.recipient_id, [...(out.get(r.recipient_id) ?? []), r]);
  return out;
}

export const pairedMembers = (rows: PairedRow[] | undefined) =>
  (rows ?? []).map((p) => ({
    pairingId: p.id,
    personId: p.person_id,
    name: p.person_name,
    primary: p.is_primary === 1,
  }));

/** A recipient as lists show it: masked phone, no health notes; a child's name masked and address withheld. */
export function presentListRow(r: RecipientRow, paired: PairedRow[] | undefined, maskChild = true): CareRecipient {
  const child = childOf(r);
  const hide = child && maskChild;
  return {
    id: r.id,
    version: r.version,
    kinds: kindsOf(r),
    name: hide ? maskName(r.name) : r.name,
    gender: r.gender === 'male' || r.gender === 'female' ? r.gender : null,
    birthYear: r.birth_year,
    villageId: r.village_id,
    villageName: r.village_name,
    hamletId: r.hamlet_id,
    hamletName: r.hamlet_name,
    address: hide ? null : r.address,
    mobile: r.mobile_mask,
    riskLevel: r.risk_level as CareRecipient['riskLevel'],
    frequency: frequencyOf(r.frequency_days),
    frequencyDays: r.frequency_days,
    status: r.status as CareRecipient['status'],
    inactiveReason: (r.inactive_reason as CareRecipient['inactiveReason']) ?? null,
    child,
    needTags: parseJson<string[]>(r.need_tags, []),
    pairedMembers: pairedMembers(paired),
    lastVisitAt: r.last_visit_at,
    nextDueAt: r.status === 'active' ? r.next_due_at : null,
    overdue: r.status === 'active' && isOverdue(r.next_due_at),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface PairingRow {
  id: string;
  version: number;
  recipient_id: string;
  recipient_name: string;
  recipient_kinds: string;
  recipient_birth_year: number | null;
  person_id: string;
  person_name: string;
  is_primary: number;
  started_at: string;
  ended_at: string | null;
  end_reason: string | null;
  created_by_name: string | null;
  ended_by_name: string | null;
}

export function pairingsQuery(db: Db, townId: string) {
  return db
    .selectFrom('care_pairings as c')
    .innerJoin('care_recipients as r', (j) =>
      j.onRef('r.town_id', '=', 'c.town_id').onRef('r.id', '=', 'c.recipient_id'),
    )
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'c.town_id').onRef('p.id', '=', 'c.person_id'))
    .leftJoin('users as cu', (j) => j.onRef('cu.town_id', '=', 'c.town_id').onRef('cu.id', '=', 'c.created_by'))
    .leftJoin('users as eu', (j) => j.onRef('eu.town_id', '=', 'c.town_id').onRef('eu.id', '=', 'c.ended_by'))
    .select([
      'c.id',
      'c.version',
      'c.recipient_id',
      'r.name as recipient_name',
      'r.kinds as recipient_kinds',
      'r.birth_year as recipient_birth_year',
      'r.village_id as recipient_village_id',
      'c.person_id',
      'p.name as person_name',
      'c.is_primary',
      'c.started_at',
      'c.ended_at',
      'c.end_reason',
      'cu.display_name as created_by_name',
      'eu.display_name as ended_by_name',
    ])
    .where('c.town_id', '=', townId);
}

/** Team names of some people (current memberships). */
export async function teamNamesOf(db: Db, townId: string, personIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!personIds.length) return out;
  const rows = await db
    .selectFrom('team_memberships as m')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'm.town_id').onRef('t.id', '=', 'm.team_id'))
    .select(['m.person_id', 't.name'])
    .where('m.town_id', '=', townId)
    .where('m.person_id', 'in', [...new Set(personIds)])
    .where('m.left_at', 'is', null)
    .orderBy('t.sort')
    .execute();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.name]);
  return out;
}

export function presentPairing(r: PairingRow, teams: Map<string, string[]>, showChildName: boolean): CarePairing {
  const child = isChild(parseJson<string[]>(r.recipient_kinds, []), r.recipient_birth_year);
  return {
    id: r.id,
    version: r.version,
    recipientId: r.recipient_id,
    recipientName: child && !showChildName ? maskName(r.recipient_name) : r.recipient_name,
    personId: r.person_id,
    personName: r.person_name,
    teamNames: teams.get(r.person_id) ?? [],
    primary: r.is_primary === 1,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    endReason: r.end_reason,
    createdByName: r.created_by_name,
    endedByName: r.ended_by_name,
  };
}
