/** Loads the public town (name and workstations) with loading and error states. */
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { PublicTown } from '../../../common/org/schemas.ts';

export type Town = z.infer<typeof PublicTown>;
export type TownState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; town: Town };

export function useTown(lang: string): [TownState, () => void] {
  const [state, setState] = useState<TownState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const code = new URLSearchParams(window.location.search).get('town');
    fetch(`/api/public/town${code ? `?code=${encodeURIComponent(code)}` : ''}`, {
      headers: { Accept: 'application/json', 'Accept-Language': lang },
      signal: controller.signal,
    })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        setState({ status: 'ready', town: (await response.json()) as Town });
      })
      .catch(() => {
        if (!controller.signal.aborted) setState({ status: 'error' });
      });
    return () => controller.abort();
  }, [lang, attempt]);

  const retry = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);
  return [state, retry];
}
