/** Merge target: search other requests by code or words. */
import { useQuery } from '@tanstack/react-query';
import { Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type ListResult } from '../../app/api.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { REQUESTS, type RequestSummary } from './types.ts';

export function MergeTargetField({ selfId }: { selfId: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useQuery({
    queryKey: [REQUESTS, 'merge-search', q],
    queryFn: () =>
      api<ListResult<RequestSummary>>(REQUESTS, { query: { q: q || undefined, view: 'all', pageSize: 20 } }),
  });
  const options = (found.data?.items ?? [])
    .filter((r) => r.id !== selfId && r.status !== 'merged')
    .map((r) => ({ value: r.id, label: `${r.code} · ${r.categoryName} · ${r.description.slice(0, 30)}` }));
  return (
    <Form.Item
      name="targetId"
      label={t('requests.mergeTarget')}
      extra={t('requests.mergeHint')}
      required
      rules={[{ required: true, message: t('validation.targetRequired') }]}
    >
      <Select
        showSearch={{ filterOption: false, onSearch: setSearch }}
        placeholder={t('requests.mergeSearch')}
        options={options}
        loading={found.isFetching}
        data-testid="merge-target"
      />
    </Form.Item>
  );
}
