/** The service-hours ledger: leaders approve their team's members' hours; members read their own. */
import type { z } from 'zod';
import type { DecideInput, HoursQuery, MyShifts, ServiceHour } from '../../../common/duty/schemas.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { nowIso } from '../../platform/ids.ts';
import { decidablePeople, reaches } from './duty.policy.ts';
import { type Db, shiftsQuery } from './duty.repo.ts';
import { DutyError, conflict, presentShift } from './duty.shared.ts';
import { listLeaves, listSwaps } from './leave-swap.service.ts';

type Status = ServiceHour['status'];
const asStatus = (s: string): Status =>
  (['pending', 'approved', 'rejected'] as const).find((x) => x === s) ?? 'pending';

function hoursQuery(db: Db, townId: string) {
  return db
    .selectFrom('service_hours as h')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'h.town_id').onRef('p.id', '=', 'h.person_id'))
    .leftJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'h.town_id').onRef('t.id', '=', 'h.team_id'))
    .selectAll('h')
    .select(['p.name as person_name', 't.name as team_name'])
    .where('h.town_id', '=', townId);
}
type HourRow = Awaited<ReturnType<ReturnType<typeof hoursQuery>['execute']>>[number];

const present = (r: HourRow, decide: boolean): ServiceHour => ({
  id: r.id,
  version: r.version,
  personId: r.person_id,
  personName: r.person_name,
  teamName: r.team_name,
  source: r.source,
  sourceId: r.source_id,
  date: r.date,
  hours: Number(r.hours),
  content: r.content,
  status: asStatus(r.status),
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
  can: { decide: decide && r.status === 'pending' },
});

export async function listHours(ctx: Ctx, q: z.infer<typeof HoursQuery>) {
  const scope = await decidablePeople(ctx.db, ctx.actor, 'duty.hours');
  let query = hoursQuery(ctx.db, ctx.actor.townId).orderBy('h.date', 'desc').orderBy('h.id', 'desc').limit(1000);
  if (q.status) query = query.where('h.status', '=', q.status);
  if (q.personId) query = query.where('h.person_id', '=', q.personId);
  if (q.teamId) {
    const teamId = q.teamId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('team_memberships as m')
          .select('m.id')
          .whereRef('m.town_id', '=', 'h.town_id')
          .whereRef('m.person_id', '=', 'h.person_id')
          .where('m.team_id', '=', teamId)
          .where('m.left_at', 'is', null),
      ),
    );
  }
  if (scope !== null) query = query.where('h.person_id', 'in', scope.size ? [...scope] : ['-']);
  const rows = await query.execute();
  return { items: rows.map((r) => present(r, true)), total: rows.length };
}

async function decideOne(ctx: Ctx, trx: Db, id: string, approve: boolean, note: string | null, version?: number) {
  const row = await hoursQuery(trx, ctx.actor.townId).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const scope = await decidablePeople(trx, ctx.actor, 'duty.hours');
  if (!reaches(scope, row.person_id)) throw forbidden();
  if (version !== undefined && row.version !== version) throw staleVersion();
  if (row.status !== 'pending') throw conflict('duty.hoursDecided');
  const now = nowIso();
  await trx
    .updateTable('service_hours')
    .set({
      status: approve ? 'approved' : 'rejected',
      decided_by: ctx.actor.userId,
      decided_at: now,
      decision_note: note,
      version: row.version + 1,
      updated_at: now,
    })
    .where('town_id', '=', ctx.actor.townId)
    .where('id', '=', id)
    .where('version', '=', row.version)
    .execute();
  await writeAudit(
    trx,
    auditEvent(ctx, approve ? 'service_hours.approve' : 'service_hours.reject', id, {
      hours: Number(row.hours),
      personId: row.person_id,
    }),
  );
}

export async function decideHours(ctx: Ctx, id: string, input: z.infer<typeof DecideInput>): Promise<ServiceHour> {
  await ctx.db.transaction().execute((trx) => decideOne(ctx, trx, id, input.approve, input.note, input.version));
  const row = await hoursQuery(ctx.db, ctx.actor.townId).where('h.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return present(row, true);
}

/** Approves every pending row among `ids` the caller may decide; all or nothing. */
export async function approveMany(ctx: Ctx, ids: string[]): Promise<{ approved: number }> {
  const unique = [...new Set(ids)];
  await ctx.db.transaction().execute(async (trx) => {
    for (const id of unique) await decideOne(ctx, trx, id, true, null);
  });
  return { approved: unique.length };
}

/** The member's own ledger and totals. */
export async function myHours(ctx: Ctx) {
  const personId = ctx.actor.personId;
  if (!personId) throw new DutyError(ErrorCode.FORBIDDEN, 'duty.noPerson');
  const rows = await hoursQuery(ctx.db, ctx.actor.townId)
    .where('h.person_id', '=', personId)
    .orderBy('h.date', 'desc')
    .limit(500)
    .execute();
  const sum = (s: string) => rows.filter((r) => r.status === s).reduce((a, r) => a + Number(r.hours), 0);
  return { items: rows.map((r) => present(r, false)), totals: { approved: sum('approved'), pending: sum('pending') } };
}

/** The member's shifts (upcoming and recent), teams, leave and swap requests. */
export async function myShifts(ctx: Ctx, now = new Date()): Promise<MyShifts> {
  const personId = ctx.actor.personId;
  if (!personId) throw new DutyError(ErrorCode.FORBIDDEN, 'duty.noPerson');
  const townId = ctx.actor.townId;
  const person = await ctx.db
    .selectFrom('people')
    .select(['id', 'name', 'volunteer_no'])
    .where('town_id', '=', townId)
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw notFound();
  const teams = await ctx.db
    .selectFrom('team_memberships as m')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'm.town_id').onRef('t.id', '=', 'm.team_id'))
    .select(['t.id', 't.name', 't.colour', 'm.role'])
    .where('m.town_id', '=', townId)
    .where('m.person_id', '=', personId)
    .where('m.left_at', 'is', null)
    .orderBy('t.sort')
    .execute();
  const today = shanghaiDate(now);
  const upcoming = await shiftsQuery(ctx.db, townId)
    .where('s.person_id', '=', personId)
    .where('s.date', '>=', today)
    .where('s.status', 'in', ['scheduled', 'checked_in'])
    .orderBy('s.start_at')
    .limit(60)
    .execute();
  const past = await shiftsQuery(ctx.db, townId)
    .where('s.person_id', '=', personId)
    .where('s.status', 'in', ['completed', 'no_show', 'checked_in'])
    .where('s.date', '<=', today)
    .orderBy('s.start_at', 'desc')
    .limit(60)
    .execute();
  return {
    person: { id: person.id, name: person.name, volunteerNo: person.volunteer_no, teams },
    upcoming: upcoming.map((r) => presentShift(r)),
    past: past.filter((r) => r.status !== 'checked_in' || r.date < today).map((r) => presentShift(r)),
    leaves: (await listLeaves(ctx, { mine: true })).items.filter((l) => l.personId === personId),
    swaps: (await listSwaps(ctx, { mine: true })).items.filter((s) => s.personId === personId),
  };
}
