/** Picks a team member by name or volunteer number (server-side search of /api/members). */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberSummary } from '../../../../common/members/schemas.ts';
import { api, type ListResult } from '../../app/api.ts';
import { useDebounced } from '../../components/useDebounced.ts';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  /** Members to leave out, e.g. those already paired. */
  exclude?: readonly string[];
  /** Members of this village first. */
  villageId?: string | null;
}

export function MemberSelect({ value, onChange, exclude = [], villageId }: Props) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const search = useDebounced(q, 300);
  const found = useQuery({
    queryKey: ['/api/members', 'pick', search, villageId],
    queryFn: () =>
      api<ListResult<MemberSummary>>('/api/members', {
        query: { q: search, pageSize: 30, status: 'active', villageId: search ? undefined : (villageId ?? undefined) },
      }),
    staleTime: 30_000,
  });
  const options = (found.data?.items ?? [])
    .filter((m) => !exclude.includes(m.id))
    .map((m) => ({
      value: m.id,
      label: [m.name, m.villageName, m.teams.map((x) => x.name).join('、')].filter(Boolean).join(' · '),
    }));
  return (
    <Select
      showSearch
      filterOption={false}
      onSearch={setQ}
      placeholder={t('dutyPages.searchPerson')}
      loading={found.isFetching}
      value={value}
      onChange={(v: string) => onChange?.(v)}
      options={options}
      style={{ width: '100%' }}
      data-testid="member-select"
    />
  );
}
