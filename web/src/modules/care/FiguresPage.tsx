/** 关爱统计: headline cards, visits by month, recipients by kind, and tables by village and by team. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Empty, Result, Row, Select, Skeleton, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { CareFigures } from '../../../../common/care/schemas.ts';
import { api } from '../../app/api.ts';
import { ColourTag } from '../../components/ColourTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useOptions } from '../../components/useOptions.ts';
import { Chart } from '../stats/Chart.tsx';
import { kindOption, monthOption } from './figureOptions.ts';
import { CARE } from './types.ts';

type Totals = CareFigures['totals'];
const CARDS: { key: keyof Totals; label: string; colour: string; link?: string }[] = [
  { key: 'recipients', label: 'figRecipients', colour: '#c41d1d', link: '/care/recipients' },
  { key: 'visits', label: 'figVisits', colour: '#fa8c16' },
  { key: 'hours', label: 'figHours', colour: '#722ed1' },
  { key: 'recipientsVisited', label: 'figVisited', colour: '#389e0d' },
  { key: 'overdue', label: 'figOverdue', colour: '#cf1322', link: '/care/overdue' },
  { key: 'problems', label: 'figProblems', colour: '#d4380d' },
  { key: 'requests', label: 'figRequests', colour: '#1677ff', link: '/requests' },
];

export function FiguresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const villageId = params.get('villageId') ?? undefined;
  const teamId = params.get('teamId') ?? undefined;
  const villages = useOptions('/api/villages');
  const teams = useOptions('/api/teams');
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
    queryKey: [`${CARE}/figures`, { from, to, villageId, teamId }],
    queryFn: () => api<CareFigures>(`${CARE}/figures`, { query: { from, to, villageId, teamId } }),
  });
  const data = figures.data;
  const rowColumns = [
    { title: t('carePages.visitsCount'), dataIndex: 'visits', align: 'right' as const },
    { title: t('carePages.hoursCount'), dataIndex: 'hours', align: 'right' as const },
    { title: t('carePages.problemsCount'), dataIndex: 'problems', align: 'right' as const },
    { title: t('carePages.requestsCount'), dataIndex: 'requests', align: 'right' as const },
  ];

  return (
    <>
      <PageHeader
        title={t('carePages.figuresTitle')}
        description={t('carePages.figuresDescription')}
        extra={
          <Space wrap>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('carePages.village')}
              style={{ width: 140 }}
              options={villages.options}
              value={villageId}
              onChange={(v?: string) => set({ villageId: v })}
            />
            <Select
              allowClear
              placeholder={t('fields.teamId')}
              style={{ width: 180 }}
              options={teams.options}
              value={teamId}
              onChange={(v?: string) => set({ teamId: v })}
            />
            <DatePicker.RangePicker
              picker="month"
              value={from && to ? [dayjs(`${from}-01`), dayjs(`${to}-01`)] : null}
              onChange={(range) => set({ from: range?.[0]?.format('YYYY-MM'), to: range?.[1]?.format('YYYY-MM') })}
            />
          </Space>
        }
      />
      {figures.isError ? (
        <Result status="warning" title={t('app.loadFailed')} subTitle={figures.error.message} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {CARDS.map((c) => (
              <Col key={c.key} xs={12} md={8} xl={6} xxl={3} style={{ flex: '1 1 0' }}>
                <Card
                  variant="borderless"
                  className="lx-stat-card"
                  hoverable={Boolean(c.link)}
                  onClick={c.link ? () => void navigate(c.link ?? '/') : undefined}
                  data-testid={`care-figure-${c.key}`}
                >
                  <Skeleton loading={!data} active paragraph={false} title={{ width: '60%' }}>
                    <Statistic
                      title={t(`carePages.${c.label}`)}
                      value={data?.totals[c.key] ?? 0}
                      styles={{ content: { color: c.colour, fontWeight: 600 } }}
                    />
                  </Skeleton>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} xl={15}>
              <Card variant="borderless" title={t('carePages.byMonth')} style={{ height: '100%' }}>
                {data && data.byMonth.length > 0 ? (
                  <Chart option={monthOption(t, data.byMonth)} height={300} />
                ) : (
                  <Empty description={t('home.noData')} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={9}>
              <Card variant="borderless" title={t('carePages.byKind')} style={{ height: '100%' }}>
                {data && data.byKind.some((k) => k.recipients > 0) ? (
                  <Chart option={kindOption(t, data.byKind)} height={300} />
                ) : (
                  <Empty description={t('home.noData')} />
                )}
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={13}>
              <Card variant="borderless" title={t('carePages.byVillage')}>
                <Table
                  rowKey="villageId"
                  size="small"
                  loading={figures.isPending}
                  dataSource={data?.byVillage ?? []}
                  pagination={false}
                  scroll={{ x: 'max-content', y: 420 }}
                  columns={[
                    { title: t('carePages.village'), dataIndex: 'villageName' },
                    { title: t('carePages.recipientsCount'), dataIndex: 'recipients', align: 'right' },
                    {
                      title: t('carePages.overdueCount'),
                      dataIndex: 'overdue',
                      align: 'right',
                      render: (n: number) =>
                        n > 0 ? <span style={{ color: '#cf1322', fontWeight: 600 }}>{n}</span> : n,
                    },
                    ...rowColumns,
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card variant="borderless" title={t('carePages.byTeam')}>
                <Table
                  rowKey={(r) => r.teamId ?? 'none'}
                  size="small"
                  loading={figures.isPending}
                  dataSource={data?.byTeam ?? []}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  columns={[
                    {
                      title: t('fields.teamId'),
                      dataIndex: 'teamName',
                      render: (name: string | null, r) =>
                        name && r.colour ? (
                          <ColourTag colour={r.colour} label={name} />
                        ) : (
                          (name ?? t('carePages.noTeam'))
                        ),
                    },
                    ...rowColumns,
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
