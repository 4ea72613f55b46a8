/** One aggregate query per grouping: the counts behind every figure (definitions in common/requests/figures.ts). */
import { type Expression, type Kysely, sql } from 'kysely';
import { OPEN_STATUSES } from '../../../common/requests/lifecycle.ts';
import type { FigureCounts } from '../../../common/requests/figures.ts';
import type { DB } from '../../db/schema.ts';
import { hoursBetween } from '../../db/dialect.ts';
import type { requestBase } from './requests.repo.ts';

export type GroupBy = 'team' | 'village' | 'category' | 'month';

export interface CountRow extends FigureCounts {
  key: string | null;
  name: string | null;
  total: number;
}

/** Counts of one status within one group. */
export interface StatusCountRow extends CountRow {
  status: string;
}

const num = (v: unknown): number => Number(v ?? 0);

/** The Asia/Shanghai month of a UTC day (YYYY-MM-DD) and whether the time was 16:00 UTC or later. */
export function shanghaiMonthOf(utcDay: string, late: boolean): string {
  if (!late) return utcDay.slice(0, 7);
  const next = new Date(Date.parse(`${utcDay}T00:00:00Z`) + 86400_000);
  return next.toISOString().slice(0, 7);
}

/**
 * Sums per status and group (or per status alone when groupBy is absent), in one pass over the
 * index by submission time. Months are grouped by UTC day and whether the hour is past 16:00 (the
 * Shanghai midnight) — plain text, no date function per row — and folded into Shanghai months here.
 */
export async function aggregate(
  db: Kysely<DB>,
  q: ReturnType<typeof requestBase>,
  groupBy: GroupBy | undefined,
  now: string,
): Promise<StatusCountRow[]> {
  const rows = await aggregateQuery(db, q, groupBy, now).execute();
  const out = new Map<string, StatusCountRow>();
  for (const r of rows as unknown as Record<string, unknown>[]) {
    const raw = r.key === null || r.key === undefined ? null : String(r.key);
    const key = groupBy === 'month' && raw ? shanghaiMonthOf(raw, num(r.late) === 1) : raw;
    const status = String(r.status);
    const id = `${status}\u0000${key ?? ''}\u0000${key === null ? 'null' : ''}`;
    const row = out.get(id) ?? { ...zero(), status, key };
    row.total += num(r.total);
    row.resolved += num(r.resolved);
    row.unresolved += num(r.unresolved);
    row.openPastDue += num(r.open_past_due);
    row.resolvedOnTime += num(r.resolved_on_time);
    row.ratings += num(r.ratings);
    row.satisfied += num(r.satisfied);
    row.handlingHours += num(r.handling_hours);
    row.handled += num(r.handled);
    out.set(id, row);
  }
  return [...out.values()];
}

/** The aggregate's SQL (for `aggregate`, and for bench/explain.ts). */
export function aggregateQuery(
  db: Kysely<DB>,
  q: ReturnType<typeof requestBase>,
  groupBy: GroupBy | undefined,
  now: string,
) {
  const open = [...OPEN_STATUSES];
  const keys: Expression<unknown>[] =
    groupBy === 'team'
      ? [sql.ref('r.team_id')]
      : groupBy === 'village'
        ? [sql.ref('r.village_id')]
        : groupBy === 'category'
          ? [sql.ref('r.category_id')]
          : groupBy === 'month'
            ? [sql`substr(r.created_at, 1, 10)`, sql`substr(r.created_at, 12, 2) >= '16'`]
            : [];
  return (
    q
      .select([
        sql<string>`r.status || ''`.as('status'),
        (keys[0] ? sql<string>`${keys[0]}` : sql<string>`'all'`).as('key'),
        (keys[1] ? sql<number>`case when ${keys[1]} then 1 else 0 end` : sql<number>`0`).as('late'),
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
      // By an expression: grouping by the bare column would walk the status index for its order and
      // read every row; the figures' index has every column and is read alone.
      .groupBy([sql`r.status || ''`, ...keys] as never)
  );
}

const zero = (): CountRow => ({
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
});

/** Adds up rows by a key of theirs. */
export function sumBy<T extends CountRow>(rows: T[], keyOf: (row: T) => string | null): CountRow[] {
  const out = new Map<string | null, CountRow>();
  for (const r of rows) {
    const key = keyOf(r);
    const sum = out.get(key) ?? { ...zero(), key };
    sum.total += r.total;
    sum.resolved += r.resolved;
    sum.unresolved += r.unresolved;
    sum.openPastDue += r.openPastDue;
    sum.resolvedOnTime += r.resolvedOnTime;
    sum.ratings += r.ratings;
    sum.satisfied += r.satisfied;
    sum.handlingHours += r.handlingHours;
    sum.handled += r.handled;
    out.set(key, sum);
  }
  return [...out.values()];
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
