/** 相似诉求: open requests resembling the description being typed (debounced), to avoid duplicates. */
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { useDebounced } from '../../components/useDebounced.ts';
import { StatusTag } from './labels.tsx';
import type { SimilarItem } from './types.ts';

interface SimilarPanelProps {
  text: string;
  villageId?: string;
  categoryId?: string;
}

export function SimilarPanel({ text, villageId, categoryId }: SimilarPanelProps) {
  const { t } = useTranslation();
  const debounced = useDebounced(text.trim(), 500);
  const enabled = debounced.length >= 4;
  const similar = useQuery({
    queryKey: ['/api/requests/similar', debounced, villageId, categoryId],
    queryFn: () =>
      api<{ items: SimilarItem[] }>('/api/requests/similar', { query: { text: debounced, villageId, categoryId } }),
    enabled,
    staleTime: 30_000,
  });
  const items = similar.data?.items ?? [];

  return (
    <Card variant="borderless" title={t('requests.similarTitle')} size="small" data-testid="similar-panel">
      {!enabled ? (
        <Typography.Text type="secondary">{t('requests.similarHint')}</Typography.Text>
      ) : similar.isPending ? (
        <Spin />
      ) : similar.isError ? (
        <Typography.Text type="danger">{similar.error.message}</Typography.Text>
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.similarNone')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item key={item.id}>
              <div style={{ minWidth: 0 }}>
                <div>
                  <Link to={`/requests/${item.id}`} target="_blank">
                    {item.code}
                  </Link>{' '}
                  <StatusTag status={item.status} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.categoryName} · {formatDate(item.createdAt)}
                  </Typography.Text>
                </div>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {item.description}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
