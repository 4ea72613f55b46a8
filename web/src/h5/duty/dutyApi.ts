/** The member's signed-in calls from H5: the session cookie plus the CSRF token of `/api/auth/me`. */
import { H5Error } from '../publicApi.ts';

let csrf = '';
let lang = 'zh-CN';

export function setDutyLang(value: string): void {
  lang = value;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new H5Error(0, lang === 'en' ? 'Network error' : '网络连接失败，请检查网络');
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const b = (data ?? {}) as { message?: string; fields?: { path: string; message: string }[] };
    throw new H5Error(response.status, b.message ?? `HTTP ${response.status}`, b.fields ?? []);
  }
  return data as T;
}

export interface MeInfo {
  displayName: string;
  csrfToken: string;
  permissions: string[];
}

export const dutyGet = <T>(path: string) => call<T>('GET', path);
export const dutyPost = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);

/** The signed-in member, or null. */
export async function loadMe(): Promise<MeInfo | null> {
  try {
    const me = await call<MeInfo>('GET', '/api/auth/me');
    csrf = me.csrfToken;
    return me;
  } catch (e) {
    if (e instanceof H5Error && e.status === 401) return null;
    throw e;
  }
}

export async function signIn(username: string, password: string): Promise<MeInfo> {
  const me = await call<MeInfo>('POST', '/api/auth/login', { username, password });
  csrf = me.csrfToken;
  return me;
}

export async function signOut(): Promise<void> {
  await call('POST', '/api/auth/logout', {});
  csrf = '';
}

export interface Shift {
  id: string;
  workstationId: string;
  workstationName: string;
  date: string;
  shiftName: string;
  startAt: string;
  endAt: string;
  personName: string;
  status: 'scheduled' | 'checked_in' | 'completed' | 'no_show' | 'cancelled';
  checkInAt: string | null;
  lateMinutes: number | null;
  hours: number | null;
  handoverNote: string | null;
}

export interface MyShifts {
  person: {
    name: string;
    volunteerNo: string | null;
    teams: { id: string; name: string; colour: string; role: string }[];
  };
  upcoming: Shift[];
  past: Shift[];
  leaves: { id: string; from: string; to: string; reason: string | null; status: string }[];
  swaps: { id: string; shift: Shift; targetPersonName: string | null; status: string }[];
}

export interface MyHours {
  items: { id: string; date: string; hours: number; content: string | null; status: string }[];
  totals: { approved: number; pending: number };
}

/** `HH:mm` in Shanghai. */
export const hhmm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
