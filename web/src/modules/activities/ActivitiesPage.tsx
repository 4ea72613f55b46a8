/** 活动列表: search and filters, a table or a month calendar of the service days, export and create. */
import { CalendarOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { DatePicker, Segmented, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ACTIVITY_STATES } from '../../../../common/activities/lifecycle.ts';
import { ACTIVITY_KINDS } from '../../../../common/activities/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { ActivityCalendar } from './ActivityCalendar.tsx';
import { ActivityFormDrawer } from './ActivityFormDrawer.tsx';
import { KindTag, placesText, placeText, StateTag, stateLabel, TeamTags, timeRange } from './labels.tsx';
import { ACTIVITIES, type ActivitySummary } from './types.ts';

const FILTER_KEYS = ['kind', 'state', 'teamId', 'villageId', 'from', 'to', 'view'] as const;

export function ActivitiesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const list = useList<ActivitySummary>(ACTIVITIES, { filterKeys: FILTER_KEYS, fixed: { sort: 'start_desc' } });
  const villages = useOptions('/api/villages');
  const teams = useOptions('/api/teams');
  const [creating, setCreating] = useState(false);
  const mode = params.get('mode') === 'calendar' ? 'calendar' : 'list';
  const f = list.filters;
  const manage = can('activities.manage');

  const setMode = (value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'calendar') next.set('mode', 'calendar');
        else next.delete('mode');
        return next;
      },
      { replace: true },
    );

  const filters = (
    <>
      <Select
        allowClear
        placeholder={t('activityPages.filterKind')}
        style={{ width: 130 }}
        value={f.kind}
        onChange={(v?: string) => list.setFilter('kind', v)}
        options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`enums.activityKind.${k}`) }))}
        data-testid="filter-kind"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('activityPages.filterState')}
        style={{ width: 190 }}
        value={f.state ? f.state.split(',') : []}
        onChange={(v: string[]) => list.setFilter('state', v.length ? v.join(',') : undefined)}
        options={ACTIVITY_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
        data-testid="filter-state"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('activityPages.filterTeam')}
        style={{ width: 180 }}
        options={teams.options}
        value={f.teamId}
        onChange={(v?: string) => list.setFilter('teamId', v)}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('activityPages.filterVillage')}
        style={{ width: 140 }}
        options={villages.options}
        value={f.villageId}
        onChange={(v?: string) => list.setFilter('villageId', v)}
      />
      {mode === 'list' && (
        <DatePicker.RangePicker
          style={{ width: 240 }}
          placeholder={[t('fields.from'), t('fields.to')]}
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          onChange={(range) =>
            list.setFilters({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={t('activityPages.title')}
        description={t('activityPages.description')}
        extra={
          <Space wrap>
            <Segmented
              value={mode}
              onChange={(v) => setMode(String(v))}
              options={[
                { value: 'list', label: t('activityPages.modeList'), icon: <UnorderedListOutlined /> },
                { value: 'calendar', label: t('activityPages.modeCalendar'), icon: <CalendarOutlined /> },
              ]}
              data-testid="activities-mode"
            />
            {manage && (
              <ExportButton
                endpoint={`${ACTIVITIES}/export.xlsx`}
                query={list.query}
                fileName={t('activityPages.exportName')}
              />
            )}
          </Space>
        }
      />
      {mode === 'calendar' ? (
        <ActivityCalendar
          filters={filters}
          query={{ kind: f.kind, state: f.state, teamId: f.teamId, villageId: f.villageId, q: list.q || undefined }}
          onCreate={manage ? () => setCreating(true) : undefined}
        />
      ) : (
        <ListTable<ActivitySummary>
          list={list}
          searchPlaceholder={t('activityPages.search')}
          emptyText={t('activityPages.empty')}
          showDisabledToggle={false}
          onCreate={manage ? () => setCreating(true) : undefined}
          createLabel={t('activityPages.create')}
          filters={filters}
          columns={[
            {
              title: t('activityPages.titleCol'),
              dataIndex: 'title',
              fixed: 'left',
              render: (title: string, r) => (
                <Space size={4} direction="vertical">
                  <Link to={`/activities/${r.id}`} data-testid="activity-link">
                    {title}
                  </Link>
                  {r.stallKinds.length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.stallKinds.join(' · ')}
                    </Typography.Text>
                  )}
                </Space>
              ),
            },
            { title: t('activityPages.kindCol'), dataIndex: 'kind', render: (k: string) => <KindTag kind={k} /> },
            { title: t('activityPages.stateCol'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> },
            {
              title: t('activityPages.time'),
              key: 'time',
              render: (_v, r) => <span style={{ whiteSpace: 'nowrap' }}>{timeRange(r.startAt, r.endAt)}</span>,
            },
            {
              title: t('activityPages.place'),
              key: 'place',
              render: (_v, r) => (
                <div className="lx-ellipsis" style={{ maxWidth: 220 }} title={placeText(t, r)}>
                  {placeText(t, r)}
                </div>
              ),
            },
            { title: t('activityPages.teams'), key: 'teams', render: (_v, r) => <TeamTags teams={r.teams} max={1} /> },
            {
              title: t('activityPages.places'),
              key: 'places',
              align: 'right',
              render: (_v, r) => placesText(t, r),
            },
            { title: t('activityPages.personTimes'), dataIndex: 'personTimes', align: 'right' },
            { title: t('activityPages.deeds'), dataIndex: 'deeds', align: 'right' },
          ]}
        />
      )}
      {manage && (
        <ActivityFormDrawer
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(id) => navigate(`/activities/${id}`)}
        />
      )}
    </>
  );
}
