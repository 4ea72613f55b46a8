/**
 * The home page's row of service figures for this year: activities held, person-times served and
 * deeds done (from the activities figures) and care visits with the recipients now overdue (from
 * the care figures) — each card shown only to those who may read its source, linking to it.
 */
import { CalendarOutlined, HeartOutlined, SmileOutlined, TeamOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ActivityFigures } from '../../../../common/activities/schemas.ts';
import type { CareFigures } from '../../../../common/care/schemas.ts';
import { api } from '../../app/api.ts';
import { useCan } from '../../app/auth.ts';

/** This year in Asia/Shanghai, where the town lives. */
const shanghaiYear = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);

interface ServiceCard {
  key: string;
  icon: ReactNode;
  colour: string;
  path: string;
  value: number | undefined;
  unit: string;
}

export function ServiceFiguresRow() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [year] = useState(shanghaiYear);
  const showActivities = can('activities.read') && can('stats.read');
  const showCare = can('care.read');
  const activities = useQuery({
    queryKey: ['/api/activities/figures', { from: `${year}-01-01` }],
    queryFn: () => api<ActivityFigures>('/api/activities/figures', { query: { from: `${year}-01-01` } }),
    enabled: showActivities,
    retry: false,
  });
  const care = useQuery({
    queryKey: ['/api/care/figures', { from: `${year}-01` }],
    queryFn: () => api<CareFigures>('/api/care/figures', { query: { from: `${year}-01` } }),
    enabled: showCare,
    retry: false,
  });
  const cards: (ServiceCard & { loading: boolean })[] = [];
  if (showActivities && !activities.isError) {
    const loading = activities.isPending;
    const a = activities.data;
    cards.push(
      {
        key: 'held',
        icon: <CalendarOutlined />,
        colour: '#c41d1d',
        path: '/activities/figures',
        value: a?.held,
        unit: 'count',
        loading,
      },
      {
        key: 'personTimes',
        icon: <TeamOutlined />,
        colour: '#fa8c16',
        path: '/activities/figures',
        value: a?.personTimes,
        unit: 'times',
        loading,
      },
      {
        key: 'deeds',
        icon: <SmileOutlined />,
        colour: '#389e0d',
        path: '/activities/figures',
        value: a?.deeds,
        unit: 'deeds',
        loading,
      },
    );
  }
  if (showCare && !care.isError) {
    const loading = care.isPending;
    const c = care.data?.totals;
    cards.push(
      {
        key: 'careVisits',
        icon: <HeartOutlined />,
        colour: '#eb2f96',
        path: '/care/figures',
        value: c?.visits,
        unit: 'times',
        loading,
      },
      {
        key: 'careOverdue',
        icon: <WarningOutlined />,
        colour: '#d4380d',
        path: '/care/overdue',
        value: c?.overdue,
        unit: 'person',
        loading,
      },
    );
  }
  if (!cards.length) return null;
  return (
    <>
      <Typography.Title level={5} style={{ margin: '16px 0 8px' }}>
        {t('home.serviceFigures', { year })}
      </Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {cards.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={Math.max(4, Math.floor(24 / cards.length))}>
            <Card
              variant="borderless"
              hoverable
              className="lx-stat-card"
              onClick={() => navigate(c.path)}
              data-testid={`service-${c.key}`}
            >
              <Skeleton loading={c.loading} active paragraph={false} title={{ width: '60%' }}>
                <Statistic
                  title={
                    <>
                      <span style={{ color: c.colour }}>{c.icon}</span> {t(`home.service.${c.key}`)}
                    </>
                  }
                  value={c.value ?? 0}
                  suffix={t(`home.serviceUnit.${c.unit}`)}
                  styles={{ content: { color: c.colour, fontWeight: 600 } }}
                />
              </Skeleton>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
