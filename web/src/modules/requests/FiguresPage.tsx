/** 诉求统计: the town's request figures, status breakdown, and a table grouped by team/village/category/month. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Radio, Result, Row, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Chart } from '../stats/Chart.tsx';
import { FigureCards } from './FigureCards.tsx';
import { statusOption, trendOption } from './figureOptions.ts';
import { formatHours, percent } from './labels.tsx';
import type { Figures } from './types.ts';

const GROUPS = ['team', 'village', 'category', 'month'] as const;
const GROUP_LABELS = { team: 'groupTeam', village: 'groupVillage', category: 'groupCategory', month: 'groupMonth' };

export function FiguresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const groupBy = (params.get('groupBy') as (typeof GROUPS)[number] | null) ?? 'team';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
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
  const figures = useQuery({
    queryKey: ['/api/requests/figures', { groupBy, from, to }],
    queryFn: () => api<Figures>('/api/requests/figures', { query: { groupBy, from, to } }),
  });
  const data = figures.data;
  const rate = (v: number | null) => percent(v);

  return (
    <>
      <PageHeader
        title={t('figures.title')}
        description={t('figures.description')}
        extra={
          <DatePicker.RangePicker
            value={from && to ? [dayjs(from), dayjs(to)] : null}
            placeholder={[t('fields.from'), t('fields.to')]}
            onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
        }
      />
      {figures.isError ? (
        <Result status="warning" title={t('app.loadFailed')} subTitle={figures.error.message} />
      ) : (
        <>
          <FigureCards
            data={data}
            cards={['total', 'completionRate', 'onTimeRate', 'satisfactionRate', 'avgHandling', 'openPastDue']}
          />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={9}>
              <Card variant="borderless" title={t('figures.byStatus')} style={{ height: '100%' }}>
                {data && Object.values(data.byStatus).some((n) => n > 0) ? (
                  <Chart option={statusOption(t, data.byStatus)} height={320} />
                ) : (
                  <Empty description={t('home.noData')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={15}>
              <Card
                variant="borderless"
                title={groupBy === 'month' ? t('figures.trend') : t(`figures.${GROUP_LABELS[groupBy]}`)}
                extra={
                  <Radio.Group
                    optionType="button"
                    size="small"
                    value={groupBy}
                    onChange={(e) => set({ groupBy: e.target.value as string })}
                    options={GROUPS.map((g) => ({ value: g, label: t(`figures.${GROUP_LABELS[g]}`) }))}
                    data-testid="figures-group"
                  />
                }
              >
                {groupBy === 'month' && data && data.groups.length > 0 && (
                  <Chart option={trendOption(t, data.groups)} height={280} />
                )}
                <Table
                  rowKey="key"
                  size="small"
                  loading={figures.isPending}
                  dataSource={data?.groups ?? []}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    { title: t(`figures.${GROUP_LABELS[groupBy]}`), dataIndex: 'name', render: (v, g) => v || g.key },
                    { title: t('figures.total'), dataIndex: 'total', align: 'right' },
                    { title: t('figures.resolved'), dataIndex: 'resolved', align: 'right' },
                    { title: t('figures.unresolved'), dataIndex: 'unresolved', align: 'right' },
                    { title: t('figures.openPastDue'), dataIndex: 'openPastDue', align: 'right' },
                    { title: t('figures.completionRate'), dataIndex: 'completionRate', align: 'right', render: rate },
                    { title: t('figures.onTimeRate'), dataIndex: 'onTimeRate', align: 'right', render: rate },
                    {
                      title: t('figures.satisfactionRate'),
                      dataIndex: 'satisfactionRate',
                      align: 'right',
                      render: rate,
                    },
                    {
                      title: t('figures.avgHandling'),
                      dataIndex: 'avgHandlingHours',
                      align: 'right',
                      render: (v: number | null) => formatHours(t, v),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
