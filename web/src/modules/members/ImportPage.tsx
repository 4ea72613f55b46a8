/** 批量导入: download the template → upload → the row-by-row report (polled) → confirm → done. */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Result, Space, Steps, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImportIssue, ImportJob } from '../../../../common/members/schemas.ts';
import { api, ApiError, download, uploadFile } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';

const BUSY = new Set(['validating', 'importing']);

export function ImportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [jobId, setJobId] = useState<string | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [committing, setCommitting] = useState(false);
  const job = useQuery({
    queryKey: ['/api/members/import', jobId],
    queryFn: () => api<ImportJob>(`/api/members/import/${jobId}`),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && !BUSY.has(q.state.data.state) ? false : 500),
  });
  const data = jobId ? job.data : undefined;
  const step = !data ? (jobId ? 2 : 1) : data.state === 'done' ? 3 : 2;

  const upload = async (file: File) => {
    setUploading(0);
    try {
      const res = await uploadFile<{ jobId: string }>('/api/members/import', file, setUploading);
      setJobId(res.jobId);
    } catch (error) {
      notify.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setUploading(null);
    }
  };
  const commit = async () => {
    setCommitting(true);
    try {
      await api(`/api/members/import/${jobId}/commit`, { method: 'POST' });
      await job.refetch();
    } catch (error) {
      notify.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setCommitting(false);
    }
  };
  const reset = () => setJobId(null);
  const percent = data && data.total ? Math.round((data.processed / data.total) * 100) : 0;

  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('nav.membersGroup') },
          { title: t('nav.members'), path: '/members' },
          { title: t('memberImport.title') },
        ]}
        title={t('memberImport.title')}
        description={t('memberImport.description')}
      />
      <Card variant="borderless">
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('memberImport.step1') },
            { title: t('memberImport.step2') },
            { title: t('memberImport.step3') },
            { title: t('memberImport.step4') },
          ]}
        />
        {!jobId && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Alert type="info" showIcon message={t('memberImport.templateHint')} />
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download('/api/members/import/template', {}, `${t('memberImport.title')}.xlsx`).catch((e: unknown) =>
                  notify.error(e instanceof Error ? e.message : String(e)),
                )
              }
            >
              {t('memberImport.download')}
            </Button>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              disabled={uploading !== null}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('memberImport.upload')}</p>
              <p className="ant-upload-hint">{t('memberImport.uploadHint')}</p>
              {uploading !== null && <Progress percent={uploading} size="small" style={{ maxWidth: 320 }} />}
            </Upload.Dragger>
          </Space>
        )}
        {data && BUSY.has(data.state) && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Progress percent={percent} status="active" data-testid="import-progress" />
            <span>
              {t(data.state === 'validating' ? 'memberImport.validating' : 'memberImport.importing', {
                processed: data.processed,
                total: data.total,
              })}
            </span>
          </Space>
        )}
        {data?.state === 'ready' && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {data.errors.length === 0 ? (
              <Alert type="success" showIcon message={t('memberImport.ok', { total: data.total })} />
            ) : (
              <Alert
                type="error"
                showIcon
                message={t('memberImport.errors', { count: data.errors.length + data.moreErrors })}
                description={data.moreErrors ? t('memberImport.moreErrors', { count: data.moreErrors }) : undefined}
              />
            )}
            {data.errors.length > 0 && (
              <Table<ImportIssue>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={data.errors}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                columns={[
                  {
                    title: t('memberImport.row'),
                    dataIndex: 'row',
                    width: 90,
                    render: (r: number) => (r === 0 ? t('memberImport.fileLevel') : r),
                  },
                  { title: t('memberImport.column'), dataIndex: 'column', width: 120 },
                  { title: t('memberImport.message'), dataIndex: 'message' },
                ]}
              />
            )}
            <Space>
              <Button onClick={reset}>{t('memberImport.again')}</Button>
              <Button
                type="primary"
                disabled={data.errors.length > 0 || data.total === 0}
                loading={committing}
                onClick={() => void commit()}
                data-testid="import-confirm"
              >
                {t('memberImport.confirm')}
              </Button>
            </Space>
          </Space>
        )}
        {data?.state === 'done' && (
          <Result
            status="success"
            title={t('memberImport.done', { count: data.summary.imported, seconds: data.summary.seconds ?? 0 })}
            extra={[
              <Button key="members" type="primary" onClick={() => navigate('/members')}>
                {t('memberImport.toMembers')}
              </Button>,
              <Button key="again" onClick={reset}>
                {t('memberImport.again')}
              </Button>,
            ]}
          />
        )}
        {data?.state === 'failed' && (
          <Result
            status="error"
            title={t('memberImport.failed')}
            subTitle={data.errors[0]?.message}
            extra={<Button onClick={reset}>{t('memberImport.again')}</Button>}
          />
        )}
      </Card>
    </>
  );
}
