/** 导入关爱对象: download the template → upload (checked only) → the row-by-row report → import → done. */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Result, Space, Steps, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CareImportReport } from '../../../../common/care/schemas.ts';
import { ApiError, download } from '../../app/api.ts';
import { useMe } from '../../app/auth.ts';
import { notify } from '../../app/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { uploadImport } from './importUpload.ts';
import { CARE } from './types.ts';

type Issue = CareImportReport['errors'][number];

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<CareImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (chosen: File, dryRun: boolean) => {
    setBusy(true);
    setProgress(0);
    try {
      const answer = await uploadImport(chosen, {
        dryRun,
        csrfToken: me.csrfToken,
        language: i18n.language,
        onProgress: setProgress,
      });
      setReport(answer);
    } catch (error) {
      notify.error(error instanceof ApiError ? error.message : String(error));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const reset = () => {
    setFile(null);
    setReport(null);
  };
  const done = report && !report.dryRun && report.ok;
  const step = done ? 3 : report ? 2 : file ? 1 : 0;

  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('nav.careGroup') },
          { title: t('nav.careRecipients'), path: '/care/recipients' },
          { title: t('carePages.importTitle') },
        ]}
        title={t('carePages.importTitle')}
        description={t('carePages.importDescription')}
      />
      <Card variant="borderless">
        <Steps
          current={step}
          status={done ? 'finish' : undefined}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('carePages.step1') },
            { title: t('carePages.step2') },
            { title: t('carePages.step3') },
            { title: t('carePages.step4') },
          ]}
        />
        {!report && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Alert
              type="info"
              showIcon
              message={t('carePages.importTemplateHint')}
              description={t('carePages.piplHint')}
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download(`${CARE}/import/template`, {}, `${t('carePages.importTitle')}.xlsx`).catch((e: unknown) =>
                  notify.error(e instanceof Error ? e.message : String(e)),
                )
              }
              data-testid="care-template"
            >
              {t('carePages.importDownload')}
            </Button>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              disabled={busy}
              beforeUpload={(chosen) => {
                setFile(chosen);
                void send(chosen, true);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('carePages.importUpload')}</p>
              <p className="ant-upload-hint">{t('carePages.importUploadHint')}</p>
              {progress !== null && (
                <Space direction="vertical" style={{ maxWidth: 320, width: '100%' }}>
                  <Progress percent={progress} size="small" status="active" />
                  <span>{t('carePages.importChecking')}</span>
                </Space>
              )}
            </Upload.Dragger>
          </Space>
        )}
        {report && !done && (
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            {report.errors.length === 0 ? (
              <Alert type="success" showIcon message={t('carePages.importOk', { rows: report.rows })} />
            ) : (
              <Alert
                type="error"
                showIcon
                message={t('carePages.importErrors', { count: report.errors.length + report.moreErrors })}
                description={
                  report.moreErrors ? t('carePages.importMoreErrors', { count: report.moreErrors }) : undefined
                }
              />
            )}
            {report.errors.length > 0 && (
              <Table<Issue>
                size="small"
                rowKey={(e) => `${e.row}-${e.column}-${e.message}`}
                dataSource={report.errors}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                data-testid="care-import-errors"
                columns={[
                  {
                    title: t('carePages.row'),
                    dataIndex: 'row',
                    width: 90,
                    render: (r: number) => (r === 0 ? t('carePages.fileLevel') : r),
                  },
                  { title: t('carePages.column'), dataIndex: 'column', width: 160, render: (c: string) => c || '—' },
                  { title: t('carePages.message'), dataIndex: 'message' },
                ]}
              />
            )}
            {busy && progress !== null && <Progress percent={progress} status="active" />}
            <Space>
              <Button onClick={reset}>{t('carePages.importAgain')}</Button>
              <Button
                type="primary"
                disabled={!file || report.errors.length > 0 || report.rows === 0}
                loading={busy}
                onClick={() => file && void send(file, false)}
                data-testid="care-import-confirm"
              >
                {t('carePages.importConfirm')}
              </Button>
            </Space>
          </Space>
        )}
        {done && (
          <Result
            status="success"
            title={t('carePages.importDone', { count: report.imported })}
            extra={[
              <Button key="list" type="primary" onClick={() => navigate('/care/recipients')}>
                {t('carePages.importToList')}
              </Button>,
              <Button key="again" onClick={reset}>
                {t('carePages.importAgain')}
              </Button>,
            ]}
          />
        )}
      </Card>
    </>
  );
}
