/** The recipient's visits, newest first: services, condition, notes, photos and the request raised. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Empty, Image, Pagination, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CareVisit } from '../../../../common/care/schemas.ts';
import { api, type ListResult } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { CONDITION_COLOURS, ConditionTag } from './labels.tsx';
import { RECIPIENTS, visitsKey } from './types.ts';

const PAGE_SIZE = 10;
const HOURS_KEYS = { pending: 'hoursPending', approved: 'hoursApproved', rejected: 'hoursRejected' } as const;

export function VisitHistory({ recipientId, highlight }: { recipientId: string; highlight?: string | null }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const visits = useQuery({
    queryKey: [...visitsKey(recipientId), page],
    queryFn: () =>
      api<ListResult<CareVisit>>(`${RECIPIENTS}/${recipientId}/visits`, { query: { page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  if (visits.isError) return <Alert type="error" showIcon message={visits.error.message} />;
  if (!visits.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const { items, total } = visits.data;
  if (total === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('carePages.noVisits')} />;

  return (
    <>
      <Timeline
        data-testid="visit-timeline"
        items={items.map((v) => ({
          key: v.id,
          color: CONDITION_COLOURS[v.condition],
          content: (
            <div
              id={`visit-${v.id}`}
              data-testid="visit-entry"
              style={
                highlight === v.id
                  ? { background: '#fff7e6', borderRadius: 8, padding: '4px 8px', margin: '-4px -8px' }
                  : undefined
              }
            >
              <Space wrap size={[8, 4]}>
                <strong>{formatDateTime(v.visitedAt).slice(0, 16)}</strong>
                <span>{v.personName}</span>
                {v.teamName && <Typography.Text type="secondary">{v.teamName}</Typography.Text>}
                <span>{t('carePages.minutes', { n: v.durationMinutes })}</span>
                <ConditionTag condition={v.condition} />
                {v.hoursStatus && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`carePages.${HOURS_KEYS[v.hoursStatus]}`)}
                  </Typography.Text>
                )}
              </Space>
              <div style={{ marginTop: 4 }}>
                {v.services.map((s) => (
                  <Tag key={s} color="processing">
                    {t(`carePages.serviceLabels.${s}`)}
                  </Tag>
                ))}
              </div>
              {v.notes && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{v.notes}</div>}
              {v.requestId && v.requestCode && (
                <div style={{ marginTop: 4 }}>
                  <Tag color="red">{t('carePages.problem')}</Tag>
                  <Link to={`/requests/${v.requestId}`} data-testid="visit-request-link">
                    {t('carePages.requestLink', { code: v.requestCode })}
                  </Link>
                </div>
              )}
              {v.photos.length > 0 && (
                <Image.PreviewGroup>
                  <Space wrap style={{ marginTop: 6 }}>
                    {v.photos.map((p) => (
                      <Image
                        key={p.id}
                        src={p.url}
                        width={72}
                        height={72}
                        style={{ objectFit: 'cover', borderRadius: 4 }}
                      />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              )}
            </div>
          ),
        }))}
      />
      {total > PAGE_SIZE && (
        <Pagination
          size="small"
          align="end"
          current={page}
          pageSize={PAGE_SIZE}
          total={total}
          onChange={setPage}
          showTotal={(n) => t('common.total', { total: n })}
        />
      )}
    </>
  );
}
