/**
 * The town's request figures per month (migration 0010): for every Asia/Shanghai month of
 * submission, status and grouping (the whole town, and each team, village and category), the
 * counts behind the figures (common/requests/figures.ts) except "open past due", which changes
 * with the clock and is counted live from the few open requests. Intake adds its requests' cells
 * and every lifecycle step moves a request's cells (its old contribution out, its new one in) in
 * the step's transaction; merged requests are not counted, as in the figures.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import { SATISFIED_FROM } from '../../../common/requests/figures.ts';
import type { DB, RequestTable } from '../../db/schema.ts';
import { shanghaiMonth } from '../../../common/requests/calendar.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** The columns a request's figures depend on. */
export const FIGURE_FACTS = [
  'status',
  'outcome',
  'due_at',
  'resolved_at',
  'rating',
  'created_at',
  'team_id',
  'village_id',
  'category_id',
] as const;
export type FigureFacts = Pick<RequestTable, (typeof FIGURE_FACTS)[number]>;

/** The groupings a cell belongs to: the town, or one team, village or category ('' for none). */
export const DIMENSIONS = ['all', 'team', 'village', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Cell {
  id: string;
  month: string;
  dim: Dimension;
  key: string;
  status: string;
  total: number;
  resolved: number;
  unresolved: number;
  resolved_on_time: number;
  ratings: number;
  satisfied: number;
  handling_hours: number;
  handled: number;
}

/** The summed columns of a cell. */
export const COUNTS = [
  'total',
  'resolved',
  'unresolved',
  'resolved_on_time',
  'ratings',
  'satisfied',
  'handling_hours',
  'handled',
] as const;

/** A request's contribution to its four cells (none when merged), times `sign`. */
export function cellsOf(r: FigureFacts, sign: 1 | -1): Cell[] {
  if (r.status === 'merged') return [];
  const month = shanghaiMonth(r.created_at);
  const resolved = r.outcome === 'resolved';
  const counts = {
    total: sign,
    resolved: resolved ? sign : 0,
    unresolved: r.outcome === 'unresolved' ? sign : 0,
    resolved_on_time: resolved && r.due_at !== null && r.resolved_at !== null && r.resolved_at <= r.due_at ? sign : 0,
    ratings: r.rating !== null ? sign : 0,
    satisfied: r.rating !== null && r.rating >= SATISFIED_FROM ? sign : 0,
    handling_hours: r.resolved_at ? (sign * (Date.parse(r.resolved_at) - Date.parse(r.created_at))) / 3600_000 : 0,
    handled: r.resolved_at ? sign : 0,
  };
  const keys: Record<Dimension, string> = {
    all: '',
    team: r.team_id ?? '',
    village: r.village_id ?? '',
    category: r.category_id,
  };
  return DIMENSIONS.map((dim) => ({
    id: `${month}|${dim}|${keys[dim]}|${r.status}`,
    month,
    dim,
    key: keys[dim],
    status: r.status,
    ...counts,
  }));
}

/** Adds cells with the same id together and drops those that add up to nothing. */
export function combine(cells: Cell[]): Cell[] {
  const out = new Map<string, Cell>();
  for (const c of cells) {
    const m = out.get(c.id);
    if (!m) out.set(c.id, { ...c });
    else for (const f of COUNTS) m[f] += c[f];
  }
  return [...out.values()].filter((c) => COUNTS.some((f) => Math.abs(c[f]) > 1e-9));
}

/** Adds `cells` to the town's rollup (upserts: a cell that is not there yet starts from zero). */
export async function addCells(db: Db, townId: string, cells: Cell[]): Promise<void> {
  const rows = combine(cells);
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('request_month_figures')
      .values(rows.slice(i, i + 200).map((c) => ({ town_id: townId, ...c })))
      .onConflict((oc) =>
        oc
          .columns(['town_id', 'id'])
          .doUpdateSet(
            Object.fromEntries(
              COUNTS.map((f) => [f, sql`${sql.ref(`request_month_figures.${f}`)} + ${sql.ref(`excluded.${f}`)}`]),
            ) as never,
          ),
      )
      .execute();
}

/** Moves a request's contribution from what it was to what it is (either may be null). */
export async function moveCells(
  db: Db,
  townId: string,
  before: FigureFacts | null,
  after: FigureFacts | null,
): Promise<void> {
  const cells = [...(before ? cellsOf(before, -1) : []), ...(after ? cellsOf(after, 1) : [])];
  if (cells.length) await addCells(db, townId, cells);
}

/**
 * Recomputes a town's cells from its requests (after loading in bulk: the demo seed, the bench
 * generator, the migration that made the table). Reads the requests in pages by id.
 */
export async function rebuildRequestFigures(db: Db, townId: string): Promise<void> {
  await db.deleteFrom('request_month_figures').where('town_id', '=', townId).execute();
  const all = new Map<string, Cell>();
  let after = '';
  for (;;) {
    const page = await db
      .selectFrom('requests')
      .select(['id', ...FIGURE_FACTS])
      .where('town_id', '=', townId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    for (const r of page)
      for (const c of cellsOf(r, 1)) {
        const m = all.get(c.id);
        if (!m) all.set(c.id, c);
        else for (const f of COUNTS) m[f] += c[f];
      }
    if (page.length < 5000) break;
    after = page[page.length - 1]!.id;
  }
  await addCells(db, townId, [...all.values()]);
}
