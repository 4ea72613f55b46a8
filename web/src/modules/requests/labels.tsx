/** Tags and labels of requests: status colours, urgency, due-date countdown, category icons. */
import {
  AlertOutlined,
  BulbOutlined,
  CarOutlined,
  DropboxOutlined,
  EnvironmentOutlined,
  HeartOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  QuestionCircleOutlined,
  SafetyOutlined,
  TeamOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES, type RequestStatus } from '../../../../common/requests/lifecycle.ts';

export const STATUS_COLOURS: Record<RequestStatus, string> = {
  submitted: 'gold',
  accepted: 'blue',
  rejected: 'default',
  dispatched: 'geekblue',
  in_progress: 'processing',
  resolved: 'green',
  rated: 'cyan',
  archived: 'default',
  merged: 'purple',
};

/** Hex colours for charts, matching the tags. */
export const STATUS_HEX: Record<RequestStatus, string> = {
  submitted: '#faad14',
  accepted: '#1677ff',
  rejected: '#8c8c8c',
  dispatched: '#2f54eb',
  in_progress: '#13c2c2',
  resolved: '#52c41a',
  rated: '#08979c',
  archived: '#bfbfbf',
  merged: '#722ed1',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOURS[status as RequestStatus] ?? 'default'} data-testid="status-tag">
      {t(`enums.requestStatus.${status}`)}
    </Tag>
  );
}

const URGENCY_COLOURS: Record<string, string> = { normal: 'default', urgent: 'orange', critical: 'red' };

export function UrgencyTag({ urgency }: { urgency: string }) {
  const { t } = useTranslation();
  return <Tag color={URGENCY_COLOURS[urgency] ?? 'default'}>{t(`enums.urgency.${urgency}`)}</Tag>;
}

/** Whole days from now until `dueAt` (negative when past), counted on Shanghai calendar days. */
export function daysUntil(dueAt: string): number {
  const due = dayjs.utc(dueAt).tz('Asia/Shanghai').startOf('day');
  const today = dayjs().tz('Asia/Shanghai').startOf('day');
  return Math.round(due.diff(today, 'day', true));
}

/** "剩 3 天" / "今天到期" / "已超期 2 天" for an open request. */
export function dueHint(t: TFunction, dueAt: string, overdue: boolean): string {
  const days = daysUntil(dueAt);
  // dueAt is the end of a day (midnight exclusive), so the last day is the one before.
  const left = days - 1;
  if (overdue) return t('requests.overdueDays', { days: Math.max(1, -left) });
  if (left <= 0) return t('requests.dueToday');
  return t('requests.daysLeft', { days: left });
}

/** The due date with its countdown (red when overdue); plain date once closed. */
export function DueCell({ r }: { r: { dueAt: string | null; overdue: boolean; status: string } }) {
  const { t } = useTranslation();
  if (!r.dueAt) return <>{t('common.none')}</>;
  const shown = dayjs.utc(r.dueAt).subtract(1, 'second').tz('Asia/Shanghai').format('MM-DD');
  const open = OPEN_STATUSES.includes(r.status as RequestStatus);
  return (
    <span data-testid="due">
      <Typography.Text type={r.overdue ? 'danger' : undefined} strong={r.overdue}>
        {shown}
      </Typography.Text>
      {open && (
        <Typography.Text type={r.overdue ? 'danger' : 'secondary'} style={{ marginLeft: 6, fontSize: 12 }}>
          {dueHint(t, r.dueAt, r.overdue)}
        </Typography.Text>
      )}
    </span>
  );
}

const ICONS: Record<string, ReactNode> = {
  road: <CarOutlined />,
  water: <DropboxOutlined />,
  power: <ThunderboltOutlined />,
  environment: <EnvironmentOutlined />,
  safety: <SafetyOutlined />,
  dispute: <TeamOutlined />,
  care: <HeartOutlined />,
  farming: <AlertOutlined />,
  housing: <HomeOutlined />,
  health: <MedicineBoxOutlined />,
  idea: <BulbOutlined />,
  other: <QuestionCircleOutlined />,
};

export function CategoryIcon({ icon }: { icon: string }) {
  return <>{ICONS[icon] ?? ICONS.other}</>;
}

export const CATEGORY_ICONS = Object.keys(ICONS);

/** A rate 0–1 as a percentage, or a dash. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** Hours as "x 天 y 小时" (or only hours under a day). */
export function formatHours(t: TFunction, hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return t('figures.noValue');
  const whole = Math.round(hours);
  const days = Math.floor(whole / 24);
  return days > 0 ? t('figures.daysHours', { days, hours: whole % 24 }) : t('figures.hours', { hours: whole });
}

/** The assignee as "服务队 · 绿色产业发展服务队". */
export function assigneeText(t: TFunction, r: { assigneeKind: string | null; assigneeName: string | null }): string {
  if (!r.assigneeKind || !r.assigneeName) return t('requests.unassigned');
  return `${t(`enums.assigneeKind.${r.assigneeKind}`)} · ${r.assigneeName}`;
}
