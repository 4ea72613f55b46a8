/**
 * Check-in and check-out at the workstation, who is on duty now, and the handover note the next
 * shift reads. A completed shift puts a pending row in the service-hours ledger.
 */
import type { z } from 'zod';
import type { Handover, OnDuty, PublicOnDuty, ShiftView } from '../../../common/duty/schemas.ts';
import { ErrorCode } from '../../../common/errors/codes.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx, Deps } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { type Db, type ShiftRow, getShift, primaryTeam, shiftsQuery } from './duty.repo.ts';
import { DutyError, conflict, presentShift } from './duty.shared.ts';
import { workstationFor } from './rules.service.ts';

/** A member may check in from 30 minutes before the start until the end. */
export const EARLY_MS = 30 * 60_000;
/** Later than this after the start counts as late. */
export const LATE_GRACE_MIN = 10;
/** Hours are capped at the shift's length plus this. */
export const EXTRA_HOURS_CAP = 1;

const minutes = (ms: number) => Math.floor(ms / 60_000);
/** Hours rounded to the half hour. */
export const roundHours = (ms: number) => Math.round((ms / 3600_000) * 2) / 2;

/** Writes the pending ledger row of a completed shift. */
export async function addDutyHours(trx: Db, shift: ShiftRow | (ShiftRow & { hours: number }), hours: number) {
  const now = nowIso();
  await trx
    .insertInto('service_hours')
    .values({
      town_id: shift.town_id,
      id: newId(),
      version: 1,
      created_at: now,
      updated_at: now,
      person_id: shift.person_id,
      source: 'duty',
      source_id: shift.id,
      team_id: await primaryTeam(trx, shift.town_id, shift.person_id),
      date: shift.date,
      hours,
      content: `${shift.workstation_name} ${shift.shift_name}坐班`,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_note: null,
    })
    .onConflict((oc) => oc.columns(['town_id', 'source', 'source_id', 'person_id']).doNothing())
    .execute();
}

async function markCheckedIn(ctx: Ctx, trx: Db, shift: ShiftRow, now: Date, by: 'self' | 'desk') {
  const start = Date.parse(shift.start_at);
  const late = minutes(now.getTime() - start);
  const lateMinutes = late > LATE_GRACE_MIN ? late : 0;
  await trx
    .updateTable('shifts')
    .set({
      status: 'checked_in',
      check_in_at: now.toISOString(),
      late_minutes: lateMinutes,
      checked_in_by: ctx.actor.userId,
      version: shift.version + 1,
      updated_at: nowIso(),
    })
    .where('town_id', '=', shift.town_id)
    .where('id', '=', shift.id)
    .where('status', '=', 'scheduled')
    .execute();
  await writeAudit(trx, auditEvent(ctx, 'shift.check_in', shift.id, { by, lateMinutes }));
}

async function markCompleted(ctx: Ctx, trx: Db, shift: ShiftRow, now: Date, note: string | null, by: 'self' | 'desk') {
  const start = Date.parse(shift.start_at);
  const end = Date.parse(shift.end_at);
  const from = Date.parse(shift.check_in_at ?? shift.start_at);
  const cap = (end - start) / 3600_000 + EXTRA_HOURS_CAP;
  const hours = Math.max(0, Math.min(cap, roundHours(now.getTime() - from)));
  await trx
    .updateTable('shifts')
    .set({
      status: 'completed',
      check_out_at: now.toISOString(),
      handover_note: note,
      hours,
      version: shift.version + 1,
      updated_at: nowIso(),
    })
    .where('town_id', '=', shift.town_id)
    .where('id', '=', shift.id)
    .where('status', '=', 'checked_in')
    .execute();
  await addDutyHours(trx, shift, hours);
  await writeAudit(trx, auditEvent(ctx, 'shift.check_out', shift.id, { by, hours, handover: !!note }));
}

/** The caller checks in at a workstation: their shift there now (30 min early until the end). */
export async function checkIn(ctx: Ctx, workstationId: string, now = new Date()): Promise<ShiftView> {
  const personId = ctx.actor.personId;
  if (!personId) throw new DutyError(ErrorCode.FORBIDDEN, 'duty.noPerson');
  const id = await ctx.db.transaction().execute(async (trx) => {
    await workstationFor(ctx, trx, workstationId);
    const at = now.toISOString();
    const shifts = await shiftsQuery(trx, ctx.actor.townId)
      .where('s.workstation_id', '=', workstationId)
      .where('s.person_id', '=', personId)
      .where('s.date', '=', shanghaiDate(now))
      .where('s.status', 'in', ['scheduled', 'checked_in'])
      .where('s.end_at', '>', at)
      .where('s.start_at', '<=', new Date(now.getTime() + EARLY_MS).toISOString())
      .orderBy('s.start_at')
      .execute();
    const shift = shifts[0];
    if (!shift) throw conflict('duty.notOnRoster');
    if (shift.status === 'checked_in') return shift.id;
    await markCheckedIn(ctx, trx, shift, now, 'self');
    return shift.id;
  });
  const row = await getShift(ctx.db, ctx.actor.townId, id);
  if (!row) throw notFound();
  return presentShift(row);
}

/** The caller checks out of their shift, leaving a handover note. */
export async function checkOut(ctx: Ctx, shiftId: string, note: string | null, now = new Date()): Promise<ShiftView> {
  await ctx.db.transaction().execute(async (trx) => {
    const shift = await getShift(trx, ctx.actor.townId, shiftId);
    if (!shift) throw notFound();
    if (shift.person_id !== ctx.actor.personId) throw new DutyError(ErrorCode.FORBIDDEN, 'duty.notYours');
    if (shift.status !== 'checked_in') throw conflict('duty.notCheckedIn');
    await markCompleted(ctx, trx, shift, now, note, 'self');
  });
  const row = await getShift(ctx.db, ctx.actor.townId, shiftId);
  if (!row) throw notFound();
  return presentShift(row);
}

/** The desk staff checks a member in or out. */
export async function deskCheck(
  ctx: Ctx,
  shiftId: string,
  action: 'in' | 'out',
  note: string | null,
  now = new Date(),
): Promise<ShiftView> {
  await ctx.db.transaction().execute(async (trx) => {
    const shift = await getShift(trx, ctx.actor.townId, shiftId);
    if (!shift) throw notFound();
    const { manage } = await workstationFor(ctx, trx, shift.workstation_id);
    if (!manage) throw forbidden();
    if (action === 'in') {
      if (shift.status !== 'scheduled') throw conflict('duty.shiftClosed');
      if (now.getTime() < Date.parse(shift.start_at) - EARLY_MS || now.toISOString() >= shift.end_at)
        throw conflict('duty.notOnRoster');
      await markCheckedIn(ctx, trx, shift, now, 'desk');
    } else {
      if (shift.status !== 'checked_in') throw conflict('duty.notCheckedIn');
      await markCompleted(ctx, trx, shift, now, note, 'desk');
    }
  });
  const row = await getShift(ctx.db, ctx.actor.townId, shiftId);
  if (!row) throw notFound();
  return presentShift(row);
}

/** Shifts on duty now at some workstations of a town: from 30 min before the start to the end. */
function onDutyRows(db: Db, townId: string, workstationIds: string[] | null, now: Date) {
  let q = shiftsQuery(db, townId)
    .where('s.date', '=', shanghaiDate(now))
    .where('s.status', 'in', ['scheduled', 'checked_in'])
    .where('s.end_at', '>', now.toISOString())
    .where('s.start_at', '<=', new Date(now.getTime() + EARLY_MS).toISOString())
    .where('w.disabled', '=', 0);
  if (workstationIds) q = q.where('s.workstation_id', 'in', workstationIds.length ? workstationIds : ['-']);
  return q.orderBy('s.start_at').orderBy('p.name').execute();
}

export async function onDuty(ctx: Ctx, workstationId: string, now = new Date()): Promise<z.infer<typeof OnDuty>> {
  const { ws } = await workstationFor(ctx, ctx.db, workstationId);
  const rows = await onDutyRows(ctx.db, ctx.actor.townId, [ws.id], now);
  return { workstationId: ws.id, workstationName: ws.name, items: rows.map(staffItem) };
}

const staffItem = (r: ShiftRow) => ({
  shiftId: r.id,
  name: r.person_name,
  mobile: r.mobile_mask,
  shiftName: r.shift_name,
  startAt: r.start_at,
  endAt: r.end_at,
  checkedIn: r.status === 'checked_in',
});

/** The staff board: every workstation of the town with who is on duty now. */
export async function dutyBoard(ctx: Ctx, now = new Date()) {
  const wss = await ctx.db
    .selectFrom('workstations')
    .leftJoin('villages as v', (j) =>
      j.onRef('v.town_id', '=', 'workstations.town_id').onRef('v.id', '=', 'workstations.village_id'),
    )
    .select(['workstations.id', 'workstations.name'])
    .where('workstations.town_id', '=', ctx.actor.townId)
    .where('workstations.disabled', '=', 0)
    .orderBy('workstations.level', 'desc')
    .orderBy('v.sort')
    .execute();
  const rows = await onDutyRows(ctx.db, ctx.actor.townId, null, now);
  return {
    items: wss.map((w) => ({
      workstationId: w.id,
      workstationName: w.name,
      items: rows.filter((r) => r.workstation_id === w.id).map(staffItem),
    })),
  };
}

const publicItem = (r: ShiftRow) => ({
  name: r.public_alias || r.person_name,
  mobile: r.mobile_mask,
  shiftName: r.shift_name,
  startAt: r.start_at,
  endAt: r.end_at,
});

/** The town by code, or the only town. */
async function publicTownId(deps: Deps, code: string | undefined): Promise<string> {
  const towns = await deps.db
    .selectFrom('towns')
    .select('id')
    .$if(!!code, (q) => q.where('code', '=', code ?? ''))
    .orderBy('created_at')
    .limit(2)
    .execute();
  if (!towns[0] || (!code && towns.length > 1)) throw notFound();
  return towns[0].id;
}

/** What residents see for one workstation: names or aliases, masked phones, the shift. */
export async function publicOnDuty(
  deps: Deps,
  workstationId: string,
  code: string | undefined,
  now = new Date(),
): Promise<z.infer<typeof PublicOnDuty>> {
  const townId = code ? await publicTownId(deps, code) : null;
  const ws = await deps.db
    .selectFrom('workstations')
    .select(['town_id', 'id'])
    .where('id', '=', workstationId)
    .where('disabled', '=', 0)
    .$if(!!townId, (q) => q.where('town_id', '=', townId ?? ''))
    .executeTakeFirst();
  if (!ws) throw notFound();
  const rows = await onDutyRows(deps.db, ws.town_id, [ws.id], now);
  return { workstationId: ws.id, items: rows.map(publicItem) };
}

/** Residents' view of the whole town in one call (for the H5 home cards). */
export async function publicTownOnDuty(deps: Deps, code: string | undefined, now = new Date()) {
  const townId = await publicTownId(deps, code);
  const rows = await onDutyRows(deps.db, townId, null, now);
  const by = new Map<string, ReturnType<typeof publicItem>[]>();
  for (const r of rows) by.set(r.workstation_id, [...(by.get(r.workstation_id) ?? []), publicItem(r)]);
  return { items: [...by].map(([workstationId, items]) => ({ workstationId, items })) };
}

/** The latest handover note at a workstation. */
export async function lastHandover(ctx: Ctx, workstationId: string): Promise<z.infer<typeof Handover>> {
  const { ws } = await workstationFor(ctx, ctx.db, workstationId);
  const row = await shiftsQuery(ctx.db, ctx.actor.townId)
    .where('s.workstation_id', '=', ws.id)
    .where('s.status', '=', 'completed')
    .where('s.handover_note', 'is not', null)
    .orderBy('s.check_out_at', 'desc')
    .executeTakeFirst();
  return {
    note: row?.handover_note ?? null,
    personName: row?.person_name ?? null,
    at: row?.check_out_at ?? null,
    shiftName: row?.shift_name ?? null,
    date: row?.date ?? null,
  };
}
