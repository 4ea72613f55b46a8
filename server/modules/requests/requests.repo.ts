/** SQL of requests: the scoped, filtered list; one request with its names; timeline and photos. */
import { type Kysely, sql } from 'kysely';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { RequestListQuery } from '../../../common/requests/schemas.ts';
import type { DB } from '../../db/schema.ts';
import { MAX_QUERY_TERMS, searchTerms } from '../../../common/requests/terms.ts';
import { containsText, toCount } from '../../db/dialect.ts';
import { shanghaiDayStart } from '../../platform/ids.ts';
import { type Page, exportRows } from '../../platform/paging.ts';
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
    const terms = searchTerms(needle).slice(0, MAX_QUERY_TERMS);
    // Candidates from the term index (every description containing the keyword has all its
    // character pairs) plus the request with that code; the test below decides as it always did.
    if (terms.length > 0) q = q.where('r.id', 'in', candidates(db, townId, terms, needle.toUpperCase()));
    q = q.where((eb) =>
      eb.or([eb('r.code', '=', needle.toUpperCase()), containsText(db, eb.ref('r.description'), needle)]),
    );
  }
  return q;
}

/** Ids of the town's requests whose description has every term, and of the one with `code`. */
function candidates(db: Kysely<DB>, townId: string, terms: string[], code: string) {
  const [first, ...rest] = terms;
  let q = db
    .selectFrom('request_terms as t')
    .select('t.request_id as id')
    .where('t.town_id', '=', townId)
    .where('t.term', '=', first ?? '');
  for (const term of rest)
    q = q.where(
      't.request_id',
      'in',
      db.selectFrom('request_terms').select('request_id').where('town_id', '=', townId).where('term', '=', term),
    );
  return q.unionAll(db.selectFrom('requests').select('id').where('town_id', '=', townId).where('code', '=', code));
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

/** Up to this many matches a page is picked by sorting them, above it by walking the list's order. */
const SORT_MATCHES_UP_TO = 5000;

/**
 * One page of the list and the total. The total comes first, from the filter's index. A page past
 * the end is empty without a second query. Otherwise the page's ids are found on the indexes
 * alone — few matches (a search, the overdue list) are sorted, many are read in the list's order
 * from an index that has it — and only the page's rows are read in full with their names.
 */
export async function listRequests(
  db: Kysely<DB>,
  townId: string,
  scope: RequestScope,
  f: RequestListQuery,
  now: string,
): Promise<Page<RequestRow>> {
  let q = base(db, townId, scope, f, now);
  if (f.view === 'mine') q = mine(q, scope);
  const offset = (f.page - 1) * f.pageSize;
  // A keyword search: its candidates cost most of the time, so read the matches once (they are
  // few) and count, sort and page them here rather than counting and then sorting in the database.
  if (f.q && searchTerms(f.q.trim()).length > 0) {
    const found = await q
      .select(['r.id', 'r.created_at'])
      .limit(SORT_MATCHES_UP_TO + 1)
      .execute();
    if (found.length <= SORT_MATCHES_UP_TO) {
      const newestFirst = found.sort((a, b) =>
        a.created_at !== b.created_at ? (a.created_at < b.created_at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
      );
      const ids = newestFirst.slice(offset, offset + f.pageSize).map((r) => r.id);
      return { items: await pageRows(db, townId, ids), total: found.length, page: f.page, pageSize: f.pageSize };
    }
  }
  const total = (await countFromCells(db, townId, scope, f)) ?? (await countRows(q));
  if (offset >= total) return { items: [], total, page: f.page, pageSize: f.pageSize };
  // An expression has no index to walk, so the planner takes the filter's index and sorts.
  const newest = total <= SORT_MATCHES_UP_TO ? sql`${sql.ref('r.created_at')} || ''` : sql.ref('r.created_at');
  const ids = await q
    .select('r.id')
    .orderBy(newest, 'desc')
    .orderBy('r.id', 'desc')
    .limit(f.pageSize)
    .offset(offset)
    .execute();
  return {
    items: await pageRows(
      db,
      townId,
      ids.map((r) => r.id),
    ),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

async function countRows(q: ReturnType<typeof base>): Promise<number> {
  const row = (await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()) as
    { n: string | number } | undefined;
  return toCount(row?.n);
}

/**
 * The town's list filtered by at most a status and one of category, village or team is counted
 * from the monthly figures (figures.rollup.ts), which hold exactly those totals, instead of from
 * tens of thousands of index entries; any other filter is counted on the requests.
 */
async function countFromCells(
  db: Kysely<DB>,
  townId: string,
  scope: RequestScope,
  f: RequestListQuery,
): Promise<number | null> {
  if (!scope.town || f.view === 'mine' || f.q || f.from || f.to || f.overdue !== undefined) return null;
  if (f.assigneeKind || f.assigneeId || f.channel || f.urgency) return null;
  const dims = [
    ['category', f.categoryId],
    ['village', f.villageId],
    ['team', f.teamId],
  ].filter(([, v]) => v) as [string, string][];
  if (dims.length > 1) return null;
  const [dim, key] = dims[0] ?? ['all', ''];
  let q = db
    .selectFrom('request_month_figures')
    .select((eb) => eb.fn.sum<string | number>('total').as('n'))
    .where('town_id', '=', townId)
    .where('dim', '=', dim)
    .where('key', '=', key);
  if (f.status) q = q.where('status', 'in', f.status.split(','));
  return toCount((await q.executeTakeFirst())?.n ?? 0);
}

/**
 * The page's rows with their names, newest first. The names come from one small select per table,
 * sent together as one `union all`, rather than a join of eight tables, whose planning alone costs
 * PostgreSQL more than the reads.
 */
async function pageRows(db: Kysely<DB>, townId: string, ids: string[]): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('requests')
    .selectAll()
    .where('town_id', '=', townId)
    .where('id', 'in', ids)
    .execute();
  const keys = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
  const assigned = (kind: string) => keys(rows.filter((r) => r.assignee_kind === kind).map((r) => r.assignee_id));
  type Named = 'categories' | 'villages' | 'hamlets' | 'teams' | 'squads' | 'people' | 'departments';
  const wanted: [Named, string[]][] = (
    [
      ['categories', keys(rows.map((r) => r.category_id))],
      ['villages', keys(rows.map((r) => r.village_id))],
      ['hamlets', keys(rows.map((r) => r.hamlet_id))],
      ['teams', assigned('team')],
      ['squads', assigned('squad')],
      ['people', assigned('member')],
      ['departments', assigned('department')],
    ] as [Named, string[]][]
  ).filter(([, ids]) => ids.length > 0);
  // All the names in one round trip: one small select per table, joined by `union all`.
  const parts = wanted.map(([table, ids]) =>
    db
      .selectFrom(table)
      .select([sql<string>`${sql.lit(table)}`.as('tbl'), 'id', 'name'])
      .where('town_id', '=', townId)
      .where('id', 'in', ids),
  );
  const named = new Map<string, Map<string, string>>(wanted.map(([table]) => [table, new Map()]));
  if (parts.length) {
    const [first, ...rest] = parts as [(typeof parts)[number], ...(typeof parts)[number][]];
    for (const r of await rest.reduce((q, part) => q.unionAll(part), first).execute())
      named.get(r.tbl)?.set(r.id, r.name);
  }
  const of = (table: Named) => named.get(table) ?? new Map<string, string>();
  const [categories, villages, hamlets, teams, squads, people, departments] = [
    of('categories'),
    of('villages'),
    of('hamlets'),
    of('teams'),
    of('squads'),
    of('people'),
    of('departments'),
  ];
  const assignees: Record<string, Map<string, string>> = {
    team: teams,
    squad: squads,
    member: people,
    department: departments,
  };
  return rows
    .map((r) => ({
      ...r,
      category_name: categories.get(r.category_id) ?? '',
      village_name: r.village_id ? (villages.get(r.village_id) ?? null) : null,
      hamlet_name: r.hamlet_id ? (hamlets.get(r.hamlet_id) ?? null) : null,
      assignee_name: r.assignee_kind && r.assignee_id ? (assignees[r.assignee_kind]?.get(r.assignee_id) ?? null) : null,
    }))
    .sort((a, b) =>
      a.created_at === b.created_at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.created_at < b.created_at ? 1 : -1,
    ) as RequestRow[];
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
