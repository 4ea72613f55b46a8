/** Villages, teams and departments a role can be scoped to (GET /api/users/scopes, users.manage). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.ts';

interface Named {
  id: string;
  name: string;
}

export interface Scopes {
  villages: Named[];
  teams: Named[];
  departments: Named[];
}

export function useScopes(enabled = true) {
  const result = useQuery({
    queryKey: ['/api/users/scopes'],
    queryFn: () => api<Scopes>('/api/users/scopes'),
    staleTime: 60_000,
    enabled,
  });
  const toOptions = (items: Named[] | undefined) => (items ?? []).map((i) => ({ value: i.id, label: i.name }));
  return {
    loading: result.isPending,
    villages: toOptions(result.data?.villages),
    teams: toOptions(result.data?.teams),
    departments: toOptions(result.data?.departments),
  };
}
