/** 逾期未访: recipients not visited within their frequency, longest overdue first, with their paired members. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { frequencyOf, type OverdueItem } from '../../../../common/care/schemas.ts';
import { api, type ListResult } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useOptions } from '../../components/useOptions.ts';
import { FrequencyText, KindTags, PairedNames, RiskTag } from './labels.tsx';
import { CARE } from './types.ts';

export function OverduePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const villageId = params.get('villageId') ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(100, Number(params.get('pageSize')) || 20);
  const villages = useOptions('/api/villages');
  const overdue = useQuery({
    queryKey: [`${CARE}/overdue`, { villageId, page, pageSize }],
    queryFn: () => api<ListResult<OverdueItem>>(`${CARE}/overdue`, { query: { villageId, page, pageSize } }),
    placeholderData: keepPreviousData,
  });
  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('carePages.overdueTitle')} description={t('carePages.overdueDescription')} />
      <Card variant="borderless">
        <div className="lx-toolbar">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('carePages.village')}
            style={{ width: 160 }}
            options={villages.options}
            value={villageId}
            onChange={(v?: string) => set({ villageId: v, page: undefined })}
          />
          <span className="lx-toolbar-spacer" />
          <Button onClick={() => navigate('/care/recipients?overdue=true')}>{t('nav.careRecipients')}</Button>
        </div>
        {overdue.isError ? (
          <Alert type="error" showIcon message={overdue.error.message} />
        ) : (
          <Table<OverdueItem>
            rowKey="recipientId"
            size="middle"
            loading={overdue.isFetching}
            dataSource={overdue.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            locale={{
              emptyText: overdue.isPending ? (
                ' '
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('carePages.overdueEmpty')} />
              ),
            }}
            pagination={{
              current: page,
              pageSize,
              total: overdue.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (p, s) =>
                set({ page: p > 1 ? String(p) : undefined, pageSize: s !== 20 ? String(s) : undefined }),
            }}
            columns={[
              {
                title: t('carePages.name'),
                dataIndex: 'name',
                render: (name: string, r) => (
                  <Link to={`/care/recipients/${r.recipientId}`}>
                    <strong>{name}</strong>
                  </Link>
                ),
              },
              {
                title: t('carePages.kinds'),
                dataIndex: 'kinds',
                render: (k: OverdueItem['kinds']) => <KindTags kinds={k} />,
              },
              {
                title: t('carePages.village'),
                dataIndex: 'villageName',
                render: (v: string | null) => v ?? t('common.none'),
              },
              {
                title: t('carePages.risk'),
                dataIndex: 'riskLevel',
                render: (r: OverdueItem['riskLevel']) => <RiskTag risk={r} />,
              },
              {
                title: t('carePages.frequency'),
                dataIndex: 'frequencyDays',
                render: (d: number) => <FrequencyText frequency={frequencyOf(d)} days={d} />,
              },
              {
                title: t('carePages.lastVisit'),
                dataIndex: 'lastVisitAt',
                render: (v: string | null) => (v ? formatDate(v) : t('carePages.neverVisited')),
              },
              { title: t('carePages.overdueSince'), dataIndex: 'nextDueAt', render: (v: string) => formatDate(v) },
              {
                title: t('carePages.overdueFor'),
                dataIndex: 'overdueDays',
                sorter: (a, b) => a.overdueDays - b.overdueDays,
                render: (d: number) => (
                  <Tag color={d > 14 ? 'error' : 'warning'} data-testid="overdue-days">
                    {t('carePages.overdueDays', { days: d })}
                  </Tag>
                ),
              },
              {
                title: t('carePages.paired'),
                dataIndex: 'pairedMembers',
                render: (m: OverdueItem['pairedMembers']) => <PairedNames members={m} />,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
