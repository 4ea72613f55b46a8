/**
 * Leave and swaps: a member asks, their team leader (or village admin, or the town) decides, and an
 * approval changes the roster in the same transaction, re-checking conflicts.
 */
import type { z } from 'zod';
import type { DecideInput, Leave, LeaveInput, Swap, SwapInput } from '../../../common/duty/schemas.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { notifyUsers } from '../../platform/notify.ts';
import { decidablePeople, reaches } from './duty.policy.ts';
import { type Db, deciderUsers, getShift, shiftsQuery, usersOfPeople } from './duty.repo.ts';
import { DutyError, assertFree, conflict, dateLabel, presentShift } from './duty.shared.ts';
import { dropCancelledPlace } from './roster.service.ts';
import { loadRule } from './rules.service.ts';

type Status = Leave['status'];
const asStatus = (s: string): Status =>
  (['pending', 'approved', 'declined', 'cancelled'] as const).find((x) => x === s) ?? 'pending';

function ownPerson(ctx: Ctx): string {
  if (!ctx.actor.personId) throw new DutyError(ErrorCode.FORBIDDEN, 'duty.noPerson');
  return ctx.actor.personId;
}

const zh = (key: string, params: Record<string, string | number> = {}) => translate('zh-CN', key, params);

// ---- leave ----

async function leaveRows(db: Db, townId: string) {
  return db
    .selectFrom('leaves as l')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'l.town_id').onRef('p.id', '=', 'l.person_id'))
    .selectAll('l')
    .select('p.name as person_name')
    .where('l.town_id', '=', townId);
}

export async function listLeaves(
  ctx: Ctx,
  q: { status?: Status | undefined; mine?: boolean },
): Promise<{ items: Leave[] }> {
  const scope = q.mine ? new Set<string>() : await decidablePeople(ctx.db, ctx.actor, 'duty.manage');
  let query = (await leaveRows(ctx.db, ctx.actor.townId)).orderBy('l.created_at', 'desc').limit(500);
  if (q.status) query = query.where('l.status', '=', q.status);
  if (scope !== null) {
    const ids = [...scope, ctx.actor.personId ?? '-'];
    query = query.where('l.person_id', 'in', ids);
  }
  const rows = await query.execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      personId: r.person_id,
      personName: r.person_name,
      from: r.from_date,
      to: r.to_date,
      reason: r.reason,
      status: asStatus(r.status),
      decidedAt: r.decided_at,
      decisionNote: r.decision_note,
      createdAt: r.created_at,
      can: { decide: r.status === 'pending' && !q.mine && reaches(scope, r.person_id) },
    })),
  };
}

export async function createLeave(ctx: Ctx, input: z.infer<typeof LeaveInput>): Promise<Leave> {
  const personId = ownPerson(ctx);
  const townId = ctx.actor.townId;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const now = nowIso();
    await trx
      .insertInto('leaves')
      .values({
        town_id: townId,
        id,
        version: 1,
        created_at: now,
        updated_at: now,
        person_id: personId,
        from_date: input.from,
        to_date: input.to,
        reason: input.reason,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'leave.create', id, { from: input.from, to: input.to }));
    await notifyUsers(trx, townId, await deciderUsers(trx, townId, personId), {
      kind: 'duty.leave',
      title: zh('notify.leaveRequested', { name: ctx.actor.displayName, from: input.from, to: input.to }),
      body: input.reason,
      link: '/duty/approvals',
    });
  });
  const item = (await listLeaves(ctx, { mine: true })).items.find((l) => l.id === id);
  if (!item) throw notFound();
  return item;
}

export async function decideLeave(ctx: Ctx, id: string, input: z.infer<typeof DecideInput>): Promise<Leave> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const leave = await (await leaveRows(trx, townId)).where('l.id', '=', id).executeTakeFirst();
    if (!leave) throw notFound();
    const scope = await decidablePeople(trx, ctx.actor, 'duty.manage');
    if (!reaches(scope, leave.person_id)) throw forbidden();
    if (leave.version !== input.version) throw staleVersion();
    if (leave.status !== 'pending') throw conflict('duty.decided');
    const now = nowIso();
    await trx
      .updateTable('leaves')
      .set({
        status: input.approve ? 'approved' : 'declined',
        decided_by: ctx.actor.userId,
        decided_at: now,
        decision_note: input.note,
        version: leave.version + 1,
        updated_at: now,
      })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .where('version', '=', input.version)
      .execute();
    let cancelled = 0;
    if (input.approve) {
      const shifts = await shiftsQuery(trx, townId)
        .where('s.person_id', '=', leave.person_id)
        .where('s.status', '=', 'scheduled')
        .where('s.date', '>=', leave.from_date)
        .where('s.date', '<=', leave.to_date)
        .execute();
      const leaders = await deciderUsers(trx, townId, leave.person_id);
      for (const s of shifts) {
        await trx
          .updateTable('shifts')
          .set({ status: 'cancelled', version: s.version + 1, updated_at: now })
          .where('town_id', '=', townId)
          .where('id', '=', s.id)
          .execute();
        await notifyUsers(trx, townId, leaders, {
          kind: 'duty.refill',
          title: zh('notify.shiftRefill', {
            name: leave.person_name,
            workstation: s.workstation_name,
            date: dateLabel('zh-CN', s.date),
            shift: s.shift_name,
          }),
          link: `/duty/roster?ws=${s.workstation_id}&month=${s.date.slice(0, 7)}`,
        });
      }
      cancelled = shifts.length;
    }
    await writeAudit(
      trx,
      auditEvent(ctx, input.approve ? 'leave.approve' : 'leave.decline', id, { cancelledShifts: cancelled }),
    );
    await notifyUsers(trx, townId, await usersOfPeople(trx, townId, [leave.person_id]), {
      kind: 'duty.leave_decided',
      title: zh('notify.leaveDecided', {
        from: leave.from_date,
        to: leave.to_date,
        result: zh(input.approve ? 'notify.approved' : 'notify.declined'),
      }),
      body: input.note,
      link: null,
    });
  });
  const item = (await listLeaves(ctx, {})).items.find((l) => l.id === id);
  if (!item) throw notFound();
  return item;
}

// ---- swaps ----

export async function listSwaps(
  ctx: Ctx,
  q: { status?: Status | undefined; mine?: boolean },
): Promise<{ items: Swap[] }> {
  const townId = ctx.actor.townId;
  const scope = q.mine ? new Set<string>() : await decidablePeople(ctx.db, ctx.actor, 'duty.manage');
  let query = ctx.db
    .selectFrom('swaps as x')
    .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'x.town_id').onRef('p.id', '=', 'x.person_id'))
    .leftJoin('people as tp', (j) => j.onRef('tp.town_id', '=', 'x.town_id').onRef('tp.id', '=', 'x.target_person_id'))
    .selectAll('x')
    .select(['p.name as person_name', 'tp.name as target_name'])
    .where('x.town_id', '=', townId)
    .orderBy('x.created_at', 'desc')
    .limit(500);
  if (q.status) query = query.where('x.status', '=', q.status);
  if (scope !== null) query = query.where('x.person_id', 'in', [...scope, ctx.actor.personId ?? '-']);
  const rows = await query.execute();
  const shiftIds = [...new Set(rows.flatMap((r) => [r.shift_id, r.target_shift_id ?? '']).filter(Boolean))];
  const shifts = shiftIds.length ? await shiftsQuery(ctx.db, townId).where('s.id', 'in', shiftIds).execute() : [];
  const byId = new Map(shifts.map((s) => [s.id, presentShift(s)]));
  const items: Swap[] = [];
  for (const r of rows) {
    const shift = byId.get(r.shift_id);
    if (!shift) continue;
    items.push({
      id: r.id,
      version: r.version,
      personId: r.person_id,
      personName: r.person_name,
      shift,
      targetPersonId: r.target_person_id,
      targetPersonName: r.target_name ?? (r.target_shift_id ? (byId.get(r.target_shift_id)?.personName ?? null) : null),
      targetShift: r.target_shift_id ? (byId.get(r.target_shift_id) ?? null) : null,
      reason: r.reason,
      status: asStatus(r.status),
      decidedAt: r.decided_at,
      decisionNote: r.decision_note,
      createdAt: r.created_at,
      can: { decide: r.status === 'pending' && !q.mine && reaches(scope, r.person_id) },
    });
  }
  return { items };
}

export async function createSwap(ctx: Ctx, input: z.infer<typeof SwapInput>): Promise<Swap> {
  const personId = ownPerson(ctx);
  const townId = ctx.actor.townId;
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const shift = await getShift(trx, townId, input.shiftId);
    if (!shift) throw notFound();
    if (shift.person_id !== personId) throw new DutyError(ErrorCode.FORBIDDEN, 'duty.notYours');
    if (shift.status !== 'scheduled') throw conflict('duty.shiftClosed');
    if (input.targetPersonId === personId) throw conflict('duty.swapSelf', {}, 'targetPersonId');
    if (input.targetPersonId) {
      const p = await trx
        .selectFrom('people')
        .select(['id', 'member_status', 'disabled'])
        .where('town_id', '=', townId)
        .where('id', '=', input.targetPersonId)
        .executeTakeFirst();
      if (!p) throw notFound();
      if (p.member_status !== 'active' || p.disabled) throw conflict('duty.notActive', {}, 'targetPersonId');
    }
    if (input.targetShiftId) {
      const t = await getShift(trx, townId, input.targetShiftId);
      if (!t) throw notFound();
      if (t.person_id === personId) throw conflict('duty.swapSelf', {}, 'targetShiftId');
      if (t.status !== 'scheduled') throw conflict('duty.shiftClosed', {}, 'targetShiftId');
    }
    const now = nowIso();
    await trx
      .insertInto('swaps')
      .values({
        town_id: townId,
        id,
        version: 1,
        created_at: now,
        updated_at: now,
        shift_id: shift.id,
        person_id: personId,
        target_person_id: input.targetPersonId ?? null,
        target_shift_id: input.targetShiftId ?? null,
        reason: input.reason,
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_note: null,
      })
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'swap.create', id, { shiftId: shift.id }));
    await notifyUsers(trx, townId, await deciderUsers(trx, townId, personId), {
      kind: 'duty.swap',
      title: zh('notify.swapRequested', {
        name: ctx.actor.displayName,
        date: dateLabel('zh-CN', shift.date),
        shift: shift.shift_name,
      }),
      body: input.reason,
      link: '/duty/approvals',
    });
  });
  const item = (await listSwaps(ctx, { mine: true })).items.find((s) => s.id === id);
  if (!item) throw notFound();
  return item;
}

/** Live people in a slot, and its size by the workstation's rule. */
async function slotLoad(trx: Db, townId: string, s: { workstation_id: string; date: string; shift_key: string }) {
  const live = await trx
    .selectFrom('shifts')
    .select(['id', 'person_id'])
    .where('town_id', '=', townId)
    .where('workstation_id', '=', s.workstation_id)
    .where('date', '=', s.date)
    .where('shift_key', '=', s.shift_key)
    .where('status', '!=', 'cancelled')
    .execute();
  const rule = await loadRule(trx, townId, s.workstation_id);
  const size = rule.shifts.find((d) => d.key === s.shift_key)?.size ?? live.length;
  return { live, size };
}

export async function decideSwap(ctx: Ctx, id: string, input: z.infer<typeof DecideInput>): Promise<Swap> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const swap = await trx
      .selectFrom('swaps')
      .selectAll()
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!swap) throw notFound();
    const scope = await decidablePeople(trx, ctx.actor, 'duty.manage');
    if (!reaches(scope, swap.person_id)) throw forbidden();
    if (swap.version !== input.version) throw staleVersion();
    if (swap.status !== 'pending') throw conflict('duty.decided');
    const shift = await getShift(trx, townId, swap.shift_id);
    if (!shift) throw notFound();
    const now = nowIso();
    const notifyPeople = [swap.person_id];
    if (input.approve) {
      if (shift.status !== 'scheduled' || shift.person_id !== swap.person_id) throw conflict('duty.shiftClosed');
      const label = (s: { date: string; shift_name: string }) => ({
        date: dateLabel(ctx.lang, s.date),
        shift: s.shift_name,
      });
      if (swap.target_person_id) {
        const taker = swap.target_person_id;
        const { live } = await slotLoad(trx, townId, shift);
        if (live.some((l) => l.person_id === taker)) throw conflict('duty.alreadyInSlot', label(shift));
        await assertFree(
          trx,
          ctx.lang,
          townId,
          taker,
          { date: shift.date, startAt: shift.start_at, endAt: shift.end_at, shiftName: shift.shift_name },
          [shift.id],
        );
        await dropCancelledPlace(trx, townId, shift, taker);
        await trx
          .updateTable('shifts')
          .set({ person_id: taker, version: shift.version + 1, updated_at: now })
          .where('town_id', '=', townId)
          .where('id', '=', shift.id)
          .execute();
        notifyPeople.push(taker);
      } else if (swap.target_shift_id) {
        const target = await getShift(trx, townId, swap.target_shift_id);
        if (!target) throw notFound();
        const { live, size } = await slotLoad(trx, townId, target);
        const stays = target.status === 'scheduled';
        // The requester takes the target's place; if that place is gone, they would be one more.
        const after = live.filter((l) => !(stays && l.id === target.id)).length + 1;
        if (after > size) throw conflict('duty.slotFull', { ...label(target), size });
        if (live.some((l) => l.person_id === swap.person_id)) throw conflict('duty.alreadyInSlot', label(target));
        if (stays) {
          const other = await slotLoad(trx, townId, shift);
          if (other.live.some((l) => l.person_id === target.person_id))
            throw conflict('duty.alreadyInSlot', label(shift));
        }
        const both = [shift.id, target.id];
        await assertFree(
          trx,
          ctx.lang,
          townId,
          swap.person_id,
          { date: target.date, startAt: target.start_at, endAt: target.end_at, shiftName: target.shift_name },
          both,
        );
        if (stays) {
          await assertFree(
            trx,
            ctx.lang,
            townId,
            target.person_id,
            { date: shift.date, startAt: shift.start_at, endAt: shift.end_at, shiftName: shift.shift_name },
            both,
          );
        } else {
          throw conflict('duty.shiftClosed', {}, 'targetShiftId');
        }
        await dropCancelledPlace(trx, townId, target, swap.person_id);
        await dropCancelledPlace(trx, townId, shift, target.person_id);
        await trx
          .updateTable('shifts')
          .set({ person_id: target.person_id, version: shift.version + 1, updated_at: now })
          .where('town_id', '=', townId)
          .where('id', '=', shift.id)
          .execute();
        await trx
          .updateTable('shifts')
          .set({ person_id: swap.person_id, version: target.version + 1, updated_at: now })
          .where('town_id', '=', townId)
          .where('id', '=', target.id)
          .execute();
        notifyPeople.push(target.person_id);
      }
    }
    await trx
      .updateTable('swaps')
      .set({
        status: input.approve ? 'approved' : 'declined',
        decided_by: ctx.actor.userId,
        decided_at: now,
        decision_note: input.note,
        version: swap.version + 1,
        updated_at: now,
      })
      .where('town_id', '=', townId)
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, auditEvent(ctx, input.approve ? 'swap.approve' : 'swap.decline', id, { shiftId: shift.id }));
    await notifyUsers(trx, townId, await usersOfPeople(trx, townId, notifyPeople), {
      kind: 'duty.swap_decided',
      title: zh('notify.swapDecided', {
        date: dateLabel('zh-CN', shift.date),
        shift: shift.shift_name,
        result: zh(input.approve ? 'notify.approved' : 'notify.declined'),
      }),
      body: input.note,
      link: null,
    });
  });
  const item = (await listSwaps(ctx, {})).items.find((s) => s.id === id);
  if (!item) throw notFound();
  return item;
}

/** Who a member may hand their shift to (the pool) and which of their shifts they may exchange with. */
export async function swapOptions(ctx: Ctx, shiftId: string) {
  const personId = ownPerson(ctx);
  const townId = ctx.actor.townId;
  const shift = await getShift(ctx.db, townId, shiftId);
  if (!shift) throw notFound();
  if (shift.person_id !== personId) throw new DutyError(ErrorCode.FORBIDDEN, 'duty.notYours');
  const rule = await loadRule(ctx.db, townId, shift.workstation_id);
  const pool = rule.row
    ? await ctx.db
        .selectFrom('roster_pool as rp')
        .innerJoin('people as p', (j) => j.onRef('p.town_id', '=', 'rp.town_id').onRef('p.id', '=', 'rp.person_id'))
        .select(['p.id', 'p.name'])
        .where('rp.town_id', '=', townId)
        .where('rp.rule_id', '=', rule.row.id)
        .where('p.id', '!=', personId)
        .where('p.member_status', '=', 'active')
        .orderBy('p.name')
        .execute()
    : [];
  const until = new Date(Date.parse(`${shift.date}T00:00:00Z`) + 31 * 86400_000).toISOString().slice(0, 10);
  const shifts = await shiftsQuery(ctx.db, townId)
    .where('s.workstation_id', '=', shift.workstation_id)
    .where('s.status', '=', 'scheduled')
    .where('s.person_id', '!=', personId)
    .where('s.start_at', '>', new Date().toISOString())
    .where('s.date', '<=', until)
    .orderBy('s.start_at')
    .limit(100)
    .execute();
  return { people: pool, shifts: shifts.map((s) => presentShift(s)) };
}
