/** 打印工单: an A4 work order without the app's frame, with the timeline and signature lines. */
import { PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useMe } from '../../app/auth.ts';
import { formatDateTime } from '../../app/format.ts';
import { assigneeText } from './labels.tsx';
import { entryDetails, kindLabel } from './RequestTimeline.tsx';
import { useRequestDetail } from './useRequestDetail.ts';
import './print.css';

export function RequestPrintPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const query = useRequestDetail(id);
  const d = query.data;
  const title = t('print.title', { town: me.town.name });

  useEffect(() => {
    document.title = d ? `${d.code} · ${title}` : title;
  }, [d, title]);

  if (query.isError) return <Result status="warning" title={t('requests.notFound')} subTitle={query.error.message} />;
  if (!d) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const rows: [string, string][] = [
    [t('requests.category'), d.categoryName],
    [t('requests.urgency'), t(`enums.urgency.${d.urgency}`)],
    [
      t('requests.status'),
      t(`enums.requestStatus.${d.status}`) + (d.outcome ? `（${t(`enums.requestOutcome.${d.outcome}`)}）` : ''),
    ],
    [t('requests.channel'), t(`enums.channel.${d.channel}`)],
    [t('requests.reporter'), d.reporterName ?? t('common.none')],
    [t('requests.reporterMobile'), d.reporterMobile ?? t('common.none')],
    [t('requests.place'), [d.villageName, d.hamletName, d.address].filter(Boolean).join(' · ') || t('common.none')],
    [t('requests.workstation'), d.workstationName ?? t('common.none')],
    [t('requests.enteredBy'), d.enteredByName ?? t('common.none')],
    [t('requests.assignee'), assigneeText(t, d)],
    [t('requests.createdAt'), formatDateTime(d.createdAt)],
    [
      t('requests.dueAt'),
      d.dueAt ? formatDateTime(dayjs.utc(d.dueAt).subtract(1, 'second').toISOString()) : t('common.none'),
    ],
    [t('requests.resolvedAt'), formatDateTime(d.resolvedAt)],
    [
      t('requests.rating'),
      d.rating ? `${'★'.repeat(d.rating)}${d.ratingComment ? ` ${d.ratingComment}` : ''}` : t('common.none'),
    ],
  ];

  return (
    <div className="lx-print">
      <div className="lx-print-toolbar">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-button">
          {t('print.button')}
        </Button>
      </div>
      <article className="lx-print-sheet" data-testid="print-sheet">
        <h1>{title}</h1>
        <div className="lx-print-meta">
          <span>
            {t('requests.code')}：<strong>{d.code}</strong>
          </span>
          <span>
            {t('print.printedAt')}：{formatDateTime(new Date().toISOString()).slice(0, 16)}
          </span>
        </div>
        <table className="lx-print-fields">
          <tbody>
            {Array.from({ length: Math.ceil(rows.length / 2) }, (_, i) => (
              <tr key={i}>
                {rows.slice(i * 2, i * 2 + 2).map(([label, value]) => (
                  <FieldCells key={label} label={label} value={value} />
                ))}
              </tr>
            ))}
            <tr>
              <th>{t('requests.descriptionLabel')}</th>
              <td colSpan={3} className="lx-print-desc">
                {d.description}
              </td>
            </tr>
          </tbody>
        </table>
        <h2>{t('requests.timeline')}</h2>
        <table className="lx-print-timeline">
          <thead>
            <tr>
              <th style={{ width: '21%' }}>{t('print.timelineTime')}</th>
              <th style={{ width: '15%' }}>{t('print.timelineKind')}</th>
              <th style={{ width: '14%' }}>{t('print.timelineActor')}</th>
              <th>{t('print.timelineNote')}</th>
            </tr>
          </thead>
          <tbody>
            {d.timeline.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at).slice(0, 16)}</td>
                <td>{kindLabel(t, e.kind)}</td>
                <td>{e.actorName ?? t('requests.system')}</td>
                <td>{[e.note, ...entryDetails(t, e)].filter(Boolean).join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="lx-print-sign">
          <span>{t('print.signHandler')}：</span>
          <span>{t('print.signDate')}：</span>
          <span>{t('print.signReporter')}：</span>
          <span>{t('print.signDate')}：</span>
        </div>
      </article>
    </div>
  );
}

function FieldCells({ label, value }: { label: string; value: string }) {
  return (
    <>
      <th>{label}</th>
      <td>{value}</td>
    </>
  );
}
