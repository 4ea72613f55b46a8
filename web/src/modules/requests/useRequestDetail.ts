/** A request's detail and the action runner: refetch on success, and on a stale version. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RequestAction } from '../../../../common/requests/lifecycle.ts';
import { api, ApiError } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { detailKey, REQUESTS, type RequestDetail } from './types.ts';

export function useRequestDetail(id: string) {
  return useQuery({ queryKey: detailKey(id), queryFn: () => api<RequestDetail>(`${REQUESTS}/${id}`) });
}

/** Runs an action with the detail's version; on 409 shows why and reloads the request. */
export function useRunAction(detail: RequestDetail | undefined) {
  const { t } = useTranslation();
  const client = useQueryClient();
  return async (action: RequestAction, body: Record<string, unknown>) => {
    if (!detail) return;
    try {
      const updated = await api<RequestDetail>(`${REQUESTS}/${detail.id}/actions/${action}`, {
        method: 'POST',
        body: { ...body, version: detail.version },
      });
      client.setQueryData(detailKey(detail.id), updated);
      notify.success(t('requests.actionDone', { action: t(`enums.requestAction.${action}`) }));
      void client.invalidateQueries({ queryKey: [REQUESTS] });
      void client.invalidateQueries({ queryKey: ['/api/notifications'] });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        notify.warning(error.code === 'STALE_VERSION' ? t('requests.stale') : error.message);
        await client.invalidateQueries({ queryKey: detailKey(detail.id) });
        // The form closes: the actions offered may have changed.
        return;
      }
      if (error instanceof ApiError && error.fields.length === 0) notify.error(error.message);
      throw error;
    }
  };
}
