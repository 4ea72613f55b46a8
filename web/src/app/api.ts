/** Typed fetch wrapper for the Lianxin API: language, CSRF, cookies and typed errors. */
import type { ErrorBody, FieldError } from '../../../common/errors/codes.ts';

/** An error answered by the API (or a network failure, code `NETWORK`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];

  constructor(status: number, body: Partial<ErrorBody> & { message: string }) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code ?? 'INTERNAL';
    this.fields = body.fields ?? [];
  }
}

/** A page of a list endpoint. */
export interface ListResult<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let csrfToken: string | null = null;
let language = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

/** Remembers the CSRF token of `/api/auth/me` or of the sign-in answer. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The language sent as `Accept-Language`. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Called on any 401 except the sign-in request itself. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** `/api/x` + `?a=1&b=2`, dropping empty values. */
export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
}

/** Calls the API and returns the parsed JSON answer, or throws an ApiError. */
export async function api<T>(path: string, { method = 'GET', query, body }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {
      code: 'INTERNAL',
      message: language === 'en' ? 'Network error' : '网络连接失败，请检查网络',
    });
  }
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : null;
  if (!response.ok) {
    const errorBody = isErrorBody(data) ? data : { code: 'INTERNAL' as const, message: `HTTP ${response.status}` };
    if (response.status === 401 && path !== '/api/auth/login') onUnauthenticated?.();
    throw new ApiError(response.status, errorBody);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** Downloads an export (.xlsx) with the session cookie and saves it under its server-given name. */
export async function download(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await fetch(buildUrl(path, query), {
    credentials: 'same-origin',
    headers: { 'Accept-Language': language },
  });
  if (!response.ok) {
    const data = safeJson(await response.text());
    if (response.status === 401) onUnauthenticated?.();
    throw new ApiError(response.status, isErrorBody(data) ? data : { message: `HTTP ${response.status}` });
  }
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Uploads one file as multipart field `file` (XHR for upload progress); answers the parsed JSON.
 * `onProgress` gets 0–100.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', language);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, { message: language === 'en' ? 'Network error' : '网络连接失败，请检查网络' }));
    xhr.onload = () => {
      const data = safeJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else {
        if (xhr.status === 401) onUnauthenticated?.();
        reject(new ApiError(xhr.status, isErrorBody(data) ? data : { message: `HTTP ${xhr.status}` }));
      }
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
