/** 活动报告 (printable): an A4 report without the app's frame — facts, figures, stalls, requests, photos. */
import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Space, Spin } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { useWordReport } from './ActivityDetailPage.tsx';
import { formatHours, stateLabel, timeRange } from './labels.tsx';
import { ACTIVITIES, type ActivityReport } from './types.ts';
import '../requests/print.css';
import './report.css';

export function ActivityReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [ACTIVITIES, 'report', id],
    queryFn: () => api<ActivityReport>(`${ACTIVITIES}/${id}/report`),
  });
  const r = query.data;
  const word = useWordReport(r ? { id, title: r.activity.title } : undefined);
  const title = r ? t('activityPages.reportTitle', { title: r.activity.title }) : t('activityPages.report');

  useEffect(() => {
    document.title = title;
  }, [title]);

  if (query.isError)
    return <Result status="warning" title={t('activityPages.notFound')} subTitle={query.error.message} />;
  if (!r) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const a = r.activity;
  const f = r.figures;
  const place = [a.workstationName, a.villageName, a.address].filter(Boolean).join(' · ') || t('common.none');
  const rows: [string, string][] = [
    [t('activityPages.kindCol'), t(`enums.activityKind.${a.kind}`)],
    [t('activityPages.stateCol'), stateLabel(t, a.state)],
    [t('activityPages.time'), timeRange(a.startAt, a.endAt)],
    [t('activityPages.place'), place],
    [t('activityPages.teams'), a.teams.map((x) => x.name).join('、') || t('common.none')],
    [t('activityPages.reportTown'), r.townName],
  ];
  const figures: [string, string | number][] = [
    [t('activityPages.personTimes'), f.personTimes],
    [t('activityPages.served'), f.served],
    [t('activityPages.reach'), f.reach],
    [t('activityPages.deeds'), f.deeds],
    [t('activityPages.count.signedUp'), f.signedUp],
    [t('activityPages.count.attended'), f.attended],
    [t('activityPages.count.noShow'), f.noShow],
    [t('activityPages.count.hours'), formatHours(f.hours)],
  ];

  return (
    <div className="lx-print">
      <div className="lx-print-toolbar">
        <Space>
          <Button
            icon={<FileWordOutlined />}
            loading={word.busy}
            onClick={() => void word.run()}
            data-testid="word-report"
          >
            {t('activityPages.wordReport')}
          </Button>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
            {t('print.button')}
          </Button>
        </Space>
      </div>
      <article className="lx-print-sheet lx-activity-report" data-testid="report-sheet">
        <h1>{title}</h1>
        <div className="lx-print-meta">
          <span>{r.townName}</span>
          <span>
            {t('print.printedAt')}：{formatDateTime(r.generatedAt).slice(0, 16)}
          </span>
        </div>
        <table className="lx-print-fields">
          <tbody>
            {Array.from({ length: Math.ceil(rows.length / 2) }, (_, i) => (
              <tr key={i}>
                {rows.slice(i * 2, i * 2 + 2).map(([label, value]) => (
                  <Cells key={label} label={label} value={value} />
                ))}
              </tr>
            ))}
            <tr>
              <th>{t('activityPages.descriptionLabel')}</th>
              <td colSpan={3} className="lx-print-desc">
                {a.description ?? t('common.none')}
              </td>
            </tr>
          </tbody>
        </table>
        <h2>{t('activityPages.reportFigures')}</h2>
        <div className="lx-report-figures" data-testid="report-figures">
          {figures.map(([label, value]) => (
            <div key={label}>
              <strong>{value}</strong>
              <span>{label}</span>
            </div>
          ))}
        </div>
        <h2>{t('activityPages.reportStalls')}</h2>
        <table className="lx-print-timeline">
          <thead>
            <tr>
              <th style={{ width: '22%' }}>{t('activityPages.stallKind')}</th>
              <th style={{ width: '20%' }}>{t('activityPages.stallTeam')}</th>
              <th style={{ width: '10%' }}>{t('activityPages.attended')}</th>
              <th style={{ width: '10%' }}>{t('activityPages.served')}</th>
              <th style={{ width: '10%' }}>{t('activityPages.deeds')}</th>
              <th>{t('activityPages.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {r.stalls.length === 0 && (
              <tr>
                <td colSpan={6}>{t('activityPages.stallsEmpty')}</td>
              </tr>
            )}
            {r.stalls.map((s, i) => (
              <tr key={i} data-testid="report-stall">
                <td>{[s.kindName, s.label].filter(Boolean).join(' · ')}</td>
                <td>{s.teamName ?? t('common.none')}</td>
                <td>{s.attended}</td>
                <td>{s.served ?? t('common.none')}</td>
                <td>{s.deeds ?? t('common.none')}</td>
                <td>{s.notes ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('activityPages.summary')}</h2>
        <p className="lx-print-desc lx-report-summary">{a.summary ?? t('activityPages.noSummary')}</p>
        {r.requests.length > 0 && (
          <>
            <h2>{t('activityPages.requests')}</h2>
            <table className="lx-print-timeline">
              <thead>
                <tr>
                  <th style={{ width: '30%' }}>{t('requests.code')}</th>
                  <th style={{ width: '35%' }}>{t('requests.category')}</th>
                  <th>{t('requests.status')}</th>
                </tr>
              </thead>
              <tbody>
                {r.requests.map((q) => (
                  <tr key={q.code}>
                    <td>{q.code}</td>
                    <td>{q.categoryName}</td>
                    <td>{t(`enums.requestStatus.${q.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {r.photos.length > 0 && (
          <>
            <h2>{t('activityPages.photos')}</h2>
            <div className="lx-report-photos">
              {r.photos.slice(0, 6).map((p) => (
                <img key={p.id} src={p.url} alt="" />
              ))}
            </div>
          </>
        )}
        <div className="lx-print-sign">
          <span>{t('activityPages.signOrganiser')}：</span>
          <span>{t('print.signDate')}：</span>
        </div>
      </article>
    </div>
  );
}

function Cells({ label, value }: { label: string; value: string }) {
  return (
    <>
      <th>{label}</th>
      <td>{value}</td>
    </>
  );
}
