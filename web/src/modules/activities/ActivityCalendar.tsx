/** The month calendar of activities: each day lists its service days and campaigns, linked to them. */
import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Calendar, Card, Spin, Tooltip } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ListResult, type Query } from '../../app/api.ts';
import { TIME_ZONE } from '../../app/format.ts';
import { KIND_HEX, placeText } from './labels.tsx';
import { ACTIVITIES, type ActivitySummary } from './types.ts';
import './activities.css';

interface ActivityCalendarProps {
  filters: ReactNode;
  query: Query;
  onCreate?: () => void;
}

export function ActivityCalendar({ filters, query, onCreate }: ActivityCalendarProps) {
  const { t } = useTranslation();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  // The visible grid spans about six weeks around the month.
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(14, 'day').format('YYYY-MM-DD');
  const result = useQuery({
    queryKey: [ACTIVITIES, 'calendar', { ...query, from, to }],
    queryFn: () =>
      api<ListResult<ActivitySummary>>(ACTIVITIES, {
        query: { ...query, from, to, pageSize: 100, sort: 'start_asc' },
      }),
  });
  const byDate = new Map<string, ActivitySummary[]>();
  for (const a of result.data?.items ?? []) {
    const date = dayjs.utc(a.startAt).tz(TIME_ZONE).format('YYYY-MM-DD');
    byDate.set(date, [...(byDate.get(date) ?? []), a]);
  }

  return (
    <Card variant="borderless">
      <div className="lx-toolbar">
        {filters}
        <span className="lx-toolbar-spacer" />
        {result.isFetching && <Spin size="small" />}
        {onCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="create-button">
            {t('activityPages.create')}
          </Button>
        )}
      </div>
      <Calendar
        value={month}
        onPanelChange={(d) => setMonth(d)}
        onSelect={(d) => setMonth(d)}
        data-testid="activity-calendar"
        cellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const items = byDate.get(d.format('YYYY-MM-DD')) ?? [];
          return (
            <ul className="lx-activity-cell">
              {items.map((a) => (
                <li key={a.id}>
                  <Tooltip
                    title={`${dayjs.utc(a.startAt).tz(TIME_ZONE).format('HH:mm')}–${dayjs
                      .utc(a.endAt)
                      .tz(TIME_ZONE)
                      .format(
                        'HH:mm',
                      )} · ${placeText(t, a)}${a.stallKinds.length ? ` · ${a.stallKinds.join('、')}` : ''}`}
                  >
                    <Link to={`/activities/${a.id}`} onClick={(e) => e.stopPropagation()} data-testid="calendar-item">
                      <Badge
                        color={a.state === 'cancelled' ? '#bfbfbf' : (KIND_HEX[a.kind] ?? '#8c8c8c')}
                        text={
                          <span className={a.state === 'cancelled' ? 'lx-activity-cancelled' : undefined}>
                            {dayjs.utc(a.startAt).tz(TIME_ZONE).format('HH:mm')} {a.title}
                          </span>
                        }
                      />
                    </Link>
                  </Tooltip>
                </li>
              ))}
            </ul>
          );
        }}
      />
    </Card>
  );
}
