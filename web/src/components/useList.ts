/** List state (search, filters, page, disabled toggle) kept in the URL, and the query it drives. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type ListResult, type Query } from '../app/api.ts';

type Params = URLSearchParams;
type SetParams = (update: (prev: Params) => Params) => void;

/** URL state for pages; local state for lists embedded in a page (e.g. a team's members). */
function useParamState(inUrl: boolean): [Params, SetParams] {
  const [urlParams, setUrlParams] = useSearchParams();
  const [local, setLocal] = useState(() => new URLSearchParams());
  if (inUrl) return [urlParams, (update) => setUrlParams(update, { replace: true })];
  return [local, setLocal];
}

export interface UseListOptions {
  /** Filter names sent to the API besides q, page, pageSize, includeDisabled. */
  filterKeys?: readonly string[];
  /** Keep the state in the address bar (default true). */
  inUrl?: boolean;
  /** Fixed filters, e.g. the team of a members list. */
  fixed?: Query;
}

/** Drives a paginated, searchable list endpoint. */
export function useList<T>(endpoint: string, { filterKeys = [], inUrl = true, fixed = {} }: UseListOptions = {}) {
  const [params, setParams] = useParamState(inUrl);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Math.max(1, Number(params.get('pageSize')) || 20));
  const q = params.get('q') ?? '';
  const includeDisabled = params.get('includeDisabled') === 'true';
  const filters: Record<string, string | undefined> = {};
  for (const key of filterKeys) filters[key] = params.get(key) ?? undefined;
  /** The filters without paging: what the export takes. */
  const query: Query = {
    ...fixed,
    ...filters,
    q: q || undefined,
    includeDisabled: includeDisabled ? 'true' : undefined,
  };

  const result = useQuery({
    queryKey: [endpoint, { ...query, page, pageSize }],
    queryFn: () => api<ListResult<T>>(endpoint, { query: { ...query, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

  const update = (changes: Record<string, string | undefined>, resetPage = true) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined || value === '') next.delete(key);
        else next.set(key, value);
      }
      if (resetPage) next.delete('page');
      return next;
    });

  return {
    endpoint,
    result,
    page,
    pageSize,
    q,
    includeDisabled,
    filters,
    query,
    /** True when search or filters narrow the list (for the empty state's wording). */
    filtered: Boolean(q) || Object.values(filters).some(Boolean),
    setFilter: (key: string, value: string | undefined) => update({ [key]: value }),
    setFilters: (changes: Record<string, string | undefined>) => update(changes),
    setSearch: (value: string) => update({ q: value.trim() || undefined }),
    setIncludeDisabled: (value: boolean) => update({ includeDisabled: value ? 'true' : undefined }),
    setPage: (next: number, size: number) =>
      update({ page: next > 1 ? String(next) : undefined, pageSize: size !== 20 ? String(size) : undefined }, false),
  };
}

export type ListController<T> = ReturnType<typeof useList<T>>;
