/** One aggregate query per grouping: the counts behind every figure (definitions in common/requests/figures.ts). */
import { type Expression, type Kysely, sql } from 'kysely';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { FigureCounts } from '../../../common/requests/figures.ts';
import type { DB } from '../../db/schema.ts';
import { hoursBetween, shanghaiMonth } from '../../db/dialect.ts';
import type { requestBase } from './requests.repo.ts';

export type GroupBy = 'team' | 'village' | 'category' | 'month';

export interface CountRow extends FigureCounts {
  key: string | null;
  name: string | null;
  total: number;
}

const num = (v: unknown): number => Number(v ?? 0);

/** Sums per group (or one row for all when groupBy is absent). */
export async function aggregate(
  db: Kysely<DB>,
  q: ReturnType<typeof requestBase>,
  groupBy: GroupBy | 'status' | undefined,
  now: string,
): Promise<CountRow[]> {
  const open = [...OPEN_STATUSES];
  const key: Expression<unknown> | null =
    groupBy === 'status'
      ? sql.ref('r.status')
      : groupBy === 'team'
        ? sql.ref('r.team_id')
        : groupBy === 'village'
          ? sql.ref('r.village_id')
          : groupBy === 'category'
            ? sql.ref('r.category_id')
            : groupBy === 'month'
              ? shanghaiMonth(db, sql.ref('r.created_at'))
              : null;
  const rows = await q
    .select([
      (key ? sql<string>`${key}` : sql<string>`'all'`).as('key'),
      sql<number>`count(*)`.as('total'),
      sql<number>`sum(case when r.outcome = 'resolved' then 1 else 0 end)`.as('resolved'),
      sql<number>`sum(case when r.outcome = 'unresolved' then 1 else 0 end)`.as('unresolved'),
      sql<number>`sum(case when r.status in (${sql.join(open)}) and r.due_at < ${now} then 1 else 0 end)`.as(
        'open_past_due',
      ),
      sql<number>`sum(case when r.outcome = 'resolved' and r.due_at is not null and r.resolved_at <= r.due_at then 1 else 0 end)`.as(
        'resolved_on_time',
      ),
      sql<number>`count(r.rating)`.as('ratings'),
      sql<number>`sum(case when r.rating >= 4 then 1 else 0 end)`.as('satisfied'),
      sql<number>`sum(case when r.resolved_at is not null then ${hoursBetween(db, sql.ref('r.created_at'), sql.ref('r.resolved_at'))} else 0 end)`.as(
        'handling_hours',
      ),
      sql<number>`count(r.resolved_at)`.as('handled'),
    ])
    .$if(key !== null, (qb) => qb.groupBy(key as never))
    .execute();
  return (rows as unknown as Record<string, unknown>[]).map((r) => ({
    key: r.key === null || r.key === undefined ? null : String(r.key),
    name: null,
    total: num(r.total),
    resolved: num(r.resolved),
    unresolved: num(r.unresolved),
    openPastDue: num(r.open_past_due),
    resolvedOnTime: num(r.resolved_on_time),
    ratings: num(r.ratings),
    satisfied: num(r.satisfied),
    handlingHours: num(r.handling_hours),
    handled: num(r.handled),
  }));
}

/** Names for group keys. */
export async function groupNames(
  db: Kysely<DB>,
  townId: string,
  groupBy: GroupBy,
  keys: string[],
): Promise<Map<string, string>> {
  if (groupBy === 'month' || keys.length === 0) return new Map(keys.map((k) => [k, k]));
  const table = groupBy === 'team' ? 'teams' : groupBy === 'village' ? 'villages' : 'categories';
  const rows = await db
    .selectFrom(table)
    .select(['id', 'name'])
    .where('town_id', '=', townId)
    .where('id', 'in', keys)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
