/** Counts of the organisation and teams; a village admin's counts cover their villages only. */
import type { Overview } from '../../../common/stats/schemas.ts';
import type { Ctx } from '../../platform/context.ts';
import { readableVillageIds } from '../org/org.policy.ts';

export async function overview(ctx: Ctx): Promise<Overview> {
  const { db } = ctx;
  const townId = ctx.actor.townId;
  const villages = readableVillageIds(ctx.actor);
  const inVillages = <T extends { where: (...args: never[]) => T }>(q: T, column: string): T =>
    villages
      ? (q.where as (c: string, op: string, v: string[]) => T)(column, 'in', villages.length ? villages : ['-'])
      : q;
  const count = async (p: Promise<{ n: string | number | bigint } | undefined>) => Number((await p)?.n ?? 0);

  const activeMembers = db
    .selectFrom('team_memberships as m')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'm.town_id').onRef('p.id', '=', 'm.person_id'))
    .where('m.town_id', '=', townId)
    .where('m.left_at', 'is', null)
    .where('p.disabled', '=', 0);

  const [villageCount, hamlets, workstations, departments, teams, members, people, teamsBreakdown, villagesBreakdown] =
    await Promise.all([
      count(
        inVillages(db.selectFrom('villages').where('town_id', '=', townId).where('disabled', '=', 0), 'id')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      ),
      count(
        inVillages(db.selectFrom('hamlets').where('town_id', '=', townId).where('disabled', '=', 0), 'village_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      ),
      count(
        inVillages(db.selectFrom('workstations').where('town_id', '=', townId).where('disabled', '=', 0), 'village_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      ),
      count(
        db
          .selectFrom('departments')
          .where('town_id', '=', townId)
          .where('disabled', '=', 0)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      ),
      count(
        db
          .selectFrom('teams')
          .where('town_id', '=', townId)
          .where('disabled', '=', 0)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      ),
      count(
        inVillages(activeMembers, 'p.village_id')
          .select((eb) => eb.fn.count('m.person_id').distinct().as('n'))
          .executeTakeFirst(),
      ),
      count(
        inVillages(db.selectFrom('people').where('town_id', '=', townId).where('disabled', '=', 0), 'village_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      ),
      inVillages(activeMembers, 'p.village_id')
        .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'm.town_id').onRef('t.id', '=', 'm.team_id'))
        .select((eb) => ['t.id', 't.name', 't.colour', 't.sort', eb.fn.countAll().as('n')])
        .groupBy(['t.id', 't.name', 't.colour', 't.sort'])
        .orderBy('t.sort')
        .execute(),
      inVillages(activeMembers, 'p.village_id')
        .innerJoin('villages as v', (j) => j.onRef('v.town_id', '=', 'p.town_id').onRef('v.id', '=', 'p.village_id'))
        .select((eb) => ['v.id', 'v.name', eb.fn.count('m.person_id').distinct().as('n')])
        .groupBy(['v.id', 'v.name'])
        .execute(),
    ]);

  return {
    villages: villageCount,
    hamlets,
    workstations,
    departments,
    teams,
    members,
    people,
    teamsBreakdown: teamsBreakdown.map((t) => ({ teamId: t.id, name: t.name, colour: t.colour, members: Number(t.n) })),
    villagesBreakdown: villagesBreakdown
      .map((v) => ({ villageId: v.id, name: v.name, members: Number(v.n) }))
      .sort((a, b) => b.members - a.members),
  };
}
