/** A team's figures (members, squads, shifts covered and hours in 30 days) and its next shifts. */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TeamFigures as Figures } from '../../../../common/members/schemas.ts';
import { api } from '../../app/api.ts';
import { ShiftTable } from '../members/ShiftTable.tsx';

export function TeamFigures({ teamId }: { teamId: string }) {
  const { t } = useTranslation();
  const figures = useQuery({
    queryKey: ['/api/teams', teamId, 'figures'],
    queryFn: () => api<z.infer<typeof Figures>>(`/api/teams/${teamId}/figures`),
  });
  const f = figures.data;
  if (!f) return <Skeleton active paragraph={{ rows: 2 }} />;
  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {[
          { key: 'members', value: f.members },
          { key: 'squads', value: f.squads },
          { key: 'shiftsCovered', value: f.shiftsCovered },
          { key: 'hours', value: f.hoursApproved, suffix: 'h' },
        ].map((s) => (
          <Col key={s.key} xs={12} md={6}>
            <Card variant="borderless" size="small">
              <Statistic title={t(`teamFigures.${s.key}`)} value={s.value} suffix={s.suffix} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card variant="borderless" size="small" title={t('teamFigures.upcoming')} style={{ marginBottom: 16 }}>
        {f.upcomingShifts.length ? (
          <ShiftTable shifts={f.upcomingShifts} showPerson />
        ) : (
          <Empty description={t('memberPages.noShifts')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        )}
      </Card>
    </>
  );
}
