/** The town's working-day calendar: each change audited in its own transaction. */
import type { z } from 'zod';
import type { CalendarDay } from '../../../common/requests/schemas.ts';
import type { CalendarDayBody } from '../../../common/requests/calendar-schemas.ts';
import { auditEvent, writeAudit } from '../../platform/audit.ts';
import type { Ctx } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import { canConfigure } from './categories.policy.ts';
import { deleteCalendarDay, getCalendarDay, listCalendarYear, upsertCalendarDay } from './calendar.repo.ts';

type Day = z.infer<typeof CalendarDay>;

export async function listYear(ctx: Ctx, year: number): Promise<{ items: Day[] }> {
  return { items: await listCalendarYear(ctx.db, ctx.actor.townId, year) };
}

/** Makes a date a holiday or a make-up working day (or renames it), audited as `calendar.set`. */
export async function setDay(ctx: Ctx, date: string, body: CalendarDayBody): Promise<Day> {
  if (!canConfigure(ctx.actor)) throw forbidden();
  const day = { date, kind: body.kind, name: body.name };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getCalendarDay(trx, ctx.actor.townId, date);
    await upsertCalendarDay(trx, ctx.actor.townId, day);
    const detail = {
      date,
      kind: day.kind,
      name: day.name,
      ...(before ? { before: { kind: before.kind, name: before.name } } : {}),
    };
    await writeAudit(trx, auditEvent(ctx, 'calendar.set', date, detail));
  });
  return day;
}

/** Returns a date to the ordinary week, audited as `calendar.delete`; 404 when it had no override. */
export async function deleteDay(ctx: Ctx, date: string): Promise<{ ok: true }> {
  if (!canConfigure(ctx.actor)) throw forbidden();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getCalendarDay(trx, ctx.actor.townId, date);
    if (!before || !(await deleteCalendarDay(trx, ctx.actor.townId, date))) throw notFound();
    await writeAudit(trx, auditEvent(ctx, 'calendar.delete', date, { date, kind: before.kind, name: before.name }));
  });
  return { ok: true };
}
