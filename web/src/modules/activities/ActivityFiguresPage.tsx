/** 活动统计: activities held, 人次, 实事, volunteer hours; by month (chart), team, village and kind. */
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Card,
  Col,
  DatePicker,
  Empty,
  Radio,
  Result,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tooltip,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ACTIVITY_KINDS } from '../../../../common/activities/schemas.ts';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Chart } from '../stats/Chart.tsx';
import { groupOption, monthOption } from './figureOptions.ts';
import { formatHours, KIND_HEX } from './labels.tsx';
import { ACTIVITIES, type ActivityFigures } from './types.ts';

const GROUPS = ['month', 'team', 'village', 'kind'] as const;
type GroupBy = (typeof GROUPS)[number];
const CARDS = [
  ['held', '#c41d1d'],
  ['personTimes', '#1677ff'],
  ['deeds', '#fa8c16'],
  ['hours', '#722ed1'],
  ['attendanceRate', '#389e0d'],
  ['upcoming', '#08979c'],
] as const;

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

export function ActivityFiguresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const groupBy = (GROUPS as readonly string[]).includes(params.get('groupBy') ?? '')
    ? (params.get('groupBy') as GroupBy)
    : 'month';
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const kind = params.get('kind') ?? undefined;
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
    queryKey: [`${ACTIVITIES}/figures`, { groupBy, from, to, kind }],
    queryFn: () => api<ActivityFigures>(`${ACTIVITIES}/figures`, { query: { groupBy, from, to, kind } }),
  });
  const data = figures.data;
  const value = (key: (typeof CARDS)[number][0]) => {
    if (!data) return 0;
    if (key === 'hours') return formatHours(data.hours);
    if (key === 'attendanceRate') return pct(data.attendanceRate);
    return data[key];
  };
  const label = t(`activityPages.figures.group.${groupBy}`);

  return (
    <>
      <PageHeader
        title={t('activityPages.figures.title')}
        description={t('activityPages.figures.description')}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('activityPages.filterKind')}
              style={{ width: 130 }}
              value={kind}
              onChange={(v?: string) => set({ kind: v })}
              options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`enums.activityKind.${k}`) }))}
            />
            <DatePicker.RangePicker
              value={from && to ? [dayjs(from), dayjs(to)] : null}
              placeholder={[t('fields.from'), t('fields.to')]}
              onChange={(range) =>
                set({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
              }
            />
          </Space>
        }
      />
      {figures.isError ? (
        <Result status="warning" title={t('app.loadFailed')} subTitle={figures.error.message} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {CARDS.map(([key, color]) => (
              <Col key={key} xs={12} md={8} xl={4}>
                <Card variant="borderless" className="lx-stat-card" data-testid={`activity-figure-${key}`}>
                  <Skeleton loading={!data} active paragraph={false} title={{ width: '60%' }}>
                    <Statistic
                      title={
                        <>
                          {t(`activityPages.figures.${key}`)}
                          <Tooltip title={t(`activityPages.figures.help.${key}`)}>
                            <QuestionCircleOutlined style={{ marginLeft: 6, color: '#8c8c8c' }} />
                          </Tooltip>
                        </>
                      }
                      value={value(key)}
                      styles={{ content: { color, fontWeight: 600 } }}
                    />
                  </Skeleton>
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            variant="borderless"
            title={
              groupBy === 'month'
                ? t('activityPages.figures.trend')
                : t('activityPages.figures.byGroup', { group: label })
            }
            extra={
              <Radio.Group
                optionType="button"
                size="small"
                value={groupBy}
                onChange={(e) => set({ groupBy: e.target.value as string })}
                options={GROUPS.map((g) => ({ value: g, label: t(`activityPages.figures.group.${g}`) }))}
                data-testid="activity-figures-group"
              />
            }
          >
            {data && data.groups.length > 0 ? (
              <Chart
                option={
                  groupBy === 'month'
                    ? monthOption(t, data.groups)
                    : groupOption(t, data.groups, groupBy === 'kind' ? (g) => KIND_HEX[g.key] : undefined)
                }
                height={groupBy === 'month' ? 320 : Math.max(240, data.groups.length * 44)}
              />
            ) : (
              !figures.isPending && <Empty description={t('home.noData')} />
            )}
            <Table
              rowKey="key"
              size="small"
              style={{ marginTop: 16 }}
              loading={figures.isPending}
              dataSource={data?.groups ?? []}
              pagination={false}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: label,
                  dataIndex: 'name',
                  render: (v: string, g) => (groupBy === 'kind' ? t(`enums.activityKind.${g.key}`) : v || g.key),
                },
                { title: t('activityPages.figures.held'), dataIndex: 'held', align: 'right' },
                { title: t('activityPages.figures.personTimes'), dataIndex: 'personTimes', align: 'right' },
                { title: t('activityPages.figures.served'), dataIndex: 'served', align: 'right' },
                { title: t('activityPages.reach'), dataIndex: 'reach', align: 'right' },
                { title: t('activityPages.figures.deeds'), dataIndex: 'deeds', align: 'right' },
                { title: t('activityPages.count.attended'), dataIndex: 'attended', align: 'right' },
                { title: t('activityPages.count.noShow'), dataIndex: 'noShows', align: 'right' },
                {
                  title: t('activityPages.figures.attendanceRate'),
                  dataIndex: 'attendanceRate',
                  align: 'right',
                  render: pct,
                },
                {
                  title: t('activityPages.figures.hours'),
                  dataIndex: 'hours',
                  align: 'right',
                  render: (v: number) => formatHours(v),
                },
              ]}
            />
          </Card>
        </>
      )}
    </>
  );
}
