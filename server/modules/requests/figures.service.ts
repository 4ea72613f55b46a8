/** The figures of requests: for staff within their scope, and the town's public figures. */
import { avgHandlingHours, completionRate, onTimeRate, satisfactionRate } from '../../../common/requests/figures.ts';
import type { Figures } from '../../../common/requests/schemas.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../platform/context.ts';
import { nowIso } from '../../platform/ids.ts';
import { type CountRow, type GroupBy, aggregate, groupNames, sumBy } from './figures.repo.ts';
import { type RequestScope, requestScope } from './requests.policy.ts';
import { requestBase } from './requests.repo.ts';

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

/** Figures over the requests a scope reaches, optionally grouped. */
export async function computeFigures(
  db: Kysely<DB>,
  townId: string,
  scope: RequestScope,
  query: { groupBy?: GroupBy | undefined; from?: string | undefined; to?: string | undefined },
): Promise<Figures> {
  const now = nowIso();
  const filter = { from: query.from, to: query.to };
  // One pass, by status and group: the totals, the status breakdown and the groups.
  const rows = await aggregate(db, requestBase(db, townId, scope, filter, now), query.groupBy, now);
  const statuses = sumBy(rows, (r) => r.status);
  const all = sumBy(rows, () => 'all')[0] ?? empty;
  const groups = query.groupBy ? sumBy(rows, (r) => r.key) : [];
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
