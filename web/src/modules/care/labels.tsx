/** Small displays shared by the care pages: kind tags, risk and condition colours, the overdue badge. */
import { Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { Condition, PairedMember, RecipientKind, RiskLevel } from '../../../../common/care/schemas.ts';
import { formatDate } from '../../app/format.ts';

export const KIND_COLOURS: Record<RecipientKind, string> = {
  elderly_alone: 'volcano',
  left_behind_child: 'geekblue',
  disabled: 'purple',
  poverty_alleviated: 'gold',
  other: 'default',
};
export const KIND_HEX: Record<RecipientKind, string> = {
  elderly_alone: '#d4380d',
  left_behind_child: '#1d39c4',
  disabled: '#722ed1',
  poverty_alleviated: '#d48806',
  other: '#8c8c8c',
};
export const RISK_COLOURS: Record<RiskLevel, string> = { low: 'green', medium: 'orange', high: 'red' };
export const CONDITION_COLOURS: Record<Condition, string> = {
  good: 'green',
  fair: 'blue',
  poor: 'orange',
  urgent: 'red',
};

export function KindTags({ kinds }: { kinds: readonly RecipientKind[] }) {
  const { t } = useTranslation();
  return (
    <Space size={[0, 4]} wrap>
      {kinds.map((k) => (
        <Tag key={k} color={KIND_COLOURS[k]}>
          {t(`carePages.kindLabels.${k}`)}
        </Tag>
      ))}
    </Space>
  );
}

export function RiskTag({ risk }: { risk: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <Tag color={RISK_COLOURS[risk]} data-testid="risk-tag">
      {t(`carePages.riskLabels.${risk}`)}
    </Tag>
  );
}

export function ConditionTag({ condition }: { condition: Condition }) {
  const { t } = useTranslation();
  return <Tag color={CONDITION_COLOURS[condition]}>{t(`carePages.conditionLabels.${condition}`)}</Tag>;
}

/** "每周" for a named frequency, else "每 10 天". */
export function FrequencyText({ frequency, days }: { frequency: string | null; days: number }) {
  const { t } = useTranslation();
  return <>{frequency ? t(`carePages.frequencyLabels.${frequency}`) : t('carePages.everyDays', { days })}</>;
}

/** Next due date, red with the days overdue when late. */
export function DueText({ nextDueAt, overdue }: { nextDueAt: string | null; overdue: boolean }) {
  const { t } = useTranslation();
  const [now] = useState(Date.now);
  if (!nextDueAt) return <>{t('common.none')}</>;
  if (!overdue) return <>{formatDate(nextDueAt)}</>;
  const days = Math.max(1, Math.floor((now - Date.parse(nextDueAt)) / 86_400_000));
  return (
    <Tooltip title={formatDate(nextDueAt)}>
      <Tag color="error" data-testid="overdue-badge">
        {t('carePages.overdueDays', { days })}
      </Tag>
    </Tooltip>
  );
}

export function PairedNames({ members }: { members: readonly z.infer<typeof PairedMember>[] }) {
  const { t } = useTranslation();
  if (members.length === 0) return <Tag>{t('carePages.unpaired')}</Tag>;
  return (
    <>
      {members.map((m, i) => (
        <span key={m.pairingId}>
          {i > 0 && '、'}
          {m.name}
          {m.primary && members.length > 1 && <small style={{ color: '#8c8c8c' }}>（{t('carePages.primary')}）</small>}
        </span>
      ))}
    </>
  );
}
