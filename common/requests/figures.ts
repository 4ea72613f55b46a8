/**
 * The figures a town lives by, defined once (the server computes, the web and docs explain):
 *
 * - completion rate 办结率 = resolved ÷ (resolved + closed-unresolved + open past due)
 * - on-time rate 按时办结率 = resolved by the due date ÷ resolved
 * - satisfaction rate 满意率 = ratings of 4–5 ÷ all ratings
 * - average handling time = mean hours from submission to resolution (either outcome)
 *
 * "Resolved" means the outcome `resolved` (whatever happened after: rated, archived);
 * "closed-unresolved" the outcome `unresolved`. Rates are null when nothing is counted yet.
 */

export interface FigureCounts {
  /** Outcome resolved. */
  resolved: number;
  /** Outcome closed-unresolved. */
  unresolved: number;
  /** Still open and past the due date. */
  openPastDue: number;
  /** Resolved on or before the due date. */
  resolvedOnTime: number;
  /** Ratings given, and those of 4 or 5. */
  ratings: number;
  satisfied: number;
  /** Sum of hours from submission to resolution, and how many were summed. */
  handlingHours: number;
  handled: number;
}

const ratio = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null;

export function completionRate(c: FigureCounts): number | null {
  return ratio(c.resolved, c.resolved + c.unresolved + c.openPastDue);
}

export function onTimeRate(c: FigureCounts): number | null {
  return ratio(c.resolvedOnTime, c.resolved);
}

export function satisfactionRate(c: FigureCounts): number | null {
  return ratio(c.satisfied, c.ratings);
}

export function avgHandlingHours(c: FigureCounts): number | null {
  return c.handled > 0 ? Math.round((c.handlingHours / c.handled) * 10) / 10 : null;
}

/** A rating counts as satisfied from this score up. */
export const SATISFIED_FROM = 4;
