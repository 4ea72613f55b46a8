/** Typed application errors and the one handler that turns any error into `{code, message, fields?}`. */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ErrorBody, ErrorCode, type FieldError, errorStatus } from '../../common/errors/codes.ts';
import { type Lang, translate } from '../../common/i18n/index.ts';

/** A failure the client should see, with a code from the one enum. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly options: {
      /** Invalid fields with i18n keys (or `key:param`) as messages. */
      fields?: { path: string; key: string; params?: Record<string, string | number> }[];
      /** Parameters of the main message. */
      params?: Record<string, string | number>;
      /** Extra response headers, e.g. Retry-After. */
      headers?: Record<string, string>;
    } = {},
  ) {
    super(code);
  }
}

export const notFound = (): AppError => new AppError(ErrorCode.NOT_FOUND);
export const forbidden = (): AppError => new AppError(ErrorCode.FORBIDDEN);
export const staleVersion = (): AppError => new AppError(ErrorCode.STALE_VERSION);
/** A one-field validation failure. */
export const invalidField = (path: string, key: string, params?: Record<string, string | number>): AppError =>
  new AppError(ErrorCode.VALIDATION, { fields: [{ path, key, ...(params ? { params } : {}) }] });
/** A uniqueness clash on a named field. */
export const duplicate = (field: string): AppError =>
  new AppError(ErrorCode.DUPLICATE, { params: { field }, fields: [{ path: field, key: 'errors.DUPLICATE' }] });

/** The field's label in the user's language, from the last named segment of its path. */
function fieldLabel(lang: Lang, path: string): string {
  const name =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? path;
  const label = translate(lang, `fields.${name}`);
  return label.startsWith('fields.') ? name : label;
}

/** Turns `validation.tooLong:50` into a translated sentence. */
function messageFor(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const [base, arg] = key.split(':');
  if (!base?.includes('.')) return translate(lang, 'validation.invalid');
  const extra: Record<string, string | number> = { ...params };
  if (arg !== undefined) {
    extra.max = arg;
    extra.min = arg;
  }
  const text = translate(lang, base, extra);
  return text === base ? translate(lang, 'validation.invalid') : text;
}

interface ZodIssueLike {
  code?: string;
  message?: string;
  path?: (string | number)[];
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  input?: unknown;
  keys?: string[];
}

/** Maps one zod issue to an i18n key with parameters. */
function zodIssueKey(issue: ZodIssueLike): { key: string; params: Record<string, string | number> } {
  if (issue.message?.startsWith('validation.')) return { key: issue.message, params: {} };
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined ? 'validation.required' : 'validation.invalidType', params: {} };
    case 'too_small':
      return issue.origin === 'string'
        ? { key: 'validation.tooShort', params: { min: Number(issue.minimum) } }
        : issue.origin === 'array' && Number(issue.minimum) === 1
          ? { key: 'validation.required', params: {} }
          : { key: 'validation.tooSmall', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { key: 'validation.tooLong', params: { max: Number(issue.maximum) } }
        : { key: 'validation.tooBig', params: { max: Number(issue.maximum) } };
    case 'invalid_value':
    case 'invalid_enum_value':
      return { key: 'validation.invalidOption', params: {} };
    case 'unrecognized_keys':
      return { key: 'validation.unknownField', params: {} };
    default:
      return { key: 'validation.invalid', params: {} };
  }
}

/** Builds the response body for an AppError in a language. */
export function appErrorBody(error: AppError, lang: Lang): ErrorBody {
  const fields: FieldError[] | undefined = error.options.fields?.map((f) => ({
    path: f.path,
    message: `${fieldLabel(lang, f.path)}：${messageFor(lang, f.key, f.params)}`.replace(
      '：',
      lang === 'en' ? ': ' : '：',
    ),
  }));
  const params = { ...error.options.params };
  if (typeof params.field === 'string') params.field = fieldLabel(lang, params.field);
  let message = translate(lang, `errors.${error.code}`, params);
  if (error.code === ErrorCode.VALIDATION && fields?.length)
    message = `${message}：${fields.map((f) => f.message).join('；')}`;
  return { code: error.code, message, ...(fields ? { fields } : {}) };
}

/** Converts whatever was thrown into an AppError (or null for a genuine server fault). */
export function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const context = fe.validationContext ?? 'body';
    const fields = (
      fe.validation as {
        keyword?: string;
        message?: string;
        instancePath?: string;
        params?: ZodIssueLike & { issue?: ZodIssueLike };
      }[]
    ).map((v) => {
      // fastify-type-provider-zod spreads the zod issue into `params`, with its code as `keyword`.
      const issue: ZodIssueLike = v.params?.issue ?? { ...v.params, code: v.keyword, message: v.message };
      const { key, params } = zodIssueKey(issue);
      const path =
        (issue.path ?? []).join('.') || (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || context;
      return { path, key, params };
    });
    return new AppError(ErrorCode.VALIDATION, { fields });
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError(ErrorCode.MALFORMED_JSON);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError(ErrorCode.PAYLOAD_TOO_LARGE);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    default:
      break;
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) return new AppError(ErrorCode.MALFORMED_JSON);
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (fe.statusCode === 413) return new AppError(ErrorCode.PAYLOAD_TOO_LARGE);
    if (fe.statusCode === 415) return new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    if (fe.statusCode === 404) return new AppError(ErrorCode.NOT_FOUND);
    if (fe.statusCode === 403) return new AppError(ErrorCode.FORBIDDEN);
    if (fe.statusCode === 401) return new AppError(ErrorCode.UNAUTHENTICATED);
    if (fe.statusCode === 429) return new AppError(ErrorCode.TOO_MANY_REQUESTS);
    return new AppError(ErrorCode.VALIDATION, { fields: [{ path: 'body', key: 'validation.invalid' }] });
  }
  return null;
}

/** Installs the error and not-found handlers; `fallback` may answer a not-found page request (the SPA). */
export function installErrorHandling(
  app: FastifyInstance,
  fallback?: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | null,
): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const lang = request.lang;
    const appError = toAppError(error);
    if (appError) {
      if (appError.options.headers) void reply.headers(appError.options.headers);
      return reply.status(errorStatus[appError.code]).send(appErrorBody(appError, lang));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(appErrorBody(new AppError(ErrorCode.INTERNAL), lang));
  });
  app.setNotFoundHandler((request, reply) => {
    const answered = fallback?.(request, reply);
    if (answered) return answered;
    return reply.status(404).send(appErrorBody(new AppError(ErrorCode.NOT_FOUND), request.lang));
  });
}
