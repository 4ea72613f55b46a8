/** 请假与换班: pending leave and swap requests of the members I decide for. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Segmented, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { Leave, Swap } from './types.ts';
import './duty-print.css';

const STATUS_COLOUR: Record<string, string> = { pending: 'gold', approved: 'green', declined: 'red', cancelled: '' };

function useDecide(kind: 'leaves' | 'swaps') {
  const { t } = useTranslation();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; version: number; approve: boolean }) =>
      api(`/api/${kind}/${v.id}/decide`, { method: 'POST', body: { approve: v.approve, version: v.version } }),
    onSuccess: async () => {
      notify.success(t('dutyPages.saved'));
      await client.invalidateQueries({ queryKey: ['duty'] });
    },
    onError: (e) => notify.error(e.message),
  });
}

function DecideButtons({ record, kind }: { record: Leave | Swap; kind: 'leaves' | 'swaps' }) {
  const { t } = useTranslation();
  const decide = useDecide(kind);
  if (!record.can.decide) return <span className="lx-muted">{t('dutyPages.decided')}</span>;
  return (
    <Space>
      <Button
        size="small"
        type="primary"
        loading={decide.isPending}
        onClick={() => decide.mutate({ id: record.id, version: record.version, approve: true })}
      >
        {t('dutyPages.approve')}
      </Button>
      <Button size="small" onClick={() => decide.mutate({ id: record.id, version: record.version, approve: false })}>
        {t('dutyPages.decline')}
      </Button>
    </Space>
  );
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<string>('pending');
  const query = status === 'pending' ? { status } : {};
  const leaves = useQuery({
    queryKey: ['duty', 'leaves', status],
    queryFn: () => api<{ items: Leave[] }>('/api/leaves', { query }),
  });
  const swaps = useQuery({
    queryKey: ['duty', 'swaps', status],
    queryFn: () => api<{ items: Swap[] }>('/api/swaps', { query }),
  });
  const statusTag = (s: string) => <Tag color={STATUS_COLOUR[s]}>{t(`enums.decisionStatus.${s}`)}</Tag>;
  return (
    <>
      <PageHeader
        title={t('dutyPages.approvalsTitle')}
        description={t('dutyPages.approvalsDescription')}
        extra={
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={[
              { value: 'pending', label: t('dutyPages.pending') },
              { value: 'all', label: t('dutyPages.all') },
            ]}
          />
        }
      />
      <Card variant="borderless">
        <Tabs
          items={[
            {
              key: 'leaves',
              label: `${t('dutyPages.leaves')} (${leaves.data?.items.length ?? 0})`,
              children: (
                <Table<Leave>
                  rowKey="id"
                  loading={leaves.isPending}
                  dataSource={leaves.data?.items ?? []}
                  columns={[
                    { title: t('dutyPages.applicant'), dataIndex: 'personName' },
                    { title: t('dutyPages.range'), render: (_, l) => `${l.from} ~ ${l.to}` },
                    { title: t('dutyPages.reason'), dataIndex: 'reason' },
                    { title: t('dutyPages.status'), dataIndex: 'status', render: statusTag },
                    { title: '', render: (_, l) => <DecideButtons record={l} kind="leaves" /> },
                  ]}
                />
              ),
            },
            {
              key: 'swaps',
              label: `${t('dutyPages.swaps')} (${swaps.data?.items.length ?? 0})`,
              children: (
                <Table<Swap>
                  rowKey="id"
                  loading={swaps.isPending}
                  dataSource={swaps.data?.items ?? []}
                  columns={[
                    { title: t('dutyPages.applicant'), dataIndex: 'personName' },
                    {
                      title: t('dutyPages.shift'),
                      render: (_, s) => `${s.shift.workstationName} ${s.shift.date} ${s.shift.shiftName}`,
                    },
                    {
                      title: t('dutyPages.target'),
                      render: (_, s) =>
                        s.targetShift
                          ? `${s.targetShift.personName} · ${s.targetShift.date} ${s.targetShift.shiftName}`
                          : s.targetPersonName,
                    },
                    { title: t('dutyPages.reason'), dataIndex: 'reason' },
                    { title: t('dutyPages.status'), dataIndex: 'status', render: statusTag },
                    { title: '', render: (_, s) => <DecideButtons record={s} kind="swaps" /> },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
