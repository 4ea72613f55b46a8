/** The signed-in user: `/api/auth/me`, permission checks and sign-in/out. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { Permission } from '../../../common/auth/roles.ts';
import type { Me } from '../../../common/auth/schemas.ts';
import { api, setCsrfToken } from './api.ts';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<Me> {
  const me = await api<Me>('/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** Loads the current user; errors with 401 when nobody is signed in. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** Set by `<RequireAuth>` once the user is known. */
export const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside `<RequireAuth>`. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside <RequireAuth>');
  return me;
}

/** `can('org.write')` — whether the signed-in user holds a permission. */
export function useCan(): (permission: Permission) => boolean {
  const me = useContext(MeContext);
  return (permission) => me?.permissions.includes(permission) ?? false;
}

/** Signs in and primes the `me` cache. */
export async function signIn(username: string, password: string): Promise<Me> {
  const me = await api<Me>('/api/auth/login', { method: 'POST', body: { username, password } });
  setCsrfToken(me.csrfToken);
  return me;
}

/** Signs out and forgets every cached answer. */
export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    try {
      await api('/api/auth/logout', { method: 'POST' });
    } finally {
      setCsrfToken(null);
      client.clear();
    }
  };
}
