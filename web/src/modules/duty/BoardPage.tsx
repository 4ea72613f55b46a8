/** 值班看板: every workstation with who is on duty right now. */
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Empty, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type OnDuty, hhmm } from './types.ts';

export function BoardPage() {
  const { t } = useTranslation();
  const board = useQuery({
    queryKey: ['duty', 'board'],
    queryFn: () => api<{ items: OnDuty[] }>('/api/duty/board'),
    refetchInterval: 60_000,
  });
  return (
    <>
      <PageHeader title={t('dutyPages.boardTitle')} description={t('dutyPages.boardDescription')} />
      <Row gutter={[16, 16]}>
        {(board.data?.items ?? []).map((w) => (
          <Col key={w.workstationId} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={<Link to={`/duty/roster?ws=${w.workstationId}`}>{w.workstationName}</Link>}
              data-testid="board-card"
            >
              {w.items.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dutyPages.nobody')} />
              ) : (
                w.items.map((p) => (
                  <div key={p.shiftId} style={{ display: 'flex', justifyContent: 'space-between', padding: '4px 0' }}>
                    <span>
                      <Badge status={p.checkedIn ? 'success' : 'default'} /> <strong>{p.name}</strong> {p.mobile}
                    </span>
                    <span>
                      <Tag>
                        {p.shiftName} {hhmm(p.startAt)}–{hhmm(p.endAt)}
                      </Tag>
                      {p.checkedIn ? t('dutyPages.checkedIn') : t('dutyPages.notCheckedIn')}
                    </span>
                  </div>
                ))
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
