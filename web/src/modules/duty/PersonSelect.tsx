/** Picks people from the registry by name (server-side search). */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListResult } from '../../app/api.ts';
import { useDebounced } from '../../components/useDebounced.ts';

interface PersonOption {
  id: string;
  name: string;
  villageName?: string | null;
}

interface PersonSelectProps {
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  multiple?: boolean;
  /** Options known already (e.g. the current pool), shown before any search. */
  known?: PersonOption[];
  villageId?: string | null;
}

export function PersonSelect({ value, onChange, multiple, known = [], villageId }: PersonSelectProps) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const found = useQuery({
    queryKey: ['/api/people', 'pick', search, villageId],
    queryFn: () =>
      api<ListResult<PersonOption>>('/api/people', { query: { q: search, pageSize: 50, villageId: villageId ?? '' } }),
    staleTime: 30_000,
  });
  const all = new Map<string, PersonOption>();
  for (const p of [...known, ...(found.data?.items ?? [])]) all.set(p.id, p);
  return (
    <Select
      mode={multiple ? 'multiple' : undefined}
      showSearch
      filterOption={false}
      onSearch={setQ}
      placeholder={t('dutyPages.searchPerson')}
      loading={found.isFetching}
      value={value}
      onChange={(v: string | string[]) => onChange?.(v)}
      options={[...all.values()].map((p) => ({
        value: p.id,
        label: p.villageName ? `${p.name}（${p.villageName}）` : p.name,
      }))}
      style={{ width: '100%' }}
      data-testid="person-select"
    />
  );
}
