/** The member's care calls from H5: the duty pages' signed-in fetch, plus photo uploads with the CSRF token. */
import type { MyCare, VisitCreated } from '../../../../common/care/schemas.ts';
import { H5Error } from '../publicApi.ts';
import { dutyGet, dutyPost } from '../duty/dutyApi.ts';

let csrf = '';
let lang = 'zh-CN';

/** Remembers the session's CSRF token (from `/api/auth/me` or the sign-in answer) and the language. */
export function setCareSession(token: string, language: string): void {
  csrf = token;
  lang = language;
}

export const loadMyCare = () => dutyGet<MyCare>('/api/care/my');

export interface VisitBody {
  recipientId: string;
  durationMinutes: number;
  services: string[];
  condition: string;
  notes: string | null;
  photoIds: string[];
  problem: { categoryId: string; description: string } | null;
}

export const logVisit = (body: VisitBody) => dutyPost<VisitCreated>('/api/care/visits', body);

/** Uploads one photo to `/api/uploads` (signed in); `onProgress` gets 0–100. */
export function uploadVisitPhoto(file: File, onProgress: (percent: number) => void): Promise<{ id: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', lang);
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new H5Error(0, 'network'));
    xhr.onload = () => {
      let data: { id?: string; message?: string } | null = null;
      try {
        data = JSON.parse(xhr.responseText) as { id?: string; message?: string };
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data?.id) resolve({ id: data.id });
      else reject(new H5Error(xhr.status, data?.message ?? `HTTP ${xhr.status}`));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** Days between two instants, rounded down. */
export const daysBetween = (from: string, to: number) => Math.floor((to - Date.parse(from)) / 86_400_000);

/** `YYYY-MM-DD` in Shanghai. */
export const shanghaiDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
