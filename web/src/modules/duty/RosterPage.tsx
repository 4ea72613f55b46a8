/** 排班管理: a workstation's month as days × shifts; rule, generate, print, export and the QR code. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Empty, Modal, Select, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, download } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useOptions } from '../../components/useOptions.ts';
import { RuleDrawer } from './RuleDrawer.tsx';
import { ShiftModal, type ShiftTarget } from './ShiftModal.tsx';
import { STATUS_COLOUR, type GenerateResult, type Roster, type RosterRule } from './types.ts';
import './duty-print.css';

type Day = Roster['days'][number];

export function RosterPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const workstations = useOptions('/api/workstations');
  const ws = params.get('ws') ?? workstations.options[0]?.value ?? '';
  const month = params.get('month') ?? dayjs().format('YYYY-MM');
  const [ruleOpen, setRuleOpen] = useState(false);
  const [target, setTarget] = useState<ShiftTarget | null>(null);
  const roster = useQuery({
    queryKey: ['duty', 'roster', ws, month],
    queryFn: () => api<Roster>(`/api/workstations/${ws}/roster`, { query: { month } }),
    enabled: !!ws,
  });
  const rule = useQuery({
    queryKey: ['duty', 'rule', ws],
    queryFn: () => api<RosterRule>(`/api/workstations/${ws}/roster-rule`),
    enabled: !!ws,
  });
  const generate = useMutation({
    mutationFn: (m: string) =>
      api<GenerateResult>(`/api/workstations/${ws}/roster/generate`, { method: 'POST', body: { month: m } }),
    onSuccess: async (r, m) => {
      notify.success(t('dutyPages.generated', { created: r.created, skipped: r.skipped.length }));
      setParams({ ws, month: m });
      await client.invalidateQueries({ queryKey: ['duty'] });
    },
    onError: (e) => notify.error(e.message),
  });
  const confirmGenerate = (m: string) =>
    Modal.confirm({
      title: t('dutyPages.generateConfirm', { month: m }),
      onOk: () => generate.mutateAsync(m),
    });
  const manage = roster.data?.can.manage ?? false;
  const thisMonth = dayjs().format('YYYY-MM');
  const nextMonth = dayjs().add(1, 'month').format('YYYY-MM');
  const data = roster.data;

  const columns = [
    {
      title: t('dutyPages.date'),
      dataIndex: 'date',
      width: 130,
      render: (date: string, d: Day) => (
        <span className={d.staffed ? '' : 'lx-muted'}>
          {date.slice(5)} {t(`duty.weekday.${d.weekday}`)}
          {d.holiday && (
            <Tag color="red" style={{ marginLeft: 4 }}>
              {d.holiday}
            </Tag>
          )}
        </span>
      ),
    },
    ...(data?.shifts ?? []).map((s) => ({
      title: `${s.name} ${s.start}–${s.end}（${s.size}）`,
      key: s.key,
      render: (_: unknown, d: Day) => {
        const slot = d.slots.find((x) => x.key === s.key);
        const people = slot?.people ?? [];
        return (
          <Space size={[4, 4]} wrap>
            {people.map((p) => (
              <Tag
                key={p.id}
                color={p.inPool ? STATUS_COLOUR[p.status] : 'gold'}
                style={{ cursor: manage ? 'pointer' : 'default' }}
                onClick={() =>
                  manage && setTarget({ workstationId: ws, date: d.date, shiftKey: s.key, shiftName: s.name, shift: p })
                }
                data-testid="shift-tag"
              >
                {p.personName}
                {p.status === 'no_show' || p.status === 'checked_in' ? ` · ${t(`enums.shiftStatus.${p.status}`)}` : ''}
                {p.lateMinutes ? ` +${p.lateMinutes}′` : ''}
              </Tag>
            ))}
            {manage && d.staffed && people.length < s.size && (
              <Button
                size="small"
                type="dashed"
                icon={<PlusOutlined />}
                aria-label={t('dutyPages.add')}
                onClick={() =>
                  setTarget({ workstationId: ws, date: d.date, shiftKey: s.key, shiftName: s.name, shift: null })
                }
              />
            )}
            {!d.staffed && people.length === 0 && <span className="lx-muted">{t('dutyPages.notStaffed')}</span>}
          </Space>
        );
      },
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('dutyPages.rosterTitle')}
        description={t('dutyPages.rosterDescription')}
        extra={
          <Space wrap>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 240 }}
              placeholder={t('dutyPages.chooseWorkstation')}
              options={workstations.options}
              value={ws || undefined}
              onChange={(v: string) => setParams({ ws: v, month })}
              data-testid="ws-select"
            />
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setParams({ ws, month: d.format('YYYY-MM') })}
            />
          </Space>
        }
      />
      <Card variant="borderless">
        <Space wrap style={{ marginBottom: 16 }}>
          {manage && (
            <>
              <Button onClick={() => setRuleOpen(true)} data-testid="open-rule">
                {t('dutyPages.rule')}
              </Button>
              <Button onClick={() => confirmGenerate(thisMonth)} loading={generate.isPending}>
                {t('dutyPages.generateThis')}
              </Button>
              <Button type="primary" onClick={() => confirmGenerate(nextMonth)} data-testid="generate-next">
                {t('dutyPages.generateNext')}
              </Button>
            </>
          )}
          <Link to={`/duty/print?ws=${ws}&month=${month}`} target="_blank">
            <Button>{t('dutyPages.print')}</Button>
          </Link>
          <Button
            onClick={() =>
              void download(`/api/workstations/${ws}/roster/export`, { month }, 'roster.xlsx').catch((e: Error) =>
                notify.error(e.message),
              )
            }
          >
            {t('dutyPages.exportExcel')}
          </Button>
          <Link to={`/duty/qr?ws=${ws}`} target="_blank">
            <Button>{t('dutyPages.qr')}</Button>
          </Link>
        </Space>
        {rule.data && !rule.data.id && manage && (
          <Alert type="info" showIcon message={t('dutyPages.noRule')} style={{ marginBottom: 12 }} />
        )}
        {!ws ? (
          <Empty description={t('dutyPages.chooseWorkstation')} />
        ) : (
          <Table<Day>
            rowKey="date"
            size="small"
            loading={roster.isPending}
            columns={columns}
            dataSource={data?.days ?? []}
            pagination={false}
            rowClassName={(d) => (d.staffed ? '' : 'lx-row-off')}
            data-testid="roster-grid"
          />
        )}
      </Card>
      <RuleDrawer rule={rule.data} open={ruleOpen} onClose={() => setRuleOpen(false)} />
      <ShiftModal target={target} rule={rule.data} onClose={() => setTarget(null)} />
    </>
  );
}
