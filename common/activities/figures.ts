/**
 * Activity figures — the definitions (server and web use these words; the server computes them):
 *
 * - **held 开展活动数**: activities in state `done` or `reported` (cancelled and future ones are not held).
 *   The date range filters on the activity's start (Asia/Shanghai dates).
 * - **served 服务人次 (stall)**: the sum of people served recorded per stall; a stall without results counts 0.
 * - **reach 宣传覆盖人次**: people reached by a campaign outside stalls (talks, leaflets), entered with the summary.
 * - **personTimes 人次** = served + reach.
 * - **deeds 实事**: the sum of deeds recorded per stall.
 * - **signups 报名**: sign-ups that held a place — signed up, attended or no-show (waiting list and
 *   cancelled sign-ups are not counted).
 * - **attended 到场** / **noShows 缺席**: at `finish`, sign-ups still `signed_up` become no-shows.
 * - **attendanceRate 到场率** = attended ÷ (attended + no-shows); null when both are 0.
 * - **hours 志愿服务时长**: hours recorded at check-out (each also goes to the member's service-hours
 *   ledger as pending; approval there does not change this figure, rejection neither).
 *
 * Groups:
 * - **by village**: the activity's village (or the workstation's); activities without one group under `town`.
 * - **by month**: the Asia/Shanghai month of the start.
 * - **by kind**: the activity kind.
 * - **by team**: what each team contributed — a stall's served, deeds and its sign-ups go to the team
 *   staffing the stall (the lead organising team when the stall has none); reach and sign-ups not
 *   tied to a stall go to the lead team (the first organising team). An activity counts as held for
 *   every team that organises it or staffs one of its stalls, so team groups do not add up to the
 *   town's `held`, but they do add up for every other figure.
 *
 * Scope: the town admin sees the town; a village admin the activities in their villages; a team
 * leader their team's contributions (the team groups of their teams, and totals over them).
 */

export interface StallFacts {
  teamId: string | null;
  served: number | null;
  deeds: number | null;
}

export interface SignupFacts {
  /** The team of the stall signed up for (null for the activity itself or a stall without a team). */
  stallTeamId: string | null;
  state: string;
  hours: number | null;
}

export interface Contribution {
  teamId: string;
  served: number;
  deeds: number;
  reach: number;
  signups: number;
  attended: number;
  noShows: number;
  hours: number;
}

const PLACED = new Set(['signed_up', 'attended', 'no_show']);

/** Rounds hours to one decimal, as the ledger does. */
export const roundHours = (h: number): number => Math.round(h * 10) / 10;

/** What each team contributed to one activity (see the definitions above). */
export function contributions(activity: {
  teamIds: readonly string[];
  reach: number | null;
  stalls: readonly StallFacts[];
  signups: readonly SignupFacts[];
}): Contribution[] {
  const lead = activity.teamIds[0] ?? null;
  const byTeam = new Map<string, Contribution>();
  const of = (teamId: string): Contribution => {
    let c = byTeam.get(teamId);
    if (!c) {
      c = { teamId, served: 0, deeds: 0, reach: 0, signups: 0, attended: 0, noShows: 0, hours: 0 };
      byTeam.set(teamId, c);
    }
    return c;
  };
  for (const id of activity.teamIds) of(id);
  if (lead) of(lead).reach += activity.reach ?? 0;
  for (const s of activity.stalls) {
    const team = s.teamId ?? lead;
    if (!team) continue;
    const c = of(team);
    c.served += s.served ?? 0;
    c.deeds += s.deeds ?? 0;
  }
  for (const s of activity.signups) {
    const team = s.stallTeamId ?? lead;
    if (!team) continue;
    const c = of(team);
    if (PLACED.has(s.state)) c.signups += 1;
    if (s.state === 'attended') c.attended += 1;
    if (s.state === 'no_show') c.noShows += 1;
    c.hours = roundHours(c.hours + (s.hours ?? 0));
  }
  return [...byTeam.values()];
}

/** attended ÷ (attended + no-shows), to 4 decimals; null when nobody was expected. */
export function attendanceRate(attended: number, noShows: number): number | null {
  const expected = attended + noShows;
  return expected === 0 ? null : Math.round((attended / expected) * 10000) / 10000;
}

/** Volunteer hours between check-in and check-out: to one decimal, never negative, at most 12 per day. */
export function attendanceHours(checkInAt: string, checkOutAt: string): number {
  const h = (Date.parse(checkOutAt) - Date.parse(checkInAt)) / 3600_000;
  return roundHours(Math.min(12, Math.max(0, h)));
}
