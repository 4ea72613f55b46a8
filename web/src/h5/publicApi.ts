/** Tiny fetch helpers of the resident pages (no library): JSON in and out, and uploads with progress. */

/** An error answered by the API, with its field messages. */
export class H5Error extends Error {
  readonly status: number;
  readonly fields: { path: string; message: string }[];
  constructor(status: number, message: string, fields: { path: string; message: string }[] = []) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

let lang = 'zh-CN';
export function setH5ApiLang(value: string): void {
  lang = value;
}

/** The town code of the page (`?town=`), sent along so one server can host many towns. */
export function townCode(): string | undefined {
  return new URLSearchParams(window.location.search).get('town') ?? undefined;
}

export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

async function parse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const body = (data ?? {}) as { message?: string; fields?: { path: string; message: string }[] };
    throw new H5Error(response.status, body.message ?? `HTTP ${response.status}`, body.fields ?? []);
  }
  return data as T;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json', 'Accept-Language': lang }, signal });
  return parse<T>(response);
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Accept-Language': lang, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return parse<T>(response);
}

/** Uploads one photo to `/api/public/uploads`; `onProgress` gets 0–100. */
export function uploadPhoto(file: File, onProgress: (percent: number) => void): Promise<{ id: string; url: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/public/uploads${query({ town: townCode() })}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', lang);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new H5Error(0, 'network'));
    xhr.onload = () => {
      let data: { id: string; url: string; message?: string } | null = null;
      try {
        data = JSON.parse(xhr.responseText) as { id: string; url: string; message?: string };
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) resolve(data);
      else reject(new H5Error(xhr.status, data?.message ?? `HTTP ${xhr.status}`));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

const RECENT_KEY = 'lianxin.recentCodes';

/** Tracking codes looked up or received on this phone, newest first. */
export function recentCodes(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 5) : [];
  } catch {
    return [];
  }
}

export function rememberCode(code: string): void {
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify([code, ...recentCodes().filter((c) => c !== code)].slice(0, 5)));
  } catch {
    // Private mode: nothing remembered.
  }
}
