/** The request's history: one timeline item per entry, with its icon, colour, actor, note and photos. */
import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  ExclamationCircleOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  MergeCellsOutlined,
  RollbackOutlined,
  SendOutlined,
  StarOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { Image, Space, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import type { TimelineEntry } from './types.ts';

const KIND_STYLE: Record<string, { icon: ReactNode; colour: string }> = {
  accept: { icon: <CheckCircleOutlined />, colour: 'blue' },
  reject: { icon: <CloseCircleOutlined />, colour: 'gray' },
  dispatch: { icon: <SendOutlined />, colour: 'blue' },
  return: { icon: <RollbackOutlined />, colour: 'orange' },
  start: { icon: <ClockCircleOutlined />, colour: 'blue' },
  progress: { icon: <EditOutlined />, colour: 'blue' },
  visit: { icon: <EyeOutlined />, colour: 'cyan' },
  meeting: { icon: <TeamOutlined />, colour: 'purple' },
  request_extension: { icon: <FieldTimeOutlined />, colour: 'orange' },
  decide_extension: { icon: <FieldTimeOutlined />, colour: 'orange' },
  resolve: { icon: <CheckCircleOutlined />, colour: 'green' },
  close_unresolved: { icon: <CloseCircleOutlined />, colour: 'red' },
  rate: { icon: <StarOutlined />, colour: 'gold' },
  public_rate: { icon: <StarOutlined />, colour: 'gold' },
  reopen: { icon: <RollbackOutlined />, colour: 'red' },
  public_reopen: { icon: <RollbackOutlined />, colour: 'red' },
  archive: { icon: <CheckCircleOutlined />, colour: 'gray' },
  supervise: { icon: <ExclamationCircleOutlined />, colour: 'red' },
  merge: { icon: <MergeCellsOutlined />, colour: 'purple' },
  merged_in: { icon: <MergeCellsOutlined />, colour: 'purple' },
};

/** The label of a timeline kind: an action, or one of the other kinds; unknown kinds as they are. */
export function kindLabel(t: TFunction, kind: string): string {
  return t(`enums.requestAction.${kind}`, {
    defaultValue: t(`enums.timelineKind.${kind}`, { defaultValue: kind }),
  });
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Lines drawn from an entry's data: meeting, extension, rating, assignee. */
export function entryDetails(t: TFunction, entry: TimelineEntry): string[] {
  const d = entry.data ?? {};
  const lines: string[] = [];
  const assignee = str(d.assigneeName);
  if (assignee) {
    const kind = str(d.assigneeKind);
    lines.push(`→ ${kind ? `${t(`enums.assigneeKind.${kind}`)} · ` : ''}${assignee}`);
  }
  const meetingAt = str(d.meetingAt);
  if (meetingAt) lines.push(`${t('requests.meetingAt')}：${formatDateTime(meetingAt).slice(0, 16)}`);
  const attendees = str(d.attendees);
  if (attendees) lines.push(`${t('requests.attendeesLabel')}：${attendees}`);
  const decisions = str(d.decisions);
  if (decisions) lines.push(`${t('requests.decisionsLabel')}：${decisions}`);
  if (typeof d.extensionDays === 'number') lines.push(t('requests.extensionLabel', { days: d.extensionDays }));
  if (typeof d.approve === 'boolean') lines.push(d.approve ? t('requests.approved') : t('requests.declined'));
  if (typeof d.rating === 'number') lines.push(t('requests.ratingLabel', { rating: d.rating }));
  return lines;
}

export function RequestTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="request-timeline"
      items={entries.map((entry) => {
        const style = KIND_STYLE[entry.kind] ?? { icon: <SendOutlined />, colour: 'gray' };
        return {
          key: entry.id,
          color: style.colour,
          icon: style.icon,
          content: (
            <div data-testid={`timeline-${entry.kind}`}>
              <Space size={8} wrap>
                <Typography.Text strong>{kindLabel(t, entry.kind)}</Typography.Text>
                <Typography.Text type="secondary">{entry.actorName ?? t('requests.system')}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(entry.at)}
                </Typography.Text>
              </Space>
              {entry.note && (
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {entry.note}
                </Typography.Paragraph>
              )}
              {entryDetails(t, entry).map((line) => (
                <div key={line} style={{ color: '#595959' }}>
                  {line}
                </div>
              ))}
              {entry.photos.length > 0 && (
                <Image.PreviewGroup>
                  <Space wrap style={{ marginTop: 6 }}>
                    {entry.photos.map((p) => (
                      <Image key={p.id} src={p.url} width={72} height={72} style={{ objectFit: 'cover' }} />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
