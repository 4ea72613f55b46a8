/** Upcoming shifts, on the member page and the team page. */
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { UpcomingShift } from '../../../../common/members/schemas.ts';
import { formatDateTime } from '../../app/format.ts';

type Shift = z.infer<typeof UpcomingShift>;

export function ShiftTable({ shifts, showPerson = false }: { shifts: Shift[]; showPerson?: boolean }) {
  const { t } = useTranslation();
  return (
    <Table<Shift>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={shifts}
      columns={[
        { title: t('memberPages.date'), dataIndex: 'date' },
        {
          title: t('memberPages.shift'),
          key: 'shift',
          render: (_v, s) =>
            `${s.shiftName} ${formatDateTime(s.startAt).slice(11, 16)}–${formatDateTime(s.endAt).slice(11, 16)}`,
        },
        { title: t('memberPages.workstation'), dataIndex: 'workstationName' },
        ...(showPerson ? [{ title: t('fields.displayName'), dataIndex: 'personName' }] : []),
        {
          title: t('common.status'),
          dataIndex: 'status',
          render: (s: string) => <Tag>{t(`memberPages.shiftStatus.${s}`, { defaultValue: s })}</Tag>,
        },
      ]}
    />
  );
}
