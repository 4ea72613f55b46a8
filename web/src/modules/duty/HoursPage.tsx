/** 时长审核: pending service hours of my team's members, approved one by one or in a batch. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { ServiceHour } from './types.ts';

const COLOUR: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'red' };
const SOURCE_COLOUR: Record<string, string> = { duty: 'blue', activity: 'magenta', visit: 'orange', request: 'cyan' };

export function HoursPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState('pending');
  const [selected, setSelected] = useState<string[]>([]);
  const list = useQuery({
    queryKey: ['duty', 'hours', status],
    queryFn: () =>
      api<{ items: ServiceHour[]; total: number }>('/api/service-hours', {
        query: status === 'all' ? {} : { status },
      }),
  });
  const refresh = async () => {
    setSelected([]);
    await client.invalidateQueries({ queryKey: ['duty', 'hours'] });
  };
  const batch = useMutation({
    mutationFn: () =>
      api<{ approved: number }>('/api/service-hours/approve', { method: 'POST', body: { ids: selected } }),
    onSuccess: async (r) => {
      notify.success(t('dutyPages.approvedCount', { count: r.approved }));
      await refresh();
    },
    onError: (e) => notify.error(e.message),
  });
  const decide = useMutation({
    mutationFn: (v: { id: string; version: number; approve: boolean }) =>
      api(`/api/service-hours/${v.id}/decide`, { method: 'POST', body: { approve: v.approve, version: v.version } }),
    onSuccess: refresh,
    onError: (e) => notify.error(e.message),
  });
  return (
    <>
      <PageHeader
        title={t('dutyPages.hoursTitle')}
        description={t('dutyPages.hoursDescription')}
        extra={
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={[
              { value: 'pending', label: t('enums.hoursStatus.pending') },
              { value: 'approved', label: t('enums.hoursStatus.approved') },
              { value: 'all', label: t('dutyPages.all') },
            ]}
          />
        }
      />
      <Card variant="borderless">
        <Space style={{ marginBottom: 12 }}>
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={batch.isPending}
            onClick={() => batch.mutate()}
            data-testid="batch-approve"
          >
            {t('dutyPages.batchApprove', { count: selected.length })}
          </Button>
        </Space>
        <Table<ServiceHour>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (keys) => setSelected(keys.map(String)),
            getCheckboxProps: (r) => ({ disabled: !r.can.decide }),
          }}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          columns={[
            { title: t('dutyPages.date'), dataIndex: 'date', width: 110 },
            { title: t('dutyPages.person'), dataIndex: 'personName', width: 100 },
            { title: t('dutyPages.team'), dataIndex: 'teamName', width: 160 },
            {
              title: t('dutyPages.source'),
              dataIndex: 'source',
              width: 90,
              render: (s: string) => (
                <Tag color={SOURCE_COLOUR[s]}>{t(`enums.hoursSource.${s}`, { defaultValue: s })}</Tag>
              ),
            },
            { title: t('dutyPages.content'), dataIndex: 'content' },
            { title: t('dutyPages.hours'), dataIndex: 'hours', width: 100 },
            {
              title: t('dutyPages.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: string) => <Tag color={COLOUR[s]}>{t(`enums.hoursStatus.${s}`)}</Tag>,
            },
            {
              title: '',
              width: 150,
              render: (_, r) =>
                r.can.decide && (
                  <Space>
                    <Button size="small" onClick={() => decide.mutate({ id: r.id, version: r.version, approve: true })}>
                      {t('dutyPages.approve')}
                    </Button>
                    <Button
                      size="small"
                      danger
                      onClick={() => decide.mutate({ id: r.id, version: r.version, approve: false })}
                    >
                      {t('dutyPages.decline')}
                    </Button>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
