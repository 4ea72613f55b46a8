/** A workstation's month: generate it fairly, show it as days × shifts, and edit single places. */
import type { z } from 'zod';
import { generateRoster, isoWeekday, monthDates } from '../../../common/duty/roster.ts';
import type {
  GenerateResult,
  Roster,
  ShiftDef,
  ShiftInput,
  ShiftUpdate,
  ShiftView,
} from '../../../common/duty/schemas.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { CalendarOverrides } from '../../../common/requests/calendar.ts';
import type { ShiftTable } from '../../db/schema.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound, staleVersion } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { loadCalendar } from '../categories/calendar.repo.ts';
import {
  type Db,
  type WorkstationRow,
  approvedLeaves,
  getPeopleByIds,
  getPoolPeople,
  getShift,
  insertShifts,
  liveShiftsOf,
  shiftsQuery,
} from './duty.repo.ts';
import {
  type Availability,
  assertFree,
  conflict,
  dateLabel,
  parseJson,
  presentShift,
  shiftTimes,
} from './duty.shared.ts';
import { loadRule, workstationFor } from './rules.service.ts';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10);

/** The dates a rule staffs in a month. */
export function staffedDates(
  month: string,
  rule: { weekdays: number[]; skipHolidays: boolean },
  calendar: CalendarOverrides,
): string[] {
  return monthDates(month).filter((d) => {
    const kind = calendar.get(d);
    if (rule.skipHolidays && kind === 'holiday') return false;
    if (rule.skipHolidays && kind === 'workday') return true;
    return rule.weekdays.includes(isoWeekday(d));
  });
}

export interface GenerateOptions {
  replace?: boolean | undefined;
  /** Also fill dates before today (the demo's past months). */
  includePast?: boolean;
  calendar?: CalendarOverrides;
  now?: Date;
  /** Leave the rows to the caller to finish and insert (the demo's past check-ins). */
  noInsert?: boolean;
}

/** Generates a month for one workstation inside the caller's transaction. */
export async function generateInTrx(
  trx: Db,
  townId: string,
  ws: Pick<WorkstationRow, 'id' | 'name'>,
  month: string,
  opts: GenerateOptions = {},
): Promise<GenerateResult & { rows: ShiftTable[] }> {
  const rule = await loadRule(trx, townId, ws.id);
  if (!rule.row) throw conflict('duty.noRule');
  const calendar = opts.calendar ?? (await loadCalendar(trx, townId));
  const today = shanghaiDate(opts.now ?? new Date());
  const dates = staffedDates(month, rule, calendar).filter((d) => opts.includePast || d >= today);
  const from = `${month}-01`;
  const to = monthDates(month).at(-1) ?? from;
  if (opts.replace) {
    const referenced = trx.selectFrom('swaps').select('shift_id').where('town_id', '=', townId);
    const targeted = trx
      .selectFrom('swaps')
      .select('target_shift_id as shift_id')
      .where('town_id', '=', townId)
      .where('target_shift_id', 'is not', null);
    await trx
      .deleteFrom('shifts')
      .where('town_id', '=', townId)
      .where('workstation_id', '=', ws.id)
      .where('date', '>=', opts.includePast || today < from ? from : today)
      .where('date', '<=', to)
      .where('status', '=', 'scheduled')
      .where('id', 'not in', referenced)
      .where('id', 'not in', targeted)
      .execute();
  }
  const here = await trx
    .selectFrom('shifts')
    .select(['date', 'shift_key', 'person_id', 'status'])
    .where('town_id', '=', townId)
    .where('workstation_id', '=', ws.id)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  const existing = new Map<string, string[]>();
  const blocked = new Set<string>();
  for (const s of here) {
    const slot = `${s.date}|${s.shift_key}`;
    blocked.add(`${slot}|${s.person_id}`);
    if (s.status === 'cancelled') continue;
    existing.set(slot, [...(existing.get(slot) ?? []), s.person_id]);
  }
  const poolRows = (await getPoolPeople(trx, townId, rule.row.id)).filter(
    (p) => p.member_status === 'active' && p.disabled === 0,
  );
  const poolIds = poolRows.map((p) => p.id);
  const elsewhere = (await liveShiftsOf(trx, townId, poolIds, from, to)).filter((s) => s.workstation_id !== ws.id);
  const onLeave = new Set<string>();
  for (const l of await approvedLeaves(trx, townId, poolIds, from, to))
    for (let d = l.from_date < from ? from : l.from_date; d <= l.to_date && d <= to; d = addDays(d, 1))
      onLeave.add(`${l.person_id}|${d}`);
  const out = generateRoster({
    dates,
    shifts: rule.shifts,
    pool: poolRows.map((p) => {
      const a = parseJson<Availability | null>(p.availability, null);
      return { personId: p.id, weekdays: a?.weekdays, shifts: a?.shifts };
    }),
    onLeave,
    busy: elsewhere.map((s) => ({
      personId: s.person_id,
      date: s.date,
      startMs: Date.parse(s.start_at),
      endMs: Date.parse(s.end_at),
    })),
    existing,
    blocked,
  });
  const now = nowIso();
  const rows: ShiftTable[] = out.placements.map((p) => {
    const t = shiftTimes(p.date, p.shift);
    return {
      town_id: townId,
      id: newId(),
      version: 1,
      created_at: now,
      updated_at: now,
      workstation_id: ws.id,
      date: p.date,
      shift_key: p.shift.key,
      shift_name: p.shift.name,
      start_at: t.startAt,
      end_at: t.endAt,
      person_id: p.personId,
      status: 'scheduled',
      check_in_at: null,
      check_out_at: null,
      late_minutes: null,
      checked_in_by: null,
      handover_note: null,
      hours: null,
    };
  });
  if (!opts.noInsert) await insertShifts(trx, rows);
  const skipped = out.skipped.map((s) => ({
    date: s.date,
    shift: rule.shifts.find((d) => d.key === s.shift)?.name ?? s.shift,
    reason: s.reason,
  }));
  return { created: rows.length, skipped, rows };
}

export async function generateMonth(
  ctx: Ctx,
  workstationId: string,
  input: { month: string; replace?: boolean | undefined },
): Promise<GenerateResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const { ws, manage } = await workstationFor(ctx, trx, workstationId);
    if (!manage) throw forbidden();
    const result = await generateInTrx(trx, ctx.actor.townId, ws, input.month, { replace: input.replace });
    await writeAudit(
      trx,
      auditEvent(ctx, 'roster.generate', ws.id, {
        month: input.month,
        replace: !!input.replace,
        created: result.created,
        skipped: result.skipped.length,
      }),
    );
    return { created: result.created, skipped: result.skipped };
  });
}

/** The month as days × shifts with the people in each. */
export async function getRoster(ctx: Ctx, workstationId: string, month: string): Promise<Roster> {
  const townId = ctx.actor.townId;
  const { ws, manage } = await workstationFor(ctx, ctx.db, workstationId);
  const rule = await loadRule(ctx.db, townId, ws.id);
  const pool = new Set(rule.row ? (await getPoolPeople(ctx.db, townId, rule.row.id)).map((p) => p.id) : []);
  const dates = monthDates(month);
  const rows = await shiftsQuery(ctx.db, townId)
    .where('s.workstation_id', '=', ws.id)
    .where('s.date', '>=', dates[0] ?? '')
    .where('s.date', '<=', dates.at(-1) ?? '')
    .where('s.status', '!=', 'cancelled')
    .orderBy('s.date')
    .orderBy('s.start_at')
    .orderBy('p.name')
    .execute();
  const holidays = await ctx.db
    .selectFrom('calendar_days')
    .select(['date', 'kind', 'name'])
    .where('town_id', '=', townId)
    .where('date', '>=', dates[0] ?? '')
    .where('date', '<=', dates.at(-1) ?? '')
    .execute();
  const calendar = new Map(holidays.map((h) => [h.date, h.kind === 'workday' ? 'workday' : 'holiday'] as const));
  const staffed = new Set(staffedDates(month, rule, calendar));
  const defs: ShiftDef[] = [...rule.shifts];
  for (const r of rows)
    if (!defs.some((d) => d.key === r.shift_key))
      defs.push({ key: r.shift_key, name: r.shift_name, start: '00:00', end: '23:59', size: 1 });
  const bySlot = new Map<string, ShiftView[]>();
  for (const r of rows) {
    const k = `${r.date}|${r.shift_key}`;
    bySlot.set(k, [...(bySlot.get(k) ?? []), presentShift(r, pool.has(r.person_id))]);
  }
  return {
    workstationId: ws.id,
    workstationName: ws.name,
    month,
    shifts: rule.shifts,
    days: dates.map((date) => ({
      date,
      weekday: isoWeekday(date),
      staffed: staffed.has(date),
      holiday: holidays.find((h) => h.date === date && h.kind !== 'workday')?.name ?? null,
      slots: defs.map((d) => ({
        key: d.key,
        name: d.name,
        size: d.size,
        people: bySlot.get(`${date}|${d.key}`) ?? [],
      })),
    })),
    can: { manage },
  };
}

/** Checks a person can take a place in a slot; returns warnings (not in the pool). */
async function checkPlacement(
  ctx: Ctx,
  trx: Db,
  ws: Pick<WorkstationRow, 'id'>,
  personId: string,
  slot: { date: string; key: string; def: ShiftDef },
  exceptShiftId?: string,
): Promise<string[]> {
  const townId = ctx.actor.townId;
  const [person] = await getPeopleByIds(trx, townId, [personId]);
  if (!person) throw notFound();
  if (person.member_status !== 'active' || person.disabled) throw conflict('duty.notActive', {}, 'personId');
  const label = { date: dateLabel(ctx.lang, slot.date), shift: slot.def.name };
  const inSlot = await trx
    .selectFrom('shifts')
    .select(['id', 'person_id', 'status'])
    .where('town_id', '=', townId)
    .where('workstation_id', '=', ws.id)
    .where('date', '=', slot.date)
    .where('shift_key', '=', slot.key)
    .execute();
  const live = inSlot.filter((s) => s.status !== 'cancelled' && s.id !== exceptShiftId);
  if (live.some((s) => s.person_id === personId)) throw conflict('duty.alreadyInSlot', label, 'personId');
  if (!exceptShiftId && live.length >= slot.def.size)
    throw conflict('duty.slotFull', { ...label, size: slot.def.size }, 'shiftKey');
  const t = shiftTimes(slot.date, slot.def);
  await assertFree(trx, ctx.lang, townId, personId, { date: slot.date, ...t, shiftName: slot.def.name }, [
    ...(exceptShiftId ? [exceptShiftId] : []),
  ]);
  const rule = await loadRule(trx, townId, ws.id);
  const pool = rule.row ? await getPoolPeople(trx, townId, rule.row.id) : [];
  return pool.some((p) => p.id === personId) ? [] : ['duty.notInPool'];
}

const translateWarnings = (ctx: Ctx, keys: string[]) =>
  keys.map((k) =>
    k === 'duty.notInPool' ? (ctx.lang === 'en' ? 'Not in the rotation' : '该队员不在本工作室的轮值名单中') : k,
  );

export async function addShift(ctx: Ctx, input: z.infer<typeof ShiftInput>) {
  const townId = ctx.actor.townId;
  const id = await ctx.db.transaction().execute(async (trx) => {
    const { ws, manage } = await workstationFor(ctx, trx, input.workstationId);
    if (!manage) throw forbidden();
    const rule = await loadRule(trx, townId, ws.id);
    const def = rule.shifts.find((s) => s.key === input.shiftKey);
    if (!def) throw conflict('duty.unknownShift', { shift: input.shiftKey }, 'shiftKey');
    const warnings = await checkPlacement(ctx, trx, ws, input.personId, { date: input.date, key: def.key, def });
    const t = shiftTimes(input.date, def);
    const now = nowIso();
    const old = await trx
      .selectFrom('shifts')
      .select(['id', 'version'])
      .where('town_id', '=', townId)
      .where('workstation_id', '=', ws.id)
      .where('date', '=', input.date)
      .where('shift_key', '=', def.key)
      .where('person_id', '=', input.personId)
      .executeTakeFirst();
    const shiftId = old?.id ?? newId();
    if (old) {
      // The person was here before and was cancelled: the place comes back.
      await trx
        .updateTable('shifts')
        .set({
          status: 'scheduled',
          version: old.version + 1,
          updated_at: now,
          check_in_at: null,
          check_out_at: null,
          late_minutes: null,
          hours: null,
          handover_note: null,
          checked_in_by: null,
        })
        .where('town_id', '=', townId)
        .where('id', '=', old.id)
        .execute();
    } else {
      await insertShifts(trx, [
        {
          town_id: townId,
          id: shiftId,
          version: 1,
          created_at: now,
          updated_at: now,
          workstation_id: ws.id,
          date: input.date,
          shift_key: def.key,
          shift_name: def.name,
          start_at: t.startAt,
          end_at: t.endAt,
          person_id: input.personId,
          status: 'scheduled',
          check_in_at: null,
          check_out_at: null,
          late_minutes: null,
          checked_in_by: null,
          handover_note: null,
          hours: null,
        },
      ]);
    }
    await writeAudit(
      trx,
      auditEvent(ctx, 'shift.create', shiftId, { workstationId: ws.id, date: input.date, shift: def.key, warnings }),
    );
    return { shiftId, warnings };
  });
  const row = await getShift(ctx.db, townId, id.shiftId);
  if (!row) throw notFound();
  return { ...presentShift(row, id.warnings.length === 0), warnings: translateWarnings(ctx, id.warnings) };
}

/** Loads a shift the caller may manage, or 404/403. */
async function managedShift(ctx: Ctx, trx: Db, id: string) {
  const shift = await getShift(trx, ctx.actor.townId, id);
  if (!shift) throw notFound();
  const { ws, manage } = await workstationFor(ctx, trx, shift.workstation_id);
  if (!manage) throw forbidden();
  return { shift, ws };
}

export async function changeShiftPerson(ctx: Ctx, id: string, input: z.infer<typeof ShiftUpdate>) {
  const townId = ctx.actor.townId;
  const warnings = await ctx.db.transaction().execute(async (trx) => {
    const { shift, ws } = await managedShift(ctx, trx, id);
    if (shift.version !== input.version) throw staleVersion();
    if (shift.status !== 'scheduled') throw conflict('duty.shiftClosed');
    if (shift.person_id === input.personId) return [];
    const rule = await loadRule(trx, townId, ws.id);
    const def = rule.shifts.find((s) => s.key === shift.shift_key) ?? {
      key: shift.shift_key,
      name: shift.shift_name,
      start: '00:00',
      end: '00:00',
      size: 1,
    };
    const w = await checkPlacement(
      ctx,
      trx,
      ws,
      input.personId,
      { date: shift.date, key: shift.shift_key, def: { ...def, ...timesOf(shift) } },
      shift.id,
    );
    await dropCancelledPlace(trx, townId, shift, input.personId);
    const r = await trx
      .updateTable('shifts')
      .set({ person_id: input.personId, version: shift.version + 1, updated_at: nowIso() })
      .where('town_id', '=', townId)
      .where('id', '=', shift.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
    await writeAudit(
      trx,
      auditEvent(ctx, 'shift.update', shift.id, { personId: { from: shift.person_id, to: input.personId } }),
    );
    return w;
  });
  const row = await getShift(ctx.db, townId, id);
  if (!row) throw notFound();
  return { ...presentShift(row, warnings.length === 0), warnings: translateWarnings(ctx, warnings) };
}

/** `HH:mm` of a stored shift's start and end in Shanghai. */
export function timesOf(s: { start_at: string; end_at: string }) {
  const hm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
  return { start: hm(s.start_at), end: hm(s.end_at) };
}

/** A cancelled row of the same person in the slot would clash with the unique key: remove it. */
export async function dropCancelledPlace(
  trx: Db,
  townId: string,
  shift: { workstation_id: string; date: string; shift_key: string },
  personId: string,
): Promise<void> {
  const old = await trx
    .selectFrom('shifts')
    .select(['id', 'status'])
    .where('town_id', '=', townId)
    .where('workstation_id', '=', shift.workstation_id)
    .where('date', '=', shift.date)
    .where('shift_key', '=', shift.shift_key)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!old || old.status !== 'cancelled') return;
  const used = await trx
    .selectFrom('swaps')
    .select('id')
    .where('town_id', '=', townId)
    .where((eb) => eb.or([eb('shift_id', '=', old.id), eb('target_shift_id', '=', old.id)]))
    .executeTakeFirst();
  if (used) {
    // Keep the history: move the old row out of the way under a marked key.
    await trx
      .updateTable('shifts')
      .set({ shift_key: `${shift.shift_key}~${old.id.slice(-6)}` })
      .where('town_id', '=', townId)
      .where('id', '=', old.id)
      .execute();
  } else {
    await trx.deleteFrom('shifts').where('town_id', '=', townId).where('id', '=', old.id).execute();
  }
}

export async function cancelShift(ctx: Ctx, id: string): Promise<ShiftView> {
  const townId = ctx.actor.townId;
  await ctx.db.transaction().execute(async (trx) => {
    const { shift } = await managedShift(ctx, trx, id);
    if (shift.status !== 'scheduled') throw conflict('duty.shiftClosed');
    await trx
      .updateTable('shifts')
      .set({ status: 'cancelled', version: shift.version + 1, updated_at: nowIso() })
      .where('town_id', '=', townId)
      .where('id', '=', shift.id)
      .execute();
    await writeAudit(trx, auditEvent(ctx, 'shift.cancel', shift.id, { date: shift.date, shift: shift.shift_key }));
  });
  const row = await getShift(ctx.db, townId, id);
  if (!row) throw notFound();
  return presentShift(row);
}
