/**
 * Working days and due dates in Asia/Shanghai. A town's calendar lists public holidays and the
 * make-up working days (调休) that move weekends; every other Monday–Friday is a working day.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** The Asia/Shanghai calendar date (YYYY-MM-DD) of an instant. */
export function shanghaiDate(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Asia/Shanghai month (YYYY-MM) of an instant. */
export const shanghaiMonth = (instant: Date | string): string => shanghaiDate(instant).slice(0, 7);

/** The instant a Shanghai date ends (its midnight, exclusive), as ISO UTC. */
export function endOfShanghaiDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86400_000 - SHANGHAI_OFFSET_MS).toISOString();
}

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

/** Overrides of the ordinary week: `holiday` closes a weekday, `workday` opens a weekend day. */
export type CalendarOverrides = ReadonlyMap<string, 'holiday' | 'workday'>;

export function isWorkingDay(date: string, overrides: CalendarOverrides): boolean {
  const kind = overrides.get(date);
  if (kind) return kind === 'workday';
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * When a request is due: `workingDays` 0 means by the end of the day it came in (特急, same day);
 * N means by the end of the N-th working day after that day.
 */
export function dueAt(from: Date | string, workingDays: number, overrides: CalendarOverrides): string {
  let date = shanghaiDate(from);
  if (workingDays <= 0) return endOfShanghaiDay(date);
  let left = workingDays;
  // A town's calendar never has more than a few weeks off in a row; the bound stops a bad one.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    date = addDays(date, 1);
    if (isWorkingDay(date, overrides)) left--;
  }
  return endOfShanghaiDay(date);
}

/** Working days between two dates (exclusive of the first), for extensions and reports. */
export function addWorkingDays(fromDate: string, days: number, overrides: CalendarOverrides): string {
  let date = fromDate;
  let left = days;
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    date = addDays(date, 1);
    if (isWorkingDay(date, overrides)) left--;
  }
  return date;
}
