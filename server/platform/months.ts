/**
 * Date ranges over monthly rollups: the whole Asia/Shanghai months inside a range are read from a
 * rollup table, the days before and after them from the rows themselves.
 */
import { shanghaiDayStart } from './ids.ts';

export const nextMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};

export const prevMonth = (m: string): string => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
};

/** The first instant (UTC ISO) of a Shanghai month YYYY-MM. */
export const monthStart = (m: string): string => shanghaiDayStart(`${m}-01`);

/** The first instant (UTC ISO) of the day after a Shanghai date. */
export const shanghaiDayAfter = (date: string): string =>
  new Date(Date.parse(shanghaiDayStart(date)) + 86400_000).toISOString();

function isLastOfMonth(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

export interface MonthSpan {
  /** First and last whole month (inclusive; null = unbounded), or null when the range holds none. */
  months: [string | null, string | null] | null;
  /** The instants [from, to) around the whole months, read from the rows. */
  edges: [string, string][];
}

/** Splits a range of inclusive Shanghai dates (either end open) into whole months and the days around them. */
export function monthSpan(from: string | undefined, to: string | undefined): MonthSpan {
  const first = from ? (from.endsWith('-01') ? from.slice(0, 7) : nextMonth(from.slice(0, 7))) : null;
  const last = to ? (isLastOfMonth(to) ? to.slice(0, 7) : prevMonth(to.slice(0, 7))) : null;
  if (first && last && first > last) return { months: null, edges: [] };
  const edges: [string, string][] = [];
  if (from && first && !from.endsWith('-01')) edges.push([shanghaiDayStart(from), monthStart(first)]);
  if (to && last && !isLastOfMonth(to)) edges.push([monthStart(nextMonth(last)), shanghaiDayAfter(to)]);
  return { months: [first, last], edges };
}
