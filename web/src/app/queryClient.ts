/** The TanStack Query client: shared error handling for every query and mutation. */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';
import { i18next } from './i18n.ts';
import { notify } from './notify.ts';

function handleError(error: Error, refetch: () => void): void {
  if (!(error instanceof ApiError)) {
    notify.error(error.message);
    return;
  }
  if (error.status === 401) return; // the API wrapper sends the user to the sign-in page
  if (error.code === 'STALE_VERSION') {
    notify.warning(`${error.message} ${i18next.t('common.staleReloaded')}`);
    refetch();
    return;
  }
  notify.error(error.message);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      // Pages show their own error state; only background refetch failures need a toast.
      if (query.state.data !== undefined) handleError(error, () => undefined);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error) => handleError(error, () => void queryClient.invalidateQueries()),
    // Every write may change counts elsewhere (home, lists, details): refresh what is on screen.
    onSuccess: () => void queryClient.invalidateQueries(),
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
