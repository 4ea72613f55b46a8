/** The request figures as a row of cards, each with its definition in a tooltip. */
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatHours, percent } from './labels.tsx';
import type { Figures } from './types.ts';

type CardKey = 'total' | 'completionRate' | 'onTimeRate' | 'satisfactionRate' | 'avgHandling' | 'openPastDue';

const HELP: Partial<Record<CardKey, string>> = {
  total: 'figures.totalHelp',
  completionRate: 'figures.completionHelp',
  onTimeRate: 'figures.onTimeHelp',
  satisfactionRate: 'figures.satisfactionHelp',
  avgHandling: 'figures.avgHandlingHelp',
};

const COLOURS: Record<CardKey, string> = {
  total: '#c41d1d',
  completionRate: '#389e0d',
  onTimeRate: '#1677ff',
  satisfactionRate: '#fa8c16',
  avgHandling: '#722ed1',
  openPastDue: '#cf1322',
};

interface FigureCardsProps {
  data: Figures | undefined;
  cards: CardKey[];
  /** Where a click on a card leads (the home row links to the figures page). */
  link?: string;
}

export function FigureCards({ data, cards, link }: FigureCardsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const value = (key: CardKey): string | number => {
    if (!data) return 0;
    switch (key) {
      case 'total':
        return data.total;
      case 'openPastDue':
        return data.openPastDue;
      case 'avgHandling':
        return formatHours(t, data.avgHandlingHours);
      case 'completionRate':
      case 'onTimeRate':
      case 'satisfactionRate':
        return percent(data[key]);
    }
  };
  const span = Math.max(4, Math.floor(24 / cards.length));
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((key) => (
        <Col key={key} xs={12} md={8} xl={span}>
          <Card
            variant="borderless"
            className="lx-stat-card"
            hoverable={Boolean(link)}
            onClick={link ? () => navigate(link) : undefined}
            data-testid={`figure-${key}`}
          >
            <Skeleton loading={!data} active paragraph={false} title={{ width: '60%' }}>
              <Statistic
                title={
                  <>
                    {t(`figures.${key}`)}
                    {HELP[key] && (
                      <Tooltip title={t(HELP[key])}>
                        <QuestionCircleOutlined style={{ marginLeft: 6, color: '#8c8c8c' }} />
                      </Tooltip>
                    )}
                  </>
                }
                value={value(key)}
                styles={{ content: { color: COLOURS[key], fontWeight: 600 } }}
              />
            </Skeleton>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
