/** An activity's detail and a runner for its changes: refetch after success, explain a stale version. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { ACTIVITIES, type ActivityDetail, detailKey, signupsKey, type Signup } from './types.ts';

export function useActivity(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => api<ActivityDetail>(`${ACTIVITIES}/${id}`) });
}

export function useSignups(id: string, enabled: boolean) {
  return useQuery({
    queryKey: signupsKey(id),
    queryFn: () => api<Signup[]>(`${ACTIVITIES}/${id}/signups`),
    enabled,
  });
}

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface CallOptions {
  /** Shown after success. */
  success?: string;
  /** Called from a form: field errors are left for the form to show. */
  form?: boolean;
}

/**
 * Calls `${ACTIVITIES}/${id}${path}`; an ActivityDetail answer replaces the cached detail. A 409
 * reloads the activity and says why; other errors are shown (a form's field errors are left to the
 * form), then rethrown so a form stays open.
 */
export function useActivityCall(id: string) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return async <T = ActivityDetail>(
    method: Method,
    path: string,
    body?: unknown,
    opts: CallOptions = {},
  ): Promise<T> => {
    try {
      const answer = await api<T>(`${ACTIVITIES}/${id}${path}`, { method, body });
      if (answer && typeof answer === 'object' && 'stalls' in answer && 'transitions' in answer) {
        client.setQueryData(detailKey(id), answer);
      } else {
        void client.invalidateQueries({ queryKey: detailKey(id) });
      }
      void client.invalidateQueries({ queryKey: signupsKey(id) });
      void client.invalidateQueries({ queryKey: [ACTIVITIES], exact: false, refetchType: 'none' });
      if (opts.success) notify.success(opts.success);
      return answer;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        notify.warning(error.code === 'STALE_VERSION' ? t('common.staleReloaded') : error.message);
        await client.invalidateQueries({ queryKey: detailKey(id) });
        await client.invalidateQueries({ queryKey: signupsKey(id) });
      } else if (!opts.form || !(error instanceof ApiError) || error.fields.length === 0) {
        notify.error(error instanceof Error ? error.message : String(error));
      }
      throw error;
    }
  };
}
