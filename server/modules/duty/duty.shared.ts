/** What the duty services share: the error with a specific message, presenters and the conflict check. */
import type { FastifyInstance } from 'fastify';
import { ErrorCode, errorStatus } from '../../../common/errors/codes.ts';
import { type Lang, translate } from '../../../common/i18n/index.ts';
import type { ShiftDef, ShiftView } from '../../../common/duty/schemas.ts';
import { shanghaiInstant } from '../../../common/duty/roster.ts';
import { AppError, appErrorBody, toAppError } from '../../platform/errors.ts';
import { type Db, type ShiftRow, liveShiftsOf } from './duty.repo.ts';

/** A refusal whose message says exactly what clashed (`duty.doubleBooked` with its parameters). */
export class DutyError extends AppError {
  constructor(
    code: ErrorCode,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
  }
}

export const conflict = (key: string, params: Record<string, string | number> = {}, field?: string) =>
  new DutyError(ErrorCode.CONFLICT, key, params, field);

/** The duty routes answer DutyErrors with their own message; everything else as usual. */
export function installDutyErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof DutyError) {
      const message = translate(request.lang, error.key, error.params);
      return reply.status(errorStatus[error.code]).send({
        code: error.code,
        message,
        ...(error.field ? { fields: [{ path: error.field, message }] } : {}),
      });
    }
    const appError = toAppError(error);
    if (appError) {
      if (appError.options.headers) void reply.headers(appError.options.headers);
      return reply.status(errorStatus[appError.code]).send(appErrorBody(appError, request.lang));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(appErrorBody(new AppError(ErrorCode.INTERNAL), request.lang));
  });
}

/** `5月3日` / `2026-05-03`. */
export function dateLabel(lang: Lang, date: string): string {
  if (lang === 'en') return date;
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

export const SHIFT_STATUS = new Set(['scheduled', 'checked_in', 'completed', 'no_show', 'cancelled']);

export function presentShift(r: ShiftRow, inPool = true): ShiftView {
  return {
    id: r.id,
    version: r.version,
    workstationId: r.workstation_id,
    workstationName: r.workstation_name,
    date: r.date,
    shiftKey: r.shift_key,
    shiftName: r.shift_name,
    startAt: r.start_at,
    endAt: r.end_at,
    personId: r.person_id,
    personName: r.person_name,
    mobile: r.mobile_mask,
    status: (SHIFT_STATUS.has(r.status) ? r.status : 'scheduled') as ShiftView['status'],
    checkInAt: r.check_in_at,
    checkOutAt: r.check_out_at,
    lateMinutes: r.late_minutes,
    hours: r.hours === null ? null : Number(r.hours),
    handoverNote: r.handover_note,
    inPool,
  };
}

/** The instants of a shift on a date. */
export function shiftTimes(date: string, def: Pick<ShiftDef, 'start' | 'end'>) {
  return {
    startAt: new Date(shanghaiInstant(date, def.start)).toISOString(),
    endAt: new Date(shanghaiInstant(date, def.end)).toISOString(),
  };
}

export function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export interface Availability {
  weekdays?: number[];
  shifts?: string[];
}

/**
 * Refuses to put a person where they cannot be: on approved leave that day, or in an overlapping
 * live shift anywhere (`exceptShiftIds` are the shifts being moved).
 */
export async function assertFree(
  db: Db,
  lang: Lang,
  townId: string,
  personId: string,
  slot: { date: string; startAt: string; endAt: string; shiftName: string },
  exceptShiftIds: string[] = [],
): Promise<void> {
  const leave = await db
    .selectFrom('leaves')
    .select('id')
    .where('town_id', '=', townId)
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .where('from_date', '<=', slot.date)
    .where('to_date', '>=', slot.date)
    .executeTakeFirst();
  if (leave) throw conflict('duty.onLeave', { date: dateLabel(lang, slot.date) }, 'personId');
  const busy = await liveShiftsOf(db, townId, [personId], slot.date, slot.date);
  const clash = busy.find(
    (s) =>
      !exceptShiftIds.includes(s.id) && s.start_at < slot.endAt && slot.startAt < s.end_at && s.status !== 'no_show',
  );
  if (clash)
    throw conflict(
      'duty.doubleBooked',
      { date: dateLabel(lang, clash.date), shift: clash.shift_name, workstation: clash.workstation_name },
      'personId',
    );
}
