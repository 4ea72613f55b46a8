/** 首页: live counts and members per team / per village. */
import {
  ApartmentOutlined,
  BankOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Result, Row, Skeleton, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Overview } from '../../../../common/stats/schemas.ts';
import { api } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RequestFiguresRow } from '../requests/RequestFiguresRow.tsx';
import { Chart } from './Chart.tsx';
import { ServiceFiguresRow } from './ServiceFiguresRow.tsx';
import { teamsOption, villagesOption } from './chartOptions.ts';

interface CardDef {
  key: 'villages' | 'hamlets' | 'workstations' | 'teams' | 'members' | 'departments';
  icon: ReactNode;
  colour: string;
  path: string;
  unit: 'count' | 'person';
}

const CARDS: CardDef[] = [
  { key: 'villages', icon: <HomeOutlined />, colour: '#c41d1d', path: '/villages', unit: 'count' },
  { key: 'hamlets', icon: <EnvironmentOutlined />, colour: '#389e0d', path: '/hamlets', unit: 'count' },
  { key: 'workstations', icon: <BankOutlined />, colour: '#1677ff', path: '/workstations', unit: 'count' },
  { key: 'teams', icon: <TeamOutlined />, colour: '#fa8c16', path: '/teams', unit: 'count' },
  { key: 'members', icon: <UserOutlined />, colour: '#eb2f96', path: '/people', unit: 'person' },
  { key: 'departments', icon: <ApartmentOutlined />, colour: '#722ed1', path: '/departments', unit: 'count' },
];

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const overview = useQuery({ queryKey: ['/api/stats/overview'], queryFn: () => api<Overview>('/api/stats/overview') });
  const data = overview.data;

  if (overview.isError) {
    return <Result status="warning" title={t('app.loadFailed')} subTitle={overview.error.message} />;
  }

  return (
    <>
      <PageHeader
        title={t('home.greeting', { name: me.user.displayName })}
        documentTitle={t('home.title')}
        description={t('app.slogan')}
      />
      {can('requests.read') && <RequestFiguresRow />}
      <ServiceFiguresRow />
      <Row gutter={[16, 16]}>
        {CARDS.map((c) => (
          <Col key={c.key} xs={12} md={8} xl={4}>
            <Card
              variant="borderless"
              hoverable
              className="lx-stat-card"
              onClick={() => navigate(c.path)}
              data-testid={`stat-${c.key}`}
            >
              <Skeleton loading={!data} active paragraph={false} title={{ width: '60%' }}>
                <Statistic
                  title={
                    <>
                      <span style={{ color: c.colour }}>{c.icon}</span>
                      {t(`home.${c.key}`)}
                    </>
                  }
                  value={data?.[c.key] ?? 0}
                  suffix={t(`home.unit.${c.unit}`)}
                  styles={{ content: { color: c.colour, fontWeight: 600 } }}
                />
              </Skeleton>
            </Card>
          </Col>
        ))}
        <Col xs={24} xl={10}>
          <Card variant="borderless" title={t('home.membersPerTeam')}>
            {!data ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : data.teamsBreakdown.length ? (
              <Chart option={teamsOption(data.teamsBreakdown)} height={320} />
            ) : (
              <Empty description={t('home.noData')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card variant="borderless" title={t('home.membersPerVillage')}>
            {!data ? (
              <Skeleton active paragraph={{ rows: 6 }} />
            ) : data.villagesBreakdown.length ? (
              <Chart option={villagesOption(data.villagesBreakdown)} height={320} />
            ) : (
              <Empty description={t('home.noData')} />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
