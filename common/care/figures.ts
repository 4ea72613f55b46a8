/**
 * Care figures and the small rules behind them, shared by the server, the web and the tests.
 *
 * Definitions (GET /api/care/figures, months in Asia/Shanghai time):
 * - recipients: active recipients now (in the filter's village); by kind counts a recipient once
 *   under each of their kinds.
 * - visits: visits logged with `visited_at` in the months from..to; by team = the visiting member's
 *   team when they visited (the first team they joined; none → "no team"); by village = the
 *   recipient's village when visited.
 * - hours: the visits' minutes ÷ 60, one decimal.
 * - problems: visits that reported a problem; requests: requests raised from them (each problem
 *   raises one request, so the two agree unless a request could not be raised).
 * - overdue: active recipients whose next visit is due before now (no visit within their frequency,
 *   counted from the last visit, or from registration when never visited).
 * - recipientsVisited: distinct recipients with at least one visit in the months (for a range reaching
 *   this month: recipients whose last visit is on or after the range's first day; by village = the
 *   recipient's current village).
 */
import type { RecipientKind } from './schemas.ts';
import { CHILD_AGE } from './schemas.ts';
import { shanghaiMonth } from '../requests/calendar.ts';

const DAY_MS = 86_400_000;

/** A child's record: a left-behind child, or born less than 18 years ago. The whole record is sensitive. */
export function isChild(
  kinds: readonly RecipientKind[] | readonly string[],
  birthYear: number | null,
  now = new Date(),
): boolean {
  if (kinds.includes('left_behind_child')) return true;
  return birthYear !== null && now.getUTCFullYear() - birthYear < CHILD_AGE;
}

/** A name with its middle hidden: 王小明 → 王*明, 王明 → 王*, 欧阳小明 → 欧**明. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** When the next visit is due: the last visit (or registration) plus the frequency. */
export function nextDueAt(lastVisitAt: string | null, registeredAt: string, frequencyDays: number): string {
  const from = Date.parse(lastVisitAt ?? registeredAt);
  return new Date(from + frequencyDays * DAY_MS).toISOString();
}

/** Whole days a visit is overdue (0 when not yet due). */
export function overdueDays(nextDue: string, now = new Date()): number {
  const late = now.getTime() - Date.parse(nextDue);
  return late > 0 ? Math.floor(late / DAY_MS) : 0;
}

export const isOverdue = (nextDue: string, now = new Date()): boolean => Date.parse(nextDue) < now.getTime();

/**
 * The next time the overdue job tells the paired members: once per period, so the first notice at the
 * due time, the next one a full period later if there is still no visit.
 */
export function nextNoticeAt(notifyAt: string, frequencyDays: number, now = new Date()): string {
  const period = frequencyDays * DAY_MS;
  let at = Date.parse(notifyAt);
  while (at <= now.getTime()) at += period;
  return new Date(at).toISOString();
}

/** Service hours for a visit's minutes, to the half hour (at least half an hour). */
export function visitHours(minutes: number): number {
  return Math.max(0.5, Math.round(minutes / 30) / 2);
}

/** Minutes as hours with one decimal, for figures. */
export const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 10) / 10;

/** The Asia/Shanghai month (YYYY-MM) of an instant. */
/** The Asia/Shanghai month of an instant. */
export const shanghaiMonthOf = shanghaiMonth;

/** Months from..to inclusive (YYYY-MM). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    if (out.length > 120) break;
  }
  return out;
}

/** The default figures range: the 12 months ending with `to` (default this month). */
export function defaultRange(q: { from?: string | undefined; to?: string | undefined }, now = new Date()) {
  const to = q.to ?? shanghaiMonthOf(now);
  if (q.from) return { from: q.from, to };
  const [y, m] = to.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 11, 1));
  return { from: start.toISOString().slice(0, 7), to };
}
