/** The figures of requests: for staff within their scope, and the town's public figures. */
import { avgHandlingHours, completionRate, onTimeRate, satisfactionRate } from '../../../common/requests/figures.ts';
import type { Figures } from '../../../common/requests/schemas.ts';
import { type Kysely, sql } from 'kysely';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../platform/context.ts';
import { nowIso } from '../../platform/ids.ts';
import { shanghaiMonth } from '../../../common/requests/calendar.ts';
import { monthSpan, monthStart, nextMonth } from '../../platform/months.ts';
import { type CountRow, type GroupBy, type StatusCountRow, aggregate, groupNames, sumBy } from './figures.repo.ts';
import { type RequestScope, requestScope } from './requests.policy.ts';
import { requestBase } from './requests.repo.ts';
import { COUNTS } from './figures.rollup.ts';

const rates = (c: CountRow) => ({
  total: c.total,
  resolved: c.resolved,
  unresolved: c.unresolved,
  openPastDue: c.openPastDue,
  completionRate: completionRate(c),
  onTimeRate: onTimeRate(c),
  satisfactionRate: satisfactionRate(c),
  avgHandlingHours: avgHandlingHours(c),
});

const empty: CountRow = {
  key: null,
  name: null,
  total: 0,
  resolved: 0,
  unresolved: 0,
  openPastDue: 0,
  resolvedOnTime: 0,
  ratings: 0,
  satisfied: 0,
  handlingHours: 0,
  handled: 0,
};

/**
 * Figures over the requests a scope reaches, optionally grouped. For the whole town, whole months
 * come from the monthly rollup (figures.rollup.ts) with "open past due" counted live, and the days
 * around them from the requests; a narrower scope counts its requests directly.
 */
export async function computeFigures(
  db: Kysely<DB>,
  townId: string,
  scope: RequestScope,
  query: { groupBy?: GroupBy | undefined; from?: string | undefined; to?: string | undefined },
): Promise<Figures> {
  const now = nowIso();
  const span = scope.town ? monthSpan(query.from, query.to) : null;
  let rows: StatusCountRow[];
  if (span?.months) {
    const months = span.months;
    const parts = await Promise.all([
      rolledUp(db, townId, query.groupBy, months),
      openPastDue(db, townId, query.groupBy, months, now),
      ...span.edges.map(([from, to]) =>
        aggregate(
          db,
          requestBase(db, townId, scope, {}, now).where('r.created_at', '>=', from).where('r.created_at', '<', to),
          query.groupBy,
          now,
        ),
      ),
    ]);
    rows = parts.flat();
  } else {
    // One pass, by status and group: the totals, the status breakdown and the groups.
    rows = await aggregate(
      db,
      requestBase(db, townId, scope, { from: query.from, to: query.to }, now),
      query.groupBy,
      now,
    );
  }
  const statuses = sumBy(rows, (r) => r.status).filter((s) => s.total > 0);
  const all = sumBy(rows, () => 'all')[0] ?? empty;
  const groups = query.groupBy ? sumBy(rows, (r) => r.key).filter((g) => g.total > 0) : [];
  const names = query.groupBy
    ? await groupNames(
        db,
        townId,
        query.groupBy,
        groups.map((g) => g.key).filter((k): k is string => !!k),
      )
    : new Map<string, string>();
  return {
    ...rates(all),
    byStatus: Object.fromEntries(statuses.map((s) => [s.key ?? '', s.total])),
    groups: groups
      .map((g) => ({ key: g.key ?? '', name: g.key ? (names.get(g.key) ?? g.key) : '—', ...rates(g) }))
      .sort((a, b) => (query.groupBy === 'month' ? a.key.localeCompare(b.key) : b.total - a.total)),
  };
}

const num = (v: unknown): number => Number(v ?? 0);

/** The rollup's counts for whole months, per status and group ("open past due" is left to `openPastDue`). */
async function rolledUp(
  db: Kysely<DB>,
  townId: string,
  groupBy: GroupBy | undefined,
  [first, last]: [string | null, string | null],
): Promise<StatusCountRow[]> {
  let q = db
    .selectFrom('request_month_figures as c')
    .where('c.town_id', '=', townId)
    .where('c.dim', '=', groupBy && groupBy !== 'month' ? groupBy : 'all');
  if (first) q = q.where('c.month', '>=', first);
  if (last) q = q.where('c.month', '<=', last);
  const key = groupBy === 'month' ? sql.ref('c.month') : sql.ref('c.key');
  const rows = await q
    .select([
      'c.status',
      sql<string>`${key}`.as('key'),
      ...COUNTS.map((f) => sql<number>`sum(${sql.ref(`c.${f}`)})`.as(f)),
    ])
    .groupBy(['c.status', key] as never)
    .execute();
  return rows.map((r) => ({
    status: r.status,
    key: groupBy ? r.key || null : 'all',
    name: null,
    total: num(r.total),
    resolved: num(r.resolved),
    unresolved: num(r.unresolved),
    openPastDue: 0,
    resolvedOnTime: num(r.resolved_on_time),
    ratings: num(r.ratings),
    satisfied: num(r.satisfied),
    handlingHours: num(r.handling_hours),
    handled: num(r.handled),
  }));
}

/** Open requests past their due date, submitted within whole months: few, and read along the deadline index. */
async function openPastDue(
  db: Kysely<DB>,
  townId: string,
  groupBy: GroupBy | undefined,
  [first, last]: [string | null, string | null],
  now: string,
): Promise<StatusCountRow[]> {
  let q = db
    .selectFrom('requests as r')
    .select(['r.status', 'r.created_at', 'r.team_id', 'r.village_id', 'r.category_id'])
    .where('r.town_id', '=', townId)
    .where('r.status', 'in', [...OPEN_STATUSES])
    .where('r.due_at', '<', now);
  if (first) q = q.where('r.created_at', '>=', monthStart(first));
  if (last) q = q.where('r.created_at', '<', monthStart(nextMonth(last)));
  const out = new Map<string, StatusCountRow>();
  for (const r of await q.execute()) {
    const key =
      groupBy === 'month'
        ? shanghaiMonth(r.created_at)
        : groupBy === 'team'
          ? r.team_id
          : groupBy === 'village'
            ? r.village_id
            : groupBy === 'category'
              ? r.category_id
              : 'all';
    const id = `${r.status}\u0000${key ?? ''}`;
    const row = out.get(id) ?? { ...empty, status: r.status, key };
    row.openPastDue += 1;
    out.set(id, row);
  }
  return [...out.values()];
}

export async function figures(
  ctx: Ctx,
  query: { groupBy?: GroupBy | undefined; from?: string | undefined; to?: string | undefined },
): Promise<Figures> {
  return computeFigures(ctx.db, ctx.actor.townId, await requestScope(ctx.db, ctx.actor), query);
}

/** The whole town's scope, for public figures (which carry no personal data). */
export const townScope = (): RequestScope => ({
  town: true,
  villageIds: [],
  teamIds: [],
  departmentIds: [],
  personId: null,
  squadIds: [],
  userId: '-',
});
