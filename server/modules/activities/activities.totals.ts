/**
 * Keeps an activity's totals current: per stall and per activity (places taken, waiting list,
 * attended, no-shows, hours, people served, deeds), the per-team contribution rows and the monthly
 * cells the figures read. Called at the end of every change, inside its transaction, so figures never scan sign-ups.
 */
import { contributions, roundHours } from '../../../common/activities/figures.ts';
import { HELD_STATES, PLACE_TAKING } from '../../../common/activities/lifecycle.ts';
import { newId } from '../../platform/ids.ts';
import type { Db } from './activities.repo.ts';
import { refreshCells, rollupKey } from './activities.rollups.ts';

interface Counts {
  taken: number;
  waitlisted: number;
  attended: number;
  no_shows: number;
  hours: number;
}
const zero = (): Counts => ({ taken: 0, waitlisted: 0, attended: 0, no_shows: 0, hours: 0 });

export async function refreshTotals(db: Db, townId: string, activityId: string): Promise<void> {
  const activity = await db
    .selectFrom('activities')
    .select(['state', 'start_at', 'kind', 'reach', 'village_id', 'month', 'rollup_key'])
    .where('town_id', '=', townId)
    .where('id', '=', activityId)
    .executeTakeFirstOrThrow();
  const [teams, stalls, signups, heldBefore] = await Promise.all([
    db
      .selectFrom('activity_teams')
      .select('team_id')
      .where('town_id', '=', townId)
      .where('activity_id', '=', activityId)
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('activity_stalls')
      .select(['id', 'team_id', 'served', 'deeds', 'taken', 'waitlisted', 'attended', 'no_shows', 'hours'])
      .where('town_id', '=', townId)
      .where('activity_id', '=', activityId)
      .execute(),
    db
      .selectFrom('activity_signups')
      .select(['stall_id', 'state', 'hours'])
      .where('town_id', '=', townId)
      .where('activity_id', '=', activityId)
      .execute(),
    // The team cells it was counted in: only a held activity (one with a rollup key) has any.
    activity.rollup_key
      ? db
          .selectFrom('activity_team_figures')
          .select(['month', 'team_id', 'kind'])
          .where('town_id', '=', townId)
          .where('activity_id', '=', activityId)
          .where('state', 'in', [...HELD_STATES])
          .execute()
      : [],
  ]);
  const all = zero();
  const perStall = new Map<string, Counts>(stalls.map((s) => [s.id, zero()]));
  const add = (c: Counts, s: { state: string; hours: number | null }) => {
    if ((PLACE_TAKING as readonly string[]).includes(s.state)) c.taken += 1;
    if (s.state === 'waitlisted') c.waitlisted += 1;
    if (s.state === 'attended') c.attended += 1;
    if (s.state === 'no_show') c.no_shows += 1;
    c.hours = roundHours(c.hours + Number(s.hours ?? 0));
  };
  for (const s of signups) {
    add(all, s);
    const c = s.stall_id ? perStall.get(s.stall_id) : undefined;
    if (c) add(c, s);
  }
  for (const s of stalls) {
    const c = perStall.get(s.id) ?? zero();
    if (
      c.taken !== s.taken ||
      c.waitlisted !== s.waitlisted ||
      c.attended !== s.attended ||
      c.no_shows !== s.no_shows ||
      c.hours !== Number(s.hours)
    )
      await db.updateTable('activity_stalls').set(c).where('town_id', '=', townId).where('id', '=', s.id).execute();
  }
  const placed = signups.filter((s) => ['signed_up', 'attended', 'no_show'].includes(s.state)).length;
  const key = rollupKey(activity);
  await db
    .updateTable('activities')
    .set({
      ...all,
      rollup_key: key,
      signups: placed,
      served: stalls.reduce((n, s) => n + (s.served ?? 0), 0),
      deeds: stalls.reduce((n, s) => n + (s.deeds ?? 0), 0),
    })
    .where('town_id', '=', townId)
    .where('id', '=', activityId)
    .execute();

  const stallTeam = new Map(stalls.map((s) => [s.id, s.team_id]));
  const rows = contributions({
    teamIds: teams.map((t) => t.team_id),
    reach: activity.reach,
    stalls: stalls.map((s) => ({ teamId: s.team_id, served: s.served, deeds: s.deeds })),
    signups: signups.map((s) => ({
      stallTeamId: s.stall_id ? (stallTeam.get(s.stall_id) ?? null) : null,
      state: s.state,
      hours: s.hours === null ? null : Number(s.hours),
    })),
  });
  await db
    .deleteFrom('activity_team_figures')
    .where('town_id', '=', townId)
    .where('activity_id', '=', activityId)
    .execute();
  if (rows.length)
    await db
      .insertInto('activity_team_figures')
      .values(
        rows.map((r) => ({
          town_id: townId,
          id: newId(),
          activity_id: activityId,
          team_id: r.teamId,
          state: activity.state,
          start_at: activity.start_at,
          kind: activity.kind,
          village_id: activity.village_id,
          month: activity.month,
          served: r.served,
          deeds: r.deeds,
          reach: r.reach,
          signups: r.signups,
          attended: r.attended,
          no_shows: r.noShows,
          hours: r.hours,
        })),
      )
      .execute();

  // The monthly cells it left and entered (only held activities are counted there).
  if (activity.rollup_key || key)
    await refreshCells(
      db,
      townId,
      { key: activity.rollup_key, teams: heldBefore },
      { key, teams: key ? rows.map((r) => ({ month: activity.month, team_id: r.teamId, kind: activity.kind })) : [] },
    );
}
