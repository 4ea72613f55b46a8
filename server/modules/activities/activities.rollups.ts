/**
 * The figures' monthly cells (migration 0009): held activities' sums per month × village × kind
 * (`activity_month_figures`) and teams' contributions per month × team × kind
 * (`activity_month_team_figures`). A cell is recomputed from its few rows rather than adjusted by
 * differences, so it cannot drift; `refreshTotals` calls `refreshCells` in the change's transaction.
 */
import { type RawBuilder, sql } from 'kysely';
import { HELD_STATES } from '../../../common/activities/lifecycle.ts';
import type { Db } from './activities.repo.ts';

const HELD = HELD_STATES as readonly string[];

/** The cell key of a held activity, or null when it is not held. */
export function rollupKey(a: { state: string; month: string; village_id: string | null; kind: string }): string | null {
  return HELD.includes(a.state) ? `${a.month}|${a.village_id ?? ''}|${a.kind}` : null;
}

export const teamCellKey = (c: { month: string; team_id: string; kind: string }): string =>
  `${c.month}|${c.team_id}|${c.kind}`;

const heldList = sql.join(HELD.map((s) => sql.lit(s)));

/** Inserts the activity cells of the held activities `where` selects (a cell key, or a whole town). */
const insertActivityCells = (db: Db, where: RawBuilder<unknown>) =>
  sql`insert into activity_month_figures
      (town_id, id, month, village_key, kind, held, served, reach, deeds, signups, attended, no_shows, hours)
    select town_id, rollup_key, min(month), coalesce(min(village_id), ''), min(kind), count(*), sum(served),
      sum(coalesce(reach, 0)), sum(deeds), sum(signups), sum(attended), sum(no_shows), sum(hours)
    from activities where rollup_key is not null and ${where}
    group by town_id, rollup_key`.execute(db);

/** Inserts the team cells of the held contribution rows `where` selects. */
const insertTeamCells = (db: Db, where: RawBuilder<unknown>) =>
  sql`insert into activity_month_team_figures
      (town_id, id, month, team_id, kind, held, served, reach, deeds, signups, attended, no_shows, hours)
    select town_id, month || '|' || team_id || '|' || kind, month, team_id, kind, count(*), sum(served),
      sum(reach), sum(deeds), sum(signups), sum(attended), sum(no_shows), sum(hours)
    from activity_team_figures where state in (${heldList}) and ${where}
    group by town_id, month, team_id, kind`.execute(db);

async function refreshActivityCell(db: Db, townId: string, key: string): Promise<void> {
  await db.deleteFrom('activity_month_figures').where('town_id', '=', townId).where('id', '=', key).execute();
  await insertActivityCells(db, sql`town_id = ${townId} and rollup_key = ${key}`);
}

async function refreshTeamCell(
  db: Db,
  townId: string,
  cell: { month: string; team_id: string; kind: string },
): Promise<void> {
  await db
    .deleteFrom('activity_month_team_figures')
    .where('town_id', '=', townId)
    .where('id', '=', teamCellKey(cell))
    .execute();
  await insertTeamCells(
    db,
    sql`town_id = ${townId} and team_id = ${cell.team_id} and month = ${cell.month} and kind = ${cell.kind}`,
  );
}

/**
 * Recomputes the cells an activity left and entered. `before`/`after` are its activity cell keys
 * and its held contribution cells before and after the change.
 */
export async function refreshCells(
  db: Db,
  townId: string,
  before: { key: string | null; teams: { month: string; team_id: string; kind: string }[] },
  after: { key: string | null; teams: { month: string; team_id: string; kind: string }[] },
): Promise<void> {
  for (const key of new Set([before.key, after.key])) if (key) await refreshActivityCell(db, townId, key);
  const cells = new Map([...before.teams, ...after.teams].map((c) => [teamCellKey(c), c]));
  for (const cell of cells.values()) await refreshTeamCell(db, townId, cell);
}

/** Rebuilds a town's cells from its activities (the demo seed and the bench generator load in bulk). */
export async function rebuildRollups(db: Db, townId: string): Promise<void> {
  await sql`update activities set rollup_key = case when state in (${heldList})
      then month || '|' || coalesce(village_id, '') || '|' || kind end
    where town_id = ${townId}`.execute(db);
  await db.deleteFrom('activity_month_figures').where('town_id', '=', townId).execute();
  await insertActivityCells(db, sql`town_id = ${townId}`);
  await db.deleteFrom('activity_month_team_figures').where('town_id', '=', townId).execute();
  await insertTeamCells(db, sql`town_id = ${townId}`);
}
