/**
 * The HTTP shape of GeoReport v2: answers in JSON or XML by the path's extension, and errors as
 * the spec's list `[{code, description}]` (`<errors><error>…`) with status 400, 403 or 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, errorStatus } from '../../../common/errors/codes.ts';
import { translate } from '../../../common/i18n/index.ts';
import { AppError, appErrorBody, toAppError } from '../../platform/errors.ts';
import { type XmlValue, toXml } from './xml.ts';

export type Open311Format = 'json' | 'xml';

/** A GeoReport error: its HTTP status and an i18n key for the description. */
export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

/** The format the caller asked for, from the path (`….xml`); JSON when the path names none. */
export function formatOf(request: FastifyRequest): Open311Format {
  return /\.xml$/.test(request.url.split('?')[0] ?? '') ? 'xml' : 'json';
}

/** Sends a value as JSON or as XML under `root`. */
export function answer(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  value: XmlValue,
  status = 200,
): FastifyReply {
  void reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(toXml(root, value));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

/** Statuses kept as they are; any other client error is the spec's 400. */
const KEPT = new Set([403, 404, 413, 415, 429]);

/** The status and description of whatever was thrown, in the caller's language. */
function describe(error: unknown, request: FastifyRequest): { status: number; description: string } {
  if (error instanceof Open311Error)
    return { status: error.status, description: translate(request.lang, error.key, error.params) };
  const appError = toAppError(error);
  if (!appError) {
    request.log.error({ err: error }, 'unhandled error');
    return { status: 500, description: appErrorBody(new AppError(ErrorCode.INTERNAL), request.lang).message };
  }
  const status = errorStatus[appError.code];
  return {
    status: KEPT.has(status) || status >= 500 ? status : 400,
    description: appErrorBody(appError, request.lang).message,
  };
}

/** Error and not-found handlers of the GeoReport plugin. */
export function installOpen311Errors(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    const { status, description } = describe(error, request);
    if (error instanceof AppError && error.options.headers) void reply.headers(error.options.headers);
    return answer(reply, formatOf(request), 'errors', [{ code: status, description }], status);
  });
  app.setNotFoundHandler((request, reply) => {
    const description = translate(request.lang, 'open311.errors.notFound');
    return answer(reply, formatOf(request), 'errors', [{ code: 404, description }], 404);
  });
}
