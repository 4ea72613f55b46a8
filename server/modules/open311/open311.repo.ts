/**
 * SQL of the GeoReport v2 endpoints. Requests are read through one select that never touches the
 * reporter's columns, so no name or number can reach an Open311 answer by accident.
 */
import type { Kysely } from 'kysely';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { DB } from '../../db/schema.ts';

/** The most requests one list answers (the spec's default limit). */
export const MAX_REQUESTS = 1000;

/** Up to two towns: the one with the code, or any two (to tell "the only town" from "several"). */
export function townsFor(db: Kysely<DB>, code: string | undefined) {
  return db
    .selectFrom('towns')
    .select(['id', 'code', 'name', 'created_at'])
    .$if(code !== undefined, (q) => q.where('code', '=', code ?? ''))
    .limit(2)
    .execute();
}

/** The town's enabled categories, in their display order. */
export function enabledCategories(db: Kysely<DB>, townId: string, code?: string) {
  return db
    .selectFrom('categories')
    .select(['id', 'code', 'name', 'description', 'updated_at'])
    .where('town_id', '=', townId)
    .where('disabled', '=', 0)
    .$if(code !== undefined, (q) => q.where('code', '=', code ?? ''))
    .orderBy('sort')
    .orderBy('name')
    .execute();
}

/** An enabled key of the town with this hash. */
export function enabledKeyByHash(db: Kysely<DB>, townId: string, keyHash: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name'])
    .where('key_hash', '=', keyHash)
    .where('town_id', '=', townId)
    .where('disabled', '=', 0)
    .executeTakeFirst();
}

export async function touchKey(db: Kysely<DB>, townId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: at })
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .execute();
}

/** A village or hamlet of the town, for `address_id`. */
export async function placeById(
  db: Kysely<DB>,
  townId: string,
  id: string,
): Promise<{ villageId: string; hamletId: string | null } | null> {
  const village = await db
    .selectFrom('villages')
    .select('id')
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  if (village) return { villageId: village.id, hamletId: null };
  const hamlet = await db
    .selectFrom('hamlets')
    .select(['id', 'village_id'])
    .where('town_id', '=', townId)
    .where('id', '=', id)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return hamlet ? { villageId: hamlet.village_id, hamletId: hamlet.id } : null;
}

export interface RequestFilter {
  /** Tracking codes; when given, every other filter is ignored (as the spec says). */
  codes?: string[];
  /** created_at window, ISO UTC, both ends included. */
  from?: string;
  to?: string;
  /** true: open statuses only; false: closed only. */
  open?: boolean;
  serviceCodes?: string[];
}

/** Requests of the town as Open311 shows them, newest first, at most MAX_REQUESTS. */
export function findRequests(db: Kysely<DB>, townId: string, f: RequestFilter) {
  let q = db
    .selectFrom('requests as r')
    .innerJoin('categories as c', (j) => j.onRef('c.town_id', '=', 'r.town_id').onRef('c.id', '=', 'r.category_id'))
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'r.town_id').onRef('v.id', '=', 'r.village_id'))
    .leftJoin('hamlets as h', (j) => j.onRef('h.town_id', '=', 'r.town_id').onRef('h.id', '=', 'r.hamlet_id'))
    .leftJoin('teams as at', (j) =>
      j.onRef('at.town_id', '=', 'r.town_id').onRef('at.id', '=', 'r.assignee_id').on('r.assignee_kind', '=', 'team'),
    )
    .leftJoin('squads as asq', (j) =>
      j
        .onRef('asq.town_id', '=', 'r.town_id')
        .onRef('asq.id', '=', 'r.assignee_id')
        .on('r.assignee_kind', '=', 'squad'),
    )
    .leftJoin('departments as ad', (j) =>
      j
        .onRef('ad.town_id', '=', 'r.town_id')
        .onRef('ad.id', '=', 'r.assignee_id')
        .on('r.assignee_kind', '=', 'department'),
    )
    // A request given to one member is shown as their team's: a person's name is not an agency.
    .leftJoin('teams as mt', (j) =>
      j.onRef('mt.town_id', '=', 'r.town_id').onRef('mt.id', '=', 'r.team_id').on('r.assignee_kind', '=', 'member'),
    )
    .select([
      'r.id',
      'r.code',
      'r.status',
      'r.description',
      'r.created_at',
      'r.updated_at',
      'r.due_at',
      'c.code as service_code',
      'c.name as service_name',
      'v.name as village_name',
      'h.name as hamlet_name',
      (eb) => eb.fn.coalesce('at.name', 'asq.name', 'ad.name', 'mt.name').as('agency'),
    ])
    .where('r.town_id', '=', townId);
  if (f.codes) {
    q = q.where('r.code', 'in', f.codes.length ? f.codes : ['-']);
  } else {
    if (f.from) q = q.where('r.created_at', '>=', f.from);
    if (f.to) q = q.where('r.created_at', '<=', f.to);
    if (f.open === true) q = q.where('r.status', 'in', [...OPEN_STATUSES]);
    if (f.open === false) q = q.where('r.status', 'not in', [...OPEN_STATUSES]);
    if (f.serviceCodes) q = q.where('c.code', 'in', f.serviceCodes.length ? f.serviceCodes : ['-']);
  }
  return q.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(MAX_REQUESTS).execute();
}

export type Open311Row = Awaited<ReturnType<typeof findRequests>>[number];

/** The latest note shown to the resident, per request. */
export async function latestPublicNotes(
  db: Kysely<DB>,
  townId: string,
  requestIds: string[],
): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  if (!requestIds.length) return notes;
  const rows = await db
    .selectFrom('request_events')
    .select(['request_id', 'note'])
    .where('town_id', '=', townId)
    .where('request_id', 'in', requestIds)
    .where('public', '=', 1)
    .where('note', 'is not', null)
    .where('note', '!=', '')
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const row of rows) if (row.note && !notes.has(row.request_id)) notes.set(row.request_id, row.note);
  return notes;
}
