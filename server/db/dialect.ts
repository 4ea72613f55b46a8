/** The few places where SQLite and PostgreSQL differ, in one file. */
import { type Expression, PostgresAdapter, type RawBuilder, sql } from 'kysely';

/** Any Kysely instance or transaction, whatever its table types. */
export interface HasExecutor {
  getExecutor(): { adapter: object };
}

/** True when the Kysely instance talks to PostgreSQL. */
export function isPostgres(db: HasExecutor): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Case-insensitive substring match (SQLite LIKE is already case-insensitive for ASCII). */
export function containsText(db: HasExecutor, column: Expression<unknown>, needle: string): RawBuilder<boolean> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return isPostgres(db)
    ? sql<boolean>`${column} ilike ${pattern} escape '\\'`
    : sql<boolean>`${column} like ${pattern} escape '\\'`;
}

/** A unique-constraint violation, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** A foreign-key violation, on either database. */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string } | null;
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/** The name of the unique constraint or index a violation hit, where the driver says it. */
export function violatedConstraint(error: unknown): string {
  const e = error as { constraint?: string; message?: string } | null;
  return e?.constraint ?? e?.message ?? '';
}

/** `count(*)` as a JS number (PostgreSQL returns bigint as a string). */
export const toCount = (value: string | number | bigint | null | undefined): number => Number(value ?? 0);

/** Hours between two ISO timestamp columns. */
export function hoursBetween(db: HasExecutor, from: Expression<unknown>, to: Expression<unknown>): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`(extract(epoch from (${to}::timestamptz - ${from}::timestamptz)) / 3600.0)`
    : sql<number>`((julianday(${to}) - julianday(${from})) * 24.0)`;
}

/** The Asia/Shanghai month (YYYY-MM) of an ISO timestamp column. */
export function shanghaiMonth(db: HasExecutor, column: Expression<unknown>): RawBuilder<string> {
  return isPostgres(db)
    ? sql<string>`to_char((${column}::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', ${column}, '+8 hours')`;
}

/**
 * `column` starts with `prefix`, as a range on its index: byte order on SQLite (BINARY) and on
 * PostgreSQL through the `collate "C"` expression index of migration 0004.
 */
export function startsWith(db: HasExecutor, column: Expression<unknown>, prefix: string): RawBuilder<boolean> {
  const upper = `${prefix}\u{10FFFF}`;
  return isPostgres(db)
    ? sql<boolean>`(${column} collate "C" >= ${prefix} and ${column} collate "C" < ${upper})`
    : sql<boolean>`(${column} >= ${prefix} and ${column} < ${upper})`;
}

/** A text column in byte order, for sorting along the index `startsWith` uses. */
export function byteOrder(db: HasExecutor, column: Expression<unknown>): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`${column} collate "C"` : sql<string>`${column}`;
}
