/** SQL of requests: the scoped, filtered list; one request with its names; timeline and photos. */
import type { Kysely } from 'kysely';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { RequestListQuery } from '../../../common/requests/schemas.ts';
import type { DB } from '../../db/schema.ts';
import { containsText } from '../../db/dialect.ts';
import { shanghaiDayStart } from '../../platform/ids.ts';
import { exportRows, paginate } from '../../platform/paging.ts';
import type { RequestScope } from './requests.policy.ts';

const none = ['-'];

function base(db: Kysely<DB>, townId: string, scope: RequestScope, f: Partial<RequestListQuery>, now: string) {
  let q = db.selectFrom('requests as r').where('r.town_id', '=', townId).where('r.status', '!=', 'merged');
  if (!scope.town) {
    q = q.where((eb) =>
      eb.or([
        eb('r.village_id', 'in', scope.villageIds.length ? scope.villageIds : none),
        eb('r.team_id', 'in', scope.teamIds.length ? scope.teamIds : none),
        eb.and([eb('r.assignee_kind', '=', 'member'), eb('r.assignee_id', '=', scope.personId ?? '-')]),
        eb.and([
          eb('r.assignee_kind', '=', 'squad'),
          eb('r.assignee_id', 'in', scope.squadIds.length ? scope.squadIds : none),
        ]),
        eb.and([
          eb('r.assignee_kind', '=', 'department'),
          eb('r.assignee_id', 'in', scope.departmentIds.length ? scope.departmentIds : none),
        ]),
        eb('r.entered_by', '=', scope.userId),
      ]),
    );
  }
  if (f.status) q = q.where('r.status', 'in', f.status.split(','));
  if (f.categoryId) q = q.where('r.category_id', '=', f.categoryId);
  if (f.villageId) q = q.where('r.village_id', '=', f.villageId);
  if (f.teamId) q = q.where('r.team_id', '=', f.teamId);
  if (f.assigneeKind) q = q.where('r.assignee_kind', '=', f.assigneeKind);
  if (f.assigneeId) q = q.where('r.assignee_id', '=', f.assigneeId);
  if (f.channel) q = q.where('r.channel', '=', f.channel);
  if (f.urgency) q = q.where('r.urgency', '=', f.urgency);
  if (f.overdue === true) q = q.where('r.status', 'in', [...OPEN_STATUSES]).where('r.due_at', '<', now);
  if (f.overdue === false)
    q = q.where((eb) => eb.or([eb('r.status', 'not in', [...OPEN_STATUSES]), eb('r.due_at', '>=', now)]));
  if (f.from) q = q.where('r.created_at', '>=', shanghaiDayStart(f.from));
  if (f.to) q = q.where('r.created_at', '<', new Date(Date.parse(shanghaiDayStart(f.to)) + 86400_000).toISOString());
  if (f.q) {
    const needle = f.q.trim();
    q = q.where((eb) =>
      eb.or([eb('r.code', '=', needle.toUpperCase()), containsText(db, eb.ref('r.description'), needle)]),
    );
  }
  return q;
}

/** "My work": what the caller must act on now. */
function mine(q: ReturnType<typeof base>, scope: RequestScope) {
  return q.where((eb) =>
    eb.or([
      ...(scope.town ? [eb('r.status', 'in', ['submitted', 'accepted'])] : []),
      ...(scope.villageIds.length
        ? [eb.and([eb('r.village_id', 'in', scope.villageIds), eb('r.status', 'in', ['submitted', 'accepted'])])]
        : []),
      eb.and([
        eb('r.status', 'in', ['dispatched', 'in_progress']),
        eb.or([
          eb('r.team_id', 'in', scope.teamIds.length ? scope.teamIds : none),
          eb.and([eb('r.assignee_kind', '=', 'member'), eb('r.assignee_id', '=', scope.personId ?? '-')]),
          eb.and([
            eb('r.assignee_kind', '=', 'squad'),
            eb('r.assignee_id', 'in', scope.squadIds.length ? scope.squadIds : none),
          ]),
          eb.and([
            eb('r.assignee_kind', '=', 'department'),
            eb('r.assignee_id', 'in', scope.departmentIds.length ? scope.departmentIds : none),
          ]),
        ]),
      ]),
    ]),
  );
}

function columns(q: ReturnType<typeof base>) {
  return q
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
    .leftJoin('people as ap', (j) =>
      j.onRef('ap.town_id', '=', 'r.town_id').onRef('ap.id', '=', 'r.assignee_id').on('r.assignee_kind', '=', 'member'),
    )
    .leftJoin('departments as ad', (j) =>
      j
        .onRef('ad.town_id', '=', 'r.town_id')
        .onRef('ad.id', '=', 'r.assignee_id')
        .on('r.assignee_kind', '=', 'department'),
    )
    .selectAll('r')
    .select([
      'c.name as category_name',
      'v.name as village_name',
      'h.name as hamlet_name',
      (eb) => eb.fn.coalesce('at.name', 'asq.name', 'ap.name', 'ad.name').as('assignee_name'),
    ])
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc');
}

export type RequestRow = Awaited<ReturnType<ReturnType<typeof columns>['execute']>>[number];

export function listRequests(db: Kysely<DB>, townId: string, scope: RequestScope, f: RequestListQuery, now: string) {
  let q = base(db, townId, scope, f, now);
  if (f.view === 'mine') q = mine(q, scope);
  return paginate(q, columns, f.page, f.pageSize);
}

export function exportRequests(db: Kysely<DB>, townId: string, scope: RequestScope, f: RequestListQuery, now: string) {
  let q = base(db, townId, scope, f, now);
  if (f.view === 'mine') q = mine(q, scope);
  return exportRows(q, columns);
}

/** One request by id, whatever its status (scope is checked by the service). */
export function getRequestRow(db: Kysely<DB>, townId: string, id: string) {
  const q = db.selectFrom('requests as r').where('r.town_id', '=', townId).where('r.id', '=', id);
  return columns(q as ReturnType<typeof base>).executeTakeFirst();
}

export function getRequestByCode(db: Kysely<DB>, townId: string, code: string) {
  const q = db.selectFrom('requests as r').where('r.town_id', '=', townId).where('r.code', '=', code.toUpperCase());
  return columns(q as ReturnType<typeof base>).executeTakeFirst();
}

export function timelineOf(db: Kysely<DB>, townId: string, requestId: string) {
  return db
    .selectFrom('request_events')
    .selectAll()
    .where('town_id', '=', townId)
    .where('request_id', '=', requestId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export function photosOf(db: Kysely<DB>, townId: string, requestId: string) {
  return db
    .selectFrom('uploads')
    .select(['id', 'event_id', 'width', 'height'])
    .where('town_id', '=', townId)
    .where('request_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}

/** Duplicates merged into a request: their codes and reporters. */
export function mergedInto(db: Kysely<DB>, townId: string, requestId: string) {
  return db
    .selectFrom('requests')
    .select(['id', 'code', 'reporter_name', 'reporter_mobile_mask', 'reporter_mobile_enc'])
    .where('town_id', '=', townId)
    .where('merged_into_id', '=', requestId)
    .orderBy('created_at')
    .execute();
}

export function entererName(db: Kysely<DB>, townId: string, userId: string | null, workstationId: string | null) {
  return Promise.all([
    userId
      ? db
          .selectFrom('users')
          .select('display_name')
          .where('town_id', '=', townId)
          .where('id', '=', userId)
          .executeTakeFirst()
      : undefined,
    workstationId
      ? db
          .selectFrom('workstations')
          .select('name')
          .where('town_id', '=', townId)
          .where('id', '=', workstationId)
          .executeTakeFirst()
      : undefined,
  ]);
}

/** Open requests of a village (and category) from the last 60 days, for the similarity check. */
export function openCandidates(
  db: Kysely<DB>,
  townId: string,
  villageId: string | undefined,
  categoryId: string | undefined,
) {
  const since = new Date(Date.now() - 60 * 86400_000).toISOString();
  let q = db
    .selectFrom('requests as r')
    .innerJoin('categories as c', (j) => j.onRef('c.town_id', '=', 'r.town_id').onRef('c.id', '=', 'r.category_id'))
    .select(['r.id', 'r.code', 'r.description', 'r.status', 'r.created_at', 'c.name as category_name'])
    .where('r.town_id', '=', townId)
    .where('r.status', 'in', [...OPEN_STATUSES])
    .where('r.created_at', '>=', since);
  if (villageId) q = q.where('r.village_id', '=', villageId);
  if (categoryId) q = q.where('r.category_id', '=', categoryId);
  return q.orderBy('r.created_at', 'desc').limit(300).execute();
}

export { base as requestBase };
