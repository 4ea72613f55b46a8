/** One care recipient: the record (sensitive fields only when the API gives them), pairings and visits. */
import { AuditOutlined, EditOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CareRecipientDetail } from '../../../../common/care/schemas.ts';
import { api } from '../../app/api.ts';
import { formatDate, formatDateTime } from '../../app/format.ts';
import { enumLabel } from '../../components/enums.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DueText, FrequencyText, KindTags, RiskTag } from './labels.tsx';
import { PairingsCard } from './PairingsCard.tsx';
import { RecipientFormDrawer } from './RecipientFormDrawer.tsx';
import { RevealValue } from './RevealValue.tsx';
import { ageOf, RECIPIENTS, recipientKey } from './types.ts';
import { VisitFormModal } from './VisitFormModal.tsx';
import { VisitHistory } from './VisitHistory.tsx';

function SensitiveMark() {
  const { t } = useTranslation();
  return (
    <Tag color="red" style={{ marginInlineStart: 4 }}>
      {t('carePages.sensitive')}
    </Tag>
  );
}

export function RecipientDetailPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [visiting, setVisiting] = useState(false);
  const query = useQuery({
    queryKey: recipientKey(id),
    queryFn: () => api<CareRecipientDetail>(`${RECIPIENTS}/${id}`),
    // Each full read is audited: do not re-read it on every focus or remount.
    staleTime: 60_000,
  });
  const r = query.data;
  const crumbs = [
    { title: t('nav.careGroup') },
    { title: t('nav.careRecipients'), path: '/care/recipients' },
    { title: r?.name ?? '…' },
  ];

  if (query.isError)
    return (
      <Result
        status="warning"
        title={t('carePages.notFound')}
        subTitle={query.error.message}
        extra={
          <Link to="/care/recipients">
            <Button>{t('carePages.backToList')}</Button>
          </Link>
        }
      />
    );
  if (!r)
    return (
      <>
        <PageHeader crumbs={crumbs} title="…" documentTitle={t('carePages.title')} />
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </>
    );

  const none = t('common.none');
  const hidden = new Set(r.hidden);
  const age = ageOf(r.birthYear);
  const fieldNames = r.hidden.map((f) => t(`carePages.fieldLabels.${f}`, { defaultValue: f })).join('、');

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        documentTitle={r.name}
        title={
          <Space wrap size={8}>
            <span data-testid="recipient-name">{r.name}</span>
            <KindTags kinds={r.kinds} />
            {r.child && <Tag color="magenta">{t('carePages.child')}</Tag>}
            <Tag color={r.status === 'active' ? 'success' : 'default'}>{t(`carePages.statusLabels.${r.status}`)}</Tag>
          </Space>
        }
        description={
          <Space size={16} wrap>
            <span>
              {t('carePages.risk')}：<RiskTag risk={r.riskLevel} />
            </span>
            <span>
              {t('carePages.frequency')}：<FrequencyText frequency={r.frequency} days={r.frequencyDays} />
            </span>
            <span>
              {t('carePages.lastVisit')}：{r.lastVisitAt ? formatDate(r.lastVisitAt) : t('carePages.neverVisited')}
            </span>
            {r.status === 'active' && (
              <span>
                {t('carePages.nextDue')}：<DueText nextDueAt={r.nextDueAt} overdue={r.overdue} />
              </span>
            )}
          </Space>
        }
        extra={
          <Space>
            {r.can.update && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-recipient">
                {t('carePages.edit')}
              </Button>
            )}
            {r.can.visit && r.status === 'active' && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => setVisiting(true)} data-testid="log-visit">
                {t('carePages.logVisit')}
              </Button>
            )}
          </Space>
        }
      />
      <Alert
        type="info"
        showIcon
        icon={<AuditOutlined />}
        style={{ marginBottom: 16 }}
        message={t('carePages.auditNotice')}
        description={r.hidden.length > 0 ? t('carePages.hiddenNotice', { fields: fieldNames }) : undefined}
        data-testid="audit-notice"
      />
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" title={t('carePages.profile')} style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={`${t('carePages.gender')} / ${t('carePages.birthYear')}`}>
                {[
                  r.gender ? enumLabel(t, 'gender', r.gender) : null,
                  r.birthYear ? `${r.birthYear}${age ? `（${t('carePages.age', { age })}）` : ''}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ') || none}
              </Descriptions.Item>
              <Descriptions.Item label={t('carePages.village')}>
                {[r.villageName, r.hamletName].filter(Boolean).join(' · ') || none}
              </Descriptions.Item>
              <Descriptions.Item label={t('carePages.address')} span={2}>
                {r.address ?? none}
              </Descriptions.Item>
              <Descriptions.Item label={t('carePages.mobile')}>
                <RevealValue id={r.id} field="mobile" masked={r.mobile} canReveal={r.can.reveal && !r.fullContact} />
              </Descriptions.Item>
              <Descriptions.Item label={t('carePages.idNumber')}>
                <RevealValue id={r.id} field="idNumber" masked={r.idNumber} canReveal={r.can.reveal} />
              </Descriptions.Item>
              {!hidden.has('guardian') && (
                <Descriptions.Item label={t('carePages.guardian')} span={2}>
                  {r.guardian ? (
                    <Space size={8} wrap>
                      <span>
                        {r.guardian.name}（{r.guardian.relation}）
                      </span>
                      <RevealValue
                        id={r.id}
                        field="guardianMobile"
                        masked={r.guardian.mobile}
                        canReveal={r.can.reveal && !r.fullContact}
                      />
                    </Space>
                  ) : (
                    none
                  )}
                </Descriptions.Item>
              )}
              {!hidden.has('needs') && (
                <Descriptions.Item label={t('carePages.needs')} span={2}>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{r.needs ?? none}</div>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('carePages.needTags')} span={2}>
                {r.needTags.length ? r.needTags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none}
              </Descriptions.Item>
              {!hidden.has('healthNotes') && (
                <Descriptions.Item
                  label={
                    <>
                      {t('carePages.healthNotes')}
                      <SensitiveMark />
                    </>
                  }
                  span={2}
                >
                  <div style={{ whiteSpace: 'pre-wrap' }} data-testid="health-notes">
                    {r.healthNotes ?? none}
                  </div>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('carePages.lawfulBasis')}>
                {t(`carePages.basisLabels.${r.lawfulBasis}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('carePages.consentDate')}>
                {r.consentDate.slice(0, 10)}
                {r.consentRecordedBy && ` · ${r.consentRecordedBy}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('carePages.recordedBy')}>{r.recordedByName ?? none}</Descriptions.Item>
              <Descriptions.Item label={t('carePages.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
              {r.status === 'inactive' && (
                <Descriptions.Item label={t('carePages.inactiveReason')} span={2}>
                  {r.inactiveReason ? t(`carePages.inactiveLabels.${r.inactiveReason}`) : none}
                  {r.inactiveNote && ` · ${r.inactiveNote}`}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
          <PairingsCard recipient={r} />
        </Col>
        <Col xs={24} xl={10}>
          <Card variant="borderless" title={t('carePages.visits')} data-testid="visits-card">
            <VisitHistory recipientId={r.id} highlight={params.get('visit')} />
          </Card>
        </Col>
      </Row>
      {editing && <RecipientFormDrawer record={r} onClose={() => setEditing(false)} onSaved={() => undefined} />}
      {visiting && <VisitFormModal recipientId={r.id} recipientName={r.name} onClose={() => setVisiting(false)} />}
    </>
  );
}
