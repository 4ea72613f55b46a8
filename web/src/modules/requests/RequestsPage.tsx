/** 工单列表: saved views as tabs, filters, export, and the requests table. */
import { DatePicker, Select, Switch, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { ASSIGNEE_KINDS, CHANNELS, REQUEST_STATUSES, URGENCIES } from '../../../../common/requests/lifecycle.ts';
import { useCan } from '../../app/auth.ts';
import { formatDateTime } from '../../app/format.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { assigneeText, DueCell, StatusTag, UrgencyTag } from './labels.tsx';
import { REQUESTS, type RequestSummary } from './types.ts';

const FILTER_KEYS = [
  'view',
  'status',
  'categoryId',
  'villageId',
  'teamId',
  'assigneeKind',
  'channel',
  'urgency',
  'overdue',
  'from',
  'to',
] as const;

/** Saved views: each sets its filters and clears the others. */
const VIEWS: Record<string, Record<string, string>> = {
  mine: { view: 'mine' },
  all: { view: 'all' },
  overdue: { overdue: 'true' },
  submitted: { status: 'submitted' },
};

export function RequestsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const list = useList<RequestSummary>(REQUESTS, { filterKeys: FILTER_KEYS });
  const categories = useOptions('/api/categories');
  const villages = useOptions('/api/villages');
  const teams = useOptions('/api/teams');
  const f = list.filters;

  // No filter at all: open the role's default view (handlers their to-do, town admins the inbox).
  const empty = FILTER_KEYS.every((k) => !params.get(k)) && !params.get('q');

  const activeView =
    Object.entries(VIEWS).find(([, preset]) =>
      FILTER_KEYS.every((k) => (preset[k] ?? undefined) === (f[k] || undefined)),
    )?.[0] ?? '';
  const selectView = (key: string) => list.setFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, VIEWS[key]?.[k]])));

  const enumSelect = (key: string, group: string, values: readonly string[], placeholder: string, width = 130) => (
    <Select
      allowClear
      placeholder={placeholder}
      style={{ width }}
      value={f[key]}
      onChange={(v?: string) => list.setFilter(key, v)}
      options={values.map((v) => ({ value: v, label: t(`enums.${group}.${v}`) }))}
      data-testid={`filter-${key}`}
    />
  );

  if (empty) {
    const preset = can('requests.manage') ? VIEWS.submitted : VIEWS.mine;
    return <Navigate replace to={{ search: new URLSearchParams(preset).toString() }} />;
  }

  return (
    <>
      <PageHeader title={t('requests.title')} description={t('requests.description')} />
      <Tabs
        activeKey={activeView}
        onChange={selectView}
        items={[
          { key: 'mine', label: t('requests.tabMine') },
          { key: 'all', label: t('requests.tabAll') },
          { key: 'overdue', label: t('requests.tabOverdue') },
          { key: 'submitted', label: t('requests.tabSubmitted') },
        ]}
        style={{ marginBottom: 0 }}
        data-testid="request-views"
      />
      <ListTable<RequestSummary>
        list={list}
        searchPlaceholder={t('requests.search')}
        emptyText={t('requests.empty')}
        exportName={t('requests.exportName')}
        showDisabledToggle={false}
        onCreate={can('requests.intake') ? () => navigate('/requests/new') : undefined}
        createLabel={t('requests.create')}
        filters={
          <>
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t('requests.filterStatus')}
              style={{ width: 200 }}
              value={f.status ? f.status.split(',') : []}
              onChange={(v: string[]) => list.setFilter('status', v.length ? v.join(',') : undefined)}
              options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`enums.requestStatus.${s}`) }))}
              data-testid="filter-status"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('requests.filterCategory')}
              style={{ width: 140 }}
              options={categories.options}
              value={f.categoryId}
              onChange={(v?: string) => list.setFilter('categoryId', v)}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('requests.filterVillage')}
              style={{ width: 140 }}
              options={villages.options}
              value={f.villageId}
              onChange={(v?: string) => list.setFilter('villageId', v)}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('requests.filterTeam')}
              style={{ width: 180 }}
              options={teams.options}
              value={f.teamId}
              onChange={(v?: string) => list.setFilter('teamId', v)}
            />
            {enumSelect('assigneeKind', 'assigneeKind', ASSIGNEE_KINDS, t('requests.filterAssigneeKind'))}
            {enumSelect('channel', 'channel', CHANNELS, t('requests.filterChannel'), 150)}
            {enumSelect('urgency', 'urgency', URGENCIES, t('requests.filterUrgency'), 110)}
            <DatePicker.RangePicker
              style={{ width: 240 }}
              placeholder={[t('fields.from'), t('fields.to')]}
              value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
              onChange={(range) =>
                list.setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
              }
            />
            <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
              <Switch
                size="small"
                checked={f.overdue === 'true'}
                onChange={(on) => list.setFilter('overdue', on ? 'true' : undefined)}
                data-testid="filter-overdue"
              />
              {t('requests.filterOverdue')}
            </label>
          </>
        }
        columns={[
          {
            title: t('requests.code'),
            dataIndex: 'code',
            fixed: 'left',
            render: (code: string, r) => (
              <Link to={`/requests/${r.id}`} data-testid="request-link">
                {code}
              </Link>
            ),
          },
          { title: t('requests.category'), dataIndex: 'categoryName' },
          {
            title: t('requests.descriptionCol'),
            dataIndex: 'description',
            render: (v: string) => (
              <div className="lx-ellipsis" style={{ maxWidth: 260 }} title={v}>
                {v}
              </div>
            ),
          },
          {
            title: t('requests.village'),
            dataIndex: 'villageName',
            render: (v: string | null, r) => (v ? `${v}${r.hamletName ? ` · ${r.hamletName}` : ''}` : t('common.none')),
          },
          { title: t('requests.urgency'), dataIndex: 'urgency', render: (u: string) => <UrgencyTag urgency={u} /> },
          { title: t('requests.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          {
            title: t('requests.assignee'),
            key: 'assignee',
            render: (_v, r) => (
              <Typography.Text type={r.assigneeName ? undefined : 'secondary'}>{assigneeText(t, r)}</Typography.Text>
            ),
          },
          { title: t('requests.due'), key: 'due', render: (_v, r) => <DueCell r={r} /> },
          {
            title: t('requests.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v).slice(0, 16),
          },
        ]}
      />
    </>
  );
}
