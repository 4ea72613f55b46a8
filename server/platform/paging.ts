/** Paging for list queries: the same filters count the total and fetch one page. */
import type { SelectQueryBuilder } from 'kysely';
import { toCount } from '../db/dialect.ts';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Export lists stop here; a town's ledgers are far smaller. */
export const EXPORT_LIMIT = 50_000;

/**
 * Runs `base` twice: once for the count, once for the page. `select` adds the columns and
 * order; it is applied only to the page query so the count stays cheap.
 */
export async function paginate<DB, TB extends keyof DB, O, R>(
  base: SelectQueryBuilder<DB, TB, O>,
  select: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, R>,
  page: number,
  pageSize: number,
): Promise<Page<R>> {
  const [countRow, items] = await Promise.all([
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst() as Promise<{ n: string | number } | undefined>,
    select(base)
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { items, total: toCount(countRow?.n), page, pageSize };
}

/** All rows (up to the export limit) for an Excel export. */
export async function exportRows<DB, TB extends keyof DB, O, R>(
  base: SelectQueryBuilder<DB, TB, O>,
  select: (q: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, R>,
): Promise<R[]> {
  return select(base).limit(EXPORT_LIMIT).execute();
}
