/** 在岗 / 暂停 / 离队 as a coloured tag. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MemberStatus } from '../../../../common/members/schemas.ts';

const COLOUR: Record<MemberStatus, string> = { active: 'success', paused: 'warning', left: 'default' };

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOUR[status]}>{t(`members.statuses.${status}`)}</Tag>;
}
