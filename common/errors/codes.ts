/**
 * The one list of error codes the API returns. The user-facing text for each lives in the
 * i18n catalogs under `errors.<code>`; the web maps `code` + `fields` onto form fields.
 */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  TOWN_REQUIRED: 'TOWN_REQUIRED',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  CSRF: 'CSRF',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  STALE_VERSION: 'STALE_VERSION',
  DUPLICATE: 'DUPLICATE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  WEAK_PASSWORD: 'WEAK_PASSWORD',
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  IN_USE: 'IN_USE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  INTERNAL: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status for each code. */
export const errorStatus: Record<ErrorCode, number> = {
  VALIDATION: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  BAD_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 429,
  ACCOUNT_DISABLED: 403,
  TOWN_REQUIRED: 400,
  TOO_MANY_REQUESTS: 429,
  CSRF: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WEAK_PASSWORD: 422,
  WRONG_PASSWORD: 422,
  IN_USE: 409,
  INVALID_TRANSITION: 409,
  INTERNAL: 500,
};

/** One invalid field: its path (e.g. `mobile` or `roles.0.villageId`) and a translated message. */
export interface FieldError {
  path: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
}
