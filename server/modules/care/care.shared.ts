/** What the care services share: the error with a specific message and the access rules' inputs. */
import type { FastifyInstance } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { ErrorCode, errorStatus } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, appErrorBody, toAppError } from '../../platform/errors.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** A refusal whose message says exactly what is wrong (`care.notPaired`), optionally on a field. */
export class CareError extends AppError {
  constructor(
    code: ErrorCode,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    readonly field?: string,
  ) {
    super(code);
  }
}

export const careForbidden = (key: string, field?: string) => new CareError(ErrorCode.FORBIDDEN, key, {}, field);
export const careConflict = (key: string, field?: string) => new CareError(ErrorCode.CONFLICT, key, {}, field);
export const careInvalid = (field: string, key: string, params: Record<string, string | number> = {}) =>
  new CareError(ErrorCode.VALIDATION, key, params, field);

/** The care routes answer CareErrors with their own message; everything else as usual. */
export function installCareErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    if (error instanceof CareError) {
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

export const parseJson = <T>(text: string | null | undefined, fallback: T): T => {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
};
