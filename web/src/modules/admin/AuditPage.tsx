/** 审计日志 (auditor): the append-only trail, filterable, with each entry's detail. */
import { DatePicker, Input, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../../common/audit/schemas.ts';
import { formatDateTime } from '../../app/format.ts';
import { enumLabel, enumOptions } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useList } from '../../components/useList.ts';

const OUTCOME_COLOUR = { ok: 'success', denied: 'warning', failed: 'error' } as const;

export function AuditPage() {
  const { t } = useTranslation();
  const list = useList<AuditEntry>('/api/audit', {
    filterKeys: ['action', 'entity', 'actor', 'outcome', 'from', 'to'],
  });
  const { from, to } = list.filters;
  const textFilter = (key: string, placeholder: string, width: number) => (
    <Input.Search
      allowClear
      placeholder={placeholder}
      defaultValue={list.filters[key]}
      style={{ width }}
      onSearch={(v) => list.setFilter(key, v.trim() || undefined)}
    />
  );

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <ListTable<AuditEntry>
        list={list}
        searchPlaceholder={t('audit.search')}
        emptyText={t('audit.empty')}
        exportName={t('audit.title')}
        showDisabledToggle={false}
        filters={
          <>
            {textFilter('actor', t('audit.actor'), 140)}
            {textFilter('action', t('audit.action'), 160)}
            {textFilter('entity', t('audit.entity'), 140)}
            <Select
              allowClear
              placeholder={t('audit.outcome')}
              style={{ width: 110 }}
              options={enumOptions(t, 'outcome', ['ok', 'denied', 'failed'] as const)}
              value={list.filters.outcome}
              onChange={(v?: string) => list.setFilter('outcome', v)}
            />
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
              onChange={(range) => {
                list.setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') });
              }}
            />
          </>
        }
        expandable={{
          expandedRowRender: (e) =>
            e.detail ? (
              <pre className="lx-json">{JSON.stringify(e.detail, null, 2)}</pre>
            ) : (
              <Typography.Text type="secondary">{t('audit.noDetail')}</Typography.Text>
            ),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          { title: t('audit.entity'), dataIndex: 'entity', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('audit.entityId'),
            dataIndex: 'entityId',
            render: (v: string | null) =>
              v ? <Typography.Text copyable={{ text: v }}>{v.slice(0, 8)}…</Typography.Text> : t('common.none'),
          },
          { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            render: (v: AuditEntry['outcome']) => <Tag color={OUTCOME_COLOUR[v]}>{enumLabel(t, 'outcome', v)}</Tag>,
          },
        ]}
      />
    </>
  );
}
