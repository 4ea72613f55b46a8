/** 活动详情: state and the actions allowed now, facts, figures, stalls, sign-ups, results, requests, photos. */
import { EditOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Statistic, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, download } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { notify } from '../../app/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ActivityFormDrawer } from './ActivityFormDrawer.tsx';
import { KindTag, placesText, placeText, SignupTag, StateTag, TeamTags, timeRange, formatHours } from './labels.tsx';
import { PhotosCard } from './PhotosCard.tsx';
import { RequestsCard } from './RequestsCard.tsx';
import { ResultsCard } from './ResultsCard.tsx';
import { SignupsCard } from './SignupsCard.tsx';
import { StallsCard } from './StallsCard.tsx';
import { TransitionBar } from './TransitionBar.tsx';
import { ACTIVITIES, type ActivityDetail } from './types.ts';
import { useActivity } from './useActivity.ts';
import './activities.css';

/** Downloads the Word report under the server's file name. */
export function useWordReport(activity: Pick<ActivityDetail, 'id' | 'title'> | undefined) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!activity) return;
    setBusy(true);
    try {
      await download(`${ACTIVITIES}/${activity.id}/report.docx`, {}, `${activity.title}.docx`);
    } catch (error) {
      notify.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useActivity(id);
  const a = query.data;
  const [editing, setEditing] = useState(false);
  const word = useWordReport(a);
  const [tab, setTab] = useState('stalls');

  if (query.isError) {
    return (
      <Result
        status="warning"
        title={t('activityPages.notFound')}
        subTitle={query.error.message}
        extra={
          <Link to="/activities">
            <Button>{t('activityPages.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  if (!a) return <Skeleton active paragraph={{ rows: 10 }} />;

  const canEdit = a.can.manage && a.operations.includes('edit');
  return (
    <>
      <PageHeader
        crumbs={[{ title: t('nav.activitiesGroup'), path: '/activities' }, { title: a.title }]}
        documentTitle={a.title}
        title={
          <Space wrap size={8}>
            <span data-testid="activity-title">{a.title}</span>
            <StateTag state={a.state} />
            <KindTag kind={a.kind} />
            {a.seriesId && <Tag>{a.edited ? t('activityPages.seriesEdited') : t('activityPages.inSeries')}</Tag>}
          </Space>
        }
        description={
          <Space size={16} wrap>
            <span>{timeRange(a.startAt, a.endAt)}</span>
            <span>{placeText(t, a)}</span>
          </Space>
        }
        extra={
          <Space wrap>
            {canEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-activity">
                {t('common.edit')}
              </Button>
            )}
            <Link to={`/activities/${a.id}/report`} target="_blank" data-testid="report-link">
              <Button icon={<PrinterOutlined />}>{t('activityPages.printReport')}</Button>
            </Link>
            <Button
              icon={<FileWordOutlined />}
              loading={word.busy}
              onClick={() => void word.run()}
              data-testid="word-report"
            >
              {t('activityPages.wordReport')}
            </Button>
          </Space>
        }
      />
      {a.state === 'cancelled' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('activityPages.cancelledAlert', { at: formatDateTime(a.cancelledAt).slice(0, 16) })}
          description={a.cancelReason}
        />
      )}
      {a.can.manage && <TransitionBar activity={a} />}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('activityPages.teams')} span={2}>
                {a.teams.length ? <TeamTags teams={a.teams} /> : t('common.none')}
              </Descriptions.Item>
              <Descriptions.Item label={t('activityPages.places')}>
                {placesText(t, a)}
                {a.capacity === null && ` · ${t('activityPages.unlimited')}`}
              </Descriptions.Item>
              <Descriptions.Item label={t('activityPages.waitlist')}>
                {a.waitlist ? t('common.yes') : t('common.no')}
              </Descriptions.Item>
              <Descriptions.Item label={t('activityPages.publishedAt')}>
                {formatDateTime(a.publishedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('activityPages.startedAt')}>{formatDateTime(a.startedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('activityPages.finishedAt')}>
                {formatDateTime(a.finishedAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('activityPages.reportedAt')}>
                {formatDateTime(a.reportedAt)}
              </Descriptions.Item>
              {a.mySignup && (
                <Descriptions.Item label={t('activityPages.mySignup')} span={2}>
                  <SignupTag state={a.mySignup.state} position={a.mySignup.waitlistPosition} />
                  {a.mySignup.stallName}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('activityPages.descriptionLabel')} span={2}>
                <div style={{ whiteSpace: 'pre-wrap' }}>{a.description ?? t('common.none')}</div>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card variant="borderless" style={{ marginBottom: 16 }} data-testid="activity-figures">
            <Row gutter={[12, 16]}>
              {(
                [
                  ['signedUp', a.counts.signedUp, '#1677ff'],
                  ['waitlisted', a.counts.waitlisted, '#faad14'],
                  ['attended', a.counts.attended, '#389e0d'],
                  ['noShow', a.counts.noShow, '#cf1322'],
                  ['personTimes', a.personTimes, '#c41d1d'],
                  ['deeds', a.deeds, '#fa8c16'],
                  ['hours', formatHours(a.counts.hours), '#722ed1'],
                  ['requests', a.requests.length, '#08979c'],
                ] as const
              ).map(([key, value, color]) => (
                <Col key={key} span={6}>
                  <Statistic
                    title={t(`activityPages.count.${key}`)}
                    value={value}
                    styles={{ content: { color, fontWeight: 600, fontSize: 22 } }}
                  />
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'stalls', label: t('activityPages.tabStalls'), children: <StallsCard activity={a} /> },
          ...(a.can.manage
            ? [{ key: 'signups', label: t('activityPages.tabSignups'), children: <SignupsCard activity={a} /> }]
            : []),
          { key: 'results', label: t('activityPages.tabResults'), children: <ResultsCard activity={a} /> },
          {
            key: 'requests',
            label: `${t('activityPages.tabRequests')}${a.requests.length ? ` (${a.requests.length})` : ''}`,
            children: <RequestsCard activity={a} />,
          },
          {
            key: 'photos',
            label: `${t('activityPages.tabPhotos')}${a.photos.length ? ` (${a.photos.length})` : ''}`,
            children: <PhotosCard activity={a} />,
          },
        ]}
        data-testid="activity-tabs"
      />
      {canEdit && editing && (
        <ActivityFormDrawer
          open={editing}
          activity={a}
          onClose={() => setEditing(false)}
          onSaved={() => void query.refetch()}
        />
      )}
    </>
  );
}
