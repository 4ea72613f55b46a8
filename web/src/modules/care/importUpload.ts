/** Sends the care import file: the server answers the row-by-row report with 200 (all fine) or 422 (problems). */
import type { CareImportReport } from '../../../../common/care/schemas.ts';
import { ApiError } from '../../app/api.ts';
import { CARE } from './types.ts';

interface Options {
  dryRun: boolean;
  csrfToken: string;
  language: string;
  onProgress: (percent: number) => void;
}

function isReport(value: unknown): value is CareImportReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as { errors?: unknown }).errors);
}

export function uploadImport(
  file: Blob,
  { dryRun, csrfToken, language, onProgress }: Options,
): Promise<CareImportReport> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${CARE}/import${dryRun ? '?dryRun=true' : ''}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', language);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () =>
      reject(new ApiError(0, { message: language === 'en' ? 'Network error' : '网络连接失败，请检查网络' }));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText) as unknown;
      } catch {
        data = null;
      }
      if ((xhr.status === 200 || xhr.status === 422) && isReport(data)) resolve(data);
      else {
        const body = (data ?? {}) as { message?: string; code?: string; fields?: { path: string; message: string }[] };
        reject(
          new ApiError(xhr.status, {
            message: body.fields?.[0]?.message ?? body.message ?? `HTTP ${xhr.status}`,
          }),
        );
      }
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
