/** A team's figures: members, squads, shifts covered and hours in the last 30 days, and the next shifts. */
import type { z } from 'zod';
import type { TeamFigures } from '../../../common/members/schemas.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { getTeam } from './teams.repo.ts';

export async function figures(ctx: Ctx, teamId: string): Promise<z.infer<typeof TeamFigures>> {
  const townId = ctx.actor.townId;
  if (!(await getTeam(ctx.db, townId, teamId))) throw notFound();
  const today = shanghaiDate(new Date());
  const since = shanghaiDate(new Date(Date.now() - 30 * 86400_000));
  const memberIds = ctx.db
    .selectFrom('team_memberships')
    .select('person_id')
    .where('town_id', '=', townId)
    .where('team_id', '=', teamId)
    .where('left_at', 'is', null);
  const [members, squads, shifts, hours, upcoming] = await Promise.all([
    ctx.db
      .selectFrom('team_memberships')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('town_id', '=', townId)
      .where('team_id', '=', teamId)
      .where('left_at', 'is', null)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('squads')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('town_id', '=', townId)
      .where('team_id', '=', teamId)
      .where('disabled', '=', 0)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('shifts')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('town_id', '=', townId)
      .where('status', '=', 'completed')
      .where('date', '>=', since)
      .where('date', '<=', today)
      .where('person_id', 'in', memberIds)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('service_hours')
      .select((eb) => eb.fn.sum<number | string | null>('hours').as('total'))
      .where('town_id', '=', townId)
      .where('status', '=', 'approved')
      .where('date', '>=', since)
      .where((eb) => eb.or([eb('team_id', '=', teamId), eb('person_id', 'in', memberIds)]))
      .executeTakeFirst(),
    ctx.db
      .selectFrom('shifts as s')
      .leftJoin('workstations as w', (j) =>
        j.onRef('w.town_id', '=', 's.town_id').onRef('w.id', '=', 's.workstation_id'),
      )
      .leftJoin('people as p', (j) => j.onRef('p.town_id', '=', 's.town_id').onRef('p.id', '=', 's.person_id'))
      .select([
        's.id',
        's.date',
        's.shift_name',
        's.start_at',
        's.end_at',
        's.workstation_id',
        's.person_id',
        's.status',
        'w.name as workstation_name',
        'p.name as person_name',
      ])
      .where('s.town_id', '=', townId)
      .where('s.date', '>=', today)
      .where('s.status', '!=', 'cancelled')
      .where('s.person_id', 'in', memberIds)
      .orderBy('s.date')
      .orderBy('s.start_at')
      .limit(10)
      .execute(),
  ]);
  return {
    members: Number(members?.n ?? 0),
    squads: Number(squads?.n ?? 0),
    shiftsCovered: Number(shifts?.n ?? 0),
    hoursApproved: Math.round(Number(hours?.total ?? 0) * 100) / 100,
    upcomingShifts: upcoming.map((s) => ({
      id: s.id,
      date: s.date,
      shiftName: s.shift_name,
      startAt: s.start_at,
      endAt: s.end_at,
      workstationId: s.workstation_id,
      workstationName: s.workstation_name ?? null,
      personId: s.person_id,
      personName: s.person_name ?? null,
      status: s.status,
    })),
  };
}
