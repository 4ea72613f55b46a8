/** The requests raised from an activity (a problem found at a stall), linked to their work orders. */
import { Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/format.ts';
import { StatusTag } from '../requests/labels.tsx';
import type { ActivityDetail, ActivityRequestRef } from './types.ts';

export function RequestsCard({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation();
  return (
    <Card variant="borderless" title={t('activityPages.requests')}>
      <Table<ActivityRequestRef>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={activity.requests}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityPages.requestsEmpty')} />,
        }}
        columns={[
          {
            title: t('requests.code'),
            dataIndex: 'code',
            render: (code: string, r) => (
              <Link to={`/requests/${r.id}`} data-testid="activity-request-link">
                {code}
              </Link>
            ),
          },
          { title: t('requests.category'), dataIndex: 'categoryName' },
          {
            title: t('requests.descriptionCol'),
            dataIndex: 'description',
            render: (v: string) => (
              <div className="lx-ellipsis" style={{ maxWidth: 360 }} title={v}>
                {v}
              </div>
            ),
          },
          { title: t('requests.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: t('requests.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v).slice(0, 16),
          },
        ]}
      />
    </Card>
  );
}
