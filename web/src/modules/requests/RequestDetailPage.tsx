/** 工单详情: header, facts, photos, the timeline and the actions the user may take now. */
import { PrinterOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Col, Descriptions, Empty, Image, Result, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { RequestAction } from '../../../../common/requests/lifecycle.ts';
import { formatDateTime } from '../../app/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ActionModal, DESTRUCTIVE_ACTIONS } from './ActionModal.tsx';
import { assigneeText, DueCell, StatusTag, UrgencyTag } from './labels.tsx';
import { RequestTimeline } from './RequestTimeline.tsx';
import { RevealMobile } from './RevealMobile.tsx';
import { useRequestDetail, useRunAction } from './useRequestDetail.ts';

export function RequestDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useRequestDetail(id);
  const detail = query.data;
  const run = useRunAction(detail);
  const [action, setAction] = useState<RequestAction | null>(null);
  const crumbs = [{ title: t('nav.requestsGroup'), path: '/requests' }, { title: detail?.code ?? '…' }];

  if (query.isError) {
    return (
      <Result
        status="warning"
        title={t('requests.notFound')}
        subTitle={query.error.message}
        extra={
          <Link to="/requests">
            <Button>{t('requests.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (!detail) return <Skeleton active paragraph={{ rows: 10 }} />;

  const place = [detail.villageName, detail.hamletName, detail.address].filter(Boolean).join(' · ');
  return (
    <>
      <PageHeader
        crumbs={crumbs}
        documentTitle={detail.code}
        title={
          <Space wrap size={8}>
            <span data-testid="request-code">{detail.code}</span>
            <StatusTag status={detail.status} />
            <UrgencyTag urgency={detail.urgency} />
            {detail.outcome && (
              <Tag color={detail.outcome === 'resolved' ? 'success' : 'error'}>
                {t(`enums.requestOutcome.${detail.outcome}`)}
              </Tag>
            )}
            {detail.supervisedCount > 0 && (
              <Badge
                count={t('requests.supervised', { count: detail.supervisedCount })}
                style={{ backgroundColor: '#cf1322' }}
              />
            )}
          </Space>
        }
        description={
          <Space size={16} wrap>
            <span>
              {t('requests.dueAt')}：<DueCell r={detail} />
            </span>
            {detail.pendingExtensionDays ? (
              <Tag color="orange">{t('requests.pendingExtension', { days: detail.pendingExtensionDays })}</Tag>
            ) : null}
          </Space>
        }
        extra={
          <Link to={`/requests/${detail.id}/print`} target="_blank" data-testid="print-link">
            <Button icon={<PrinterOutlined />}>{t('requests.print')}</Button>
          </Link>
        }
      />
      <Card variant="borderless" size="small" style={{ marginBottom: 16 }} data-testid="action-bar">
        <Space wrap>
          {detail.actions.length === 0 && <span style={{ color: '#8c8c8c' }}>{t('requests.noActions')}</span>}
          {detail.actions.map((a, i) => (
            <Button
              key={a}
              type={i === 0 && !DESTRUCTIVE_ACTIONS.includes(a) ? 'primary' : 'default'}
              danger={DESTRUCTIVE_ACTIONS.includes(a)}
              onClick={() => setAction(a)}
              data-testid={`action-${a}`}
            >
              {t(`enums.requestAction.${a}`)}
            </Button>
          ))}
        </Space>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('requests.category')}>{detail.categoryName}</Descriptions.Item>
              <Descriptions.Item label={t('requests.channel')}>
                {t(`enums.channel.${detail.channel}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('requests.enteredBy')}>
                {detail.enteredByName ?? t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('requests.workstation')}>
                {detail.workstationName ?? t('common.none')}
              </Descriptions.Item>
              {detail.origin && (
                <Descriptions.Item label={t('requests.origin')} span={2}>
                  <Link
                    to={
                      detail.origin.kind === 'activity'
                        ? `/activities/${detail.origin.id}`
                        : `/care/visits/${detail.origin.id}`
                    }
                    data-testid="request-origin"
                  >
                    {t(detail.origin.kind === 'activity' ? 'requests.originActivity' : 'requests.originVisit')}
                  </Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('requests.place')} span={2}>
                {place || t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('requests.reporter')}>
                {detail.reporterName ?? t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('requests.reporterMobile')}>
                <RevealMobile id={detail.id} masked={detail.reporterMobile} canReveal={detail.can.reveal} />
              </Descriptions.Item>
              <Descriptions.Item label={t('requests.assignee')}>{assigneeText(t, detail)}</Descriptions.Item>
              <Descriptions.Item label={t('requests.submittedAt')}>
                {formatDateTime(detail.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('requests.acceptedAt')}>
                {formatDateTime(detail.acceptedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('requests.resolvedAt')}>
                {formatDateTime(detail.resolvedAt)}
              </Descriptions.Item>
              {detail.rating !== null && (
                <Descriptions.Item label={t('requests.rating')}>
                  {'★'.repeat(detail.rating)}
                  {detail.ratingComment ? ` · ${detail.ratingComment}` : ''}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('requests.descriptionLabel')} span={2}>
                <div style={{ whiteSpace: 'pre-wrap' }} data-testid="request-description">
                  {detail.description}
                </div>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card variant="borderless" title={t('requests.photos')} size="small" style={{ marginBottom: 16 }}>
            {detail.photos.length ? (
              <Image.PreviewGroup>
                <Space wrap>
                  {detail.photos.map((p) => (
                    <Image key={p.id} src={p.url} width={110} height={110} style={{ objectFit: 'cover' }} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.photosNone')} />
            )}
          </Card>
          {detail.linkedReporters.length > 0 && (
            <Card variant="borderless" title={t('requests.linkedReporters')} size="small" style={{ marginBottom: 16 }}>
              <Descriptions column={1} size="small">
                {detail.linkedReporters.map((r) => (
                  <Descriptions.Item key={r.code} label={r.code}>
                    {[r.name, r.mobile].filter(Boolean).join(' · ') || t('common.none')}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Card variant="borderless" title={t('requests.timeline')}>
            <RequestTimeline entries={detail.timeline} />
          </Card>
        </Col>
      </Row>
      {action && <ActionModal key={action} action={action} detail={detail} onClose={() => setAction(null)} run={run} />}
    </>
  );
}
