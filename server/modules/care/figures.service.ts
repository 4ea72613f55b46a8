/**
 * Care figures (definitions in common/care/figures.ts). Visit figures read the rollups kept with each
 * visit (`care_visit_stats`: months × villages × teams rows; `care_recipient_months`), never the
 * visits themselves, so a million visits cost the same as a thousand. Recipient figures read the
 * registry through `(town_id, village_id, status)` and `(town_id, status, next_due_at)`.
 */
import { sql } from 'kysely';
import type { z } from 'zod';
import { type CareFigures, type FiguresQuery, RECIPIENT_KINDS } from '../../../common/care/schemas.ts';
import { defaultRange, hoursOf, monthRange, shanghaiMonthOf } from '../../../common/care/figures.ts';
import { toCount } from '../../db/dialect.ts';
import type { Ctx } from '../../platform/context.ts';
import { nowIso } from '../../platform/ids.ts';
import { careAccess } from './care.policy.ts';

const n = (v: unknown) => toCount(v as number | string | undefined);

export async function careFigures(ctx: Ctx, q: z.output<typeof FiguresQuery>): Promise<CareFigures> {
  const townId = ctx.actor.townId;
  const a = careAccess(ctx.actor);
  const { from, to } = defaultRange(q);
  const villages = q.villageId ? [q.villageId] : a.town ? null : a.villageIds.length ? a.villageIds : ['-'];
  if (q.villageId && !a.town && !a.villageIds.includes(q.villageId)) villages?.splice(0, 1, '-');
  const now = nowIso();

  let stats = ctx.db
    .selectFrom('care_visit_stats')
    .select([
      'month',
      'village_id',
      'team_id',
      (eb) => eb.fn.sum<number>('visits').as('visits'),
      (eb) => eb.fn.sum<number>('minutes').as('minutes'),
      (eb) => eb.fn.sum<number>('problems').as('problems'),
      (eb) => eb.fn.sum<number>('requests').as('requests'),
    ])
    .where('town_id', '=', townId)
    .where('month', '>=', from)
    .where('month', '<=', to)
    .groupBy(['month', 'village_id', 'team_id']);
  if (villages) stats = stats.where('village_id', 'in', villages);
  if (q.teamId) stats = stats.where('team_id', '=', q.teamId);

  let kinds = ctx.db
    .selectFrom('care_recipients')
    .select([
      (eb) => eb.fn.countAll().as('total'),
      sql<number>`sum(case when next_due_at < ${now} then 1 else 0 end)`.as('overdue'),
      ...RECIPIENT_KINDS.flatMap((k) => [
        sql<number>`sum(case when kinds like ${`%"${k}"%`} then 1 else 0 end)`.as(`k_${k}`),
        sql<number>`sum(case when kinds like ${`%"${k}"%`} and next_due_at < ${now} then 1 else 0 end)`.as(`o_${k}`),
      ]),
    ])
    .where('town_id', '=', townId)
    .where('status', '=', 'active');
  if (villages) kinds = kinds.where('village_id', 'in', villages);

  let perVillage = ctx.db
    .selectFrom('care_recipients')
    .select([
      'village_id',
      (eb) => eb.fn.countAll().as('recipients'),
      sql<number>`sum(case when next_due_at < ${now} then 1 else 0 end)`.as('overdue'),
    ])
    .where('town_id', '=', townId)
    .where('status', '=', 'active')
    .groupBy('village_id');
  if (villages) perVillage = perVillage.where('village_id', 'in', villages);

  // Distinct recipients visited. For a range up to this month that is "last visit since the range
  // began", read from the registry (one row per recipient); older ranges read the recipient-month
  // set (a team's by its (town_id, team_id, month, recipient_id) index).
  const fromInstant = new Date(Date.parse(`${from}-01T00:00:00+08:00`)).toISOString();
  let visited;
  if (q.teamId && !villages) {
    visited = ctx.db
      .selectFrom('care_recipient_months')
      .select((eb) => eb.fn.count('recipient_id').distinct().as('n'))
      .where('town_id', '=', townId)
      .where('team_id', '=', q.teamId)
      .where('month', '>=', from)
      .where('month', '<=', to);
  } else if (q.teamId) {
    visited = ctx.db
      .selectFrom('care_visits')
      .select((eb) => eb.fn.count('recipient_id').distinct().as('n'))
      .where('town_id', '=', townId)
      .where('team_id', '=', q.teamId)
      .where('village_id', 'in', villages ?? [])
      .where('month', '>=', from)
      .where('month', '<=', to);
  } else if (to >= shanghaiMonthOf(new Date())) {
    let sub = ctx.db
      .selectFrom('care_recipients')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('town_id', '=', townId)
      .where('last_visit_at', '>=', fromInstant);
    if (villages) sub = sub.where('village_id', 'in', villages);
    visited = sub;
  } else if (villages) {
    visited = ctx.db
      .selectFrom('care_visits')
      .select((eb) => eb.fn.count('recipient_id').distinct().as('n'))
      .where('town_id', '=', townId)
      .where('village_id', 'in', villages)
      .where('month', '>=', from)
      .where('month', '<=', to);
  } else {
    visited = ctx.db
      .selectFrom('care_recipient_months')
      .select((eb) => eb.fn.count('recipient_id').distinct().as('n'))
      .where('town_id', '=', townId)
      .where('month', '>=', from)
      .where('month', '<=', to);
  }

  const [statRows, kindRow, villageRows, visitedRow, villageNames, teams] = await Promise.all([
    stats.execute(),
    kinds.executeTakeFirst(),
    perVillage.execute(),
    visited.executeTakeFirst(),
    ctx.db.selectFrom('villages').select(['id', 'name', 'sort']).where('town_id', '=', townId).execute(),
    ctx.db.selectFrom('teams').select(['id', 'name', 'colour', 'sort']).where('town_id', '=', townId).execute(),
  ]);

  type Sum = { visits: number; minutes: number; problems: number; requests: number };
  const zero = (): Sum => ({ visits: 0, minutes: 0, problems: 0, requests: 0 });
  const add = (s: Sum, r: { visits: unknown; minutes: unknown; problems: unknown; requests: unknown }) => {
    s.visits += n(r.visits);
    s.minutes += n(r.minutes);
    s.problems += n(r.problems);
    s.requests += n(r.requests);
  };
  const out = (s: Sum) => ({ visits: s.visits, hours: hoursOf(s.minutes), problems: s.problems, requests: s.requests });
  const total = zero();
  const byMonth = new Map(monthRange(from, to).map((m) => [m, zero()]));
  const byTeam = new Map<string, Sum>();
  const byVillage = new Map<string, Sum>();
  for (const r of statRows) {
    add(total, r);
    const m = byMonth.get(r.month);
    if (m) add(m, r);
    if (!byTeam.has(r.team_id)) byTeam.set(r.team_id, zero());
    add(byTeam.get(r.team_id) as Sum, r);
    if (!byVillage.has(r.village_id)) byVillage.set(r.village_id, zero());
    add(byVillage.get(r.village_id) as Sum, r);
  }
  const kr = (kindRow ?? {}) as Record<string, unknown>;
  const recipientsByVillage = new Map(villageRows.map((v) => [v.village_id, v]));
  const villageIds = new Set([...byVillage.keys(), ...recipientsByVillage.keys()]);
  const vname = new Map(villageNames.map((v) => [v.id, v]));
  const teamOf = new Map(teams.map((t) => [t.id, t]));
  return {
    from,
    to,
    totals: {
      recipients: n(kr.total),
      ...out(total),
      overdue: n(kr.overdue),
      recipientsVisited: n(visitedRow?.n),
    },
    byKind: RECIPIENT_KINDS.map((k) => ({ kind: k, recipients: n(kr[`k_${k}`]), overdue: n(kr[`o_${k}`]) })),
    byMonth: [...byMonth.entries()].map(([month, s]) => ({ month, ...out(s) })),
    byTeam: [...byTeam.entries()]
      .map(([id, s]) => {
        const t = teamOf.get(id);
        return {
          teamId: id || null,
          teamName: t?.name ?? null,
          colour: t?.colour ?? null,
          sort: t?.sort ?? 999,
          ...out(s),
        };
      })
      .sort((x, y) => x.sort - y.sort)
      .map(({ sort: _sort, ...rest }) => rest),
    byVillage: [...villageIds]
      .map((id) => {
        const v = recipientsByVillage.get(id);
        return {
          villageId: id,
          villageName: vname.get(id)?.name ?? '',
          sort: vname.get(id)?.sort ?? 999,
          recipients: n(v?.recipients),
          overdue: n(v?.overdue),
          ...out(byVillage.get(id) ?? zero()),
        };
      })
      .sort((x, y) => x.sort - y.sort)
      .map(({ sort: _sort, ...rest }) => rest),
  };
}
