/**
 * Figures over the caller's scope (definitions in common/activities/figures.ts) and the public
 * calendar. Both read only `activities` (with its kept totals) and `activity_team_figures`,
 * along the indexes of migration 0006.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { attendanceRate, roundHours } from '../../../common/activities/figures.ts';
import { HELD_STATES } from '../../../common/activities/lifecycle.ts';
import type {
  ActivityFigures,
  FiguresQuery,
  PublicActivitiesQuery,
  PublicActivity,
} from '../../../common/activities/schemas.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { scopeOf } from '../../platform/actor.ts';
import { forbidden } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { monthSpan } from '../../platform/months.ts';
import { dayAfter, dayStart } from './activities.shared.ts';

type Query = z.output<typeof FiguresQuery>;
interface Sums {
  held: number | string | null;
  served: number | string | null;
  reach: number | string | null;
  deeds: number | string | null;
  signups: number | string | null;
  attended: number | string | null;
  no_shows: number | string | null;
  hours: number | string | null;
}

/** The summed figures, as columns of the rows, the cells and the query results alike. */
const SUMS = ['held', 'served', 'reach', 'deeds', 'signups', 'attended', 'no_shows', 'hours'] as const;
const num = (v: number | string | null | undefined) => Number(v ?? 0);

function figures(s: Sums | undefined) {
  const served = num(s?.served);
  const reach = num(s?.reach);
  const attended = num(s?.attended);
  const noShows = num(s?.no_shows);
  return {
    held: num(s?.held),
    personTimes: served + reach,
    served,
    reach,
    deeds: num(s?.deeds),
    signups: num(s?.signups),
    attended,
    noShows,
    attendanceRate: attendanceRate(attended, noShows),
    hours: roundHours(num(s?.hours)),
  };
}

export async function activityFigures(ctx: Ctx, q: Query): Promise<ActivityFigures> {
  if (!ctx.actor.permissions.includes('stats.read')) throw forbidden();
  const townId = ctx.actor.townId;
  const scope = scopeOf(ctx.actor);
  // The town; a village admin's villages; otherwise a leader's teams' contributions.
  const mode = scope.town ? 'town' : scope.villageIds.length ? 'village' : scope.teamIds.length ? 'team' : null;
  if (!mode) throw forbidden();
  const from = q.from ? dayStart(q.from) : null;
  const to = q.to ? dayAfter(q.to) : null;
  const held = [...HELD_STATES];

  const activities = (states: string[] | null) => {
    let b = ctx.db.selectFrom('activities as a').where('a.town_id', '=', townId);
    if (mode === 'village') b = b.where('a.village_id', 'in', scope.villageIds);
    if (states) b = b.where('a.state', 'in', states);
    if (from) b = b.where('a.start_at', '>=', from);
    if (to) b = b.where('a.start_at', '<', to);
    if (q.kind) b = b.where('a.kind', '=', q.kind);
    return b;
  };
  const teamRows = () => {
    let b = ctx.db.selectFrom('activity_team_figures as f').where('f.town_id', '=', townId);
    if (mode === 'village') b = b.where('f.village_id', 'in', scope.villageIds);
    if (mode === 'team') b = b.where('f.team_id', 'in', scope.teamIds);
    b = b.where('f.state', 'in', held);
    if (from) b = b.where('f.start_at', '>=', from);
    if (to) b = b.where('f.start_at', '<', to);
    if (q.kind) b = b.where('f.kind', '=', q.kind);
    return b;
  };
  // One contribution row per activity and team: rows of one team count activities with count(*).
  const sumsOf = (t: 'a' | 'f', distinct = false) => [
    distinct ? sql<number>`count(distinct f.activity_id)`.as('held') : sql<number>`count(*)`.as('held'),
    sql<number>`sum(${sql.ref(`${t}.served`)})`.as('served'),
    sql<number>`sum(coalesce(${sql.ref(`${t}.reach`)}, 0))`.as('reach'),
    sql<number>`sum(${sql.ref(`${t}.deeds`)})`.as('deeds'),
    sql<number>`sum(${sql.ref(`${t}.signups`)})`.as('signups'),
    sql<number>`sum(${sql.ref(`${t}.attended`)})`.as('attended'),
    sql<number>`sum(${sql.ref(`${t}.no_shows`)})`.as('no_shows'),
    sql<number>`sum(${sql.ref(`${t}.hours`)})`.as('hours'),
  ];

  // Upcoming and cancelled: a leader counts the activities their teams organise.
  let counts = activities(null);
  if (mode === 'team')
    counts = counts.where((eb) =>
      eb.exists(
        eb
          .selectFrom('activity_teams as at')
          .select('at.id')
          .whereRef('at.town_id', '=', 'a.town_id')
          .whereRef('at.activity_id', '=', 'a.id')
          .where('at.team_id', 'in', scope.teamIds),
      ),
    );
  const manyTeams = mode !== 'team' || scope.teamIds.length > 1;
  const span = monthSpan(q.from, q.to);

  type Group = 'team' | 'village' | 'month' | 'kind' | null;
  type Row = Sums & { key: string | null };
  const COLUMN = { team: 'team_id', village: 'village_id', month: 'month', kind: 'kind' } as const;
  /** Held activities' sums, per group, from the rows themselves over `range` (start_at bounds). */
  const raw = async (group: Group, range: [string | null, string | null]): Promise<Row[]> => {
    const perTeam = group === 'team' || mode === 'team';
    const distinct = group !== 'team' && mode === 'team' && manyTeams;
    // Either builder: everything below names its columns through the alias `t`.
    let b = (perTeam ? teamRows() : activities(held)) as ReturnType<typeof activities>;
    const t = perTeam ? 'f' : 'a';
    if (range[0]) b = b.where(sql.ref(`${t}.start_at`), '>=', range[0]);
    if (range[1]) b = b.where(sql.ref(`${t}.start_at`), '<', range[1]);
    if (!group) return [{ key: null, ...((await b.select(sumsOf(t, distinct)).executeTakeFirst()) as Sums) }];
    // By an expression: SQLite would otherwise walk a whole index in the column's order.
    const key = sql<string | null>`${sql.ref(`${t}.${COLUMN[group]}`)} || ''`;
    return (await b
      .select([key.as('key'), ...sumsOf(t, distinct)])
      .groupBy(key as never)
      .execute()) as Row[];
  };
  /** The same from the monthly cells over whole months (migration 0009), where they apply. */
  const cells = async (group: Group): Promise<Row[] | null> => {
    if (!span.months || mode === 'village' || (mode === 'team' && (manyTeams || group === 'village'))) return null;
    const [first, last] = span.months;
    const perTeam = group === 'team' || mode === 'team';
    // Either table: the columns used are common to both, or named through sql.ref.
    let b = ctx.db
      .selectFrom(
        (perTeam ? 'activity_month_team_figures as c' : 'activity_month_figures as c') as 'activity_month_figures as c',
      )
      .where('c.town_id', '=', townId);
    if (mode === 'team') b = b.where(sql.ref('c.team_id'), 'in', scope.teamIds);
    if (first) b = b.where('c.month', '>=', first);
    if (last) b = b.where('c.month', '<=', last);
    if (q.kind) b = b.where('c.kind', '=', q.kind);
    const sums = SUMS.map((c) => sql<number>`sum(${sql.ref(`c.${c}`)})`.as(c));
    if (!group) return [{ key: null, ...((await b.select(sums).executeTakeFirst()) as Sums) }];
    const column = sql.ref(`c.${group === 'village' ? 'village_key' : COLUMN[group]}`);
    const rows = (await b
      .select([sql<string | null>`${column}`.as('key'), ...sums])
      .groupBy(column as never)
      .execute()) as Row[];
    return group === 'village' ? rows.map((r) => ({ ...r, key: r.key || null })) : rows;
  };
  /** Whole months from the cells and the days around them from the rows; otherwise all from the rows. */
  const sumsBy = async (group: Group): Promise<Row[]> => {
    const fromCells = await cells(group);
    const parts = fromCells
      ? [fromCells, ...(await Promise.all(span.edges.map((range) => raw(group, range))))]
      : [await raw(group, [from, to])];
    const merged = new Map<string | null, Row>();
    for (const row of parts.flat()) {
      const m = merged.get(row.key);
      if (!m) merged.set(row.key, { ...row });
      else for (const f of SUMS) m[f] = num(m[f]) + num(row[f]);
    }
    return [...merged.values()];
  };

  const [byState, [totals]] = await Promise.all([
    counts
      .where('a.state', 'in', ['planned', 'published', 'cancelled'])
      .select(['a.state', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('a.state')
      .execute(),
    sumsBy(null),
  ]);
  const count = (states: string[]) => byState.filter((s) => states.includes(s.state)).reduce((n, s) => n + num(s.n), 0);

  let rows: (Row & { name?: string })[] = [];
  if (q.groupBy === 'team') {
    rows = await sumsBy('team');
    const teams = await ctx.db
      .selectFrom('teams')
      .select(['id', 'name', 'sort'])
      .where('town_id', '=', townId)
      .orderBy('sort')
      .orderBy('name')
      .execute();
    const order = new Map(teams.map((t, i) => [t.id, i]));
    rows = rows
      .map((r) => ({ ...r, name: teams.find((t) => t.id === r.key)?.name ?? r.key ?? '' }))
      .sort((a, b) => (order.get(a.key ?? '') ?? 0) - (order.get(b.key ?? '') ?? 0));
  } else if (q.groupBy) rows = await sumsBy(q.groupBy);
  const names = new Map<string, string>();
  if (q.groupBy === 'village') {
    const ids = rows.map((r) => r.key).filter((k): k is string => !!k);
    if (ids.length)
      for (const v of await ctx.db
        .selectFrom('villages')
        .select(['id', 'name'])
        .where('town_id', '=', townId)
        .where('id', 'in', ids)
        .execute())
        names.set(v.id, v.name);
  }
  const kindNames: Record<string, [string, string]> = {
    service_day: ['便民示范日', 'Service day'],
    campaign: ['宣传活动', 'Campaign'],
    training: ['培训', 'Training'],
    visit_drive: ['走访', 'Visit drive'],
    other: ['其他', 'Other'],
  };
  const en = ctx.lang === 'en';
  const groups = rows.map((r) => {
    const key = r.key ?? 'town';
    const name =
      r.name ??
      (q.groupBy === 'village'
        ? (names.get(key) ?? (en ? 'Town-wide' : '镇级'))
        : q.groupBy === 'kind'
          ? (kindNames[key]?.[en ? 1 : 0] ?? key)
          : key);
    return { key, name, ...figures(r) };
  });
  if (q.groupBy === 'month') groups.sort((a, b) => a.key.localeCompare(b.key));
  else if (q.groupBy !== 'team') groups.sort((a, b) => b.held - a.held || a.name.localeCompare(b.name));
  return {
    ...figures(totals),
    upcoming: count(['planned', 'published']),
    cancelled: count(['cancelled']),
    groups,
  };
}

/** Upcoming published service days and campaigns of a town: place, time, teams and stall kinds only. */
export async function publicCalendar(
  deps: Deps,
  townId: string,
  q: z.output<typeof PublicActivitiesQuery>,
): Promise<PublicActivity[]> {
  let query = deps.db
    .selectFrom('activities as a')
    .leftJoin('workstations as w', (j) => j.onRef('w.town_id', '=', 'a.town_id').onRef('w.id', '=', 'a.workstation_id'))
    .leftJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'a.town_id').onRef('v.id', '=', 'a.village_id'))
    .select([
      'a.id',
      'a.kind',
      'a.title',
      'a.start_at',
      'a.end_at',
      'a.address',
      'a.description',
      'w.name as workstation_name',
      'w.address as workstation_address',
      'v.name as village_name',
    ])
    .where('a.town_id', '=', townId)
    .where('a.state', 'in', ['published', 'under_way'])
    .where('a.end_at', '>', nowIso());
  query = q.kind ? query.where('a.kind', '=', q.kind) : query.where('a.kind', 'in', ['service_day', 'campaign']);
  const rows = await query.orderBy('a.start_at').orderBy('a.id').limit(q.limit).execute();
  const ids = rows.map((r) => r.id);
  const [teams, kinds] = ids.length
    ? await Promise.all([
        deps.db
          .selectFrom('activity_teams as at')
          .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'at.town_id').onRef('t.id', '=', 'at.team_id'))
          .select(['at.activity_id', 't.name', 't.colour'])
          .where('at.town_id', '=', townId)
          .where('at.activity_id', 'in', ids)
          .orderBy('at.sort')
          .execute(),
        deps.db
          .selectFrom('activity_stalls as s')
          .innerJoin('stall_kinds as k', (j) => j.onRef('k.town_id', '=', 's.town_id').onRef('k.id', '=', 's.kind_id'))
          .select(['s.activity_id', 'k.code', 'k.name'])
          .where('s.town_id', '=', townId)
          .where('s.activity_id', 'in', ids)
          .orderBy('s.sort')
          .execute(),
      ])
    : [[], []];
  return rows.map((r) => {
    const stallKinds = new Map<string, string>();
    for (const k of kinds) if (k.activity_id === r.id) stallKinds.set(k.code, k.name);
    return {
      id: r.id,
      kind: r.kind as PublicActivity['kind'],
      title: r.title,
      startAt: r.start_at,
      endAt: r.end_at,
      placeName: r.workstation_name,
      address: r.address ?? r.workstation_address,
      villageName: r.village_name,
      teams: teams.filter((t) => t.activity_id === r.id).map((t) => ({ name: t.name, color: t.colour })),
      stallKinds: [...stallKinds].map(([code, name]) => ({ code, name })),
      description: r.description,
    };
  });
}
