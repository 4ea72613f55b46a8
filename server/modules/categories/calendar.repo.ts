/** SQL of the town's working-day calendar: public holidays and make-up working days (调休). */
import type { Kysely, Transaction } from 'kysely';
import type { CalendarOverrides } from '../../../common/requests/calendar.ts';
import type { DB } from '../../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface CalendarDayRow {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

const kindOf = (value: string): 'holiday' | 'workday' => (value === 'workday' ? 'workday' : 'holiday');

/** Every override of the town as date → kind, for `dueAt` and `isWorkingDay`. */
export async function loadCalendar(db: Db, townId: string): Promise<CalendarOverrides> {
  const rows = await db.selectFrom('calendar_days').select(['date', 'kind']).where('town_id', '=', townId).execute();
  return new Map(rows.map((r) => [r.date, kindOf(r.kind)]));
}

/** One year's overrides, sorted by date. */
export async function listCalendarYear(db: Db, townId: string, year: number): Promise<CalendarDayRow[]> {
  const rows = await db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('town_id', '=', townId)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ ...r, kind: kindOf(r.kind) }));
}

export async function getCalendarDay(db: Db, townId: string, date: string): Promise<CalendarDayRow | undefined> {
  const row = await db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('town_id', '=', townId)
    .where('date', '=', date)
    .executeTakeFirst();
  return row ? { ...row, kind: kindOf(row.kind) } : undefined;
}

/** Sets a day's override, replacing one already there. */
export async function upsertCalendarDay(db: Db, townId: string, day: CalendarDayRow): Promise<void> {
  await db
    .insertInto('calendar_days')
    .values({ town_id: townId, date: day.date, kind: day.kind, name: day.name })
    .onConflict((oc) => oc.columns(['town_id', 'date']).doUpdateSet({ kind: day.kind, name: day.name }))
    .execute();
}

/** Removes a day's override; true when there was one. */
export async function deleteCalendarDay(db: Db, townId: string, date: string): Promise<boolean> {
  const result = await db
    .deleteFrom('calendar_days')
    .where('town_id', '=', townId)
    .where('date', '=', date)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
