/** Select options from a list endpoint (first 100 active records), e.g. villages for a filter. */
import { useQuery } from '@tanstack/react-query';
import { api, type ListResult, type Query } from '../app/api.ts';

interface Named {
  id: string;
  name: string;
}

export function useOptions(endpoint: string, query: Query = {}, enabled = true) {
  const result = useQuery({
    queryKey: [endpoint, 'options', query],
    queryFn: () => api<ListResult<Named>>(endpoint, { query: { ...query, pageSize: 100 } }),
    staleTime: 60_000,
    enabled,
  });
  return {
    loading: result.isPending && enabled,
    options: (result.data?.items ?? []).map((item) => ({ value: item.id, label: item.name })),
  };
}
