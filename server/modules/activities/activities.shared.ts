/** What the activity services share: the error with a specific message and small helpers. */
import type { FastifyInstance } from 'fastify';
import { ErrorCode, errorStatus } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import { AppError, appErrorBody, toAppError } from '../../platform/errors.ts';

/** A refusal whose message says exactly what is wrong (`activities.full` with its parameters). */
export class ActivityError extends AppError {
  constructor(
    code: ErrorCode,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
  }
}

/** 409 CONFLICT with a specific message. */
export const conflict = (key: string, params: Record<string, string | number> = {}, field?: string) =>
  new ActivityError(ErrorCode.CONFLICT, key, params, field);
/** 409 INVALID_TRANSITION: the activity's state does not allow this now. */
export const notNow = (key: string, params: Record<string, string | number> = {}) =>
  new ActivityError(ErrorCode.INVALID_TRANSITION, key, params);

/** The activity routes answer ActivityErrors with their own message; everything else as usual. */
export function installActivityErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof ActivityError) {
      const params = Object.fromEntries(
        Object.entries(error.params).map(([k, v]) => [
          k,
          typeof v === 'string' && v.startsWith('enums.') ? translate(request.lang, v) : v,
        ]),
      );
      const message = translate(request.lang, error.key, params);
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

/** An ISO instant with offset → UTC ISO. */
export const toUtc = (iso: string): string => new Date(iso).toISOString();
export { shanghaiMonth as shanghaiMonthOf } from '../../../common/requests/calendar.ts';
/** The first instant of a Shanghai date, and of the day after. */
export { shanghaiDayStart as dayStart } from '../../platform/ids.ts';
export { shanghaiDayAfter as dayAfter } from '../../platform/months.ts';
/** A Shanghai date and HH:mm → UTC ISO. */
export const shanghaiInstant = (date: string, hhmm: string): string =>
  new Date(`${date}T${hhmm}:00+08:00`).toISOString();

export const parseJsonArray = <T>(text: string | null): T[] => {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
};
