/** Reading activities: rows with their place, teams, stalls, sign-ups, photos and requests. */
import type { Kysely, Transaction } from 'kysely';
import { HELD_STATES, PLACE_TAKING } from '../../../common/activities/lifecycle.ts';
import type { Signup, Stall } from '../../../common/activities/schemas.ts';
import { DEFAULT_STALL_KINDS } from '../../../common/activities/schemas.ts';
import type { DB } from '../../db/schema.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { uploadUrl } from '../../platform/uploads.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export function activityQuery(db: Db, townId: string) {
  return db
    .selectFrom('activities as a')
    .leftJoin('workstations as w', (j) => j.onRef('w.town_id', '=', 'a.town_id').onRef('w.id', '=', 'a.workstation_id'))
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'a.town_id').onRef('v.id', '=', 'a.village_id'))
    .where('a.town_id', '=', townId);
}

export function selectActivity(db: Db, townId: string) {
  return activityQuery(db, townId)
    .selectAll('a')
    .select(['w.name as workstation_name', 'w.address as workstation_address', 'v.name as village_name']);
}
export type ActivityRow = Awaited<ReturnType<ReturnType<typeof selectActivity>['execute']>>[number];

export async function loadActivity(db: Db, townId: string, id: string): Promise<ActivityRow | undefined> {
  return selectActivity(db, townId).where('a.id', '=', id).executeTakeFirst();
}

export interface TeamRef {
  id: string;
  name: string;
  color: string | null;
}

/** Organising teams of activities, the lead team first. */
export async function teamsOf(db: Db, townId: string, activityIds: readonly string[]): Promise<Map<string, TeamRef[]>> {
  const map = new Map<string, TeamRef[]>();
  if (activityIds.length === 0) return map;
  const rows = await db
    .selectFrom('activity_teams as at')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'at.town_id').onRef('t.id', '=', 'at.team_id'))
    .select(['at.activity_id', 't.id', 't.name', 't.colour'])
    .where('at.town_id', '=', townId)
    .where('at.activity_id', 'in', [...activityIds])
    .orderBy('at.activity_id')
    .orderBy('at.sort')
    .execute();
  for (const r of rows) {
    const list = map.get(r.activity_id) ?? [];
    list.push({ id: r.id, name: r.name, color: r.colour });
    map.set(r.activity_id, list);
  }
  return map;
}

export function stallQuery(db: Db, townId: string) {
  return db
    .selectFrom('activity_stalls as s')
    .innerJoin('stall_kinds as k', (j) => j.onRef('k.town_id', '=', 's.town_id').onRef('k.id', '=', 's.kind_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 's.town_id').onRef('t.id', '=', 's.team_id'))
    .selectAll('s')
    .select(['k.code as kind_code', 'k.name as kind_name', 't.name as team_name', 't.colour as team_colour'])
    .where('s.town_id', '=', townId);
}
export type StallRow = Awaited<ReturnType<ReturnType<typeof stallQuery>['execute']>>[number];

export async function stallsOf(db: Db, townId: string, activityIds: readonly string[]): Promise<StallRow[]> {
  if (activityIds.length === 0) return [];
  return stallQuery(db, townId)
    .where('s.activity_id', 'in', [...activityIds])
    .orderBy('s.activity_id')
    .orderBy('s.sort')
    .orderBy('s.id')
    .execute();
}

export function presentStall(r: StallRow): Stall {
  return {
    id: r.id,
    version: r.version,
    kind: r.kind_code,
    kindName: r.kind_name,
    label: r.label,
    teamId: r.team_id,
    teamName: r.team_name,
    teamColor: r.team_colour,
    capacity: r.capacity,
    taken: r.taken,
    free: Math.max(0, r.capacity - r.taken),
    waitlisted: r.waitlisted,
    attended: r.attended,
    served: r.served,
    deeds: r.deeds,
    notes: r.notes,
    sort: r.sort,
  };
}

export const stallName = (r: Pick<StallRow, 'label' | 'kind_name'>): string => r.label ?? r.kind_name;

export function signupQuery(db: Db, townId: string) {
  return db
    .selectFrom('activity_signups as g')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'g.town_id').onRef('p.id', '=', 'g.person_id'))
    .leftJoin('activity_stalls as s', (j) => j.onRef('s.town_id', '=', 'g.town_id').onRef('s.id', '=', 'g.stall_id'))
    .leftJoin('stall_kinds as k', (j) => j.onRef('k.town_id', '=', 's.town_id').onRef('k.id', '=', 's.kind_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 's.town_id').onRef('t.id', '=', 's.team_id'))
    .leftJoin('service_hours as h', (j) =>
      j
        .onRef('h.town_id', '=', 'g.town_id')
        .on('h.source', '=', 'activity')
        .onRef('h.source_id', '=', 'g.id')
        .onRef('h.person_id', '=', 'g.person_id'),
    )
    .selectAll('g')
    .select([
      'p.name as person_name',
      'p.mobile_mask',
      's.label as stall_label',
      's.team_id as stall_team_id',
      'k.name as kind_name',
      't.name as team_name',
      'h.status as hours_status',
    ])
    .where('g.town_id', '=', townId);
}
export type SignupRow = Awaited<ReturnType<ReturnType<typeof signupQuery>['execute']>>[number];

const SIGNUP_STATES = new Set(['signed_up', 'waitlisted', 'cancelled', 'attended', 'no_show']);
const HOURS_STATES = new Set(['pending', 'approved', 'rejected']);

export function presentSignup(r: SignupRow, waitlistPosition: number | null = null): Signup {
  return {
    id: r.id,
    version: r.version,
    activityId: r.activity_id,
    stallId: r.stall_id,
    stallName: r.stall_id ? (r.stall_label ?? r.kind_name ?? null) : null,
    personId: r.person_id,
    personName: r.person_name,
    mobile: r.mobile_mask,
    teamName: r.team_name,
    state: (SIGNUP_STATES.has(r.state) ? r.state : 'signed_up') as Signup['state'],
    waitlistPosition,
    source: r.source === 'assigned' ? 'assigned' : 'self',
    checkInAt: r.check_in_at,
    checkOutAt: r.check_out_at,
    hours: r.hours === null ? null : Number(r.hours),
    hoursStatus: r.hours_status && HOURS_STATES.has(r.hours_status) ? (r.hours_status as Signup['hoursStatus']) : null,
    createdAt: r.created_at,
  };
}

/** Waiting-list positions (1-based, per slot) of the waitlisted sign-ups of an activity. */
export async function waitlistPositions(db: Db, townId: string, activityId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('activity_signups')
    .select(['id', 'stall_id'])
    .where('town_id', '=', townId)
    .where('activity_id', '=', activityId)
    .where('state', '=', 'waitlisted')
    .orderBy('queued_at')
    .orderBy('id')
    .execute();
  const counters = new Map<string, number>();
  const out = new Map<string, number>();
  for (const r of rows) {
    const slot = r.stall_id ?? '';
    const n = (counters.get(slot) ?? 0) + 1;
    counters.set(slot, n);
    out.set(r.id, n);
  }
  return out;
}

/** Places taken in a slot (the activity itself when stallId is null). */
export async function takenIn(db: Db, townId: string, activityId: string, stallId: string | null): Promise<number> {
  const row = await db
    .selectFrom('activity_signups')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('town_id', '=', townId)
    .where('activity_id', '=', activityId)
    .where('stall_id', stallId === null ? 'is' : '=', stallId)
    .where('state', 'in', [...PLACE_TAKING])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function photosOf(db: Db, townId: string, activityId: string) {
  const rows = await db
    .selectFrom('activity_photos as ph')
    .innerJoin('uploads as u', (j) => j.onRef('u.town_id', '=', 'ph.town_id').onRef('u.id', '=', 'ph.upload_id'))
    .select(['u.id', 'u.width', 'u.height', 'u.path', 'ph.created_at'])
    .where('ph.town_id', '=', townId)
    .where('ph.activity_id', '=', activityId)
    .orderBy('ph.created_at')
    .orderBy('ph.id')
    .execute();
  return rows.map((r) => ({ id: r.id, url: uploadUrl(townId, r.id), width: r.width, height: r.height, path: r.path }));
}

export async function requestsOf(db: Db, townId: string, activityId: string) {
  const rows = await db
    .selectFrom('requests as r')
    .innerJoin('categories as c', (j) => j.onRef('c.town_id', '=', 'r.town_id').onRef('c.id', '=', 'r.category_id'))
    .select(['r.id', 'r.code', 'r.status', 'r.description', 'r.created_at', 'c.name as category_name'])
    .where('r.town_id', '=', townId)
    .where('r.origin_kind', '=', 'activity')
    .where('r.origin_id', '=', activityId)
    .orderBy('r.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status,
    categoryName: r.category_name,
    description: r.description,
    createdAt: r.created_at,
  }));
}

/** The town's stall kinds, creating the defaults on first use. */
export async function ensureStallKinds(db: Db, townId: string): Promise<void> {
  const any = await db.selectFrom('stall_kinds').select('id').where('town_id', '=', townId).limit(1).executeTakeFirst();
  if (any) return;
  const now = nowIso();
  await db
    .insertInto('stall_kinds')
    .values(
      DEFAULT_STALL_KINDS.map((k, i) => ({
        town_id: townId,
        id: newId(),
        version: 1,
        created_at: now,
        updated_at: now,
        code: k.code,
        name: k.name,
        sort: (i + 1) * 10,
        disabled: 0,
      })),
    )
    .execute();
}

export const isHeld = (state: string): boolean => (HELD_STATES as readonly string[]).includes(state);
